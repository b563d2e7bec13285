package names

import (
	"slices"
	"testing"
)

// TestEvalLookup checks, on the labelled sets, that the lookup a store
// makes finds the names that match: a name of two or more words and each
// stored name scoring at least Threshold against it share a narrow key
// (pair or one-word keys, which few stored names share) in at least 99%
// of the pairs, and a key of either kind in every pair but 1%.
func TestEvalLookup(t *testing.T) {
	for _, path := range evalFiles {
		t.Run(path, func(t *testing.T) {
			checked, narrowMissed, missed := 0, 0, 0
			for _, p := range loadEval(t, path) {
				for _, pair := range [][2]string{{p.a, p.b}, {p.b, p.a}} {
					q, stored := Prepare(pair[0]), Prepare(pair[1])
					if !p.same || q.Score(stored) < Threshold {
						continue
					}
					narrow, broad := q.Lookup()
					index := stored.IndexKeys()
					if len(narrow) == 0 {
						if !intersect(broad, index) {
							missed++
						}
						continue
					}
					checked++
					switch {
					case !intersect(narrow, index) && !intersect(broad, index):
						missed++
						narrowMissed++
					case !intersect(narrow, index):
						narrowMissed++
						t.Logf("line %d: only a broad key finds %q looking for %q", p.line, pair[1], pair[0])
					}
				}
			}
			t.Logf("%d lookups by names of two or more words: %d share no narrow key, %d no key at all", checked, narrowMissed, missed)
			if float64(narrowMissed) > 0.01*float64(checked) || float64(missed) > 0.01*float64(checked) {
				t.Errorf("%d of %d lookups share no narrow key, %d no key: want at most 1%% each", narrowMissed, checked, missed)
			}
		})
	}
}

func TestLookupKeys(t *testing.T) {
	for _, tc := range []struct {
		query, stored string
		narrow        bool // found by a narrow key
	}{
		{"Elvin Mustafayev", "Эльвин Мустафаев", true},
		{"Mustafayev, Elvin", "Elvin Mustafayev", true},
		{"Elvin Mustafayev", "Mustafayev", true},    // a stored name of one word: its one-word key
		{"Elvin Mustafayev", "E. Mustafayev", true}, // an initial is no full word
		{"Muxtar Babayev", "Мухтар Бабаев", true},   // x read as kh
		{"Emir Usein Kuku", "Emir-Usein Kuku", true},
		{"Levon Ter Petrosyan", "Levon Ter-Petrosyan", true},
		{"Rəsul Cəfərov", "Расул Джафаров", true},
		{"Mustafayev", "Elvin Mustafayev", false}, // a query of one word has broad keys only
	} {
		q, s := Prepare(tc.query), Prepare(tc.stored)
		narrow, broad := q.Lookup()
		index := s.IndexKeys()
		if got := intersect(narrow, index); got != tc.narrow {
			t.Errorf("%q → %q: narrow key shared %v, want %v (narrow %v, stored %v)", tc.query, tc.stored, got, tc.narrow, narrow, index)
		}
		if !intersect(append(narrow, broad...), index) {
			t.Errorf("%q → %q: no key shared", tc.query, tc.stored)
		}
	}
	// A pair key is what two people of one surname and different given
	// names do not share.
	a, _ := Prepare("Elvin Mustafayev").Lookup()
	b, _ := Prepare("Tofig Mustafayev").Lookup()
	for _, k := range a {
		if k[:2] == "p:" && slices.Contains(b, k) {
			t.Errorf("Elvin and Tofig Mustafayev share the pair key %s", k)
		}
	}
	if got := Prepare("Elvin Mustafayev").IndexKeys(); !slices.IsSorted(got) || len(slices.Compact(slices.Clone(got))) != len(got) {
		t.Errorf("IndexKeys not sorted without repeats: %v", got)
	}
}

func TestPrefix(t *testing.T) {
	for _, tc := range []struct {
		query, stored string
		want          bool
	}{
		{"Mustafa", "Elvin Mustafayev", true},
		{"Мустаф", "Elvin Mustafayev", true},
		{"mustaf", "Эльвин Мустафаев", true},
		{"Elv", "Elvin Mustafayev", true},
		{"Эльв Мустаф", "Elvin Mustafayev", true},
		{"Мамед", "Məmmədov Əli", true},
		{"Mammad", "Мамедов Али", true},
		{"Гасан", "Həsənli", true},
		{"Tsikh", "Ціханоўская", true},
		{"Mustafayev", "Elvin Mustafayev", true}, // a whole word begins itself
		{"Mustafayeva", "Elvin Mustafayev", false},
		{"Mustafa", "Tofig Yagublu", false},
		{"Elvin Yag", "Elvin Mustafayev", false}, // every word must begin one
		{"Mus", "Musa Aliyev", true},
	} {
		p, ok := PreparePrefix(tc.query)
		if !ok {
			t.Errorf("PreparePrefix(%q) refused", tc.query)
			continue
		}
		if got := p.Match(Prepare(tc.stored)); got != tc.want {
			t.Errorf("%q begins %q: %v, want %v (%v / %v)", tc.query, tc.stored, got, tc.want, p.words, Prepare(tc.stored).WordSounds())
		}
	}
	for _, q := range []string{"", "Mu", "E.", "Э", "ამირან"} {
		if _, ok := PreparePrefix(q); ok {
			t.Errorf("PreparePrefix(%q) accepted: too short or an unknown script", q)
		}
	}
	if p, _ := PreparePrefix("Мустаф"); !slices.Contains(Prepare("Mustafayev").WordSounds(), "mastafaf") || p.Longest() != "mastaf" {
		t.Errorf("sounds: %v, query %v", Prepare("Mustafayev").WordSounds(), p.Longest())
	}
}

// One word's sound is the same in the spellings and scripts it is written in.
func TestWordSound(t *testing.T) {
	same := [][]string{
		{"Mammadov", "Məmmədov", "Мамедов", "Mamedov", "MAMMADOV"},
		{"Mustafayev", "Мустафаев", "Mustafaev"},
		{"Yagublu", "Ягублу", "Yaqublu"},
	}
	for _, group := range same {
		want, ok := WordSound(group[0])
		if !ok {
			t.Fatalf("WordSound(%q) not ok", group[0])
		}
		for _, w := range group[1:] {
			if got, ok := WordSound(w); !ok || got != want {
				t.Errorf("WordSound(%q) = %q, %v; want %q like %q", w, got, ok, want, group[0])
			}
		}
	}
	if a, _ := WordSound("Mammadov"); a == "" {
		t.Error("empty sound")
	}
	if x, _ := WordSound("Orujov"); x == func() string { s, _ := WordSound("Mammadov"); return s }() {
		t.Error("different names sound alike")
	}
	for _, w := range []string{"", "234", "ლაშა", "!!"} {
		if s, ok := WordSound(w); ok {
			t.Errorf("WordSound(%q) = %q, ok; want not ok", w, s)
		}
	}
}
