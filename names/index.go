package names

import (
	"sort"
	"strings"
)

// Keys for finding names among many (a database of 100,000 people).
//
// The blocking keys of Keys are words: a surname skeleton or a given-name
// id. The commonest are shared by thousands of stored names (s:mkl, 3,286
// people of the generated set; g:andrei, 2,595), so a lookup by them reads
// thousands of rows to keep the few that score. Two names that score at
// least Threshold and have two full words each agree on at least two
// aligned words (every aligned pair multiplies the score, and a missing
// word costs 0.93), so a key made of two words of a name, a pair key, is
// shared by the pairs that match and by few others (tens of people, not
// thousands). A name of one full word (Mustafayev, E. Mustafayev) has no
// pair; it is stored with a one-word key, which a name of several words
// looks for. The single keys stay, for names of one word and as a
// fallback for the spellings that pair keys miss.

// IndexKeys returns every key to store with a name for Lookup to find it:
// its Keys, its pair keys ("p:" and two word keys in order: the given-name
// id or the skeletons of each of two words, and of two neighbouring words
// written as one when the name has three or more), and for a name of one
// full word its one-word keys ("o:" and a word key). Sorted, no repeats.
func (n Name) IndexKeys() []string {
	keys := n.Keys()
	if n.unknown {
		return keys
	}
	if words := n.fullWordKeys(); len(words) == 1 {
		for _, k := range words[0] {
			keys = append(keys, "o:"+k)
		}
	} else {
		keys = append(keys, n.pairKeys(words)...)
	}
	return sortedSet(keys)
}

// Lookup returns the keys to look a name up by among stored names' IndexKeys.
// Narrow keys are shared by few names: the pair keys, and the one-word keys
// of the name's words (stored names of one word). Broad keys are its Keys,
// which a common word shares with thousands: a name of one full word has
// only these, and a name of several words needs them only for the few
// matching spellings that share no pair key (a rare surname beside a given
// name spelt as the table does not know it). A name of two or more words
// and a stored name matching it at Threshold share a narrow key in 99.4%
// of the matching pairs of the evaluation sets (see the tests), and a key
// in every one.
func (n Name) Lookup() (narrow, broad []string) {
	broad = n.Keys()
	if n.unknown {
		return nil, broad
	}
	words := n.fullWordKeys()
	if len(words) < 2 {
		return nil, broad
	}
	narrow = n.pairKeys(words)
	for _, w := range words {
		for _, k := range w {
			narrow = append(narrow, "o:"+k)
		}
	}
	return sortedSet(narrow), broad
}

// fullWordKeys returns the word keys of each word of n but initials: its
// given-name id if the table knows it, and its skeletons.
func (n Name) fullWordKeys() [][]string {
	var out [][]string
	for i := range n.toks {
		if !n.toks[i].initial {
			out = append(out, wordKeys(&n.toks[i]))
		}
	}
	return out
}

func wordKeys(t *token) []string {
	var keys []string
	if t.given > 0 {
		keys = append(keys, "g"+given.names[t.given-1].id)
	}
	return append(keys, skeletons(t.code)...)
}

// skeletons returns the skeleton readings of a word's code (see Keys).
func skeletons(code string) []string {
	keys := []string{skeleton(code, plainReading)}
	if strings.ContainsAny(code, altCodes) {
		keys = append(keys, skeleton(code, altReading))
	}
	if strings.IndexByte(code, 'w') >= 0 {
		keys = append(keys, skeleton(code, altFrenchOU))
	}
	return keys
}

// maxPairKeys bounds the pair keys of one name (a name of eight words
// would otherwise have hundreds).
const maxPairKeys = 48

// pairKeys returns the keys of every two full words of n, and for a name of
// three or more words those of two neighbours written as one (Emir Usein
// Kuku, Emir-Usein Kuku; Levon Ter Petrosyan, Levon Ter-Petrosyan) with
// each other word.
func (n Name) pairKeys(words [][]string) []string {
	var keys []string
	add := func(a, b []string) {
		for _, x := range a {
			for _, y := range b {
				if len(keys) >= maxPairKeys {
					return
				}
				lo, hi := x, y
				if lo > hi {
					lo, hi = hi, lo
				}
				keys = append(keys, "p:"+lo+"/"+hi)
			}
		}
	}
	for i := range words {
		for j := i + 1; j < len(words); j++ {
			add(words[i], words[j])
		}
	}
	if len(words) >= 3 {
		var full []token
		for _, t := range n.toks {
			if !t.initial {
				full = append(full, t)
			}
		}
		for i := 0; i+1 < len(full); i++ {
			joined := string(dedupe([]byte(full[i].code + full[i+1].code)))
			if len(joined) > maxTokenCodes {
				joined = joined[:maxTokenCodes]
			}
			for k := range words {
				if k != i && k != i+1 {
					add(skeletons(joined), words[k])
				}
			}
		}
	}
	return keys
}

func sortedSet(keys []string) []string {
	sort.Strings(keys)
	out := keys[:0]
	for i, k := range keys {
		if i == 0 || k != keys[i-1] {
			out = append(out, k)
		}
	}
	return out
}

// Prefix search: a query whose words begin words of a stored name, in any
// script and the usual spellings (Mustafa, Мустаф and Mustaf all begin
// Mustafayev). Words are compared by their sound classes: the consonants
// merged as the skeletons merge them and every run of vowels as one vowel,
// so that Мамед begins Məmmədov and Mammadov as well as Мамедов, and Гасан
// begins Həsənli.

// MinPrefix is the least number of sound classes (about letters) a query
// word needs to be searched as a prefix: shorter ones begin too many names.
const MinPrefix = 3

// maxSounds bounds the sound classes kept of a word.
const maxSounds = 16

// WordSounds returns the sound classes of each full word of a name (see
// Prefix), for storing and searching by prefix; no repeats. Names of an
// unknown script have none.
func (n Name) WordSounds() []string {
	if n.unknown {
		return nil
	}
	var out []string
	for _, w := range n.words {
		if !w.initial {
			out = append(out, sounds(w.code))
		}
	}
	return sortedSet(out)
}

// sounds returns the sound classes of a word's code: vowels and glides run
// together as "a", consonants as the skeletons merge them, repeats merged.
func sounds(code string) string {
	b := make([]byte, 0, maxSounds)
	push := func(c byte) {
		if len(b) < maxSounds && (len(b) == 0 || b[len(b)-1] != c) {
			b = append(b, c)
		}
	}
	for i := 0; i < len(code) && len(b) < maxSounds; i++ {
		switch c := code[i]; c {
		case 'a', 'e', 'i', 'o', 'u', 'E', 'j':
			push('a')
		case 'x':
			push('k')
			push('s')
		default:
			if s := skeleton(string(c), plainReading); s[0] != '-' {
				push(s[0])
			} else {
				push(c)
			}
		}
	}
	return string(b)
}

// Prefix is a query prepared for prefix search.
type Prefix struct {
	words []string // sound classes of the query's words, longest first
}

// PreparePrefix prepares s for prefix search. ok is false when s has no
// word of at least MinPrefix sound classes or is in a script the scorer
// does not fold.
func PreparePrefix(s string) (p Prefix, ok bool) {
	words, unknown := scanWords(s)
	if unknown {
		return Prefix{}, false
	}
	for _, w := range words {
		if !w.initial {
			p.words = append(p.words, sounds(w.code))
		}
	}
	sort.SliceStable(p.words, func(i, j int) bool { return len(p.words[i]) > len(p.words[j]) })
	if len(p.words) == 0 || len(p.words[0]) < MinPrefix {
		return Prefix{}, false
	}
	return p, true
}

// Longest returns the sound classes of the query's longest word: a stored
// word beginning with them is where to start looking (every match has one).
func (p Prefix) Longest() string { return p.words[0] }

// Words returns how many words the query has.
func (p Prefix) Words() int { return len(p.words) }

// Match reports whether every word of the query begins a word of n (two
// query words may begin the same one).
func (p Prefix) Match(n Name) bool {
	if n.unknown {
		return false
	}
	return p.MatchSounds(n.WordSounds())
}

// MatchSounds reports whether every word of the query begins one of
// stored, the sound classes of words (see WordSounds): the words of all
// the names of a person, say.
func (p Prefix) MatchSounds(stored []string) bool {
	if len(p.words) == 0 {
		return false
	}
	for _, q := range p.words {
		found := false
		for _, w := range stored {
			if strings.HasPrefix(w, q) {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// WordSound returns the sound classes of one word (see Prefix), for search
// across spellings and scripts: Məmmədov, Mammadov and Мамедов sound
// alike. ok is false for a word with no letter the scorer folds (digits
// only, or a script it does not know).
func WordSound(word string) (string, bool) {
	words, unknown := scanWords(word)
	if unknown || len(words) == 0 {
		return "", false
	}
	return sounds(words[0].code), true
}
