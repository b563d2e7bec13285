package names

import (
	"bufio"
	"os"
	"strings"
	"testing"
)

// evalPair is one labelled pair of testdata/eval.tsv.
type evalPair struct {
	line int
	same bool
	a, b string
}

// evalFiles are the labelled sets: eval.tsv was used to tune the scorer;
// holdout.tsv was written after it, with other people, to check that the
// rules carry over; blind.tsv was written independently by someone who never
// saw the code.
var evalFiles = []string{"testdata/eval.tsv", "testdata/holdout.tsv", "testdata/blind.tsv"}

func loadEval(t *testing.T, path string) []evalPair {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var pairs []evalPair
	sc := bufio.NewScanner(f)
	line := 0
	for sc.Scan() {
		line++
		text := sc.Text()
		if text == "" || strings.HasPrefix(text, "#") {
			continue
		}
		fields := strings.Split(text, "\t")
		if len(fields) != 3 || (fields[0] != "same" && fields[0] != "different") {
			t.Fatalf("%s:%d: want LABEL<TAB>NAME_A<TAB>NAME_B, got %q", path, line, text)
		}
		pairs = append(pairs, evalPair{line: line, same: fields[0] == "same", a: fields[1], b: fields[2]})
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return pairs
}

// TestEval measures precision and recall at Threshold on the labelled sets.
func TestEval(t *testing.T) {
	for _, path := range evalFiles {
		t.Run(path, func(t *testing.T) {
			pairs := loadEval(t, path)
			if path == evalFiles[0] && len(pairs) < 300 {
				t.Fatalf("eval set has %d pairs, want at least 300", len(pairs))
			}
			var tp, fp, fn, tn int
			for _, p := range pairs {
				s := Score(p.a, p.b)
				switch match := s >= Threshold; {
				case match && p.same:
					tp++
				case match && !p.same:
					fp++
					t.Logf("false positive line %d: %.3f %q %q (%q | %q)", p.line, s, p.a, p.b, Fold(p.a), Fold(p.b))
				case !match && p.same:
					fn++
					t.Logf("false negative line %d: %.3f %q %q (%q | %q)", p.line, s, p.a, p.b, Fold(p.a), Fold(p.b))
				default:
					tn++
				}
			}
			precision := float64(tp) / float64(tp+fp)
			recall := float64(tp) / float64(tp+fn)
			t.Logf("%d pairs: %d same, %d different", len(pairs), tp+fn, fp+tn)
			t.Logf("at %.2f: precision %.4f (%d/%d), recall %.4f (%d/%d)",
				Threshold, precision, tp, tp+fp, recall, tp, tp+fn)
			if precision < 0.98 || recall < 0.95 {
				t.Errorf("precision %.4f (want >= 0.98), recall %.4f (want >= 0.95)", precision, recall)
			}
		})
	}
}

// TestEvalKeys checks the blocking property: same pairs that score at least
// Threshold share a key.
func TestEvalKeys(t *testing.T) {
	for _, path := range evalFiles {
		t.Run(path, func(t *testing.T) {
			checked, missed := 0, 0
			for _, p := range loadEval(t, path) {
				if !p.same || Score(p.a, p.b) < Threshold {
					continue
				}
				checked++
				ka, kb := Keys(p.a), Keys(p.b)
				if !intersect(ka, kb) {
					missed++
					t.Logf("no shared key line %d: %q %v %q %v", p.line, p.a, ka, p.b, kb)
				}
			}
			t.Logf("blocking keys: %d of %d matching same pairs share no key", missed, checked)
			if float64(missed) > 0.01*float64(checked) {
				t.Errorf("%d of %d pairs share no key, want at most 1%%", missed, checked)
			}
		})
	}
}

func intersect(a, b []string) bool {
	for _, x := range a {
		for _, y := range b {
			if x == y {
				return true
			}
		}
	}
	return false
}
