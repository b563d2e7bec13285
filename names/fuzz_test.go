package names

import (
	"bytes"
	"io"
	"strings"
	"testing"
)

// FuzzScore checks that any input gives a score in [0,1], the same both ways,
// that the prepared API agrees, and that Keys, Fold and ScoreLines don't
// panic.
func FuzzScore(f *testing.F) {
	seeds := [][2]string{
		{"Elvin Mustafayev", "Эльвин Мустафаев"},
		{"Əliyev İlham Heydər oğlu", "Алиев Ильхам Гейдарович"},
		{"Sviatłana Cichanoŭskaja", "Светлана Тихановская"},
		{"Kara-Murza, Vladimir", "Wladimir Kara-Mursa"},
		{"I. A.", "მიხეილ"},
		{"\xff\x00", ""},
		{"Navalny", "Navalnaya"},
	}
	for _, s := range seeds {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		ab, ba := Score(a, b), Score(b, a)
		if !(ab >= 0 && ab <= 1) {
			t.Fatalf("Score(%q, %q) = %v, out of [0,1]", a, b, ab)
		}
		if ab != ba {
			t.Fatalf("Score(%q, %q) = %v, Score(%q, %q) = %v", a, b, ab, b, a, ba)
		}
		if p := Prepare(a).Score(Prepare(b)); p != ab {
			t.Fatalf("prepared score %v, Score %v", p, ab)
		}
		if len(Keys(a)) > maxKeys {
			t.Fatalf("Keys(%q) = %q", a, Keys(a))
		}
		_ = Fold(a)
		if !strings.ContainsAny(a+b, "\t\n\r") {
			if err := ScoreLines(strings.NewReader(a+"\t"+b+"\n"), io.Discard); err != nil && !bytes.Contains([]byte(err.Error()), []byte("line 1")) {
				t.Fatalf("ScoreLines error without a line number: %v", err)
			}
		}
	})
}
