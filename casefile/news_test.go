package casefile

import (
	"slices"
	"testing"

	"codeberg.org/habeas/habeas"
)

func TestNewsKinds(t *testing.T) {
	want := map[string]bool{
		family: true, lawyer: true, call: true, letter: true, health: true, news: true,
		hearing: true, release: true, hsStart: true, hsEnd: true, illTreat: true,
	}
	for _, k := range habeas.EventKinds {
		if IsNews(k) != want[k] {
			t.Errorf("IsNews(%q) = %v; want %v", k, IsNews(k), want[k])
		}
	}
	if len(NewsKinds) != len(want) {
		t.Errorf("NewsKinds has %d kinds; want %d", len(NewsKinds), len(want))
	}
	for _, k := range append(append([]string(nil), NewsKinds...), PlacingKinds...) {
		if !slices.Contains(habeas.EventKinds, k) {
			t.Errorf("%q is not an event kind", k)
		}
	}
}

func TestLastNewsAndSilence(t *testing.T) {
	tests := []struct {
		name    string
		arrest  string // c.ArrestDate
		status  string // c.Status; sentenced when ""
		events  []habeas.Event
		today   string
		last    string
		lastID  int64
		days    int
		atLeast bool
	}{
		{"day-precision news", "2023-08", "", timeline(ev(0, letter, "2025-05-07", 0)), "2025-05-15", "2025-05-07", 1, 8, false},
		{"news today", "2023-08", "", timeline(ev(0, call, "2025-05-15", 0)), "2025-05-15", "2025-05-15", 1, 0, false},
		{"month news counts from the month's last day", "2023-08", "", timeline(ev(0, news, "2025-05", 0)), "2025-06-15", "2025-05", 1, 15, true},
		{"month news in the current month", "2023-08", "", timeline(ev(0, news, "2025-05", 0)), "2025-05-15", "2025-05", 1, 0, true},
		{"year news", "2023-08", "", timeline(ev(0, health, "2024", 0)), "2025-01-10", "2024", 1, 10, true},
		{"approximate day", "2023-08", "", timeline(ev(0, family, "2025-05-07~", 0)), "2025-05-15", "2025-05-07~", 1, 8, true},
		{"uncertain day", "2023-08", "", timeline(ev(0, family, "2025-05-07?", 0)), "2025-05-15", "2025-05-07?", 1, 8, true},
		{"unspecified day", "2023-08", "", timeline(ev(0, family, "2025-05-XX", 0)), "2025-06-15", "2025-05-XX", 1, 15, true},
		{"latest possible day wins over later start", "2023-08", "", timeline(ev(0, news, "2025-04", 0), ev(0, letter, "2025-04-20", 0)), "2025-05-15", "2025-04", 1, 15, true},
		{"tie on the last day: precise wins", "2023-08", "", timeline(ev(0, news, "2025-04-30", 0), ev(0, letter, "2025-04", 0), ev(0, call, "2025-04-30~", 0)), "2025-05-15", "2025-04-30", 1, 15, false},
		{"statement is not news", "2023-08", "", timeline(ev(0, letter, "2025-05-01", 0), ev(0, statement, "2025-05-14", 0)), "2025-05-15", "2025-05-01", 1, 14, false},
		{"transfer is not news", "2023-08", "", timeline(ev(0, letter, "2025-05-01", 0), ev(0, transfer, "2025-05-10", 0), ev(0, transfer, "2025-05-11", 4)), "2025-05-15", "2025-05-01", 1, 14, false},
		{"documents are not news", "2023-08", "", timeline(ev(0, letter, "2025-01-01", 0), ev(0, charge, "2025-02-01", 0), ev(0, verdict, "2025-03-01", 0), ev(0, appeal, "2025-04-01", 0)), "2025-05-15", "2025-01-01", 1, 134, false},
		{"hearing is news", "2023-08", "", timeline(ev(0, letter, "2025-01-01", 0), ev(0, hearing, "2025-05-05", 0)), "2025-05-15", "2025-05-05", 2, 10, false},
		{"hunger strike and ill-treatment are news", "2023-08", "", timeline(ev(0, hsStart, "2025-05-06", 3), ev(0, illTreat, "2025-05-09", 0)), "2025-05-15", "2025-05-09", 2, 6, false},
		{"future news ignored", "2023-08", "", timeline(ev(0, letter, "2025-05-07", 0), ev(0, hearing, "2025-06-01", 0)), "2025-05-15", "2025-05-07", 1, 8, false},
		{"garbage news ignored", "2023-08", "", timeline(ev(0, letter, "2025-05-07", 0), ev(0, call, "yesterday", 0), ev(0, call, "", 0)), "2025-05-15", "2025-05-07", 1, 8, false},
		{"no news: from the arrest's last day", "2023-08", "", nil, "2023-09-10", "", 0, 10, true},
		{"no news: exact arrest", "2023-08-12", "", nil, "2023-08-22", "", 0, 10, false},
		{"no news: arrest event only", "", "", timeline(ev(0, arrest, "2023-08-12", 0)), "2023-08-22", "", 0, 10, false},
		{"no news, no arrest", "", "", timeline(ev(0, statement, "2025-05-14", 0)), "2025-05-15", "", 0, -1, false},
		{"news older than the arrest: from the arrest", "2025-02-03", "", timeline(ev(0, letter, "2024-12-01", 0)), "2025-05-15", "2024-12-01", 1, 101, false},
		{"released: clock stops", "2023-08", released, timeline(ev(0, letter, "2025-05-07", 0)), "2025-05-15", "2025-05-07", 1, -1, false},
		{"release is news, and stops the clock", "2023-08", "", timeline(ev(0, letter, "2025-04-07", 0), ev(0, release, "2025-05-01", 0)), "2025-05-15", "2025-05-01", 2, -1, false},
		{"pardoned: clock stops", "2023-08", "", timeline(ev(0, pardon, "2025-05-01", 0)), "2025-05-15", "", 0, -1, false},
		{"deceased: clock stops", "2023-08", deceased, nil, "2025-05-15", "", 0, -1, false},
		{"re-arrested: counts from the re-arrest, not the release", "2023-08", "", timeline(ev(0, release, "2024-06-01", 0), ev(0, arrest, "2025-05-05", 0)), "2025-05-15", "2024-06-01", 1, 10, false},
		{"arrest date later than today clamps to 0", "2025-06", pretrial, nil, "2025-05-15", "", 0, 0, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status := tt.status
			if status == "" {
				status = sentenced
			}
			c := &habeas.Case{Status: status, ArrestDate: tt.arrest}
			got := Compute(c, tt.events, day(t, tt.today))
			if got.LastNews != tt.last || got.LastNewsEventID != tt.lastID {
				t.Errorf("LastNews = %q (event %d); want %q (event %d)", got.LastNews, got.LastNewsEventID, tt.last, tt.lastID)
			}
			if got.DaysWithoutNews != tt.days {
				t.Errorf("DaysWithoutNews = %d; want %d", got.DaysWithoutNews, tt.days)
			}
			if got.Approximate[CounterDaysWithoutNews] != tt.atLeast {
				t.Errorf("Approximate[days_without_news] = %v; want %v", got.Approximate[CounterDaysWithoutNews], tt.atLeast)
			}
		})
	}
}
