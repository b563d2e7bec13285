package alerts

import (
	"testing"
	"time"

	"codeberg.org/habeas/habeas"
)

// day returns midnight UTC of an ISO date.
func day(tb testing.TB, s string) time.Time {
	tb.Helper()
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		tb.Fatal(err)
	}
	return t
}

func ev(id int64, kind, date string, facility int64) habeas.Event {
	return habeas.Event{ID: id, CaseID: 1, Kind: kind, Date: date, FacilityID: facility}
}

// held is a case of a person held since 1 January 2025 at facility 3.
func held() *habeas.Case {
	return &habeas.Case{ID: 1, PersonID: 1, Country: "AZ", Status: habeas.StatusSentenced, ArrestDate: "2025-01-01", FacilityID: 3}
}

var facilities = map[int64]string{3: "Facility No. 3", 5: "Facility No. 5"}

func facilityName(id int64) string { return facilities[id] }

// only returns the findings of one rule.
func only(fs []Finding, rule string) []Finding {
	var out []Finding
	for _, f := range fs {
		if f.Rule == rule {
			out = append(out, f)
		}
	}
	return out
}

// want is what a table row expects of one rule: no finding when Severity
// is 0, else exactly one with this severity, key (when set) and message
// (when set).
type want struct {
	sev     Severity
	key     string
	message string
	days    int
	atLeast bool
}

func check(t *testing.T, fs []Finding, rule string, w want) {
	t.Helper()
	got := only(fs, rule)
	if w.sev == 0 {
		if len(got) != 0 {
			t.Fatalf("%s: want no finding, got %+v", rule, got)
		}
		return
	}
	if len(got) != 1 {
		t.Fatalf("%s: want one finding, got %+v", rule, got)
	}
	f := got[0]
	if f.Severity != w.sev {
		t.Errorf("%s: severity %v, want %v (%s)", rule, f.Severity, w.sev, f.Message)
	}
	if w.key != "" && f.Key != w.key {
		t.Errorf("%s: key %q, want %q", rule, f.Key, w.key)
	}
	if w.message != "" && f.Message != w.message {
		t.Errorf("%s: message\n got %q\nwant %q", rule, f.Message, w.message)
	}
	if w.days != 0 && f.Days != w.days {
		t.Errorf("%s: days %d, want %d", rule, f.Days, w.days)
	}
	if f.AtLeast != w.atLeast {
		t.Errorf("%s: at least %v, want %v", rule, f.AtLeast, w.atLeast)
	}
	if f.CaseID != 1 {
		t.Errorf("%s: case id %d", rule, f.CaseID)
	}
}

func run(c *habeas.Case, events []habeas.Event, ivs []habeas.Intervention, today time.Time, th Thresholds) []Finding {
	return Evaluate(Input{Case: c, Events: events, Interventions: ivs, Facility: facilityName}, today, th)
}
