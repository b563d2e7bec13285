package alerts

import (
	"strings"
	"testing"

	"codeberg.org/habeas/habeas"
	"codeberg.org/habeas/habeas/edtf"
)

const (
	arrest   = habeas.EventArrest
	news     = habeas.EventNews
	transfer = habeas.EventTransfer
	lawyer   = habeas.EventLawyerVisit
	family   = habeas.EventFamilyVisit
	call     = habeas.EventCall
	hsStart  = habeas.EventHungerStrikeStart
	hsEnd    = habeas.EventHungerStrikeEnd
	release  = habeas.EventRelease
	death    = habeas.EventDeath
	hearing  = habeas.EventHearing
	appeal   = habeas.EventAppeal
	stmt     = habeas.EventStatement
)

func TestNoNews(t *testing.T) {
	lastNews := []habeas.Event{ev(1, arrest, "2025-01-01", 0), ev(2, news, "2025-05-01", 0)}
	tests := []struct {
		name   string
		events []habeas.Event
		status string
		today  string
		th     Thresholds
		want   want
	}{
		{"day N-1: nothing yet", lastNews, "", "2025-05-07", Thresholds{}, want{}},
		{"day N: warning", lastNews, "", "2025-05-08", Thresholds{},
			want{Warning, "no_news/1/event:2", "No news for 7 days, since 1 May 2025; last known place: Facility No. 3.", 7, false}},
		{"day 2N-1: still warning", lastNews, "", "2025-05-14", Thresholds{}, want{sev: Warning, key: "no_news/1/event:2", days: 13}},
		{"day 2N: high", lastNews, "", "2025-05-15", Thresholds{}, want{sev: High, key: "no_news/1/event:2", days: 14}},
		{"day 4N-1: high", lastNews, "", "2025-05-28", Thresholds{}, want{sev: High, days: 27}},
		{"day 4N: critical", lastNews, "", "2025-05-29", Thresholds{}, want{sev: Critical, key: "no_news/1/event:2", days: 28}},
		{"a statement is not news", append(lastNews[:2:2], ev(3, stmt, "2025-05-07", 0)), "", "2025-05-08", Thresholds{},
			want{sev: Warning, key: "no_news/1/event:2"}},
		{"partial date: at least", []habeas.Event{ev(2, news, "2025-04", 0)}, "", "2025-05-07", Thresholds{},
			want{Warning, "no_news/1/event:2", "No news for at least 7 days, since April 2025; last known place: Facility No. 3.", 7, true}},
		{"partial date: the latest day counts", []habeas.Event{ev(2, news, "2025-04", 0)}, "", "2025-05-06", Thresholds{}, want{}},
		{"approximate date: about", []habeas.Event{ev(2, news, "2025-05-01~", 0)}, "", "2025-05-08", Thresholds{},
			want{Warning, "", "No news for about 7 days, since around 1 May 2025; last known place: Facility No. 3.", 7, true}},
		{"no news since the arrest", []habeas.Event{ev(1, arrest, "2025-05-01", 0)}, "", "2025-05-08", Thresholds{},
			want{Warning, "no_news/1/arrest:2025-05-01", "No news for 7 days, since the arrest on 1 May 2025; last known place: Facility No. 3.", 7, false}},
		{"undisclosed place: critical at once",
			append(lastNews[:2:2], ev(3, transfer, "2025-05-03", 0)), "", "2025-05-04", Thresholds{},
			want{Critical, "no_news/1/event:2", "No news for 3 days, since 1 May 2025; moved to an undisclosed place on 3 May 2025; last known place: Facility No. 3.", 3, false}},
		{"undisclosed place, last seen at No. 5",
			append(lastNews[:2:2], ev(3, lawyer, "2025-04-20", 5), ev(4, transfer, "2025-05-03", 0), ev(5, news, "2025-05-03", 0)), "", "2025-05-04", Thresholds{},
			want{Critical, "no_news/1/event:5", "No news for 1 day, since 3 May 2025; moved to an undisclosed place on 3 May 2025; last known place: Facility No. 5.", 1, false}},
		{"undisclosed place, news certainly after it: the count decides",
			append(lastNews[:2:2], ev(3, transfer, "2025-05-03", 0), ev(4, news, "2025-05-04", 0)), "", "2025-05-06", Thresholds{}, want{}},
		{"undisclosed place, news in the same month may be before it",
			append(lastNews[:2:2], ev(3, transfer, "2025-05", 0), ev(4, news, "2025-05-04", 0)), "", "2025-05-06", Thresholds{},
			want{sev: Critical, key: "no_news/1/event:4", message: "No news for 2 days, since 4 May 2025; moved to an undisclosed place in May 2025; last known place: Facility No. 3."}},
		{"released: the clock stops", append(lastNews[:2:2], ev(3, release, "2025-05-02", 0)), "", "2025-06-30", Thresholds{}, want{}},
		{"deceased: the clock stops", lastNews, habeas.StatusDeceased, "2025-06-30", Thresholds{}, want{}},
		{"threshold overridden to 3", lastNews, "", "2025-05-04", Thresholds{Days: map[string]int{NoNews: 3}},
			want{sev: Warning, days: 3}},
		{"threshold overridden to 3: 2N", lastNews, "", "2025-05-07", Thresholds{Days: map[string]int{NoNews: 3}},
			want{sev: High, days: 6}},
		{"a future event is not news", append(lastNews[:2:2], ev(3, news, "2025-06-01", 0)), "", "2025-05-08", Thresholds{},
			want{sev: Warning, key: "no_news/1/event:2"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := held()
			c.ArrestDate = "" // the timeline's arrest counts
			if tt.status != "" {
				c.Status = tt.status
			}
			check(t, run(c, tt.events, nil, day(t, tt.today), tt.th), NoNews, tt.want)
		})
	}
}

// A silence that ends and comes back is a new condition: a new key, and
// EndedBy names the news that ended the first.
func TestNoNewsReturns(t *testing.T) {
	c := held()
	events := []habeas.Event{ev(1, arrest, "2025-01-01", 0), ev(2, news, "2025-05-01", 0)}
	first := only(run(c, events, nil, day(t, "2025-05-10"), Thresholds{}), NoNews)
	if len(first) != 1 || first[0].Key != "no_news/1/event:2" {
		t.Fatalf("first silence: %+v", first)
	}
	again := only(run(c, events, nil, day(t, "2025-05-10"), Thresholds{}), NoNews)
	if len(again) != 1 || again[0].Key != first[0].Key {
		t.Fatalf("evaluating twice gave %+v, then %+v", first, again)
	}
	events = append(events, ev(3, stmt, "2025-05-08", 0), ev(4, call, "2025-05-09", 0))
	if got := only(run(c, events, nil, day(t, "2025-05-10"), Thresholds{}), NoNews); len(got) != 0 {
		t.Fatalf("after news: %+v", got)
	}
	if by := EndedBy(first[0], events, day(t, "2025-05-10")); by != 4 {
		t.Errorf("EndedBy = %d, want the call (4)", by)
	}
	second := only(run(c, events, nil, day(t, "2025-05-20"), Thresholds{}), NoNews)
	if len(second) != 1 || second[0].Key != "no_news/1/event:4" {
		t.Fatalf("second silence: %+v", second)
	}
}

func TestNoContact(t *testing.T) {
	base := []habeas.Event{ev(1, arrest, "2025-01-01", 0), ev(2, lawyer, "2025-05-01", 0), ev(3, news, "2025-05-10", 0)}
	tests := []struct {
		name   string
		events []habeas.Event
		today  string
		want   want
	}{
		{"day N-1", base, "2025-05-14", want{}},
		{"day N: warning even though others report", base, "2025-05-15",
			want{Warning, "no_contact/1/event:2", "No family or lawyer contact recorded for 14 days, since a lawyer visit on 1 May 2025; others have reported since, last on 10 May 2025.", 14, false}},
		{"day 2N: high", base, "2025-05-29", want{sev: High, days: 28}},
		{"day 4N-1: high", base, "2025-06-25", want{sev: High, days: 55}},
		{"day 4N: critical", base, "2025-06-26", want{sev: Critical, days: 56}},
		{"a call is contact", append(base[:3:3], ev(4, call, "2025-05-10", 0)), "2025-05-15", want{}},
		{"a family visit is contact", append(base[:3:3], ev(4, family, "2025-05-10", 0)), "2025-05-24",
			want{sev: Warning, key: "no_contact/1/event:4", message: "No family or lawyer contact recorded for 14 days, since a family visit on 10 May 2025."}},
		{"a statement or a hearing is not", append(base[:3:3], ev(4, stmt, "2025-05-10", 0), ev(5, hearing, "2025-05-12", 0)), "2025-05-15",
			want{sev: Warning, key: "no_contact/1/event:2"}},
		{"never any contact: since the arrest", []habeas.Event{ev(1, arrest, "2025-04", 0)}, "2025-05-14",
			want{Warning, "no_contact/1/arrest:2025-04", "No family or lawyer contact recorded for at least 14 days, since the arrest in April 2025.", 14, true}},
		{"released", append(base[:3:3], ev(4, release, "2025-05-05", 0)), "2025-06-30", want{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := held()
			c.ArrestDate = ""
			check(t, run(c, tt.events, nil, day(t, tt.today), Thresholds{}), NoContact, tt.want)
		})
	}
}

func TestHungerStrike(t *testing.T) {
	base := []habeas.Event{ev(1, arrest, "2025-01-01", 0), ev(2, hsStart, "2025-05-01", 3)}
	tests := []struct {
		name   string
		events []habeas.Event
		today  string
		want   want
	}{
		{"day N (6 days on)", base, "2025-05-07", want{}},
		{"7 days on: warning", base, "2025-05-08",
			want{Warning, "hunger_strike/1/event:2", "Day 8 of a hunger strike begun on 1 May 2025, if it continues.", 7, false}},
		{"a week later: high", base, "2025-05-15", want{sev: High, days: 14}},
		{"the day before: warning", base, "2025-05-14", want{sev: Warning, days: 13}},
		{"two weeks later: critical", base, "2025-05-22", want{sev: Critical, days: 21}},
		{"month only: at least", []habeas.Event{ev(2, hsStart, "2025-05", 0)}, "2025-06-07",
			want{Warning, "hunger_strike/1/event:2", "At least day 8 of a hunger strike begun in May 2025, if it continues.", 7, true}},
		{"approximate: about", []habeas.Event{ev(2, hsStart, "2025-05-01~", 0)}, "2025-05-08",
			want{sev: Warning, message: "About day 8 of a hunger strike begun around 1 May 2025, if it continues.", days: 7, atLeast: true}},
		{"ended by its end", append(base[:2:2], ev(3, hsEnd, "2025-05-10", 0)), "2025-05-15", want{}},
		{"ended by a release", append(base[:2:2], ev(3, release, "2025-05-10", 0)), "2025-05-15", want{}},
		{"ended by death", append(base[:2:2], ev(3, death, "2025-05-10", 0)), "2025-05-15", want{}},
		{"an end certainly before does not end it", append(base[:2:2], ev(3, hsEnd, "2025-04-10", 0)), "2025-05-15",
			want{sev: High, key: "hunger_strike/1/event:2"}},
		{"a new strike after an end: a new key", append(base[:2:2], ev(3, hsEnd, "2025-05-10", 0), ev(4, hsStart, "2025-05-20", 0)), "2025-05-27",
			want{sev: Warning, key: "hunger_strike/1/event:4", message: "Day 8 of a hunger strike begun on 20 May 2025, if it continues."}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			check(t, run(held(), tt.events, nil, day(t, tt.today), Thresholds{}), HungerStrike, tt.want)
		})
	}
}

func TestHungerStrikeEndedBy(t *testing.T) {
	events := []habeas.Event{ev(1, arrest, "2025-01-01", 0), ev(2, hsStart, "2025-05-01", 3)}
	f := only(run(held(), events, nil, day(t, "2025-05-09"), Thresholds{}), HungerStrike)
	if len(f) != 1 {
		t.Fatalf("findings %+v", f)
	}
	events = append(events, ev(3, hsEnd, "2025-04-02", 0), ev(4, release, "2025-05-12", 0), ev(5, hsEnd, "2025-05-10", 0))
	if by := EndedBy(f[0], events, day(t, "2025-05-13")); by != 5 {
		t.Errorf("EndedBy = %d, want the end of 10 May (5)", by)
	}
	if by := EndedBy(f[0], events, day(t, "2025-05-09")); by != 0 {
		t.Errorf("EndedBy before any end = %d, want 0", by)
	}
}

func TestUnanswered(t *testing.T) {
	iv := func(mod func(*habeas.Intervention)) []habeas.Intervention {
		i := habeas.Intervention{ID: 7, CaseID: 1, Kind: "inquiry", Sender: "Family", Recipient: "Penitentiary Service",
			SentOn: "2025-05-01", AnswerStatus: "none"}
		if mod != nil {
			mod(&i)
		}
		return []habeas.Intervention{i}
	}
	tests := []struct {
		name  string
		ivs   []habeas.Intervention
		today string
		th    Thresholds
		want  want
	}{
		{"on the due day", iv(nil), "2025-05-11", Thresholds{}, want{}},
		{"the day after: warning", iv(nil), "2025-05-12", Thresholds{},
			want{Warning, "unanswered_intervention/1/intervention:7/due:2025-05-11",
				"No answer from Penitentiary Service to the inquiry sent on 1 May 2025; it was due on 11 May 2025, 1 day ago.", 1, false}},
		{"another period later: high", iv(nil), "2025-05-21", Thresholds{}, want{sev: High, days: 10}},
		{"the day before that: warning", iv(nil), "2025-05-20", Thresholds{}, want{sev: Warning, days: 9}},
		{"answered in part", iv(func(i *habeas.Intervention) { i.AnswerStatus, i.AnsweredOn = "partial", "2025-05-20" }), "2025-06-01", Thresholds{}, want{}},
		{"answered", iv(func(i *habeas.Intervention) { i.AnswerStatus = "full" }), "2025-06-01", Thresholds{}, want{}},
		{"a statement waits for no answer", iv(func(i *habeas.Intervention) { i.Kind = "statement" }), "2025-06-01", Thresholds{}, want{}},
		{"its own due day", iv(func(i *habeas.Intervention) { i.DueOn = "2025-05-20" }), "2025-05-20", Thresholds{}, want{}},
		{"its own due day passed", iv(func(i *habeas.Intervention) { i.DueOn = "2025-05-20" }), "2025-05-21", Thresholds{},
			want{Warning, "unanswered_intervention/1/intervention:7/due:2025-05-20",
				"No answer from Penitentiary Service to the inquiry sent on 1 May 2025; it was due on 20 May 2025, 1 day ago.", 1, false}},
		{"the authority's own deadline", iv(nil), "2025-05-31",
			Thresholds{AnswerDays: map[string]int{"Penitentiary Service": 30}}, want{}},
		{"the authority's own deadline passed", iv(nil), "2025-06-01",
			Thresholds{AnswerDays: map[string]int{"Penitentiary Service": 30}},
			want{sev: Warning, key: "unanswered_intervention/1/intervention:7/due:2025-05-31"}},
		{"another authority keeps the default", iv(func(i *habeas.Intervention) { i.Recipient = "Prosecutor General" }), "2025-05-12",
			Thresholds{AnswerDays: map[string]int{"Penitentiary Service": 30}}, want{sev: Warning}},
		{"sent in a month: from the earliest due day", iv(func(i *habeas.Intervention) { i.SentOn = "2025-05" }), "2025-05-12", Thresholds{},
			want{Warning, "unanswered_intervention/1/intervention:7/due:2025-05-11",
				"No answer from Penitentiary Service to the inquiry sent in May 2025; an answer was due from 11 May 2025 at the earliest.", 1, true}},
		{"sent in a month: high only once certainly a period late", iv(func(i *habeas.Intervention) { i.SentOn = "2025-05" }), "2025-06-19", Thresholds{},
			want{sev: Warning, days: 39, atLeast: true}},
		{"sent in a month: high", iv(func(i *habeas.Intervention) { i.SentOn = "2025-05" }), "2025-06-20", Thresholds{},
			want{sev: High, days: 40, atLeast: true}},
		{"neither sent nor due", iv(func(i *habeas.Intervention) { i.SentOn = "" }), "2026-01-01", Thresholds{}, want{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			check(t, run(held(), nil, tt.ivs, day(t, tt.today), tt.th), Unanswered, tt.want)
		})
	}
}

func TestReleaseOverdue(t *testing.T) {
	tests := []struct {
		name     string
		expected string
		events   []habeas.Event
		today    string
		want     want
	}{
		{"on the day", "2025-05-10", nil, "2025-05-10", want{}},
		{"the day after: high", "2025-05-10", nil, "2025-05-11",
			want{High, "release_overdue/1/release:2025-05-10", "No release is recorded, 1 day after the expected release on 10 May 2025.", 1, false}},
		{"N-1 days after", "2025-05-10", nil, "2025-06-08", want{sev: High, days: 29}},
		{"N days after: critical", "2025-05-10", nil, "2025-06-09", want{sev: Critical, days: 30}},
		{"released", "2025-05-10", []habeas.Event{ev(2, release, "2025-05-12", 0)}, "2025-05-20", want{}},
		{"a month: counted from its last day", "2025-05", nil, "2025-05-31", want{}},
		{"a month passed: at least", "2025-05", nil, "2025-06-01",
			want{High, "release_overdue/1/release:2025-05", "No release is recorded, at least 1 day after the expected release in May 2025.", 1, true}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := held()
			c.ExpectedRelease = tt.expected
			check(t, run(c, tt.events, nil, day(t, tt.today), Thresholds{}), ReleaseOverdue, tt.want)
		})
	}
}

func TestReleaseOverdueEndedBy(t *testing.T) {
	c := held()
	c.ExpectedRelease = "2025-05-10"
	f := only(run(c, nil, nil, day(t, "2025-05-20"), Thresholds{}), ReleaseOverdue)
	if len(f) != 1 {
		t.Fatalf("findings %+v", f)
	}
	events := []habeas.Event{ev(4, release, "2025-05-09", 0)} // recorded late, dated before the term
	if got := only(run(c, events, nil, day(t, "2025-05-20"), Thresholds{}), ReleaseOverdue); len(got) != 0 {
		t.Fatalf("after the release: %+v", got)
	}
	if by := EndedBy(f[0], events, day(t, "2025-05-20")); by != 4 {
		t.Errorf("EndedBy = %d, want the release (4)", by)
	}
}

func TestComingUp(t *testing.T) {
	tests := []struct {
		name     string
		events   []habeas.Event
		expected string
		today    string
		want     want
	}{
		{"N+1 days ahead", []habeas.Event{ev(5, hearing, "2025-05-20", 0)}, "", "2025-05-12", want{}},
		{"N days ahead", []habeas.Event{ev(5, hearing, "2025-05-20", 0)}, "", "2025-05-13",
			want{Info, "coming_up/1/event:5/2025-05-20", "Hearing on 20 May 2025, in 7 days.", 7, false}},
		{"tomorrow", []habeas.Event{ev(5, hearing, "2025-05-20", 0)}, "", "2025-05-19",
			want{sev: Info, message: "Hearing on 20 May 2025, tomorrow.", days: 1}},
		{"today", []habeas.Event{ev(5, hearing, "2025-05-20", 0)}, "", "2025-05-20",
			want{sev: Info, message: "Hearing on 20 May 2025, today."}},
		{"past", []habeas.Event{ev(5, hearing, "2025-05-20", 0)}, "", "2025-05-21", want{}},
		{"an appeal", []habeas.Event{ev(6, appeal, "2025-05-22", 0)}, "", "2025-05-20",
			want{sev: Info, key: "coming_up/1/event:6/2025-05-22", message: "Appeal on 22 May 2025, in 2 days.", days: 2}},
		{"a month ahead: at the soonest", []habeas.Event{ev(5, hearing, "2025-06", 0)}, "", "2025-05-28",
			want{Info, "coming_up/1/event:5/2025-06", "Hearing in June 2025, in 4 days at the soonest.", 4, true}},
		{"other kinds are not", []habeas.Event{ev(5, family, "2025-05-22", 0)}, "", "2025-05-20", want{}},
		{"expected release", nil, "2025-05-20", "2025-05-15",
			want{Info, "coming_up/1/release:2025-05-20", "Expected release on 20 May 2025, in 5 days.", 5, false}},
		{"expected release too far", nil, "2025-05-30", "2025-05-15", want{}},
		{"expected release in a month", nil, "2025-05", "2025-05-15",
			want{Info, "coming_up/1/release:2025-05", "Expected release in May 2025, possibly any day now.", 0, true}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := held()
			c.ExpectedRelease = tt.expected
			check(t, run(c, tt.events, nil, day(t, tt.today), Thresholds{}), ComingUp, tt.want)
		})
	}
}

// A rescheduled hearing is a new condition.
func TestComingUpRescheduled(t *testing.T) {
	a := only(run(held(), []habeas.Event{ev(5, hearing, "2025-05-20", 0)}, nil, day(t, "2025-05-15"), Thresholds{}), ComingUp)
	b := only(run(held(), []habeas.Event{ev(5, hearing, "2025-05-21", 0)}, nil, day(t, "2025-05-15"), Thresholds{}), ComingUp)
	if len(a) != 1 || len(b) != 1 || a[0].Key == b[0].Key {
		t.Errorf("keys %+v and %+v should differ", a, b)
	}
}

// Bad data gives no finding and no panic.
func TestBadData(t *testing.T) {
	events := []habeas.Event{ev(1, arrest, "garbage", 0), ev(2, news, "", 0), ev(3, "unknown_kind", "2025-05-01", 9)}
	ivs := []habeas.Intervention{{ID: 1, Kind: "inquiry", SentOn: "not a date", DueOn: "2025-13-01", AnswerStatus: "none"}}
	if got := Evaluate(Input{Events: events, Interventions: ivs}, day(t, "2025-05-15"), Thresholds{}); len(got) != 0 {
		t.Errorf("findings on bad data: %+v", got)
	}
}

// Dates after a verb read as sentences whatever form the source gives.
func TestOnDate(t *testing.T) {
	for in, want := range map[string]string{
		"2025-05-06":            "on 6 May 2025",
		"2025-05":               "in May 2025",
		"2025-05-06~":           "around 6 May 2025",
		"2025-05-14T09:30":      "on 14 May 2025, 09:30",
		"2023-21":               "in spring 2023",
		"2025-05-06/2025-05-14": "between 6 and 14 May 2025",
		"2025-05/..":            "in May 2025 or later",
		"/2025-05-14":           "on 14 May 2025 or earlier",
	} {
		if got := onDate(edtf.MustParse(in)); got != want {
			t.Errorf("onDate(%s) = %q, want %q", in, got, want)
		}
	}
}

func TestDueOf(t *testing.T) {
	th := Thresholds{AnswerDays: map[string]int{"Penitentiary Service": 30}}
	tests := []struct {
		name   string
		iv     habeas.Intervention
		ok     bool
		day    string // Due.Day()
		last   string // the latest due day
		exact  bool
		period int
	}{
		{"own due day", habeas.Intervention{Kind: "inquiry", SentOn: "2025-05-06", DueOn: "2025-05-20", AnswerStatus: "none"}, true, "2025-05-20", "2025-05-20", true, 14},
		{"sent, default period", habeas.Intervention{Kind: "inquiry", SentOn: "2025-05-06", AnswerStatus: "none"}, true, "2025-05-16", "2025-05-16", true, 10},
		{"sent, the authority's period", habeas.Intervention{Kind: "appeal", Recipient: " Penitentiary Service ", SentOn: "2025-05-06"}, true, "2025-06-05", "2025-06-05", true, 30},
		{"sent in a month", habeas.Intervention{Kind: "letter", SentOn: "2025-05", AnswerStatus: "none"}, true, "2025-05-11", "2025-06-10", false, 10},
		{"due in a month", habeas.Intervention{Kind: "inquiry", DueOn: "2025-06", AnswerStatus: "none"}, true, "2025-06-01", "2025-06-30", false, 10},
		{"answered", habeas.Intervention{Kind: "inquiry", SentOn: "2025-05-06", AnswerStatus: "refused"}, false, "", "", false, 0},
		{"a statement awaits nothing", habeas.Intervention{Kind: "statement", SentOn: "2025-05-06", AnswerStatus: "none"}, false, "", "", false, 0},
		{"nothing to count from", habeas.Intervention{Kind: "inquiry", AnswerStatus: "none"}, false, "", "", false, 0},
		{"bad dates count as none", habeas.Intervention{Kind: "inquiry", SentOn: "soon", AnswerStatus: "none"}, false, "", "", false, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, ok := DueOf(&tt.iv, th)
			if ok != tt.ok {
				t.Fatalf("DueOf ok = %v, want %v (%+v)", ok, tt.ok, d)
			}
			if !ok {
				return
			}
			if d.Day() != tt.day || fromDay(d.Last) != tt.last || d.Exact != tt.exact || d.Period != tt.period {
				t.Errorf("DueOf = day %s, last %s, exact %v, period %d; want %s, %s, %v, %d",
					d.Day(), fromDay(d.Last), d.Exact, d.Period, tt.day, tt.last, tt.exact, tt.period)
			}
		})
	}
}

// Two contacts on the same day anchor no_contact on the one recorded last,
// in whatever order the events come: a write and a sweep that read them
// in different orders must find the same alert, or it would close and
// open again (and notify both) for nothing.
func TestNoContactAnchorIgnoresOrder(t *testing.T) {
	today := day(t, "2025-06-01")
	a := ev(7, habeas.EventFamilyVisit, "2025-05-01", 0)
	b := ev(9, habeas.EventLawyerVisit, "2025-05-01", 0)
	vague := ev(11, habeas.EventLetter, "2025-04", 0) // earlier, and less precise
	var keys []string
	for _, events := range [][]habeas.Event{{a, b, vague}, {b, a, vague}, {vague, b, a}, {vague, a, b}} {
		fs := only(run(held(), events, nil, today, Thresholds{}), NoContact)
		if len(fs) != 1 {
			t.Fatalf("%d no_contact findings", len(fs))
		}
		keys = append(keys, fs[0].Key)
	}
	for _, k := range keys {
		if k != keys[0] || !strings.HasSuffix(k, "/event:9") {
			t.Errorf("keys by input order: %v; want every one on event 9", keys)
			break
		}
	}
}
