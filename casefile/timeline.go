package casefile

import (
	"cmp"
	"slices"
	"strings"
	"time"

	"codeberg.org/habeas/habeas"
	"codeberg.org/habeas/habeas/edtf"
)

// entry is one event of the timeline with its date parsed once, so sorting
// and the walk in Compute compare integers instead of re-parsing strings.
// It holds one pointer and no Date, so sorting moves little.
type entry struct {
	ev    *habeas.Event
	ok    bool  // the date parsed (a non-empty, valid EDTF date)
	vague bool  // imprecise(date): counters from it are "at least" figures
	idx   int32 // position in the input, the last tie-break
	first int32 // day number of date.Earliest() (years 0000–9999 fit)
	last  int32 // day number of date.Latest()
	clock int32 // seconds into the day of a time of day as written; 86400 (after every time) when none
}

// certainlyBefore reports whether every day e may mean is earlier than every
// day o may mean (edtf.Date.Before, on the precomputed day numbers).
func (e *entry) certainlyBefore(o *entry) bool { return e.last < o.first }

// Sorted returns a copy of events in timeline order: by date as edtf.Compare
// orders them (earliest possible day, then latest possible day, then a time
// of day before none, then the EDTF text), ties by ID, then by the order given. Events whose Date is empty
// or not a valid EDTF date sort last, by ID. The input is not modified.
func Sorted(events []habeas.Event) []habeas.Event {
	entries := sortedEntries(events)
	out := make([]habeas.Event, len(entries))
	for i, e := range entries {
		out[i] = *e.ev
	}
	return out
}

// sortedEntries parses every event's date and returns the entries in
// timeline order, the unparsable ones last. Entries point into events.
func sortedEntries(events []habeas.Event) []entry {
	entries := make([]entry, len(events))
	for i := range events {
		e := &entries[i]
		e.ev, e.idx = &events[i], int32(i)
		d, err := edtf.Parse(events[i].Date)
		if err != nil {
			continue
		}
		e.ok = true
		e.first, e.last = int32(dayNumber(d.Earliest())), int32(dayNumber(d.Latest()))
		e.vague = e.first != e.last || d.Approximate() || d.Uncertain() // imprecise(d), on the day numbers
		e.clock = 86400
		if d.Precision() == edtf.PrecisionTime || d.IsInterval() {
			if t, ok := d.Start().Time(); ok { // in the zone as written, so the clock is the source's
				e.clock = int32(t.Hour()*3600 + t.Minute()*60 + t.Second())
			}
		}
	}
	slices.SortFunc(entries, compareEntries) // a total order: stable without SortStableFunc's cost
	return entries
}

// compareEntries orders entries as edtf.Compare orders their dates (a
// parsed date's text is its canonical form, so comparing e.ev.Date compares
// String()), ties by ID, then by input position; unparsable dates last.
func compareEntries(a, b entry) int {
	switch {
	case a.ok != b.ok:
		if a.ok {
			return -1
		}
		return 1
	case a.ok:
		if c := cmp.Compare(a.first, b.first); c != 0 {
			return c
		}
		if c := cmp.Compare(a.last, b.last); c != 0 {
			return c
		}
		if c := cmp.Compare(a.clock, b.clock); c != 0 {
			return c
		}
		if c := strings.Compare(a.ev.Date, b.ev.Date); c != 0 {
			return c
		}
	}
	if c := cmp.Compare(a.ev.ID, b.ev.ID); c != 0 {
		return c
	}
	return cmp.Compare(a.idx, b.idx)
}

// dayNumber returns the number of whole days from 1970-01-01 to t's day in
// UTC. Day numbers subtract without the ±292-year limit of time.Duration.
func dayNumber(t time.Time) int64 {
	s := t.Unix()
	n := s / 86400
	if s%86400 < 0 {
		n-- // floor, for days before 1970
	}
	return n
}

// todayNumber returns the day number of today's calendar day in today's own
// location, so a midnight-UTC time and a local wall-clock time both mean the day
// the caller sees.
func todayNumber(today time.Time) int64 {
	y, m, d := today.Date()
	return dayNumber(time.Date(y, m, d, 0, 0, 0, 0, time.UTC))
}

// imprecise reports whether a counter computed from d is an "at least"
// figure: d may mean more than one day (a month, a season, an interval), or
// is approximate or uncertain. A time of day names one day.
func imprecise(d edtf.Date) bool {
	return !d.Earliest().Equal(d.Latest()) || d.Approximate() || d.Uncertain()
}
