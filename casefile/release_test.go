package casefile

import (
	"testing"

	"codeberg.org/habeas/habeas"
)

func TestReleaseDate(t *testing.T) {
	years := func(y int) habeas.Sentence { return habeas.Sentence{Years: y} }
	tests := []struct {
		name string
		c    habeas.Case
		want string
	}{
		{"nil-like: empty case", habeas.Case{}, ""},
		{"override", habeas.Case{ExpectedRelease: "2026-02-14", Sentence: years(3), ArrestDate: "2023-08", PretrialCredited: true}, "2026-02-14"},
		{"override without sentence", habeas.Case{ExpectedRelease: "2027?"}, "2027?"},
		{"garbage override ignored", habeas.Case{ExpectedRelease: "soon", Sentence: years(3), SentenceDate: "2024-01-31"}, "2027-01-31"},
		{"seed: month arrest, credited", habeas.Case{Sentence: years(3), ArrestDate: "2023-08", SentenceDate: "2024-01-31", PretrialCredited: true}, "2026-08"},
		{"seed without credit: from the verdict", habeas.Case{Sentence: years(3), ArrestDate: "2023-08", SentenceDate: "2024-01-31"}, "2027-01-31"},
		{"day start", habeas.Case{Sentence: habeas.Sentence{Years: 2, Months: 6, Days: 10}, ArrestDate: "2023-08-12", PretrialCredited: true}, "2026-02-22"},
		{"year start", habeas.Case{Sentence: years(5), ArrestDate: "2021", PretrialCredited: true}, "2026"},
		{"year start with months", habeas.Case{Sentence: habeas.Sentence{Years: 1, Months: 18}, SentenceDate: "2021"}, "2023"},
		{"month start with months", habeas.Case{Sentence: habeas.Sentence{Months: 7}, ArrestDate: "2023-08", PretrialCredited: true}, "2024-03"},
		{"month start with days names the earliest month", habeas.Case{Sentence: habeas.Sentence{Days: 45}, ArrestDate: "2023-08", PretrialCredited: true}, "2023-09"},
		{"unspecified day is month precision", habeas.Case{Sentence: years(3), ArrestDate: "2023-08-XX", PretrialCredited: true}, "2026-08"},
		{"unspecified month is year precision", habeas.Case{Sentence: years(3), ArrestDate: "2023-XX", PretrialCredited: true}, "2026"},
		{"decade start is too vague", habeas.Case{Sentence: years(3), ArrestDate: "201X", PretrialCredited: true}, ""},
		{"approximate start", habeas.Case{Sentence: years(3), ArrestDate: "2023-08~", PretrialCredited: true}, "2026-08~"},
		{"uncertain start", habeas.Case{Sentence: years(2), SentenceDate: "2024?"}, "2026?"},
		{"uncertain and approximate", habeas.Case{Sentence: years(2), SentenceDate: "2024-01-31%"}, "2026-01-31%"},
		{"leap day + 1 year", habeas.Case{Sentence: years(1), SentenceDate: "2024-02-29"}, "2025-03-01"},
		{"leap day + 4 years", habeas.Case{Sentence: years(4), SentenceDate: "2024-02-29"}, "2028-02-29"},
		{"31 Jan + 1 month", habeas.Case{Sentence: habeas.Sentence{Months: 1}, SentenceDate: "2024-01-31"}, "2024-03-02"},
		{"season start", habeas.Case{Sentence: years(3), ArrestDate: "2023-21", PretrialCredited: true}, "2026-21"},
		{"winter start", habeas.Case{Sentence: years(3), ArrestDate: "2023-24", PretrialCredited: true}, "2026-24"},
		{"season start with months names the earliest month", habeas.Case{Sentence: habeas.Sentence{Months: 7}, ArrestDate: "2023-21", PretrialCredited: true}, "2023-10"},
		{"interval start", habeas.Case{Sentence: years(3), ArrestDate: "2023-08-06/2023-08-14", PretrialCredited: true}, "2026-08-06/2026-08-14"},
		{"interval start, approximate end", habeas.Case{Sentence: years(1), ArrestDate: "2023-08/2023-09~", PretrialCredited: true}, "2024-08/2024-09~"},
		{"open interval start is too vague", habeas.Case{Sentence: years(3), ArrestDate: "2023-08/..", PretrialCredited: true}, ""},
		{"unknown interval start is too vague", habeas.Case{Sentence: years(3), ArrestDate: "/2023-08", PretrialCredited: true}, ""},
		{"start with a time gives the day", habeas.Case{Sentence: years(3), SentenceDate: "2024-01-31T15:00+04:00"}, "2027-01-31"},
		{"no sentence", habeas.Case{ArrestDate: "2023-08", SentenceDate: "2024-01-31", PretrialCredited: true}, ""},
		{"credited but no arrest date", habeas.Case{Sentence: years(3), SentenceDate: "2024-01-31", PretrialCredited: true}, ""},
		{"not credited, no sentence date", habeas.Case{Sentence: years(3), ArrestDate: "2023-08"}, ""},
		{"garbage start", habeas.Case{Sentence: years(3), SentenceDate: "31.01.2024"}, ""},
		{"beyond year 9999", habeas.Case{Sentence: years(100), SentenceDate: "9950"}, ""},
		{"negative term does not panic", habeas.Case{Sentence: habeas.Sentence{Years: -3000}, SentenceDate: "2024"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := ReleaseDate(&tt.c); got != tt.want {
				t.Errorf("ReleaseDate = %q; want %q", got, tt.want)
			}
		})
	}
	if got := ReleaseDate(nil); got != "" {
		t.Errorf("ReleaseDate(nil) = %q", got)
	}
}

func TestDaysToRelease(t *testing.T) {
	tests := []struct {
		name    string
		c       habeas.Case
		today   string
		days    int
		overdue bool
		atLeast bool
	}{
		{"day precision", habeas.Case{Status: sentenced, ExpectedRelease: "2025-06-01"}, "2025-05-15", 17, false, false},
		{"due today", habeas.Case{Status: sentenced, ExpectedRelease: "2025-05-15"}, "2025-05-15", 0, false, false},
		{"overdue", habeas.Case{Status: sentenced, ExpectedRelease: "2025-05-14"}, "2025-05-15", 0, true, false},
		{"month: to its first day", habeas.Case{Status: sentenced, ExpectedRelease: "2026-08"}, "2026-07-30", 2, false, true},
		{"month under way: due, not overdue", habeas.Case{Status: sentenced, ExpectedRelease: "2026-08"}, "2026-08-20", 0, false, true},
		{"month passed: overdue", habeas.Case{Status: sentenced, ExpectedRelease: "2026-08"}, "2026-09-01", 0, true, true},
		{"year", habeas.Case{Status: sentenced, ExpectedRelease: "2027"}, "2026-12-31", 1, false, true},
		{"across a leap year", habeas.Case{Status: sentenced, ExpectedRelease: "2024-03-01"}, "2024-02-01", 29, false, false},
		{"computed from the sentence", habeas.Case{Status: sentenced, Sentence: habeas.Sentence{Years: 3}, ArrestDate: "2023-08-12", PretrialCredited: true}, "2026-08-01", 11, false, false},
		{"unknown", habeas.Case{Status: sentenced}, "2025-05-15", -1, false, false},
		{"released: -1", habeas.Case{Status: released, ExpectedRelease: "2026-08"}, "2025-05-15", -1, false, false},
		{"unknown status: -1", habeas.Case{ExpectedRelease: "2026-08"}, "2025-05-15", -1, false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Compute(&tt.c, nil, day(t, tt.today))
			if got.DaysToRelease != tt.days || got.ReleaseOverdue != tt.overdue {
				t.Errorf("DaysToRelease, overdue = %d, %v; want %d, %v", got.DaysToRelease, got.ReleaseOverdue, tt.days, tt.overdue)
			}
			if got.Approximate[CounterDaysToRelease] != tt.atLeast {
				t.Errorf("Approximate[days_to_release] = %v; want %v", got.Approximate[CounterDaysToRelease], tt.atLeast)
			}
			if got.ExpectedRelease != ReleaseDate(&tt.c) {
				t.Errorf("ExpectedRelease = %q; want ReleaseDate's %q", got.ExpectedRelease, ReleaseDate(&tt.c))
			}
		})
	}
}

func TestDaysDetained(t *testing.T) {
	tests := []struct {
		name    string
		status  string
		arrest  string
		events  []habeas.Event
		today   string
		days    int
		atLeast bool
	}{
		{"day arrest", sentenced, "2025-05-05", nil, "2025-05-15", 10, false},
		{"arrested today", pretrial, "2025-05-15", nil, "2025-05-15", 0, false},
		{"month arrest: from its last day", sentenced, "2023-08", nil, "2023-09-10", 10, true},
		{"year arrest", sentenced, "2023", nil, "2024-01-10", 10, true},
		{"approximate arrest", sentenced, "2025-05-05~", nil, "2025-05-15", 10, true},
		{"across 29 February 2024", sentenced, "2024-02-28", nil, "2024-03-01", 2, false},
		{"across a whole leap year", sentenced, "2024-01-01", nil, "2025-01-01", 366, false},
		{"across a common year", sentenced, "2023-01-01", nil, "2024-01-01", 365, false},
		{"no arrest date", sentenced, "", nil, "2025-05-15", -1, false},
		{"arrest from the timeline", pretrial, "", timeline(ev(0, arrest, "2025-05-01", 0)), "2025-05-15", 14, false},
		{"released: to the release", sentenced, "2023-08-12", timeline(ev(0, release, "2024-08-12", 0)), "2025-05-15", 366, false},
		{"released in a month: to its first day", sentenced, "2023-08-12", timeline(ev(0, release, "2024-09", 0)), "2025-05-15", 386, true},
		{"pardoned, then walked out", sentenced, "2023-08-12", timeline(ev(0, pardon, "2024-08-10", 0), ev(0, release, "2024-08-12", 0)), "2025-05-15", 366, false},
		{"died in custody", sentenced, "2023-08-12", timeline(ev(0, death, "2023-09-12", 0)), "2025-05-15", 31, false},
		{"death after release ends nothing", sentenced, "2023-08-12", timeline(ev(0, release, "2023-09-12", 0), ev(0, death, "2025-01-01", 0)), "2025-05-15", 31, false},
		{"released with no release event: unknown", released, "2023-08-12", nil, "2025-05-15", -1, false},
		{"re-arrested: the new detention", sentenced, "2023-08-12", timeline(ev(0, release, "2024-08-12", 0), ev(0, arrest, "2025-05-01", 0)), "2025-05-15", 14, false},
		{"release before the arrest's last day: 0", sentenced, "2023-08", timeline(ev(0, release, "2023-08-20", 0)), "2025-05-15", 0, true},
		{"arrest date in the future: 0", pretrial, "2025-06-01", nil, "2025-05-15", 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := &habeas.Case{Status: tt.status, ArrestDate: tt.arrest}
			got := Compute(c, tt.events, day(t, tt.today))
			if got.DaysDetained != tt.days {
				t.Errorf("DaysDetained = %d; want %d", got.DaysDetained, tt.days)
			}
			if got.Approximate[CounterDaysDetained] != tt.atLeast {
				t.Errorf("Approximate[days_detained] = %v; want %v", got.Approximate[CounterDaysDetained], tt.atLeast)
			}
		})
	}
}
