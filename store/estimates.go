package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"codeberg.org/habeas/habeas"
	"codeberg.org/habeas/habeas/edtf"
)

// Estimates are public or internal, like posts: every writer may see
// every estimate; what it cites is checked like any citation.

func (s *Store) estimateCiting() citing {
	return citing{"estimate", s.q.InsertEstimateSource, s.q.DeleteEstimateSources, s.q.HiddenCitationsOfEstimate, s.q.EstimateCitations}
}

// asOfSort is the day an estimate's date orders by: its earliest.
func asOfSort(d string) string {
	t, err := edtf.Parse(d)
	if err != nil {
		return d // validated before: not reached
	}
	return t.Earliest().Format(time.DateOnly)
}

// CreateEstimate stores a new estimate as u.
func (s *Store) CreateEstimate(ctx context.Context, u *habeas.User, e *habeas.Estimate) error {
	if err := e.Validate(); err != nil {
		return err
	}
	return s.createRecord(ctx, u, "estimate", e, &e.ID, func(w *wtx) error { return w.createEstimate(e) })
}

// createEstimate writes a new estimate in the write transaction.
func (w *wtx) createEstimate(e *habeas.Estimate) error {
	s, ctx := w.s, w.ctx
	// It cites sources a batch may still hold back (see held.go), and its
	// statements name no table of theirs.
	if err := s.flushHeld(ctx, w.tx); err != nil {
		return err
	}
	if err := w.checkEstimate(e); err != nil {
		return err
	}
	created, updated := w.stamps(e.CreatedAt, e.UpdatedAt)
	err := w.stmt(s.q.InsertEstimate).QueryRowContext(ctx, e.Country, e.Count, e.Qualifier, e.Of, e.By, e.AsOf,
		asOfSort(e.AsOf), e.Counter, e.CounterBy, e.Visibility, s.timeArg(created), s.timeArg(updated)).Scan(&e.ID)
	if err != nil {
		return mapError(err, "create estimate")
	}
	e.CreatedAt, e.UpdatedAt = created, updated
	return w.cite(s.estimateCiting(), e.ID, e.SourceIDs)
}

// UpdateEstimate replaces an estimate's fields as u; the sources it cites
// that u may not see stay cited.
func (s *Store) UpdateEstimate(ctx context.Context, u *habeas.User, e *habeas.Estimate) error {
	if err := e.Validate(); err != nil {
		return err
	}
	return changeRecord(s, ctx, u, habeas.AuditUpdate, "estimate", e.ID, s.Estimate, e, func(w *wtx) error {
		if err := w.target("estimate", s.q.EstimateAt, e.ID); err != nil {
			return err
		}
		if err := w.notPublic("estimate", s.q.EstimateAt, e.ID); err != nil {
			return err
		}
		if err := w.checkEstimate(e); err != nil {
			return err
		}
		now := s.clock.Now().UTC()
		res, err := w.stmt(s.q.UpdateEstimate).ExecContext(ctx, e.ID, e.Country, e.Count, e.Qualifier, e.Of, e.By, e.AsOf,
			asOfSort(e.AsOf), e.Counter, e.CounterBy, e.Visibility, s.timeArg(now))
		if err := expectOne(res, err, "estimate", e.ID); err != nil {
			return mapError(err, "update estimate")
		}
		e.UpdatedAt = now
		return w.recite(s.estimateCiting(), e.ID, e.SourceIDs)
	})
}

// checkEstimate refuses a visibility above the writer's and sources they
// may not see, in the words for missing ones.
func (w *wtx) checkEstimate(e *habeas.Estimate) error {
	if err := w.mayLeave("visibility", e.Visibility); err != nil {
		return err
	}
	if err := w.checkCitations(w.s.estimateCiting(), e.SourceIDs); err != nil {
		return err
	}
	return w.mayPublish("visibility", e.Visibility)
}

// DeleteEstimate deletes an estimate as u.
func (s *Store) DeleteEstimate(ctx context.Context, u *habeas.User, id int64) error {
	return changeRecord(s, ctx, u, habeas.AuditDelete, "estimate", id, s.Estimate, nil, func(w *wtx) error {
		if err := w.target("estimate", s.q.EstimateAt, id); err != nil {
			return err
		}
		if err := w.notPublic("estimate", s.q.EstimateAt, id); err != nil {
			return err
		}
		res, err := w.stmt(s.q.DeleteEstimate).ExecContext(ctx, id)
		return mapError(expectOne(res, err, "estimate", id), "delete estimate")
	})
}

func scanEstimate(r scanner) (habeas.Estimate, error) {
	var e habeas.Estimate
	err := r.Scan(&e.ID, &e.Country, &e.Count, &e.Qualifier, &e.Of, &e.By, &e.AsOf, &e.Counter, &e.CounterBy,
		&e.Visibility, dbTime{&e.CreatedAt}, dbTime{&e.UpdatedAt})
	e.SourceIDs = []int64{}
	return e, err
}

// Estimate returns the estimate with id if the reader may see it, with
// the sources they may see.
func (s *Store) Estimate(ctx context.Context, a habeas.Access, id int64) (*habeas.Estimate, error) {
	e, err := scanEstimate(s.read(s.q.GetEstimate).QueryRowContext(ctx, a, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, notFound("estimate", id)
	} else if err != nil {
		return nil, fmt.Errorf("load estimate %d: %w", id, err)
	}
	es := []habeas.Estimate{e}
	if err := s.attachEstimateSources(ctx, a, es); err != nil {
		return nil, err
	}
	return &es[0], nil
}

// ListEstimates returns the estimates the reader may see (of one country,
// or all for ""), newest first: at most 200, a list that is read whole.
func (s *Store) ListEstimates(ctx context.Context, a habeas.Access, country string) ([]habeas.Estimate, error) {
	es, err := queryAll(ctx, s, s.q.ListEstimates, scanEstimate, a, country)
	if err != nil {
		return nil, fmt.Errorf("list estimates: %w", err)
	}
	if es == nil {
		es = []habeas.Estimate{}
	}
	return es, s.attachEstimateSources(ctx, a, es)
}

func (s *Store) attachEstimateSources(ctx context.Context, a habeas.Access, es []habeas.Estimate) error {
	return s.attachCitations(ctx, a, s.estimateCiting(), len(es), func(i int) int64 { return es[i].ID },
		func(i int, ids []int64, withheld int) { es[i].SourceIDs, es[i].WithheldSources = ids, withheld })
}
