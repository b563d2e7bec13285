package store

import (
	"context"
	"fmt"
	"sort"
	"sync"
	"time"

	"codeberg.org/habeas/habeas"
)

// maxMonths bounds the monthly series: a century, whatever a mistyped
// arrest year says.
const maxMonths = 1200

// statsTTL bounds how long counted statistics are served when nothing is
// written through this store: another process may write.
const statsTTL = time.Minute

// statsCache keeps the statistics of each access level. Counting 100,000
// people takes about two seconds on SQLite, so a reader is never made to
// wait for it but the first: once counted, the figures are served while
// they are counted again after a write (or a minute), and replaced when
// done. They lag a write by that long.
type statsCache struct {
	mu      sync.Mutex
	entries [3]statsEntry // by access
}

type statsEntry struct {
	stats      *habeas.Stats
	gen        uint64
	day        string
	counted    time.Time
	refreshing bool
}

// Stats counts what the reader may see, as the lists count it: the
// current case of each person, from its public timeline, as of today on
// the store's clock (see statsCache for how fresh). The result is shared:
// callers copy it before changing it.
func (s *Store) Stats(ctx context.Context, a habeas.Access) (*habeas.Stats, error) {
	if a < habeas.Public || a > habeas.Confidential {
		return nil, habeas.Errorf(habeas.EINVALID, "no access level %d", a)
	}
	gen, day, now := s.Generation(), habeas.Today(s.clock).Format(time.DateOnly), s.clock.Now()
	c := &s.stats
	c.mu.Lock()
	e := &c.entries[a]
	fresh := e.stats != nil && e.gen == gen && e.day == day && now.Sub(e.counted) < statsTTL
	if fresh || (e.stats != nil && e.day == day && e.refreshing) {
		st := e.stats
		c.mu.Unlock()
		return st, nil
	}
	if e.stats != nil && e.day == day {
		// Stale: serve it, and count anew once, in the background.
		e.refreshing = true
		st := e.stats
		c.mu.Unlock()
		go func() {
			ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
			defer cancel()
			next, err := s.countStats(ctx, a)
			c.mu.Lock()
			defer c.mu.Unlock()
			e.refreshing = false
			if err == nil {
				e.stats, e.gen, e.day, e.counted = next, gen, day, now
			}
		}()
		return st, nil
	}
	c.mu.Unlock()
	st, err := s.countStats(ctx, a)
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	e.stats, e.gen, e.day, e.counted = st, gen, day, now
	c.mu.Unlock()
	return st, nil
}

// countStats counts the statistics of access a.
func (s *Store) countStats(ctx context.Context, a habeas.Access) (*habeas.Stats, error) {
	today := habeas.Today(s.clock)
	st := &habeas.Stats{Today: today.Format(time.DateOnly)}
	var err error
	if st.Detained, st.WhereaboutsUnknown, st.OnHungerStrike, err = s.PeopleCounts(ctx, a); err != nil {
		return nil, fmt.Errorf("statistics: %w", err)
	}
	keyed := func(r scanner) (habeas.StatCount, error) {
		var c habeas.StatCount
		return c, r.Scan(&c.Key, &c.Count)
	}
	labelled := func(r scanner) (habeas.StatCount, error) {
		var c habeas.StatCount
		return c, r.Scan(&c.Key, &c.Label, &c.Count)
	}
	for _, t := range []struct {
		q    query
		scan func(scanner) (habeas.StatCount, error)
		into *[]habeas.StatCount
	}{
		{s.q.StatsByStatus, keyed, &st.ByStatus},
		{s.q.StatsByCountry, keyed, &st.ByCountry},
		{s.q.StatsByClassification, keyed, &st.ByClassification},
		{s.q.StatsByOrganization, labelled, &st.ByOrganization},
		{s.q.StatsByCharge, labelled, &st.ByCharge},
		{s.q.StatsByFacility, labelled, &st.ByFacility},
		{s.q.StatsByRegion, labelled, &st.ByRegion},
	} {
		rows, err := queryAll(ctx, s, t.q, t.scan, a)
		if err != nil {
			return nil, fmt.Errorf("statistics: %w", err)
		}
		*t.into = nonNil(rows)
	}
	if err := s.heldOverTime(ctx, a, today, st); err != nil {
		return nil, err
	}
	if st.Estimates, err = s.ListEstimates(ctx, a, ""); err != nil {
		return nil, err
	}
	return st, nil
}

// heldOverTime fills the monthly series and the days the number held
// changed on: a detention counts from the day it began (p_held_from) to
// the day before it ended (p_held_until), so the number held on a day is
// the detentions begun by then less those ended by then.
func (s *Store) heldOverTime(ctx context.Context, a habeas.Access, today time.Time, st *habeas.Stats) error {
	byDay := func(q query) ([]habeas.DayCount, error) {
		rows, err := queryAll(ctx, s, q, func(r scanner) (habeas.DayCount, error) {
			var d habeas.DayCount
			return d, r.Scan(&d.Date, &d.Count)
		}, a)
		if err != nil {
			return nil, fmt.Errorf("statistics over time: %w", err)
		}
		return rows, nil
	}
	starts, err := byDay(s.q.StatsStarts)
	if err != nil {
		return err
	}
	ends, err := byDay(s.q.StatsEnds)
	if err != nil {
		return err
	}
	change := map[string]int{}
	for _, d := range starts {
		change[d.Date] += d.Count
	}
	for _, d := range ends {
		change[d.Date] -= d.Count
	}
	days := make([]string, 0, len(change))
	for d := range change {
		days = append(days, d)
	}
	sort.Strings(days)
	held := 0
	st.Changes = make([]habeas.DayCount, 0, len(days))
	for _, d := range days {
		held += change[d]
		st.Changes = append(st.Changes, habeas.DayCount{Date: d, Count: held})
	}
	st.Monthly = []habeas.MonthCount{}
	if len(days) == 0 {
		return nil
	}
	first, err := time.Parse(time.DateOnly, days[0])
	if err != nil {
		return fmt.Errorf("statistics over time: %w", err)
	}
	last := time.Date(today.Year(), today.Month(), 1, 0, 0, 0, 0, time.UTC)
	m := time.Date(first.Year(), first.Month(), 1, 0, 0, 0, 0, time.UTC)
	if earliest := last.AddDate(0, 1-maxMonths, 0); m.Before(earliest) {
		m = earliest // a series of a century at most; the counts are right all the same
	}
	for ; !m.After(last); m = m.AddDate(0, 1, 0) {
		end := m.AddDate(0, 1, -1)
		if end.After(today) {
			end = today
		}
		st.Monthly = append(st.Monthly, habeas.MonthCount{Month: m.Format("2006-01"), Count: st.HeldOnDay(end)})
	}
	return nil
}
