package casefile

import (
	"slices"
	"testing"

	"codeberg.org/habeas/habeas"
)

func TestStatus(t *testing.T) {
	tests := []struct {
		name      string
		stored    string
		events    []habeas.Event
		want      string
		wantBy    int64 // StatusEventID
		detained  bool
		sinceWant string // DetainedSince
	}{
		{"no events: stored status stands", sentenced, nil, sentenced, 0, true, ""},
		{"no status-bearing event", pretrial, timeline(ev(0, family, "2024-02-01", 3), ev(0, statement, "2024-03-01", 0)), pretrial, 0, true, ""},
		{"stored released, no events", released, nil, released, 0, false, ""},
		{"empty stored status, no events", "", nil, "", 0, false, ""},
		{"arrest from nothing", "", timeline(ev(0, arrest, "2023-08-12", 0)), pretrial, 1, true, "2023-08-12"},
		{"arrest keeps a stored sentence", sentenced, timeline(ev(0, arrest, "2023-08", 0)), sentenced, 0, true, "2023-08"},
		{"arrest keeps detained (stage unknown)", detained, timeline(ev(0, arrest, "2023-08", 0)), detained, 0, true, "2023-08"},
		{"charge makes detained pre_trial", detained, timeline(ev(0, arrest, "2023-08", 0), ev(0, charge, "2023-08-20", 0)), pretrial, 2, true, "2023-08"},
		{"arrest, charge, hearing", "", timeline(ev(0, arrest, "2023-08", 0), ev(0, charge, "2023-09", 0), ev(0, hearing, "2023-12-01", 0)), pretrial, 3, true, "2023-08"},
		{"verdict", pretrial, timeline(ev(0, arrest, "2023-08", 0), ev(0, verdict, "2024-01-31", 0)), sentenced, 2, true, "2023-08"},
		{"appeal hearing keeps sentenced", pretrial, timeline(ev(0, arrest, "2023-08", 0), ev(0, verdict, "2024-01-31", 0), ev(0, appeal, "2024-02-10", 0), ev(0, hearing, "2024-04-01", 0)), sentenced, 2, true, "2023-08"},
		{"release", sentenced, timeline(ev(0, arrest, "2023-08", 0), ev(0, verdict, "2024-01-31", 0), ev(0, release, "2025-01-10", 0)), released, 3, false, "2023-08"},
		{"stored released but timeline says sentenced", released, timeline(ev(0, arrest, "2023-08", 0), ev(0, verdict, "2024-01-31", 0)), sentenced, 2, true, "2023-08"},
		{"pardon", sentenced, timeline(ev(0, verdict, "2024-01-31", 0), ev(0, pardon, "2025-03-10", 0)), pardoned, 2, false, ""},
		{"release carrying out a pardon stays pardoned", sentenced, timeline(ev(0, pardon, "2025-03-10", 0), ev(0, release, "2025-03-12", 0)), pardoned, 1, false, ""},
		{"pardon after release", sentenced, timeline(ev(0, release, "2025-03-10", 0), ev(0, pardon, "2025-04-12", 0)), pardoned, 2, false, ""},
		{"death in custody", sentenced, timeline(ev(0, hsStart, "2025-04-06", 3), ev(0, death, "2025-05-01", 0)), deceased, 2, false, ""},
		{"posthumous pardon", sentenced, timeline(ev(0, death, "2024-06-01", 0), ev(0, pardon, "2024-09-01", 0)), deceased, 1, false, ""},
		{"nothing after death", sentenced, timeline(ev(0, death, "2024-06-01", 0), ev(0, arrest, "2024-07-01", 0), ev(0, verdict, "2024-08-01", 0), ev(0, release, "2024-09-01", 0)), deceased, 1, false, ""},
		{"charged while free stays released", sentenced, timeline(ev(0, release, "2024-03-01", 0), ev(0, charge, "2024-05-01", 0), ev(0, hearing, "2024-06-01", 0)), released, 1, false, ""},
		{"re-arrest after release", sentenced, timeline(ev(0, arrest, "2023-08", 0), ev(0, verdict, "2024-01-31", 0), ev(0, release, "2024-06-01", 0), ev(0, arrest, "2025-02-03", 0)), pretrial, 4, true, "2025-02-03"},
		{"re-arrest after pardon, then verdict", released, timeline(ev(0, pardon, "2024-06-01", 0), ev(0, arrest, "2025-02-03", 0), ev(0, verdict, "2025-04-01", 0)), sentenced, 3, true, "2025-02-03"},
		{"re-arrest, released again", sentenced, timeline(ev(0, arrest, "2023-08", 0), ev(0, release, "2024-06-01", 0), ev(0, arrest, "2025-02-03", 0), ev(0, release, "2025-03-01", 0)), released, 4, false, "2025-02-03"},
		{"arrest of a case stored released is not a re-arrest", released, timeline(ev(0, arrest, "2023-08", 0)), pretrial, 1, true, "2023-08"},
		{"order is the dates', not the list's", pretrial, timeline(ev(0, release, "2025-01-10", 0), ev(0, verdict, "2024-01-31", 0), ev(0, arrest, "2023-08", 0)), released, 1, false, "2023-08"},
		{"same day: ties by ID", pretrial, timeline(ev(0, verdict, "2024-01-31", 0), ev(0, release, "2024-01-31", 0)), released, 2, false, ""},
		{"future verdict ignored", pretrial, timeline(ev(0, arrest, "2025-01", 0), ev(0, verdict, "2025-07-01", 0)), pretrial, 0, true, "2025-01"},
		{"garbage dates ignored", pretrial, timeline(ev(0, release, "last spring", 0), ev(0, verdict, "", 0), ev(0, death, "2025-13-01", 0)), pretrial, 0, true, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := &habeas.Case{Status: tt.stored}
			got := Compute(c, tt.events, day(t, "2025-05-15"))
			if got.Status != tt.want || got.StatusEventID != tt.wantBy {
				t.Errorf("Status = %q (event %d); want %q (event %d)", got.Status, got.StatusEventID, tt.want, tt.wantBy)
			}
			if got.Detained != tt.detained {
				t.Errorf("Detained = %v; want %v", got.Detained, tt.detained)
			}
			if got.DetainedSince != tt.sinceWant {
				t.Errorf("DetainedSince = %q; want %q", got.DetainedSince, tt.sinceWant)
			}
		})
	}
}

// Every kind in the rules table is a real event kind, and every rule names
// real statuses.
func TestStatusRulesUseDomainNames(t *testing.T) {
	for kind, r := range statusRules {
		if !slices.Contains(habeas.EventKinds, kind) {
			t.Errorf("statusRules has unknown kind %q", kind)
		}
		for _, s := range append([]string{r.To}, r.Unless...) {
			if !slices.Contains(habeas.Statuses, s) {
				t.Errorf("statusRules[%q] names unknown status %q", kind, s)
			}
		}
	}
	for _, s := range habeas.Statuses {
		if Held(s) == Free(s) {
			t.Errorf("status %q is both or neither held and free", s)
		}
	}
}

// The case's ArrestDate is the detention's start unless a re-arrest on the
// timeline began a new one.
func TestDetainedSince(t *testing.T) {
	tests := []struct {
		name       string
		arrestDate string
		events     []habeas.Event
		want       string
	}{
		{"case field", "2023-08-12", nil, "2023-08-12"},
		{"case field over event", "2023-08-12", timeline(ev(0, arrest, "2023-08", 0)), "2023-08-12"},
		{"event when the field is empty", "", timeline(ev(0, arrest, "2023-08", 0)), "2023-08"},
		{"event when the field is garbage", "August", timeline(ev(0, arrest, "2023-08~", 0)), "2023-08~"},
		{"first arrest when several", "", timeline(ev(0, arrest, "2023-08", 0), ev(0, arrest, "2023-09", 0)), "2023-08"},
		{"re-arrest over the field", "2023-08-12", timeline(ev(0, release, "2024-06-01", 0), ev(0, arrest, "2025-02-03", 0)), "2025-02-03"},
		{"none", "", timeline(ev(0, verdict, "2024-01-31", 0)), ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := &habeas.Case{Status: sentenced, ArrestDate: tt.arrestDate}
			got := Compute(c, tt.events, day(t, "2025-05-15"))
			if got.DetainedSince != tt.want {
				t.Errorf("DetainedSince = %q; want %q", got.DetainedSince, tt.want)
			}
		})
	}
}

// An empty or unknown stored status is neither held nor free: bad data must
// not stop the silence clock.
func TestUnknownStatusKeepsCounting(t *testing.T) {
	for _, status := range []string{"", "bogus"} {
		c := &habeas.Case{Status: status, ArrestDate: "2025-05-05", FacilityID: 3}
		got := Compute(c, timeline(ev(0, hsStart, "2025-05-10", 3)), day(t, "2025-05-15"))
		if got.Detained || got.Status != status {
			t.Errorf("%q: Detained %v, Status %q", status, got.Detained, got.Status)
		}
		if got.DaysWithoutNews != 5 || got.DaysDetained != 10 || got.HungerStrikeDays != 5 || got.FacilityID != 3 {
			t.Errorf("%q: %+v", status, got)
		}
	}
}

// The end of a detention is the event that ended it, and only while the
// person is free.
func TestDetainedUntil(t *testing.T) {
	tests := []struct {
		name   string
		events []habeas.Event
		want   string
	}{
		{"held", timeline(ev(0, arrest, "2023-08", 0), ev(0, verdict, "2024-01-31", 0)), ""},
		{"released", timeline(ev(0, arrest, "2023-08", 0), ev(0, release, "2025-01-10", 0)), "2025-01-10"},
		{"pardoned, then let out: the day out", timeline(ev(0, arrest, "2023-08", 0), ev(0, pardon, "2025-03-10", 0), ev(0, release, "2025-03-12", 0)), "2025-03-12"},
		{"died in custody", timeline(ev(0, arrest, "2023-08", 0), ev(0, death, "2025-05~", 0)), "2025-05~"},
		{"released, then re-arrested", timeline(ev(0, arrest, "2023-08", 0), ev(0, release, "2024-06-01", 0), ev(0, arrest, "2025-02-03", 0)), ""},
		{"release still to come", timeline(ev(0, arrest, "2023-08", 0), ev(0, release, "2025-06-01", 0)), ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Compute(&habeas.Case{Status: habeas.StatusSentenced}, tt.events, day(t, "2025-05-15"))
			if got.DetainedUntil != tt.want {
				t.Errorf("DetainedUntil = %q; want %q", got.DetainedUntil, tt.want)
			}
		})
	}
}
