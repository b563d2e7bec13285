package casefile

import (
	"time"

	"codeberg.org/habeas/habeas"
	"codeberg.org/habeas/habeas/edtf"
)

// Keys of State.Approximate: the counters that can be "at least" figures.
const (
	CounterDaysWithoutNews  = "days_without_news"
	CounterDaysDetained     = "days_detained"
	CounterHungerStrikeDays = "hunger_strike_days"
	CounterDaysToRelease    = "days_to_release"
)

// State is what a case's timeline means on a given day. Dates are EDTF
// strings in canonical form; counters are whole days, -1 when unknown.
type State struct {
	Status        string `json:"status"`          // derived status (habeas.Status*); the stored status when the timeline says nothing
	StatusEventID int64  `json:"status_event_id"` // the event that set Status; 0 when the stored status stands

	FacilityID         int64  `json:"facility_id"`         // where held now; 0 when unknown or not held
	FacilityEventID    int64  `json:"facility_event_id"`   // the event that placed the person (or took them to an undisclosed place); 0: the stored facility, or not held
	WhereaboutsUnknown bool   `json:"whereabouts_unknown"` // since a transfer to an undisclosed place, until a later placing event
	UnknownSince       string `json:"unknown_since"`       // date of that transfer; "" when the whereabouts are known

	LastNews        string `json:"last_news"` // date of the latest news event (see NewsKinds); "" when none
	LastNewsEventID int64  `json:"last_news_event_id"`
	// DaysWithoutNews counts from the latest possible day of the last news,
	// or of the arrest when that is later or there is no news. -1 when
	// there is neither, and when the person is free (the clock stops).
	DaysWithoutNews int `json:"days_without_news"`

	HungerStrikeSince   string `json:"hunger_strike_since"` // start of the ongoing hunger strike; "" when none
	HungerStrikeEventID int64  `json:"hunger_strike_event_id"`
	HungerStrikeDays    int    `json:"hunger_strike_days"` // days since the start's latest possible day: 0 on the first day; 0 when none
	// HungerStrikeUnconfirmed is set when no news of the person (LastNews)
	// is as recent as today: HungerStrikeDays then counts how long the
	// strike has lasted if it continues, which nobody has said since
	// LastNews.
	HungerStrikeUnconfirmed bool `json:"hunger_strike_unconfirmed"`

	Detained      bool   `json:"detained"`       // held today: status detained, pre_trial or sentenced
	DetainedSince string `json:"detained_since"` // the arrest that began the current detention
	// DetainedUntil is the date of the release, pardon or death that ended
	// the detention when the person is free; "" while held, or when free
	// without such an event.
	DetainedUntil string `json:"detained_until"`
	// DaysDetained runs from the arrest's latest possible day to today, or
	// to the earliest possible day of the release, pardon or death when the
	// person is free. -1 without an arrest date, or when free without an
	// end event.
	DaysDetained int `json:"days_detained"`

	ExpectedRelease string `json:"expected_release"` // ReleaseDate of the case; "" when unknown
	DaysToRelease   int    `json:"days_to_release"`  // to ExpectedRelease's earliest possible day; 0 when due or overdue; -1 when unknown or not Detained
	ReleaseOverdue  bool   `json:"release_overdue"`  // Detained and the whole of ExpectedRelease has passed

	// Approximate marks the counters that are "at least" figures because a
	// date they count from is partial, approximate or uncertain (keys:
	// the Counter* constants). Nil when all are exact.
	Approximate map[string]bool `json:"approximate,omitempty"`
}

func (s *State) markApproximate(counter string) {
	if s.Approximate == nil {
		s.Approximate = make(map[string]bool, 4)
	}
	s.Approximate[counter] = true
}

// Compute derives the State of case c from its events as of today (a day;
// its calendar date in its own location is used, normally midnight UTC).
// It is a pure function: no clock, no I/O, and it never panics on bad data.
// The rules are in the package documentation.
func Compute(c *habeas.Case, events []habeas.Event, today time.Time) State {
	if c == nil {
		c = &habeas.Case{}
	}
	now := todayNumber(today)
	w := walkTimeline(c, events, now)
	s := State{
		Status:          w.status.status,
		DaysWithoutNews: -1,
		DaysDetained:    -1,
		DaysToRelease:   -1,
		ExpectedRelease: ReleaseDate(c),
	}
	s.Detained = Held(s.Status)
	if w.status.by != nil {
		s.StatusEventID = w.status.by.ev.ID
	}
	if w.news != nil {
		s.LastNews, s.LastNewsEventID = w.news.ev.Date, w.news.ev.ID
	}
	arrest := detentionStart(c, &w.status)
	s.DetainedSince = arrest.String()
	if Free(s.Status) {
		// Held nowhere; the silence clock and any strike stop.
		if end := w.status.end; end != nil {
			s.DetainedUntil = end.ev.Date
			s.setDaysDetained(arrest, int64(end.first))
			if s.DaysDetained >= 0 && end.vague {
				s.markApproximate(CounterDaysDetained)
			}
		}
	} else {
		s.setWhereabouts(&w.where)
		s.setSilence(w.news, arrest, now)
		s.setHungerStrike(w.strike.open, w.news, now)
		s.setDaysDetained(arrest, now)
	}
	if s.Detained {
		s.setDaysToRelease(now)
	}
	return s
}

// walk is the timeline read up to today.
type walk struct {
	status statusWalk
	where  whereabouts
	strike hungerStrike
	news   *entry // the last news
}

// walkTimeline reads the events with a valid date that may already have
// happened (earliest possible day on or before now), in timeline order.
func walkTimeline(c *habeas.Case, events []habeas.Event, now int64) walk {
	w := walk{
		status: statusWalk{status: c.Status},
		where:  whereabouts{facility: c.FacilityID},
	}
	entries := sortedEntries(events)
	for i := range entries {
		e := &entries[i]
		if !e.ok || int64(e.first) > now {
			break // sorted: the rest is unparsable or certainly in the future
		}
		w.status.apply(e)
		w.where.apply(e)
		w.strike.apply(e)
		w.news = lastNews(w.news, e)
	}
	return w
}

func (s *State) setWhereabouts(w *whereabouts) {
	s.FacilityID = w.facility
	if w.by != nil {
		s.FacilityEventID = w.by.ev.ID
	}
	if w.unknown {
		s.WhereaboutsUnknown = true
		s.FacilityID = 0
		s.UnknownSince = w.since.ev.Date
	}
}

// detentionStart returns the arrest that began the current detention: a
// re-arrest on the timeline after a release or pardon, else the case's
// ArrestDate, else the first arrest event; the zero Date when there is none.
func detentionStart(c *habeas.Case, w *statusWalk) edtf.Date {
	if w.rearrest != nil {
		d, _ := edtf.Parse(w.rearrest.ev.Date) // parsed before: the entry is ok
		return d
	}
	if d, err := edtf.Parse(c.ArrestDate); err == nil {
		return d
	}
	if w.firstArrest != nil {
		d, _ := edtf.Parse(w.firstArrest.ev.Date)
		return d
	}
	return edtf.Date{}
}

// setSilence counts the days without news from the latest possible day of
// the last news or of the arrest, whichever is later (a person re-arrested
// after a release has been silent since the arrest, not since the release).
func (s *State) setSilence(news *entry, arrest edtf.Date, now int64) {
	from, vague, ok := int64(0), false, false
	if news != nil {
		from, vague, ok = int64(news.last), news.vague, true
	}
	if !arrest.IsZero() {
		if a := dayNumber(arrest.Latest()); !ok || a > from {
			from, vague, ok = a, imprecise(arrest), true
		}
	}
	if !ok {
		return
	}
	s.DaysWithoutNews = daysSince(from, now)
	if vague {
		s.markApproximate(CounterDaysWithoutNews)
	}
}

func (s *State) setHungerStrike(start, news *entry, now int64) {
	if start == nil {
		return
	}
	s.HungerStrikeSince, s.HungerStrikeEventID = start.ev.Date, start.ev.ID
	s.HungerStrikeDays = daysSince(int64(start.last), now)
	// The start is news itself, so news is never nil here; the last news
	// may mean today only if its latest possible day is today or later.
	s.HungerStrikeUnconfirmed = news == nil || int64(news.last) < now
	if start.vague {
		s.markApproximate(CounterHungerStrikeDays)
	}
}

// setDaysDetained counts from the arrest's latest possible day to until.
func (s *State) setDaysDetained(arrest edtf.Date, until int64) {
	if arrest.IsZero() {
		return
	}
	s.DaysDetained = daysSince(dayNumber(arrest.Latest()), until)
	if imprecise(arrest) {
		s.markApproximate(CounterDaysDetained)
	}
}

func (s *State) setDaysToRelease(now int64) {
	d, err := edtf.Parse(s.ExpectedRelease)
	if err != nil {
		return
	}
	first, last := dayNumber(d.Earliest()), dayNumber(d.Latest())
	s.DaysToRelease = int(max(first-now, 0))
	s.ReleaseOverdue = last < now
	if imprecise(d) {
		s.markApproximate(CounterDaysToRelease)
	}
}

// daysSince returns the days from day from to day to, clamped at 0: a date
// that may still lie ahead (last news "2025-05" on 15 May) counts as today.
func daysSince(from, to int64) int {
	return int(max(to-from, 0))
}
