package casefile

import (
	"time"

	"habeas"
	"habeas/edtf"
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
	Status        string // derived status (habeas.Status*); the stored status when the timeline says nothing
	StatusEventID int64  // the event that set Status; 0 when the stored status stands

	FacilityID         int64  // where held now; 0 when unknown or not held
	FacilityEventID    int64  // the event that placed the person (or took them to an undisclosed place); 0: the stored facility
	WhereaboutsUnknown bool   // since a transfer to an undisclosed place, until a later placing event
	UnknownSince       string // date of that transfer; "" when the whereabouts are known

	LastNews        string // date of the latest news event (see NewsKinds); "" when none
	LastNewsEventID int64
	// DaysWithoutNews counts from the latest possible day of the last news,
	// or of the arrest when that is later or there is no news. -1 when
	// there is neither, and when the person is free (the clock stops).
	DaysWithoutNews int

	HungerStrikeSince   string // start of the ongoing hunger strike; "" when none
	HungerStrikeEventID int64
	HungerStrikeDays    int // days since the start's latest possible day: 0 on the first day; 0 when none

	Detained      bool   // held today: status detained, pre_trial or sentenced
	DetainedSince string // the arrest that began the current detention
	// DaysDetained runs from the arrest's latest possible day to today, or
	// to the earliest possible day of the release, pardon or death when the
	// person is free. -1 without an arrest date, or when free without an
	// end event.
	DaysDetained int

	ExpectedRelease string // ReleaseDate of the case; "" when unknown
	DaysToRelease   int    // to ExpectedRelease's earliest possible day; 0 when due or overdue; -1 when unknown or not Detained
	ReleaseOverdue  bool   // Detained and the whole of ExpectedRelease has passed

	// Approximate marks the counters that are "at least" figures because a
	// date they count from is partial, approximate or uncertain (keys:
	// the Counter* constants). Nil when all are exact.
	Approximate map[string]bool
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
	status := statusWalk{status: c.Status}
	where := whereabouts{facility: c.FacilityID}
	var strike hungerStrike
	var news *entry
	entries := sortedEntries(events)
	for i := range entries {
		e := &entries[i]
		if !e.ok || e.first > now {
			break // sorted: the rest is unparsable or certainly in the future
		}
		status.apply(e)
		where.apply(e)
		strike.apply(e)
		news = lastNews(news, e)
	}

	s := State{
		Status:          status.status,
		FacilityID:      where.facility,
		DaysWithoutNews: -1,
		DaysDetained:    -1,
		DaysToRelease:   -1,
		ExpectedRelease: ReleaseDate(c),
	}
	s.Detained = Held(s.Status)
	free := Free(s.Status)
	if status.by != nil {
		s.StatusEventID = status.by.ev.ID
	}
	if !free {
		s.setWhereabouts(&where)
	} else {
		s.FacilityID = 0
	}
	if news != nil {
		s.LastNews, s.LastNewsEventID = news.ev.Date, news.ev.ID
	}
	arrest, arrested := detentionStart(c, &status)
	if arrested {
		s.DetainedSince = arrest.String()
	}
	if !free {
		s.setSilence(news, arrest, now)
		s.setHungerStrike(strike.open, now)
		s.setDaysDetained(arrest, now)
	} else if status.end != nil {
		s.setDaysDetained(arrest, status.end.first)
		if s.DaysDetained >= 0 && imprecise(status.end.date) {
			s.markApproximate(CounterDaysDetained)
		}
	}
	if s.Detained {
		s.setDaysToRelease(now)
	}
	return s
}

func (s *State) setWhereabouts(w *whereabouts) {
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
// ArrestDate, else the first arrest event. ok is false when there is none.
func detentionStart(c *habeas.Case, w *statusWalk) (d edtf.Date, ok bool) {
	if w.rearrest != nil {
		return w.rearrest.date, true
	}
	if d, err := edtf.Parse(c.ArrestDate); err == nil {
		return d, true
	}
	if w.firstArrest != nil {
		return w.firstArrest.date, true
	}
	return edtf.Date{}, false
}

// setSilence counts the days without news from the latest possible day of
// the last news or of the arrest, whichever is later (a person re-arrested
// after a release has been silent since the arrest, not since the release).
func (s *State) setSilence(news *entry, arrest edtf.Date, now int64) {
	var from edtf.Date
	if news != nil {
		from = news.date
	}
	if !arrest.IsZero() && (from.IsZero() || arrest.Latest().After(from.Latest())) {
		from = arrest
	}
	if from.IsZero() {
		return
	}
	s.DaysWithoutNews = daysSince(dayNumber(from.Latest()), now)
	if imprecise(from) {
		s.markApproximate(CounterDaysWithoutNews)
	}
}

func (s *State) setHungerStrike(start *entry, now int64) {
	if start == nil {
		return
	}
	s.HungerStrikeSince, s.HungerStrikeEventID = start.ev.Date, start.ev.ID
	s.HungerStrikeDays = daysSince(start.last, now)
	if imprecise(start.date) {
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
