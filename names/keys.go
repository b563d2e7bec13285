package names

import (
	"hash/fnv"
	"sort"
	"strconv"
	"strings"

	"golang.org/x/text/cases"
)

// Blocking keys.
const (
	maxKeys       = 6
	skeletonClass = 4 // consonant classes in a skeleton key
)

// Keys returns blocking keys for candidate lookup: a small set (typically
// 2–6) of short ASCII strings such that two names scoring >= Threshold
// almost always share at least one key. Each word gives a skeleton key
// ("s:" and its first consonant classes: Mustafayev, Мустафаев → s:mstf);
// a given name of the table also gives its id ("g:sergei" for Siarhei,
// Sergey, Сергій); words with an ambiguous letter (j, c, ch, Armenian h
// or x) give a second skeleton, and words with ў or a French ou a third.
// Names with letters of an unknown script give one key, a hash of
// their normalised text ("u:…"). Keys are sorted; the empty name has none.
// Keys depend on the given-name table: rebuild stored keys when it changes.
func Keys(s string) []string {
	return Prepare(s).Keys()
}

// Keys returns the blocking keys of n; see Keys.
func (n Name) Keys() []string {
	if n.unknown {
		if n.exact == "" {
			return nil
		}
		h := fnv.New64a()
		h.Write([]byte(n.exact))
		return []string{"u:" + strconv.FormatUint(h.Sum64(), 36)}
	}
	var keys []string
	add := func(k string) {
		for _, old := range keys {
			if old == k {
				return
			}
		}
		if len(keys) < maxKeys {
			keys = append(keys, k)
		}
	}
	for _, t := range n.toks {
		if t.given > 0 {
			add("g:" + given.names[t.given-1].id)
		}
	}
	// Surnames first, then the other words, then the alternative readings.
	for pass := 0; pass < 2; pass++ {
		for _, t := range n.toks {
			if t.initial || (pass == 0) != t.surname {
				continue
			}
			add("s:" + skeleton(t.code, plainReading))
		}
	}
	for _, t := range n.toks {
		if !t.initial && strings.ContainsAny(t.code, altCodes) {
			add("s:" + skeleton(t.code, altReading))
		}
	}
	for _, t := range n.toks {
		if !t.initial && strings.IndexByte(t.code, 'w') >= 0 {
			add("s:" + skeleton(t.code, altFrenchOU))
		}
	}
	sort.Strings(keys)
	return keys
}

// altCodes are the codes a skeleton reads two ways (see altReading).
const altCodes = "jcCHx"

// Readings of a skeleton.
const (
	plainReading = iota
	// altReading reads the ambiguous j as dzh instead of a glide, c as t
	// (Belarusian tsekanne) instead of a sibilant, ч as х (German and Polish
	// ch: Mchitarjan, Mkhitaryan), x as the kh of Azerbaijani (Muxtar,
	// Мухтар) instead of ks, and drops the Armenian h (Harutyunyan,
	// Арутюнян).
	altReading
	// altFrenchOU drops w, the u of a French ou (Boulat, Bulat), which the
	// plain reading takes for Belarusian ў, a v (Makarau, Makarov).
	altFrenchOU
)

// skeleton returns the first consonant classes of a word: vowels and glides
// dropped, consonants that variants swap merged (g h kh k q; the sibilants;
// d t; b p; v f ў). reading selects how the ambiguous codes read.
func skeleton(code string, reading int) string {
	alt := reading == altReading
	var out [skeletonClass]byte
	n := 0
	push := func(c byte) {
		if n < skeletonClass && (n == 0 || out[n-1] != c) {
			out[n] = c
			n++
		}
	}
	for i := 0; i < len(code) && n < skeletonClass; i++ {
		switch c := code[i]; c {
		case 'a', 'e', 'i', 'o', 'u', 'E':
		case 'j':
			if alt {
				push('s')
			}
		case 'b', 'p':
			push('p')
		case 'v', 'f':
			push('f')
		case 'w':
			if reading != altFrenchOU {
				push('f')
			}
		case 'g', 'h', 'X', 'k', 'q':
			push('k')
		case 'H':
			if !alt {
				push('k')
			}
		case 'C':
			if alt {
				push('k')
			} else {
				push('s')
			}
		case 'x':
			push('k')
			if !alt {
				push('s')
			}
		case 'd', 't':
			push('t')
		case 'c':
			if alt {
				push('t')
			} else {
				push('s')
			}
		case 's', 'z', 'S', 'Z', 'J', 'Y':
			push('s')
		default:
			push(c)
		}
	}
	if n == 0 {
		return "-" + code
	}
	return string(out[:n])
}

// Fold returns the name folded to the scorer's ASCII phonetic form
// (lowercase, words separated by single spaces), for display in debugging
// and for search: Məmmədov → mamadov, Мамедов → mamedov, Siarhei → sarhei,
// Ціханоўская → tsikhanovskaia. Names with letters of a script the scorer
// does not fold come back case-folded and otherwise unchanged, so they are
// not ASCII.
func Fold(s string) string {
	words, unknown := scanWords(s)
	if unknown {
		return strings.Join(strings.FieldsFunc(cases.Fold().String(clip(s)), func(r rune) bool {
			c, _ := classify(r, false)
			return c == classOther
		}), " ")
	}
	var b []byte
	for i, w := range words {
		if i > 0 {
			b = append(b, ' ')
		}
		b = spell(b, w.code)
	}
	return string(b)
}
