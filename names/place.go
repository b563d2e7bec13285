package names

import (
	"strings"
	"unicode"

	"golang.org/x/text/cases"
)

// SamePlace reports whether two written names of a place of detention or of
// an organization name one record: "Investigative Isolator No. 1", "SIZO-1"
// and "СИЗО №1" are one place; "Penal Colony No. 2" and "Penal Colony No.
// 12" never are.
//
// A name is read as a kind of place (placeKinds: pre-trial isolator,
// colony, prison…, in Russian, Belarusian, Azerbaijani and English), its
// numbers, and the other words, which name the town or the place (Baku,
// Kurdakhani, Okrestina). Every word is folded as personal names are, so
// that scripts and romanisations meet. Two names are one place when they
// have the same kind and the same numbers and, if both have other words,
// the words of one come close to words of the other: "SIZO-1" is "SIZO-1
// Minsk", "SIZO-1 Minsk" is not "SIZO-1 Grodno", and a kind alone without
// a number ("prison") is no particular place. A name without a kind (an
// organization) must have the same words as the other, in any order. Text
// in brackets is another name of the same thing: a local name ("Kurdakhani
// prison (Kürdəxanı)") or an abbreviation ("Belarusian Association of
// Journalists (BAJ)", which is "BAJ").
//
// It does not translate: "Viasna Human Rights Centre" is not "Правозащитный
// центр «Вясна»", and "Minsk" is not the adjective "Минский". It does not
// expand abbreviations that are not in brackets (BAJ against the full name)
// or nicknames (Valadarka for SIZO-1 Minsk), it reads numbers only in
// digits (not "first", not Roman numerals), and it knows only the kinds of
// placeKindTable: another kind's words count as the place's other words.
// Two stored facilities that differ only by a town one of them lacks
// ("SIZO-1", "SIZO-1 Minsk") are both matches of "SIZO-1 Minsk".
func SamePlace(a, b string) bool {
	return PreparePlace(a).Same(PreparePlace(b))
}

// Place is a place or organization name read once for many comparisons
// (an import comparing each name of a file with every stored facility).
// The zero Place is an empty name, the same as nothing.
type Place struct {
	readings []placeName
}

// PreparePlace reads s once; PreparePlace(a).Same(PreparePlace(b)) is
// SamePlace(a, b).
func PreparePlace(s string) Place {
	return Place{readings: parsePlaceName(s)}
}

// Same reports whether p and o name one record; see SamePlace.
func (p Place) Same(o Place) bool {
	for i := range p.readings {
		for j := range o.readings {
			if p.readings[i].same(&o.readings[j]) {
				return true
			}
		}
	}
	return false
}

// placeName is one reading of a written place name.
type placeName struct {
	kind    string   // a kind of placeKinds, "" if none was found
	numbers string   // the numbers in order, without leading zeros, comma-separated
	words   []string // the other words, folded
}

func (p *placeName) empty() bool {
	return p.kind == "" && p.numbers == "" && len(p.words) == 0
}

// same compares two readings; it is symmetric.
func (p *placeName) same(o *placeName) bool {
	if p.empty() || o.empty() || p.kind != o.kind || p.numbers != o.numbers {
		return false
	}
	if p.kind == "" {
		return sameWords(p.words, o.words)
	}
	if len(p.words) == 0 && len(o.words) == 0 {
		return true
	}
	if len(p.words) == 0 || len(o.words) == 0 {
		// A town on one side only: the number must say which place it is
		// (SIZO-1, SIZO-1 Minsk); a bare "prison" is not Kurdakhani prison.
		return p.numbers != ""
	}
	return coveredBy(p.words, o.words) || coveredBy(o.words, p.words)
}

// placeWordNear is the similarity at which two folded words are taken as
// one spelling of a name (Baku, Bakı; Hrodna, Grodno; Kurdakhani, Kürdəxanı).
const placeWordNear = 0.85

// coveredBy reports whether each word of a comes close to a different word
// of b.
func coveredBy(a, b []string) bool {
	if len(a) > len(b) {
		return false
	}
	used := make([]bool, len(b))
	for _, w := range a {
		found := false
		for j, v := range b {
			if !used[j] && placeWordSim(w, v) >= placeWordNear {
				used[j], found = true, true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// sameWords reports whether a and b have the same words, in any order.
func sameWords(a, b []string) bool {
	return len(a) == len(b) && coveredBy(a, b) && coveredBy(b, a)
}

// placeWordSim compares two folded words; words of scripts the scorer does
// not fold (marked '?') only by equality.
func placeWordSim(a, b string) float64 {
	if a == b {
		return 1
	}
	if a[0] == '?' || b[0] == '?' {
		return 0
	}
	return codeSim(a, b)
}

// Limits for one place name: the input is cut like a personal name's, and
// at most maxPlaceWords words and maxPlaceBrackets bracketed parts are read.
const (
	maxPlaceWords    = 16
	maxPlaceBrackets = 3
)

// parsePlaceName returns the readings of s: the whole name, bracketed text
// included, and each bracketed part, which takes the kind and numbers of the
// rest when it has none of its own. A name without a kind is also read
// without its brackets (Belarusian Association of Journalists (BAJ)).
func parsePlaceName(s string) []placeName {
	main, brackets := splitBrackets(clip(s))
	whole := readPlace(main + " " + strings.Join(brackets, " "))
	out := []placeName{whole}
	if len(brackets) == 0 {
		return out
	}
	if whole.kind == "" {
		out = append(out, readPlace(main))
	}
	for _, br := range brackets {
		p := readPlace(br)
		if p.kind == "" && p.numbers == "" {
			p.kind, p.numbers = whole.kind, whole.numbers
		}
		out = append(out, p)
	}
	return out
}

// splitBrackets returns s without its parts in brackets, and those parts.
// An unclosed bracket runs to the end.
func splitBrackets(s string) (string, []string) {
	var main strings.Builder
	var parts []string
	for {
		i := strings.IndexAny(s, "([")
		if i < 0 {
			main.WriteString(s)
			break
		}
		main.WriteString(s[:i])
		main.WriteByte(' ')
		s = s[i+1:]
		j := strings.IndexAny(s, ")]")
		part := s
		if j >= 0 {
			part, s = s[:j], s[j+1:]
		} else {
			s = ""
		}
		if len(parts) < maxPlaceBrackets {
			parts = append(parts, part)
		}
	}
	return main.String(), parts
}

// readPlace reads the kind, numbers and other words of a name without
// brackets.
func readPlace(s string) placeName {
	var p placeName
	var words []string
	var numbers []string
	for _, tok := range placeTokens(s) {
		switch {
		case tok == "":
		case tok[0] >= '0' && tok[0] <= '9':
			if len(numbers) < maxPlaceWords && !contains(numbers, tok) {
				numbers = append(numbers, tok)
			}
		case placeFillers[tok]:
		default:
			if len(words) < maxPlaceWords {
				words = append(words, tok)
			}
		}
	}
	p.numbers = strings.Join(numbers, ",")
	p.kind, p.words = takeKind(words)
	return p
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// placeTokens splits s into numbers (digits, leading zeros dropped) and
// folded words; a word of one letter (г., N, у) is dropped. Letters and
// digits written together are split (ИК2, No.1).
func placeTokens(s string) []string {
	var toks []string
	var cur []rune
	digits := false
	flush := func() {
		if len(cur) == 0 {
			return
		}
		if digits {
			n := strings.TrimLeft(string(cur), "0")
			if n == "" {
				n = "0"
			}
			toks = append(toks, n)
		} else {
			toks = append(toks, foldPlaceWord(string(cur)))
		}
		cur = cur[:0]
	}
	for _, r := range s {
		isDigit := r >= '0' && r <= '9'
		isLetter := !isDigit && (unicode.IsLetter(r) || unicode.Is(unicode.Mn, r) || r == '\'' || r == '’' || r == 'ʼ' || (r == '-' && len(cur) > 0 && !digits))
		switch {
		case isDigit:
			if !digits {
				flush()
			}
			digits = true
			cur = append(cur, r)
		case isLetter:
			if digits {
				flush()
			}
			digits = false
			cur = append(cur, r)
		default:
			flush()
			digits = false
		}
		if len(toks) > 2*maxPlaceWords {
			break
		}
	}
	flush()
	return toks
}

// foldPlaceWord folds one word as a personal name's word; "" for a word of
// one letter or none. A word with letters of a script the scorer does not
// fold is kept case-folded, marked with '?'.
func foldPlaceWord(w string) string {
	words, unknown := scanWords(w)
	if unknown {
		return "?" + cases.Fold().String(w)
	}
	if len(words) == 0 || words[0].initial {
		return ""
	}
	var b strings.Builder
	for _, x := range words {
		b.WriteString(x.code)
	}
	return b.String()
}

// takeKind finds the longest phrase of placeKinds among words and returns
// its kind and the words without every kind phrase.
func takeKind(words []string) (string, []string) {
	kind := ""
	rest := words[:0:0]
	for i := 0; i < len(words); {
		k, n := kindAt(words[i:])
		if n == 0 {
			rest = append(rest, words[i])
			i++
			continue
		}
		if kind == "" {
			kind = k
		}
		i += n
	}
	return kind, rest
}

// kindAt returns the kind of the longest phrase that words start with, and
// its length in words.
func kindAt(words []string) (string, int) {
	kind, best := "", 0
	for _, ph := range kindPhrases {
		if len(ph.words) <= best || len(ph.words) > len(words) {
			continue
		}
		match := true
		for i, w := range ph.words {
			if words[i] != w {
				match = false
				break
			}
		}
		if match {
			kind, best = ph.kind, len(ph.words)
		}
	}
	return kind, best
}
