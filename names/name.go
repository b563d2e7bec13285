package names

import (
	"sort"
	"strings"

	"golang.org/x/text/cases"
)

// Genders, as far as a name tells.
const (
	genderUnknown int8 = 0
	genderMale    int8 = 1
	genderFemale  int8 = 2
)

// Surname suffix families. Two surnames of different families are different
// surnames even when their stems agree (Hasanov, Hasanli, Hasanzade).
const (
	familyNone uint8 = iota
	familyOv         // -ov -ev -ova -eva, Belarusian -au -ava
	familySki        // -ski -sky -skaya -ska -tski
	familyLi         // Azerbaijani -li -lı -lu -lü, Russian -лы
	familyZade       // -zadə -zade -zadeh -заде
	familyOglu       // surnames in -oğlu (Ibadoghlu)
	familyGizi       // surnames in -qızı (Vagifgizi)
	familyEnko       // -enko -enka
	familyUk         // -uk -chuk -yuk
)

// token is a word of a name with what the scorer knows of it.
type token struct {
	code    string
	given   int16 // 1-based given-name number, 0 if the word is not in the table
	gender  int8
	family  uint8
	initial bool
	surname bool // likely the surname: has a surname suffix, or is the only unknown word beside known given names
}

// Name is a name prepared once for many comparisons. The zero Name is an
// empty name, which scores 0 against everything.
type Name struct {
	words      []word  // all the words, for joining split ones (Ter Petrosyan)
	toks       []token // words other than the patronymic
	patr       string  // the father's name (stem of a patronymic), "" if none
	patrGender int8
	gender     int8   // overall evidence, genderUnknown if none or contradictory
	exact      string // normalised text when the name has letters of an unknown script
	unknown    bool
	key        string // everything scoring depends on; orders the pair for symmetry
}

// Prepare folds s once so that it can be scored against many names.
func Prepare(s string) Name {
	words, unknown := scanWords(s)
	if unknown {
		return prepareUnknown(s)
	}
	n := prepareWords(words)
	n.words = words
	return n
}

// prepareWords builds a Name from folded words.
func prepareWords(words []word) Name {
	var n Name
	words = n.takePatronymic(words)
	if len(words) > maxTokens {
		words = words[:maxTokens]
	}
	n.toks = make([]token, len(words))
	knownGiven := false
	for i, w := range words {
		t := token{code: w.code, initial: w.initial}
		if !w.initial {
			t.given = given.lookup(w.code)
			if t.given > 0 {
				t.gender = given.names[t.given-1].gender
				knownGiven = true
			} else {
				t.code = kazakhSurname(t.code)
				t.family = familyOf(t.code)
				t.gender = suffixGender(t.code)
				t.surname = t.family != familyNone
			}
		}
		n.toks[i] = t
	}
	n.guessSurname(knownGiven)
	n.gender = n.overallGender()
	n.key = n.makeKey()
	return n
}

// guessSurname marks the surname when no word has a surname suffix but the
// name has a known given name and exactly one other full word.
func (n *Name) guessSurname(knownGiven bool) {
	if !knownGiven {
		return
	}
	other := -1
	for i, t := range n.toks {
		switch {
		case t.surname:
			return
		case t.given == 0 && !t.initial:
			if other >= 0 {
				return
			}
			other = i
		}
	}
	if other >= 0 {
		n.toks[other].surname = true
	}
}

// Known reports whether every letter of the name is in a script the scorer
// folds (Latin, Cyrillic). Names with other letters (Arabic, Georgian, Han…)
// are scored by exact comparison of their normalised text.
func (n Name) Known() bool { return !n.unknown }

// prepareUnknown keeps the normalised text of a name with letters the scorer
// does not fold: case-folded, words in sorted order.
func prepareUnknown(s string) Name {
	s = cases.Fold().String(clip(s))
	words := strings.FieldsFunc(s, func(r rune) bool {
		c, _ := classify(r, false)
		return c == classOther
	})
	sort.Strings(words)
	exact := strings.Join(words, " ")
	return Name{exact: exact, unknown: true, key: "?" + exact}
}

// Patronymic markers written as separate words: Azerbaijani oğlu/qızı,
// Russian оглы/кызы, Uzbek o'g'li/qizi, Kazakh ұлы/қызы, Kyrgyz uulu.
var patronymicMarkers = map[string]int8{
	"oglu": genderMale, "ogli": genderMale, "ugli": genderMale, "uli": genderMale, "ulu": genderMale,
	"gizi": genderFemale, "qizi": genderFemale, "kizi": genderFemale,
}

// Slavic patronymic suffixes (-ovich, -evna, -aŭna, -eŭna, -ivna, -ichna…).
var (
	malePatronymic   = []string{"oviC", "eviC", "aviC", "iviC", "iC"}
	femalePatronymic = []string{"ovna", "evna", "avna", "awna", "ewna", "ivna", "iCna"}
)

// takePatronymic sets the patronymic apart and returns the other words. A
// patronymic is a word followed by a marker (Rauf oğlu), or a word in -ovna,
// or, in names of three words or more, a word in -ovich in the middle or at
// the end (Ilham Heydarovich Aliyev, Aliyev Ilham Heydarovich) — the Belarusian
// and Serbian surnames in -ich (Pratasevich) stay surnames. A woman's name
// (a woman's given name or surname ending) has no patronymic in -ovich: its
// word in -ich is the surname (Вольга Мікалаеўна Караткевіч). When both the
// middle and the last word end in -ich, the patronymic is the one whose stem
// is nearer a given name (Ihar Karatkevich Mikalaevich); after a given name
// and an initial, the last word is the surname (Ihar M. Karatkevich). A
// Kazakh word in -ұлы, -uly is taken the same way (Нұрсұлтан Әбішұлы
// Назарбаев); in a name of two words it is the surname (Abai Qunanbaiuly).
func (n *Name) takePatronymic(words []word) []word {
	for i, w := range words {
		g, ok := patronymicMarkers[w.code]
		if !ok || len(words) < 2 {
			continue
		}
		rest := append([]word(nil), words[:i]...)
		if i > 0 {
			n.patr, n.patrGender = words[i-1].code, g
			rest = rest[:i-1]
		}
		return append(rest, words[i+1:]...)
	}
	if len(words) < 2 {
		return words
	}
	for i, w := range words {
		if stem, ok := cutSuffix(w.code, femalePatronymic); ok {
			n.patr, n.patrGender = stem, genderFemale
			return without(words, i)
		}
	}
	if len(words) < 3 || womansWords(words) {
		return words
	}
	at, best := -1, -1.0
	for _, i := range []int{1, len(words) - 1} {
		if i == len(words)-1 && initialPatronymic(words) {
			continue
		}
		stem, ok := cutSuffix(words[i].code, malePatronymic)
		if !ok {
			stem, ok = kazakhStem(words[i].code)
		}
		if !ok {
			continue
		}
		if at < 0 {
			at, n.patr = i, stem
			continue
		}
		// Both the middle and the last word end like a patronymic (Ihar
		// Karatkevich Mikalaevich): the father's name is the stem nearer a
		// given name of the table.
		if best < 0 {
			best = nearestGiven(n.patr)
		}
		if nearestGiven(stem) > best {
			at, n.patr = i, stem
		}
	}
	if at < 0 {
		return words
	}
	n.patrGender = genderMale
	return without(words, at)
}

// initialPatronymic reports a name of three words written Given P. Surname
// (Ihar M. Karatkevich): the initial holds the patronymic's place, so the
// last word is the surname even when it ends in -ich.
func initialPatronymic(words []word) bool {
	return len(words) == 3 && words[1].initial && !words[0].initial && given.lookup(words[0].code) > 0
}

// womansWords reports whether a word is a woman's given name of the table
// or ends like a woman's surname. A woman's name has no patronymic in
// -ovich, so its word in -ich is her surname (Вольга Караткевіч, Iryna
// Mikalaeuna Pratasevich when the patronymic is spelt in a way not listed).
func womansWords(words []word) bool {
	for _, w := range words {
		if w.initial {
			continue
		}
		if num := given.lookup(w.code); num > 0 {
			if given.names[num-1].gender == genderFemale {
				return true
			}
			continue
		}
		if suffixGender(w.code) == genderFemale {
			return true
		}
	}
	return false
}

// nearestGiven is the similarity of the stem of a patronymic to the closest
// form of a given name of the table (Mikala to Mikalai, Karatk to none).
func nearestGiven(stem string) float64 {
	best := 0.0
	for i := range given.names {
		for _, f := range given.names[i].forms {
			if len(f) > len(stem)+3 || len(stem) > len(f)+3 {
				continue
			}
			best = max(best, codeSim(f, stem))
		}
	}
	return best
}

func without(words []word, i int) []word {
	rest := append([]word(nil), words[:i]...)
	return append(rest, words[i+1:]...)
}

// cutSuffix returns code without the first matching suffix, if what remains
// is at least three codes long.
func cutSuffix(code string, suffixes []string) (string, bool) {
	for _, s := range suffixes {
		if len(code) >= len(s)+3 && strings.HasSuffix(code, s) {
			return code[:len(code)-len(s)], true
		}
	}
	return "", false
}

// kazakhStem returns the father's name in a Kazakh name in -ұлы, -uly
// (Qunanbaiuly, Сәрсенбайұлы, Әбішұлы). Not after g, k, q or х, where
// -quli, -кули ends a given name (Magtymguly, Махтумкули), unless the stem
// ends in -bek (Zhumabekuly).
func kazakhStem(code string) (string, bool) {
	n := len(code)
	if n < 6 || code[n-3:] != "uli" {
		return "", false
	}
	stem := code[:n-3]
	if strings.IndexByte("gkqX", stem[len(stem)-1]) >= 0 && !strings.HasSuffix(stem, "bek") {
		return "", false
	}
	return stem, true
}

// kazakhSurname rewrites a Kazakh surname in -ұлы, -uly in its Russian
// form in -ов, -ев (Qunanbaiuly, Кунанбаев; Сәрсенбайұлы, Сарсенбаев),
// which the same man bears in other papers.
func kazakhSurname(code string) string {
	stem, ok := kazakhStem(code)
	if !ok {
		return code
	}
	last := stem[len(stem)-1]
	switch {
	case last == 'i' && isOpenVowel(stem[len(stem)-2]): // -bai: Сарсенбаев
		return stem[:len(stem)-1] + "ev"
	case isVowelCode(last) || strings.IndexByte("SZCcJ", last) >= 0:
		return stem + "ev"
	}
	return stem + "ov"
}

// familySuffixes maps folded endings to surname families; the stem before
// the ending must be at least three codes.
var familySuffixes = []struct {
	suffix string
	family uint8
}{
	{"ova", familyOv}, {"eva", familyOv}, {"ava", familyOv},
	{"ov", familyOv}, {"ev", familyOv}, {"av", familyOv},
	{"skaia", familySki}, {"ckaia", familySki}, {"ski", familySki},
	{"cki", familySki}, {"ska", familySki}, {"cka", familySki},
	{"aw", familyOv}, {"ow", familyOv}, {"ew", familyOv},
	{"zade", familyZade}, {"zada", familyZade},
	{"oglu", familyOglu}, {"ogli", familyOglu},
	{"gizi", familyGizi}, {"qizi", familyGizi}, {"kizi", familyGizi},
	{"enko", familyEnko}, {"enka", familyEnko},
	{"li", familyLi}, {"lu", familyLi},
	{"uk", familyUk},
}

func familyOf(code string) uint8 {
	for _, f := range familySuffixes {
		if len(code) >= len(f.suffix)+3 && strings.HasSuffix(code, f.suffix) {
			return f.family
		}
	}
	return familyNone
}

// Gendered surname endings. Masculine -in is left out: Azerbaijani given
// names end in it whatever the gender (Elvin, Nərmin).
var (
	feminineEndings  = []string{"ova", "eva", "ava", "ina", "aia", "ska", "cka"}
	masculineEndings = []string{"ov", "ev", "av", "ow", "ew", "aw", "ski", "cki"}
)

func suffixGender(code string) int8 {
	if len(code) < 4 {
		return genderUnknown
	}
	for _, e := range feminineEndings {
		if strings.HasSuffix(code, e) {
			return genderFemale
		}
	}
	for _, e := range masculineEndings {
		if strings.HasSuffix(code, e) {
			return genderMale
		}
	}
	return genderUnknown
}

// overallGender combines the evidence of all words and the patronymic;
// contradictory evidence counts as none.
func (n *Name) overallGender() int8 {
	g := n.patrGender
	for _, t := range n.toks {
		if t.gender == genderUnknown {
			continue
		}
		if g != genderUnknown && g != t.gender {
			return genderUnknown
		}
		g = t.gender
	}
	return g
}

// makeKey serialises everything the score depends on.
func (n *Name) makeKey() string {
	var b strings.Builder
	for _, t := range n.toks {
		b.WriteString(t.code)
		if t.initial {
			b.WriteByte('.')
		}
		b.WriteByte(' ')
	}
	b.WriteByte('|')
	b.WriteString(n.patr)
	b.WriteByte(byte('0' + n.patrGender))
	return b.String()
}
