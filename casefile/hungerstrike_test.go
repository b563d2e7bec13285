package casefile

import (
	"testing"

	"codeberg.org/habeas/habeas"
)

func TestHungerStrike(t *testing.T) {
	tests := []struct {
		name    string
		events  []habeas.Event
		today   string
		since   string
		id      int64
		days    int
		atLeast bool
	}{
		{"none", nil, "2025-05-15", "", 0, 0, false},
		{"seed: begun 6 May, 15 May", timeline(ev(0, hsStart, "2025-05-06", 3)), "2025-05-15", "2025-05-06", 1, 9, false},
		{"first day is 0", timeline(ev(0, hsStart, "2025-05-15", 3)), "2025-05-15", "2025-05-15", 1, 0, false},
		{"ended", timeline(ev(0, hsStart, "2025-05-06", 3), ev(0, hsEnd, "2025-05-12", 0)), "2025-05-15", "", 0, 0, false},
		{"ended the same day", timeline(ev(0, hsStart, "2025-05-06", 3), ev(0, hsEnd, "2025-05-06", 0)), "2025-05-15", "", 0, 0, false},
		{"same day, end entered first", timeline(ev(0, hsEnd, "2025-05-06", 0), ev(0, hsStart, "2025-05-06", 3)), "2025-05-15", "", 0, 0, false},
		{"end certainly before start", timeline(ev(0, hsEnd, "2025-05-01", 0), ev(0, hsStart, "2025-05-06", 3)), "2025-05-15", "2025-05-06", 2, 9, false},
		{"end known to the month closes a start in it", timeline(ev(0, hsStart, "2025-05-06", 3), ev(0, hsEnd, "2025-05", 0)), "2025-06-15", "", 0, 0, false},
		{"end known to the month, earlier strike", timeline(ev(0, hsStart, "2025-04-20", 3), ev(0, hsEnd, "2025-05", 0), ev(0, hsStart, "2025-05-20", 3)), "2025-06-15", "2025-05-20", 3, 26, false},
		{"end in the future does not end it", timeline(ev(0, hsStart, "2025-05-06", 3), ev(0, hsEnd, "2025-05-20", 0)), "2025-05-15", "2025-05-06", 1, 9, false},
		{"future start ignored", timeline(ev(0, hsStart, "2025-05-20", 3)), "2025-05-15", "", 0, 0, false},
		{"two strikes, second ongoing", timeline(ev(0, hsStart, "2024-03-01", 3), ev(0, hsEnd, "2024-03-20", 0), ev(0, hsStart, "2025-05-01", 3)), "2025-05-15", "2025-05-01", 3, 14, false},
		{"two strikes, both ended", timeline(ev(0, hsStart, "2024-03-01", 3), ev(0, hsEnd, "2024-03-20", 0), ev(0, hsStart, "2025-05-01", 3), ev(0, hsEnd, "2025-05-10", 0)), "2025-05-15", "", 0, 0, false},
		{"two starts, no end: the latest", timeline(ev(0, hsStart, "2025-05-01", 3), ev(0, hsStart, "2025-05-06", 3)), "2025-05-15", "2025-05-06", 2, 9, false},
		{"one end closes one strike", timeline(ev(0, hsEnd, "2025-04", 0), ev(0, hsStart, "2025-04-10", 3), ev(0, hsStart, "2025-05-06", 3)), "2025-05-15", "2025-05-06", 3, 9, false},
		{"month start counts from its last day", timeline(ev(0, hsStart, "2025-04", 3)), "2025-05-15", "2025-04", 1, 15, true},
		{"month start in the current month", timeline(ev(0, hsStart, "2025-05", 3)), "2025-05-15", "2025-05", 1, 0, true},
		{"approximate start", timeline(ev(0, hsStart, "2025-05-06~", 3)), "2025-05-15", "2025-05-06~", 1, 9, true},
		{"across a leap day", timeline(ev(0, hsStart, "2024-02-20", 3)), "2024-03-05", "2024-02-20", 1, 14, false},
		{"release ends it", timeline(ev(0, hsStart, "2025-05-06", 3), ev(0, release, "2025-05-10", 0)), "2025-05-15", "", 0, 0, false},
		{"death ends it", timeline(ev(0, hsStart, "2025-05-06", 3), ev(0, death, "2025-05-10", 0)), "2025-05-15", "", 0, 0, false},
		{"release before, re-arrest, strike", timeline(ev(0, release, "2025-01", 0), ev(0, arrest, "2025-02-01", 0), ev(0, hsStart, "2025-05-06", 3)), "2025-05-15", "2025-05-06", 3, 9, false},
		{"pending end dropped by an arrest", timeline(ev(0, hsEnd, "2025-04", 0), ev(0, arrest, "2025-04-10", 0), ev(0, hsStart, "2025-04-20", 3)), "2025-05-15", "2025-04-20", 3, 25, false},
		{"statement or transfer does not end it", timeline(ev(0, hsStart, "2025-05-06", 3), ev(0, transfer, "2025-05-08", 0), ev(0, statement, "2025-05-14", 0)), "2025-05-15", "2025-05-06", 1, 9, false},
		{"start known as an interval counts from its end", timeline(ev(0, hsStart, "2025-05-06/2025-05-10", 3)), "2025-05-15", "2025-05-06/2025-05-10", 1, 5, true},
		{"start in an interval reaching past today", timeline(ev(0, hsStart, "2025-05-06/2025-05-20", 3)), "2025-05-15", "2025-05-06/2025-05-20", 1, 0, true},
		{"start with an open end", timeline(ev(0, hsStart, "2025-05/..", 3)), "2025-05-15", "2025-05/..", 1, 0, true},
		{"start with an unknown start", timeline(ev(0, hsStart, "/2025-05-10", 3)), "2025-05-15", "/2025-05-10", 1, 5, true},
		{"start in spring", timeline(ev(0, hsStart, "2025-21", 3)), "2025-06-15", "2025-21", 1, 15, true},
		{"start to the minute", timeline(ev(0, hsStart, "2025-05-06T09:30+04:00", 3)), "2025-05-15", "2025-05-06T09:30+04:00", 1, 9, false},
		{"end in an interval closes it", timeline(ev(0, hsStart, "2025-05-06", 3), ev(0, hsEnd, "2025-05-06/2025-05-14", 0)), "2025-05-15", "", 0, 0, false},
		{"end with an open start closes it", timeline(ev(0, hsStart, "2025-05-06", 3), ev(0, hsEnd, "../2025-05-14", 0)), "2025-05-15", "", 0, 0, false},
		{"garbage end ignored", timeline(ev(0, hsStart, "2025-05-06", 3), ev(0, hsEnd, "2025-02-30", 0)), "2025-05-15", "2025-05-06", 1, 9, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := &habeas.Case{Status: sentenced, ArrestDate: "2023-08"}
			got := Compute(c, tt.events, day(t, tt.today))
			if got.HungerStrikeSince != tt.since || got.HungerStrikeEventID != tt.id || got.HungerStrikeDays != tt.days {
				t.Errorf("strike = %q (event %d), %d days; want %q (event %d), %d days",
					got.HungerStrikeSince, got.HungerStrikeEventID, got.HungerStrikeDays, tt.since, tt.id, tt.days)
			}
			if got.Approximate[CounterHungerStrikeDays] != tt.atLeast {
				t.Errorf("Approximate[hunger_strike_days] = %v; want %v", got.Approximate[CounterHungerStrikeDays], tt.atLeast)
			}
		})
	}
}

// The strike's counter is only as good as the last news: when nobody has
// said since before today that it goes on, it is "if it continues".
func TestHungerStrikeUnconfirmed(t *testing.T) {
	tests := []struct {
		name   string
		events []habeas.Event
		want   bool
	}{
		{"begun today", timeline(ev(0, hsStart, "2025-05-15", 3)), false},
		{"begun on 6 May, nothing since", timeline(ev(0, hsStart, "2025-05-06", 3)), true},
		{"seed: last news around 7 May", timeline(ev(0, hsStart, "2025-05-06", 3), ev(0, news, "2025-05-07~", 0)), true},
		{"lawyer saw him today", timeline(ev(0, hsStart, "2025-05-06", 3), ev(0, lawyer, "2025-05-15", 3)), false},
		{"news known to the month may be today", timeline(ev(0, hsStart, "2025-05-06", 3), ev(0, health, "2025-05", 0)), false},
		{"a statement is not news", timeline(ev(0, hsStart, "2025-05-06", 3), ev(0, statement, "2025-05-15", 0)), true},
		{"a transfer is not news", timeline(ev(0, hsStart, "2025-05-06", 3), ev(0, transfer, "2025-05-06/2025-05-15", 0)), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Compute(&habeas.Case{Status: sentenced}, tt.events, day(t, "2025-05-15"))
			if got.HungerStrikeSince == "" || got.HungerStrikeUnconfirmed != tt.want {
				t.Errorf("strike %q, unconfirmed %v; want %v", got.HungerStrikeSince, got.HungerStrikeUnconfirmed, tt.want)
			}
		})
	}
	if got := Compute(&habeas.Case{Status: sentenced}, nil, day(t, "2025-05-15")); got.HungerStrikeUnconfirmed {
		t.Error("no strike, yet unconfirmed")
	}
}

func TestHungerStrikeStopsWhenFree(t *testing.T) {
	events := timeline(ev(0, hsStart, "2025-05-06", 3))
	for _, status := range []string{released, pardoned, deceased} {
		got := Compute(&habeas.Case{Status: status}, events, day(t, "2025-05-15"))
		if got.HungerStrikeSince != "" || got.HungerStrikeDays != 0 {
			t.Errorf("%s: strike %q, %d days; want none", status, got.HungerStrikeSince, got.HungerStrikeDays)
		}
	}
}
