package names

// Edit costs between codes, in hundredths of a full substitution. Sounds that
// romanisations and neighbouring languages swap for each other are cheap:
// vowels that Belarusian akanne and Azerbaijani ə move (a/o, a/e), g/h/kh
// (Igor/Ihar, Həsən/Гасан, Xəlil/Khalil), ts/t (Belarusian tsekanne), the
// sibilants, v/u (ў), the glide i/j.
const (
	costFull        = 100
	costVowel       = 40 // any other vowel for vowel
	costVowelIndel  = 40
	costVowelDrop   = 100 // a vowel other than i, between consonants, spelt in one word only: a hard edit
	costGlideIndel  = 30  // i and the ambiguous j
	costHIndel      = 80
	costXAsKS       = 15 // Latin x read as ks (Alexander, Aleksandr)
	costOWAsU       = 10 // French ou read as u (Boulat, Булат)
	costWIndel      = 60 // ў
	costHSilent     = 20 // Armenian h (H) at the start of a word or between vowels (Hakobyan, Акопян)
	costAfterH      = 10 // the vowel after H, when it repeats the one before (Sahakyan, Саакян)
	costTsekanne    = 20 // ц against т before i or e: Belarusian ці, це (Putsila, Путило)
	costConsonantIn = costFull
)

// hardEditFactor multiplies a word's similarity for each hard edit.
const hardEditFactor = 0.93

var cheapPairs = []struct {
	a, b byte
	cost int32
}{
	{'a', 'e', 25}, {'a', 'o', 20}, {'e', 'i', 30}, {'e', 'o', 30}, {'o', 'u', 30},
	{'E', 'a', 5}, {'E', 'e', 5}, {'E', 'i', 30}, {'E', 'o', 30},
	{'i', 'j', 15}, {'j', 'J', 20}, {'j', 'Z', 30}, {'j', 'c', 45},
	{'g', 'h', 15}, {'h', 'X', 15}, {'g', 'X', 35}, {'k', 'X', 40}, {'g', 'k', 30},
	{'q', 'g', 10}, {'q', 'k', 10}, {'q', 'X', 30}, {'q', 'h', 30},
	{'x', 'X', 15}, {'x', 'k', 40}, {'x', 'h', 30}, {'C', 'X', 20},
	{'v', 'f', 40}, {'v', 'u', 35}, {'b', 'p', 40},
	{'w', 'v', 5}, {'w', 'u', 30}, {'w', 'f', 45},
	{'H', 'h', 5}, {'H', 'g', 15}, {'H', 'X', 15},
	{'Y', 's', 3}, {'Y', 'z', 5}, {'Y', 'S', 45}, {'Y', 'Z', 45}, {'Y', 'c', 45},
	{'d', 't', 45}, {'c', 't', 45}, {'c', 's', 50}, {'c', 'z', 35}, {'c', 'C', 45},
	{'C', 'S', 50}, {'C', 'J', 35}, {'S', 's', 45}, {'S', 'Z', 50}, {'Z', 'J', 30},
	{'Z', 'z', 45}, {'s', 'z', 30}, {'J', 'c', 40},
}

// costs holds the substitution and insertion costs; read-only after init.
type costs struct {
	sub     [128][128]int32
	special [128][128]bool // pairs with moves that look at other codes (specialMoves)
	indel   [128]int32
	weight  [128]int32 // a code's share of a word's weight
}

var editCosts = buildCosts()

func buildCosts() *costs {
	c := &costs{}
	for a := 0; a < 128; a++ {
		c.indel[a] = costConsonantIn
		for b := 0; b < 128; b++ {
			switch {
			case a == b:
				c.sub[a][b] = 0
			case isVowelCode(byte(a)) && isVowelCode(byte(b)):
				c.sub[a][b] = costVowel
			default:
				c.sub[a][b] = costFull
			}
		}
	}
	for _, v := range []byte("aeiouE") {
		c.indel[v] = costVowelIndel
	}
	c.indel['i'] = costGlideIndel
	c.indel['j'] = costGlideIndel
	c.indel['h'] = costHIndel
	c.indel['w'] = costWIndel
	c.indel['H'] = costHIndel
	c.weight = c.indel
	c.indel['H'] = costHSilent
	for _, p := range cheapPairs {
		c.sub[p.a][p.b] = p.cost
		c.sub[p.b][p.a] = p.cost
	}
	for _, p := range [][2]byte{{'c', 't'}, {'x', 's'}, {'u', 'w'}} {
		c.special[p[0]][p[1]] = true
		c.special[p[1]][p[0]] = true
	}
	return c
}

// distance is a weighted Levenshtein distance between two code strings of at
// most maxTokenCodes codes, with two extra moves: Latin x against k+s, and
// o+w (French ou) against u; and ц against т costs less before i or e
// (Belarusian ці, це for ти, те). It
// also returns the number of hard edits on the cheapest path: edits that
// cost a full substitution, which variants of one name rarely need
// (Golovkin/Golovin, Safronov/Safonov). Both results are symmetric.
func distance(a, b string) (cost, hard int32) {
	if len(a) > maxTokenCodes {
		a = a[:maxTokenCodes]
	}
	if len(b) > maxTokenCodes {
		b = b[:maxTokenCodes]
	}
	c := editCosts
	// Each cell packs cost<<8 | hard edits, so that one comparison picks the
	// cheapest path and, among equals, the one with fewer hard edits. Three
	// rolling rows: the x/ks move looks two rows back.
	step := func(v int32) int32 {
		if v >= costFull {
			return v<<8 | 1
		}
		return v << 8
	}
	var delB [maxTokenCodes + 1]int32
	for j := 1; j <= len(b); j++ {
		delB[j] = step(c.deletion(b, j-1))
	}
	var rows [3][maxTokenCodes + 1]int32
	prev2, prev, cur := &rows[0], &rows[1], &rows[2]
	for j := 1; j <= len(b); j++ {
		prev[j] = prev[j-1] + delB[j]
	}
	for i := 1; i <= len(a); i++ {
		ca := a[i-1] & 0x7f
		delA := step(c.deletion(a, i-1))
		cur[0] = prev[0] + delA
		for j := 1; j <= len(b); j++ {
			cb := b[j-1] & 0x7f
			best := prev[j-1] + step(c.sub[ca][cb])
			if v := prev[j] + delA; v < best {
				best = v
			}
			if v := cur[j-1] + delB[j]; v < best {
				best = v
			}
			if c.special[ca][cb] {
				best = c.specialMoves(a, b, i, j, best, prev2, prev)
			}
			cur[j] = best
		}
		prev2, prev, cur = prev, cur, prev2
	}
	v := prev[len(b)]
	return v >> 8, v & 0xff
}

// specialMoves returns the cost of cell (i, j) of distance, best so far,
// with the moves that look beyond the two codes a[i-1] and b[j-1]: ц against
// т before i or e in either word (Belarusian ці, це, ця for ти, те, тя:
// Ціханоўская, Тихановская; Цярэшчанка, Терещенко), x against k+s, o+w
// against u.
func (c *costs) specialMoves(a, b string, i, j int, best int32, prev2, prev *[maxTokenCodes + 1]int32) int32 {
	ca, cb := a[i-1], b[j-1]
	switch {
	case (ca == 'c' && cb == 't' || ca == 't' && cb == 'c') &&
		(i < len(a) && isFrontVowel(a[i]) || j < len(b) && isFrontVowel(b[j])):
		best = min(best, prev[j-1]+costTsekanne<<8)
	case ca == 'x' && cb == 's' && j >= 2 && b[j-2] == 'k':
		best = min(best, prev[j-2]+costXAsKS<<8)
	case cb == 'x' && ca == 's' && i >= 2 && a[i-2] == 'k':
		best = min(best, prev2[j-1]+costXAsKS<<8)
	case ca == 'u' && cb == 'w' && j >= 2 && b[j-2] == 'o':
		best = min(best, prev[j-2]+costOWAsU<<8)
	case cb == 'u' && ca == 'w' && i >= 2 && a[i-2] == 'o':
		best = min(best, prev2[j-1]+costOWAsU<<8)
	}
	return best
}

func isFrontVowel(c byte) bool { return c == 'i' || c == 'e' }

// deletion is the cost of deleting s[i]. The ч of щ (shch) is often
// dropped in English spellings (Plushenko for Плющенко), so it is cheap.
// The Armenian h that Russian drops (H) is cheap too, and a vowel that
// repeats the one before it goes with it (Sahakyan, Саакян; Vahagn, Ваагн).
func (c *costs) deletion(s string, i int) int32 {
	switch s[i] {
	case 'C':
		if i > 0 && s[i-1] == 'S' {
			return costVowelIndel
		}
	case 'a', 'e', 'i', 'o', 'u', 'E':
		if i >= 2 && s[i-1] == 'H' && s[i-2] == s[i] {
			return costAfterH
		}
		if s[i] != 'i' && i > 0 && i+1 < len(s) && !isVowelCode(s[i-1]) && !isVowelCode(s[i+1]) {
			return costVowelDrop
		}
	}
	return c.indel[s[i]&0x7f]
}

// codeSim turns the distance into a similarity in [0,1], relative to the
// cost of deleting the heavier word: consonants weigh more than vowels, so
// Moskalkova/Moskaleva (a consonant apart) score lower than
// Sabalenka/Sobolenko (vowels apart).
func codeSim(a, b string) float64 {
	if a == b {
		return 1
	}
	w := max(weight(a), weight(b))
	if w == 0 {
		return 0
	}
	cost, hard := distance(a, b)
	s := 1 - float64(cost)/float64(w)
	for ; hard > 0 && s > 0; hard-- {
		s *= hardEditFactor
	}
	if s < 0 {
		return 0
	}
	return s
}

// weight is the weight of the first maxTokenCodes codes of a word: the cost
// of deleting them at the plain indel costs (a vowel 40, a consonant 100).
func weight(code string) int32 {
	var w int32
	for i := 0; i < len(code) && i < maxTokenCodes; i++ {
		w += editCosts.weight[code[i]&0x7f]
	}
	return w
}
