package names

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// badInputs are names a spreadsheet may hold by mistake.
var badInputs = map[string]string{
	"empty":           "",
	"spaces":          "   \t  ",
	"one letter":      "A",
	"one Cyrillic":    "Ю",
	"digits":          "12345",
	"controls":        "Ilham\x00\x01\x1b[31mAliyev\x7f",
	"invalid UTF-8":   "Ilham \xff\xfe Aliyev\xc3",
	"only invalid":    "\xff\xfe\xfd",
	"10k Latin":       strings.Repeat("Mustafayev ", 1000),
	"10k one word":    strings.Repeat("a", 10000),
	"10k Cyrillic":    strings.Repeat("Щ", 10000),
	"10k Han":         strings.Repeat("习", 10000),
	"10k hyphens":     strings.Repeat("a-", 5000),
	"10k marks":       "a" + strings.Repeat("\u0301", 10000),
	"NFKC expansion":  strings.Repeat("\ufdfa", 3000),
	"mixed scripts":   "Ilham მიხეილ Алиев 习",
	"RTL and ZWJ":     "\u202eIlham\u200d Aliyev\u202c",
	"full-width":      "Ｉｌｈａｍ　Ａｌｉｙｅｖ",
	"patronymic only": "oğlu",
	"many markers":    "oğlu qızı oğlu qızı",
}

// TestBadInput checks that odd input gives an answer in [0,1], symmetric,
// with bounded preparation: the work after preparation is at most
// maxTokens² word comparisons of at most maxTokenCodes² cells each.
func TestBadInput(t *testing.T) {
	for name, in := range badInputs {
		t.Run(name, func(t *testing.T) {
			if c := clip(in); len(c) > 2*maxInputBytes || !utf8.ValidString(c) {
				t.Errorf("clip kept %d bytes (valid %v), want at most %d valid bytes", len(c), utf8.ValidString(c), 2*maxInputBytes)
			}
			n := Prepare(in)
			if len(n.toks) > maxTokens {
				t.Errorf("%d words kept, want at most %d", len(n.toks), maxTokens)
			}
			for _, tok := range n.toks {
				if len(tok.code) > maxTokenCodes || tok.code == "" {
					t.Errorf("word of %d codes, want 1 to %d", len(tok.code), maxTokenCodes)
				}
			}
			if len(n.exact) > 2*maxInputBytes*3 { // case folding may grow text
				t.Errorf("normalised text of %d bytes", len(n.exact))
			}
			for _, other := range []string{in, "Ilham Aliyev", "A", ""} {
				ab, ba := Score(in, other), Score(other, in)
				if ab != ba || !(ab >= 0 && ab <= 1) {
					t.Errorf("Score with %q: %v, reversed %v", other, ab, ba)
				}
			}
			if keys := Keys(in); len(keys) > maxKeys {
				t.Errorf("%d keys, want at most %d", len(keys), maxKeys)
			}
			if f := Fold(in); len(f) > 4*maxInputBytes {
				t.Errorf("Fold gave %d bytes", len(f))
			}
		})
	}
}

// TestBadInputAnswers pins the answers for the clearest cases.
func TestBadInputAnswers(t *testing.T) {
	tests := []struct {
		a, b string
		want float64
	}{
		{"", "", 0},
		{"", "Ilham Aliyev", 0},
		{"12345", "12345", 0},
		{"A", "A", capInitialsOnly},
		{"Ilham\x00Aliyev", "Ilham Aliyev", 1},
		{"Ilham \xff Aliyev", "Ilham Aliyev", 1},
		{"ИЛЬХАМ АЛИЕВ", "ильхам алиев", 1},
	}
	for _, tt := range tests {
		if got := Score(tt.a, tt.b); got != tt.want {
			t.Errorf("Score(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
}

// TestLongNameBoundedWork checks that a 10,000-character name costs no more
// than its first maxInputBytes: same words, and a bounded number of
// allocations, whatever the length.
func TestLongNameBoundedWork(t *testing.T) {
	long := strings.Repeat("Elvin Mustafayev ", 600)
	short := cutBytes(long, maxInputBytes)
	if got, want := Prepare(long).key, Prepare(short).key; got != want {
		t.Errorf("long name prepared as %q, want %q as its first %d bytes", got, want, maxInputBytes)
	}
	allocs := testing.AllocsPerRun(20, func() { Score(long, long) })
	if allocs > 60 {
		t.Errorf("Score on a 10,000-character name made %.0f allocations, want at most 60", allocs)
	}
	if s := Score(long, "Elvin Mustafayev"); s < 0 || s > 1 {
		t.Errorf("Score = %v", s)
	}
}
