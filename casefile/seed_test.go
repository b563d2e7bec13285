package casefile

import (
	"reflect"
	"testing"

	"codeberg.org/habeas/habeas"
)

// seedCase is Elvin Mustafayev's case as the IHR post of 15 May 2025, the
// post habeas was born from, tells it.
func seedCase() (*habeas.Case, []habeas.Event) {
	c := &habeas.Case{
		ID: 1, PersonID: 1, Country: "AZ",
		Status:           sentenced,
		ArrestDate:       "2023-08",
		Charges:          []habeas.Charge{{Text: "drug trafficking"}},
		Court:            "Baku Serious Crimes Court",
		Sentence:         habeas.Sentence{Years: 3},
		SentenceDate:     "2024-01-31",
		PretrialCredited: true,
		FacilityID:       3, // Correctional Facility No. 3
	}
	events := []habeas.Event{
		ev(1, arrest, "2023-08", noFacility),
		ev(2, verdict, "2024-01-31", noFacility),
		ev(3, news, "2025-05-07", noFacility),      // the last news received
		ev(4, hsStart, "2025-05-06", 3),            // begun at Facility No. 3
		ev(5, transfer, "2025-05", noFacility),     // "relocated", place not disclosed
		ev(6, statement, "2025-05-14", noFacility), // the union's statement
	}
	return c, events
}

func TestSeedCase(t *testing.T) {
	c, events := seedCase()
	got := Compute(c, events, day(t, "2025-05-15"))
	want := State{
		Status:              sentenced,
		StatusEventID:       2,
		FacilityID:          0,
		FacilityEventID:     5,
		WhereaboutsUnknown:  true,
		UnknownSince:        "2025-05",
		LastNews:            "2025-05-07",
		LastNewsEventID:     3,
		DaysWithoutNews:     8, // "8 days without news"
		HungerStrikeSince:   "2025-05-06",
		HungerStrikeEventID: 4,
		HungerStrikeDays:    9, // day 10
		// nobody has said since 7 May that it goes on
		HungerStrikeUnconfirmed: true,
		Detained:                true,
		DetainedSince:           "2023-08",
		DaysDetained:            daysBetween(t, "2023-08-31", "2025-05-15"),
		ExpectedRelease:         "2026-08",
		DaysToRelease:           daysBetween(t, "2025-05-15", "2026-08-01"),
		Approximate: map[string]bool{
			CounterDaysDetained:  true, // arrested "in August 2023"
			CounterDaysToRelease: true, // "August 2026"
		},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Compute(seed):\n got %+v\nwant %+v", got, want)
	}
	if got.DaysToRelease != 443 || got.DaysDetained != 623 {
		t.Errorf("DaysToRelease, DaysDetained = %d, %d; want 443, 623", got.DaysToRelease, got.DaysDetained)
	}
}

// The seed's hard case, varied: the transfer is known only to the month, so
// it sorts before everything else in May. Nothing later in May may undo it
// unless it certainly came after it.
func TestSeedWhereaboutsStayUnknown(t *testing.T) {
	tests := []struct {
		name     string
		extra    habeas.Event
		unknown  bool
		facility int64
	}{
		{"strike at No. 3 is not a placing event", ev(10, hsStart, "2025-05-06", 3), true, 0},
		{"ill-treatment at No. 3", ev(10, illTreat, "2025-05-08", 3), true, 0},
		{"lawyer saw him at No. 3 on 7 May, maybe before the transfer", ev(10, lawyer, "2025-05-07", 3), true, 0},
		{"family visit at No. 5 on 14 May, maybe before the transfer", ev(10, family, "2025-05-14", 5), true, 0},
		{"family visit certainly after the transfer", ev(10, family, "2025-06-02", 5), false, 5},
		{"lawyer visit without a facility", ev(10, lawyer, "2025-06-02", noFacility), true, 0},
		{"transfer to No. 5 recorded later in May", ev(10, transfer, "2025-05-20", 5), false, 5},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, events := seedCase()
			got := Compute(c, append(events, tt.extra), day(t, "2025-06-15"))
			if got.WhereaboutsUnknown != tt.unknown || got.FacilityID != tt.facility {
				t.Errorf("unknown, facility = %v, %d; want %v, %d", got.WhereaboutsUnknown, got.FacilityID, tt.unknown, tt.facility)
			}
			if tt.unknown != (got.UnknownSince == "2025-05") {
				t.Errorf("UnknownSince = %q", got.UnknownSince)
			}
		})
	}
}

// The transfer as the demo records it: some day between the start of the
// strike (6 May) and the union's statement (14 May). It sorts after the
// strike began, keeps the whereabouts unknown, and a visit on 10 May, which
// may have come before it, does not end them.
func TestSeedTransferInterval(t *testing.T) {
	c, events := seedCase()
	events[4].Date = "2025-05-06/2025-05-14"
	got := Compute(c, append(events, ev(7, family, "2025-05-10", 3)), day(t, "2025-05-15"))
	if !got.WhereaboutsUnknown || got.UnknownSince != "2025-05-06/2025-05-14" || got.FacilityID != 0 {
		t.Errorf("whereabouts unknown %v since %q, facility %d; want unknown since the interval", got.WhereaboutsUnknown, got.UnknownSince, got.FacilityID)
	}
	var order []int64
	for _, e := range Sorted(events) {
		order = append(order, e.ID)
	}
	if want := []int64{1, 2, 4, 5, 3, 6}; !reflect.DeepEqual(order, want) {
		t.Errorf("timeline order %v, want %v (arrest, verdict, strike 6 May, transfer 6–14 May, news 7 May, statement)", order, want)
	}
	got = Compute(c, append(events, ev(7, family, "2025-05-20", 5)), day(t, "2025-05-21"))
	if got.WhereaboutsUnknown || got.FacilityID != 5 {
		t.Errorf("a visit certainly after the transfer: unknown %v, facility %d; want seen at 5", got.WhereaboutsUnknown, got.FacilityID)
	}
}

func TestSeedEventsUnmodified(t *testing.T) {
	c, events := seedCase()
	before := append([]habeas.Event(nil), events...)
	cBefore := *c
	Compute(c, events, day(t, "2025-05-15"))
	if !reflect.DeepEqual(events, before) {
		t.Error("Compute reordered or changed its events")
	}
	if !reflect.DeepEqual(*c, cBefore) {
		t.Error("Compute changed the case")
	}
}
