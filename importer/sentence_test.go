package importer

import (
	"strings"
	"testing"

	"codeberg.org/habeas/habeas"
)

// Prison terms as people write them, and what a case records.
func TestParseSentence(t *testing.T) {
	good := []struct {
		in   string
		want habeas.Sentence
	}{
		{"", habeas.Sentence{}},
		{"P3Y", habeas.Sentence{Years: 3}},
		{"P1Y6M", habeas.Sentence{Years: 1, Months: 6}},
		{"p45d", habeas.Sentence{Days: 45}},
		{"P18M", habeas.Sentence{Months: 18}},
		{"5 years", habeas.Sentence{Years: 5}},
		{"1 year", habeas.Sentence{Years: 1}},
		{"5.5 years", habeas.Sentence{Years: 5, Months: 6}},
		{"5,5 years", habeas.Sentence{Years: 5, Months: 6}},
		{"2.25 years", habeas.Sentence{Years: 2, Months: 3}},
		{"five years and six months", habeas.Sentence{Years: 5, Months: 6}},
		{"Twenty-five years", habeas.Sentence{Years: 25}},
		{"3 years 6 months", habeas.Sentence{Years: 3, Months: 6}},
		{"3 years, 6 months", habeas.Sentence{Years: 3, Months: 6}},
		{"6 months", habeas.Sentence{Months: 6}},
		{"a year and a month", habeas.Sentence{Years: 1, Months: 1}},
		{"2 weeks", habeas.Sentence{Days: 14}},
		{"30 days", habeas.Sentence{Days: 30}},
		{"3y6m", habeas.Sentence{Years: 3, Months: 6}},
		{"3 года 6 месяцев", habeas.Sentence{Years: 3, Months: 6}},
		{"5 лет", habeas.Sentence{Years: 5}},
		{"5 il 6 ay", habeas.Sentence{Years: 5, Months: 6}},
	}
	for _, tt := range good {
		got, err := ParseSentence(tt.in)
		if err != nil || got != tt.want {
			t.Errorf("ParseSentence(%q) = %+v, %v; want %+v", tt.in, got, err, tt.want)
		}
	}
	bad := []struct{ in, reason string }{
		{"5.3 years", "5.3 years is not a whole number of months"},
		{"1.5 months", "a fraction of months"},
		{"5-7 years", "a range is not one term"},
		{"5 to 7 years", "a range is not one term"},
		{"life", "a life term"},
		{"пожизненно", "a life term"},
		{"5", `"5" has no unit`},
		{"5 decades", `"decades" is not a unit`},
		{"5 years 2 years", "years given twice"},
		{"0 years", "a term of zero"},
		{"P", "not a duration"},
		{"P1M2Y", "in that order"},
		{"PT5H", "not a duration"},
		{"many years", `"many" is not a number`},
		{strings.Repeat("1 year ", 50), "longer than"},
	}
	for _, tt := range bad {
		got, err := ParseSentence(tt.in)
		if err == nil || !strings.Contains(err.Error(), tt.reason) {
			t.Errorf("ParseSentence(%q) = %+v, %v; want refused: %s", tt.in, got, err, tt.reason)
		}
	}
}

// A term either comes out within what a case accepts, or is refused with
// a reason; the ISO form of what it reads reads back the same.
func FuzzParseSentence(f *testing.F) {
	for _, s := range []string{"5.5 years", "five years and six months", "3 years 6 months", "6 months", "P1Y6M", "3y6m", "P", "5-7", "a an a"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, err := ParseSentence(s)
		if err != nil {
			if err.Error() == "" || !got.IsZero() {
				t.Fatalf("ParseSentence(%q): %+v, %q", s, got, err)
			}
			return
		}
		if got.Years < 0 || got.Months < 0 || got.Days < 0 {
			t.Fatalf("ParseSentence(%q) = %+v: negative", s, got)
		}
		if got.IsZero() {
			return
		}
		again, err := ParseSentence(sentenceText(got))
		if err != nil || again != got {
			t.Fatalf("ParseSentence(%q) = %+v, but its ISO form %q reads %+v, %v", s, got, sentenceText(got), again, err)
		}
	})
}
