package store

import (
	"context"
	"fmt"
	"time"

	"codeberg.org/habeas/habeas"
)

// maxMonths bounds the monthly series: a century, whatever a mistyped
// arrest year says.
const maxMonths = 1200

// Stats counts what the reader may see, as the lists count it: the
// current case of each person, from its public timeline, as of today on
// the store's clock.
func (s *Store) Stats(ctx context.Context, a habeas.Access) (*habeas.Stats, error) {
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
	if st.Monthly, err = s.monthly(ctx, a, today); err != nil {
		return nil, err
	}
	if st.Estimates, err = s.ListEstimates(ctx, a, ""); err != nil {
		return nil, err
	}
	return st, nil
}

// monthly returns how many detentions were ongoing at the end of each
// month, from the first month one began to today's: those begun by a
// month's end, less those ended by then.
func (s *Store) monthly(ctx context.Context, a habeas.Access, today time.Time) ([]habeas.MonthCount, error) {
	byMonth := func(q query) (map[string]int, string, error) {
		rows, err := queryAll(ctx, s, q, func(r scanner) (habeas.MonthCount, error) {
			var m habeas.MonthCount
			return m, r.Scan(&m.Month, &m.Count)
		}, a)
		if err != nil {
			return nil, "", fmt.Errorf("statistics by month: %w", err)
		}
		out := make(map[string]int, len(rows))
		first := ""
		for _, m := range rows {
			out[m.Month] = m.Count
			if first == "" || m.Month < first {
				first = m.Month
			}
		}
		return out, first, nil
	}
	starts, first, err := byMonth(s.q.StatsStarts)
	if err != nil {
		return nil, err
	}
	ends, _, err := byMonth(s.q.StatsEnds)
	if err != nil {
		return nil, err
	}
	series := []habeas.MonthCount{}
	m, err := time.Parse("2006-01", first)
	if err != nil {
		return series, nil // no detention with a known span
	}
	last := time.Date(today.Year(), today.Month(), 1, 0, 0, 0, 0, time.UTC)
	if earliest := last.AddDate(0, 1-maxMonths, 0); m.Before(earliest) {
		// Detentions begun before the series count from its first month.
		for k, n := range starts {
			if k < earliest.Format("2006-01") {
				starts[earliest.Format("2006-01")] += n
			}
		}
		for k, n := range ends {
			if k < earliest.Format("2006-01") {
				ends[earliest.Format("2006-01")] += n
			}
		}
		m = earliest
	}
	held := 0
	for ; !m.After(last); m = m.AddDate(0, 1, 0) {
		k := m.Format("2006-01")
		held += starts[k] - ends[k]
		series = append(series, habeas.MonthCount{Month: k, Count: held})
	}
	return series, nil
}

// HeldOn returns how many detentions the reader may see were ongoing on
// day (YYYY-MM-DD), as the monthly series counts them.
func (s *Store) HeldOn(ctx context.Context, a habeas.Access, day time.Time) (int, error) {
	var n int
	err := s.read(s.q.StatsHeldOn).QueryRowContext(ctx, a, day.Format(time.DateOnly)).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("held on %s: %w", day.Format(time.DateOnly), err)
	}
	return n, nil
}
