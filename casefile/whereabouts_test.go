package casefile

import (
	"testing"

	"codeberg.org/habeas/habeas"
)

func TestWhereabouts(t *testing.T) {
	tests := []struct {
		name     string
		stored   int64 // c.FacilityID
		events   []habeas.Event
		facility int64
		unknown  bool
		since    string
		by       int64 // FacilityEventID
	}{
		{"stored facility, no events", 3, nil, 3, false, "", 0},
		{"no facility anywhere", 0, nil, 0, false, "", 0},
		{"transfer to a facility", 3, timeline(ev(0, transfer, "2024-03-01", 7)), 7, false, "", 1},
		{"transfer to an undisclosed place", 3, timeline(ev(0, transfer, "2024-03-01", 0)), 0, true, "2024-03-01", 1},
		{"undisclosed, then a transfer to a facility", 3, timeline(ev(0, transfer, "2024-03-01", 0), ev(0, transfer, "2024-04-02", 8)), 8, false, "", 2},
		{"known, then undisclosed", 3, timeline(ev(0, transfer, "2024-03-01", 7), ev(0, transfer, "2024-04-02", 0)), 0, true, "2024-04-02", 2},
		{"two undisclosed transfers: the latest counts", 3, timeline(ev(0, transfer, "2024-03-01", 0), ev(0, transfer, "2024-04-02", 0)), 0, true, "2024-04-02", 2},
		{"arrest at a facility places", 0, timeline(ev(0, arrest, "2023-08-12", 11)), 11, false, "", 1},
		{"arrest without a facility keeps the stored one", 3, timeline(ev(0, arrest, "2023-08-12", 0)), 3, false, "", 0},
		{"arrest at a facility ends unknown whereabouts", 3, timeline(ev(0, transfer, "2024-03-01", 0), ev(0, arrest, "2024-05-01", 9)), 9, false, "", 2},
		{"family visit places", 0, timeline(ev(0, family, "2024-03-01", 4)), 4, false, "", 1},
		{"lawyer visit places", 3, timeline(ev(0, lawyer, "2024-03-01", 4)), 4, false, "", 1},
		{"visit without facility does not place", 3, timeline(ev(0, lawyer, "2024-03-01", 0)), 3, false, "", 0},
		{"visit certainly after undisclosed transfer ends it", 3, timeline(ev(0, transfer, "2024-03-01", 0), ev(0, family, "2024-03-02", 5)), 5, false, "", 2},
		{"visit the same day as the transfer does not", 3, timeline(ev(0, transfer, "2024-03-01", 0), ev(0, family, "2024-03-01", 5)), 0, true, "2024-03-01", 1},
		{"visit within the transfer's month does not", 3, timeline(ev(0, transfer, "2024-03", 0), ev(0, lawyer, "2024-03-20", 5)), 0, true, "2024-03", 1},
		{"visit in the month after does", 3, timeline(ev(0, transfer, "2024-03", 0), ev(0, lawyer, "2024-04-01", 5)), 5, false, "", 2},
		{"visit in the transfer's year does not", 3, timeline(ev(0, transfer, "2024", 0), ev(0, lawyer, "2024-11-20", 5)), 0, true, "2024", 1},
		{"month visit before a day transfer", 3, timeline(ev(0, family, "2024-03", 5), ev(0, transfer, "2024-03-14", 0)), 0, true, "2024-03-14", 2},
		{"approximate transfer: qualifiers do not widen", 3, timeline(ev(0, transfer, "2024-03-01~", 0), ev(0, family, "2024-03-02", 5)), 5, false, "", 2},
		{"visit overlapping a known transfer keeps the move", 3, timeline(ev(0, transfer, "2024-03", 7), ev(0, family, "2024-03-10", 3)), 7, false, "", 1},
		{"visit with no earlier move places", 3, timeline(ev(0, hsStart, "2024-02-01", 3), ev(0, family, "2024-03-10", 6)), 6, false, "", 2},
		{"other kinds' facility moves no one", 3, timeline(ev(0, hsStart, "2024-03-01", 9), ev(0, illTreat, "2024-03-02", 9), ev(0, health, "2024-03-03", 9), ev(0, hearing, "2024-03-04", 9), ev(0, statement, "2024-03-05", 9), ev(0, call, "2024-03-06", 9), ev(0, letter, "2024-03-07", 9)), 3, false, "", 0},
		{"strike at the old facility after undisclosed transfer", 3, timeline(ev(0, transfer, "2024-03-01", 0), ev(0, hsStart, "2024-03-05", 3)), 0, true, "2024-03-01", 1},
		{"future transfer ignored", 3, timeline(ev(0, transfer, "2025-06-01", 0)), 3, false, "", 0},
		{"transfer this month counts", 3, timeline(ev(0, transfer, "2025-05", 0)), 0, true, "2025-05", 1},
		{"garbage-dated transfer ignored", 3, timeline(ev(0, transfer, "May 2025", 0)), 3, false, "", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := &habeas.Case{Status: sentenced, FacilityID: tt.stored}
			got := Compute(c, tt.events, day(t, "2025-05-15"))
			if got.FacilityID != tt.facility || got.WhereaboutsUnknown != tt.unknown || got.UnknownSince != tt.since {
				t.Errorf("facility, unknown, since = %d, %v, %q; want %d, %v, %q",
					got.FacilityID, got.WhereaboutsUnknown, got.UnknownSince, tt.facility, tt.unknown, tt.since)
			}
			if got.FacilityEventID != tt.by {
				t.Errorf("FacilityEventID = %d; want %d", got.FacilityEventID, tt.by)
			}
		})
	}
}

// Free people are held nowhere, whatever the timeline said before.
func TestWhereaboutsWhenFree(t *testing.T) {
	tests := []struct {
		name   string
		stored string
		events []habeas.Event
	}{
		{"release after undisclosed transfer", sentenced, timeline(ev(0, transfer, "2024-03-01", 0), ev(0, release, "2024-06-01", 0))},
		{"pardon", sentenced, timeline(ev(0, transfer, "2024-03-01", 7), ev(0, pardon, "2024-06-01", 0))},
		{"death", sentenced, timeline(ev(0, transfer, "2024-03-01", 0), ev(0, death, "2024-06-01", 0))},
		{"stored released with a stored facility", released, nil},
		{"stored deceased, undisclosed transfer", deceased, timeline(ev(0, transfer, "2024-03-01", 0))},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := &habeas.Case{Status: tt.stored, FacilityID: 3}
			got := Compute(c, tt.events, day(t, "2025-05-15"))
			if got.FacilityID != 0 || got.WhereaboutsUnknown || got.UnknownSince != "" {
				t.Errorf("facility, unknown, since = %d, %v, %q; want 0, false, \"\"", got.FacilityID, got.WhereaboutsUnknown, got.UnknownSince)
			}
		})
	}
}

func TestWhereaboutsAfterReArrest(t *testing.T) {
	events := timeline(
		ev(0, transfer, "2023-10-01", 0),
		ev(0, release, "2024-06-01", 0),
		ev(0, arrest, "2025-02-03", 0), // where to is not known yet
	)
	got := Compute(&habeas.Case{Status: sentenced, FacilityID: 3}, events, day(t, "2025-05-15"))
	if got.FacilityID != 0 || got.WhereaboutsUnknown {
		t.Errorf("after re-arrest without facility: facility %d, unknown %v; want 0, false", got.FacilityID, got.WhereaboutsUnknown)
	}
	events = append(events, ev(4, lawyer, "2025-02-10", 12))
	got = Compute(&habeas.Case{Status: sentenced, FacilityID: 3}, events, day(t, "2025-05-15"))
	if got.FacilityID != 12 {
		t.Errorf("visit after re-arrest: facility %d; want 12", got.FacilityID)
	}
}
