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
// Sergey, Сергій); words with an ambiguous letter (j, c) give a second
// skeleton. Names with letters of an unknown script give one key, a hash of
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
			add("s:" + skeleton(t.code, false))
		}
	}
	for _, t := range n.toks {
		if !t.initial && strings.ContainsAny(t.code, "jc") {
			add("s:" + skeleton(t.code, true))
		}
	}
	sort.Strings(keys)
	return keys
}

// skeleton returns the first consonant classes of a word: vowels and glides
// dropped, consonants that variants swap merged (g h kh k; the sibilants;
// d t; b p; v f). alt reads the ambiguous j as dzh instead of a glide, and c
// as t (Belarusian tsekanne) instead of a sibilant.
func skeleton(code string, alt bool) string {
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
		case 'g', 'h', 'X', 'k':
			push('k')
		case 'x':
			push('k')
			push('s')
		case 'd', 't':
			push('t')
		case 'c':
			if alt {
				push('t')
			} else {
				push('s')
			}
		case 's', 'z', 'S', 'Z', 'C', 'J':
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
