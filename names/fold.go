package names

import (
	"strings"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Limits that bound the work done for one name, whatever the input. A name
// longer than maxInputBytes is cut (at a rune boundary) before anything else
// runs, so a 10,000-character name costs no more than a 200-character one.
const (
	maxInputBytes = 512 // bytes of input looked at
	maxWords      = 10  // words kept, patronymic markers included
	maxTokens     = 8   // words compared, after patronymics are set apart
	maxTokenCodes = 24  // codes kept per word
)

// word is one word of a name folded to codes.
type word struct {
	code    string
	initial bool // written as a single letter ("I." in "I. Aliyev")
}

// clip cuts s to maxInputBytes, drops invalid UTF-8 and applies NFKC, which
// folds compatibility forms (full-width letters, ligatures) and composes
// letters with their diacritics.
func clip(s string) string {
	s = cutBytes(s, maxInputBytes)
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "")
	}
	if !norm.NFKC.IsNormalString(s) {
		s = cutBytes(norm.NFKC.String(s), 2*maxInputBytes)
	}
	return s
}

// cutBytes returns at most n bytes of s, not splitting a UTF-8 sequence.
func cutBytes(s string, n int) string {
	if len(s) <= n {
		return s
	}
	i := n
	for i > n-utf8.UTFMax && i > 0 && !utf8.RuneStart(s[i]) {
		i--
	}
	return s[:i]
}

// folder turns the text of a name into words of codes.
type folder struct {
	az      bool
	latin   []byte // pending Latin letters, parsed as a run for digraphs
	cur     []byte // codes of the current part of a hyphenated word
	word    []byte // codes of the finished parts of the current word
	letters int    // letters seen in the current word
	words   []word
	unknown bool
}

// scanWords folds s into at most maxWords words. unknown reports letters of
// a script the scorer does not fold (Arabic, Georgian, Han…).
func scanWords(s string) (words []word, unknown bool) {
	s = clip(s)
	var latin, cur, word [64]byte
	f := folder{
		az:    strings.ContainsAny(s, azMarkers),
		latin: latin[:0],
		cur:   cur[:0],
		word:  word[:0],
	}
	for _, r := range s {
		class, text := classify(r, f.az)
		switch class {
		case classSkip:
		case classHyphen:
			f.endPart()
		case classLatin:
			f.latin = append(f.latin, text...)
			f.letters++
		case classCyrillic:
			f.endLatin()
			f.cur = append(f.cur, text...)
			f.letters++
		case classUnknown:
			f.unknown = true
			f.letters++
		default:
			f.endWord()
		}
	}
	f.endWord()
	return f.words, f.unknown
}

func (f *folder) endLatin() {
	if len(f.latin) > 0 {
		f.cur = parseLatin(f.cur, f.latin)
		f.latin = f.latin[:0]
	}
}

// endPart applies the spelling rules to one part of a word: the parts of
// Kassym-Jomart or Kara-Murza are folded as words of their own, then joined.
func (f *folder) endPart() {
	f.endLatin()
	if len(f.cur) > 0 {
		f.word = append(f.word, applyRules(f.cur)...)
	}
	f.cur = f.cur[:0]
}

func (f *folder) endWord() {
	f.endPart()
	if len(f.word) > 0 && len(f.words) < maxWords {
		code := dedupe(f.word)
		if len(code) > maxTokenCodes {
			code = code[:maxTokenCodes]
		}
		f.words = append(f.words, word{code: string(code), initial: f.letters == 1})
	}
	f.word = f.word[:0]
	f.letters = 0
}

// latinDigraphs lists the letter groups of romanisations in the wild, longest
// first for each leading letter: English/BGN (kh zh sh shch ts), German (sch
// tsch dsch tz w), Polish (sz cz szcz ch w) and others.
var latinDigraphs = [...]struct{ from, to string }{
	{"shch", "SC"}, {"szcz", "SC"}, {"sch", "S"}, {"sh", "S"}, {"sz", "S"},
	{"tsch", "C"}, {"tch", "C"}, {"ts", "c"}, {"tz", "c"}, {"th", "t"},
	{"dzh", "J"}, {"dsch", "J"}, {"dj", "J"},
	{"zh", "Z"}, {"kh", "X"}, {"ch", "C"}, {"cz", "C"},
	{"gh", "g"}, {"ph", "f"},
}

// parseLatin appends to dst the codes for a run of Latin letters src (lower
// case, with Azerbaijani and other special letters already mapped to codes).
func parseLatin(dst, src []byte) []byte {
	for i := 0; i < len(src); {
		matched := false
		for _, d := range latinDigraphs {
			if d.from[0] == src[i] && hasPrefix(src[i:], d.from) {
				dst = append(dst, d.to...)
				i += len(d.from)
				matched = true
				break
			}
		}
		if matched {
			continue
		}
		c := src[i]
		switch c {
		case 'y':
			c = 'i'
		case 'w':
			c = 'v'
		case 'q':
			c = 'g'
		case 'c':
			if i+1 < len(src) && src[i+1] == 't' { // Victor, Victoria
				c = 'k'
			}
		}
		dst = append(dst, c)
		i++
	}
	return dst
}

func hasPrefix(b []byte, p string) bool {
	return len(b) >= len(p) && string(b[:len(p)]) == p
}

// applyRules rewrites a word's codes in place so that the usual spellings of
// one sound sequence meet: it resolves the ambiguous j, merges d+ж into дж,
// reads Belarusian ў written as u, drops glides that romanisations add or
// omit (Aliyev/Aliev, Mustafayev/Mustafaev), reads я ю ё е after a consonant
// as plain vowels (Siarhei/Sergei, Lyudmila/Ludmila, Pyotr/Petr) and removes
// doubled letters.
func applyRules(b []byte) []byte {
	b = resolveJ(b)
	b = mergeAffricates(b)
	b = dedupe(b)
	// Belarusian ў after a vowel (Tsikhanouskaya, Makarau) reads as v; not
	// before r, where ou is more likely French (Teimour, Zourabichvili).
	for k := 1; k < len(b); k++ {
		if b[k] == 'u' && isOpenVowel(b[k-1]) && (k+1 == len(b) || !isVowelCode(b[k+1]) && b[k+1] != 'r') {
			b[k] = 'v'
		}
	}
	// A glide between a vowel and e is spelt or not: Mustafayev, Mustafaev.
	n := 0
	for k := 0; k < len(b); k++ {
		if b[k] == 'i' && k > 0 && isOpenVowel(b[k-1]) && k+1 < len(b) && b[k+1] == 'e' {
			continue
		}
		b[n] = b[k]
		n++
	}
	b = dedupe(b[:n])
	// Consonant + glide + vowel + consonant: я ю е ё after a consonant.
	n = 0
	for k := 0; k < len(b); k++ {
		if b[k] == 'i' && k > 0 && !isVowelCode(b[k-1]) && k+2 < len(b) &&
			isGlidedVowel(b[k+1]) && !isVowelCode(b[k+2]) {
			if b[k+1] == 'o' {
				b[k+1] = 'e'
			}
			continue
		}
		b[n] = b[k]
		n++
	}
	b = b[:n]
	// Initial ye/ie/je: Yevgeny, Evgeny.
	if len(b) > 2 && b[0] == 'i' && b[1] == 'e' {
		b = b[1:]
	}
	// Persian-style -zadeh.
	if len(b) > 5 && string(b[len(b)-5:]) == "zadeh" {
		b = b[:len(b)-1]
	}
	return dedupe(b)
}

func isOpenVowel(c byte) bool {
	return c == 'a' || c == 'e' || c == 'o' || c == 'E'
}

func isGlidedVowel(c byte) bool {
	return c == 'a' || c == 'e' || c == 'o' || c == 'u'
}

// resolveJ reads the Latin j as a glide (i) where Slavic spellings put it:
// at the end after e or i (Andrej, Jurij), between a consonant and u, o or e
// (Ljudmila, Semjon, Jazenjuk) and between a vowel and e (Alijew). Elsewhere it stays ambiguous (j) and
// the edit costs let it stand for a glide, дж or ж: Jafar or Jelena, Hajiyev
// or Sergejew, Burjanadze or Tatjana, Eltaj or Nikolaj.
func resolveJ(b []byte) []byte {
	for k, c := range b {
		if c != 'j' || k == 0 {
			continue
		}
		prev := b[k-1]
		switch {
		case k+1 == len(b):
			if prev == 'e' || prev == 'i' {
				b[k] = 'i'
			}
		case !isVowelCode(prev) && prev != 'j':
			if next := b[k+1]; next == 'u' || next == 'o' || next == 'e' {
				b[k] = 'i'
			}
		case b[k+1] == 'e': // German -ijew, -ajew: Alijew, Sergejew
			b[k] = 'i'
		}
	}
	return b
}

// mergeAffricates merges d+ж and d+дж into дж (Dž, Джафаров), t+ч into ч,
// t+s into ц (Магнитский), and reads Belarusian дз (Dzmitry, Uladzimir) and
// German ds before a vowel (Schewardnadse) as d.
func mergeAffricates(b []byte) []byte {
	n := 0
	for k := 0; k < len(b); k++ {
		c := b[k]
		if k+1 < len(b) {
			next := b[k+1]
			switch {
			case c == 'd' && (next == 'Z' || next == 'J'):
				c = 'J'
				k++
			case c == 't' && next == 'C':
				continue
			case c == 't' && next == 's':
				c = 'c'
				k++
			case c == 'd' && next == 'z':
				k++
			case c == 'd' && next == 's' && k+2 < len(b) && isVowelCode(b[k+2]):
				k++
			}
		}
		b[n] = c
		n++
	}
	return b[:n]
}

// dedupe removes repeated codes: Mammadov, Mamadov.
func dedupe(b []byte) []byte {
	if len(b) < 2 {
		return b
	}
	n := 1
	for k := 1; k < len(b); k++ {
		if b[k] != b[n-1] {
			b[n] = b[k]
			n++
		}
	}
	return b[:n]
}

// codeSpelling renders codes as plain ASCII for Fold.
var codeSpelling = map[byte]string{
	'E': "a", 'S': "sh", 'Z': "zh", 'C': "ch", 'J': "dzh", 'X': "kh", 'c': "ts",
}

// spell appends the ASCII spelling of a code string.
func spell(dst []byte, code string) []byte {
	for i := 0; i < len(code); i++ {
		if s, ok := codeSpelling[code[i]]; ok {
			dst = append(dst, s...)
		} else {
			dst = append(dst, code[i])
		}
	}
	return dst
}
