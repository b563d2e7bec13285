package edtf

import (
	"bufio"
	"os"
	"strings"
	"testing"
	"time"
)

// referenceDifferences are the strings on which habeas disagrees on purpose
// with the recorded verdicts of the independent implementation (edtf.js),
// and why. Every other string of testdata/reference.txt must agree.
var referenceDifferences = map[string]string{
	"2023-21": seasonReason, "2023-22": seasonReason, "2023-23": seasonReason, "2023-24": seasonReason,
	"2023-02-29":       "edtf.js accepts 29 February of a common year and moves it to 1 March; the day does not exist",
	"2025-02-29T10:00": "edtf.js accepts 29 February of a common year and moves it to 1 March; the day does not exist",
	"23":               "edtf.js reads two digits as a century (the 2300s); habeas writes a century as 20XX and refuses a two-digit year, which people type for 2023",
	"-2023":            "negative years are valid EDTF, but no case file needs them; habeas keeps to 0000–9999",
	"Y170000002":       "years of more than four digits are valid EDTF (and edtf.js cannot give their bounds); habeas keeps to 0000–9999",
	"2023-08-XX~":      "edtf.js refuses a qualifier after unspecified digits at level 1; habeas has always accepted it (approximately some day in August 2023) and stored dates may use it",
}

const seasonReason = "EDTF leaves the months of a season to the application; edtf.js makes spring January–March (calendar quarters), " +
	"habeas uses the meteorological seasons of the northern hemisphere (spring is March–May, winter December–February of the next year), " +
	"which is what a report from Azerbaijan means by \"spring 2023\""

func TestReferenceVerdicts(t *testing.T) {
	f, err := os.Open("testdata/reference-verdicts.tsv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	strs := referenceStrings(t)
	seen, disagree := 0, 0
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		cols := strings.Split(line, "\t")
		if len(cols) != 4 {
			t.Fatalf("bad verdict line %q", line)
		}
		in, want := cols[0], strings.Join(cols[1:], " ")
		seen++
		if !strs[in] {
			t.Errorf("verdict for %q, which is not in reference.txt: record the verdicts again", in)
		}
		got := ourVerdict(in)
		reason, explained := referenceDifferences[in]
		switch {
		case got != want && !explained:
			disagree++
			t.Errorf("%q: Parse says %q, edtf.js %q", in, got, want)
		case got == want && explained:
			t.Errorf("%q agrees with edtf.js now (%q): drop it from referenceDifferences", in, got)
		case explained:
			t.Logf("%q: habeas %q, edtf.js %q: %s", in, got, want, reason)
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if seen != len(strs) || seen < 53 {
		t.Errorf("%d verdicts for %d reference strings (want at least 53, one each): record the verdicts again", seen, len(strs))
	}
	if disagree > 0 {
		t.Errorf("%d of %d reference strings disagree with edtf.js without a reason", disagree, seen)
	}
}

// referenceStrings returns the strings of testdata/reference.txt.
func referenceStrings(t *testing.T) map[string]bool {
	b, err := os.ReadFile("testdata/reference.txt")
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]bool{}
	for _, line := range strings.Split(string(b), "\n") {
		if line != "" && !strings.HasPrefix(line, "#") {
			out[line] = true
		}
	}
	return out
}

// ourVerdict writes what Parse makes of s the way the verdicts file does.
func ourVerdict(s string) string {
	d, err := Parse(s)
	if err != nil {
		return "invalid - -"
	}
	first, last := "", ""
	switch {
	case d.StartOpen():
		first = "open"
	case d.StartUnknown():
		first = "unknown"
	default:
		first = verdictBound(d.Start(), d.Earliest())
	}
	switch {
	case d.EndOpen():
		last = "open"
	case d.EndUnknown():
		last = "unknown"
	default:
		last = verdictBound(d.End(), d.Latest())
	}
	return "valid " + first + " " + last
}

// verdictBound is an end's instant in UTC when it has a time of day, else
// its day.
func verdictBound(end Date, day time.Time) string {
	if t, ok := end.Time(); ok {
		return t.UTC().Format(time.RFC3339)
	}
	return day.Format(time.DateOnly)
}
