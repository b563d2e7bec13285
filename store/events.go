package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"codeberg.org/habeas/habeas"
	"codeberg.org/habeas/habeas/casefile"
	"codeberg.org/habeas/habeas/edtf"
)

// CreateEvent adds a fact to a case's timeline with the sources it cites,
// as u. The case, the facility and every source must be visible to u.
func (s *Store) CreateEvent(ctx context.Context, u *habeas.User, e *habeas.Event) error {
	if err := e.Validate(); err != nil {
		return err
	}
	return s.createRecord(ctx, u, "event", e, &e.ID, func(w *wtx) error { return w.createEvent(e) })
}

// createEvent writes a new event in the write transaction (see CreateEvent).
func (w *wtx) createEvent(e *habeas.Event) error {
	if err := w.checkEvent(e); err != nil {
		return err
	}
	created, updated := w.stamps(e.CreatedAt, e.UpdatedAt)
	se := w.s.sealedEvent(e)
	err := w.s.insertID(w.ctx, w.tx, w.s.q.InsertEvent, &e.ID, e.CaseID, e.Kind, e.Date, earliestDay(e.Date),
		nullID(e.FacilityID), se.Summary, se.Quote, se.Speaker, e.Visibility, w.s.timeArg(created), w.s.timeArg(updated))
	if err != nil {
		return mapError(err, "create event")
	}
	e.CreatedAt, e.UpdatedAt = created, updated
	if err := w.s.writeCitations(w.ctx, w.tx, w.s.q.InsertEventSource, e.ID, e.SourceIDs); err != nil {
		return err
	}
	w.reindex(indexEvents, e.ID)
	return w.refreshCase(e.CaseID)
}

// UpdateEvent replaces an event's fields and citations, as u. Citations of
// sources u may not see are kept. The event may move to another case
// visible to u; both cases are refreshed.
func (s *Store) UpdateEvent(ctx context.Context, u *habeas.User, e *habeas.Event) error {
	if err := e.Validate(); err != nil {
		return err
	}
	return changeRecord(s, ctx, u, habeas.AuditUpdate, "event", e.ID, s.Event, e, func(w *wtx) error {
		if err := w.target("event", s.q.GetEvent, e.ID); err != nil {
			return err
		}
		if err := w.notPublic("event", s.q.GetEvent, e.ID); err != nil {
			return err
		}
		old, err := s.eventCase(ctx, w.tx, e.ID)
		if err != nil {
			return err
		}
		if err := w.checkEvent(e); err != nil {
			return err
		}
		hidden, err := w.ids(s.q.HiddenCitationsOfEvent, e.ID, w.shared())
		if err != nil {
			return err
		}
		now := s.clock.Now()
		se := s.sealedEvent(e)
		res, err := w.stmt(s.q.UpdateEvent).ExecContext(ctx, e.ID, e.CaseID, e.Kind, e.Date, earliestDay(e.Date),
			nullID(e.FacilityID), se.Summary, se.Quote, se.Speaker, e.Visibility, s.timeArg(now))
		if err := expectOne(res, err, "event", e.ID); err != nil {
			return mapError(err, "update event")
		}
		e.UpdatedAt = now.UTC()
		w.sealed = w.sealed || e.Visibility == habeas.Confidential // the old row may have been in clear
		w.reindex(indexEvents, e.ID)
		if err := w.exec(s.q.DeleteEventSources, e.ID); err != nil {
			return err
		}
		if err := s.writeCitations(ctx, w.tx, s.q.InsertEventSource, e.ID, append(e.SourceIDs, hidden...)); err != nil {
			return err
		}
		if old != e.CaseID {
			if err := w.refreshCase(old); err != nil {
				return err
			}
		}
		return w.refreshCase(e.CaseID)
	})
}

// DeleteEvent removes an event from its timeline, as u.
func (s *Store) DeleteEvent(ctx context.Context, u *habeas.User, id int64) error {
	return changeRecord(s, ctx, u, habeas.AuditDelete, "event", id, s.Event, nil, func(w *wtx) error {
		if err := w.target("event", s.q.GetEvent, id); err != nil {
			return err
		}
		if err := w.notPublic("event", s.q.GetEvent, id); err != nil {
			return err
		}
		caseID, err := s.eventCase(ctx, w.tx, id)
		if err != nil {
			return err
		}
		res, err := w.stmt(s.q.DeleteEvent).ExecContext(ctx, id)
		if err := expectOne(res, err, "event", id); err != nil {
			return mapError(err, "delete event")
		}
		w.reindex(indexEvents, id)
		return w.refreshCase(caseID)
	})
}

// eventCase returns the case an event belongs to, whatever its visibility.
func (s *Store) eventCase(ctx context.Context, tx *sql.Tx, id int64) (int64, error) {
	var e habeas.Event
	err := s.tx(ctx, tx, s.q.GetEvent).QueryRowContext(ctx, habeas.Confidential, id).Scan(&e.ID, &e.CaseID, &e.Kind,
		&e.Date, &e.FacilityID, &e.Summary, &e.Quote, &e.Speaker, &e.Visibility, dbTime{&e.CreatedAt}, dbTime{&e.UpdatedAt})
	if errors.Is(err, sql.ErrNoRows) {
		return 0, notFound("event", id)
	} else if err != nil {
		return 0, fmt.Errorf("load event %d: %w", id, err)
	}
	return e.CaseID, nil
}

// checkEvent checks what an event would leave behind: its visibility, its
// case, facility and sources as the writer sees them (hidden ones named as
// missing), and its date against the case's arrest and today.
func (w *wtx) checkEvent(e *habeas.Event) error {
	if err := w.mayLeave("visibility", e.Visibility); err != nil {
		return err
	}
	pr := habeas.Problems{}
	if err := w.ref(pr, "case_id", "case", w.s.q.GetCase, e.CaseID); err != nil {
		return err
	}
	if err := w.ref(pr, "facility_id", "facility", w.s.q.GetFacility, e.FacilityID); err != nil {
		return err
	}
	if err := w.checkSources(pr, e.SourceIDs); err != nil {
		return err
	}
	if _, bad := pr["case_id"]; !bad {
		if err := w.atLeast(&e.Visibility, w.s.q.CaseVisibility, e.CaseID); err != nil {
			return err
		}
		c := habeas.Case{ID: e.CaseID}
		arrest, err := remember(w, w.s.q.CaseArrest, e.CaseID, func() (string, bool, error) {
			var d string
			if err := w.stmt(w.s.q.CaseArrest).QueryRowContext(w.ctx, e.CaseID).Scan(&d); err != nil {
				return "", false, fmt.Errorf("arrest of case %d: %w", e.CaseID, err)
			}
			return d, true, nil
		})
		if err != nil {
			return err
		}
		c.ArrestDate = arrest
		if err := habeas.CheckEventDate(&c, e, w.today()); err != nil {
			for f, reason := range habeas.ErrorFields(err) {
				pr.Add(f, reason)
			}
		}
	}
	if err := pr.Err("event"); err != nil {
		return err
	}
	// Last: a bad or hidden reference is answered first, as for anyone.
	return w.mayPublish("visibility", e.Visibility)
}

// checkSources adds a problem for cited sources that do not exist, are
// hidden from the writer (in the same words), or are cited twice.
func (w *wtx) checkSources(pr habeas.Problems, ids []int64) error {
	if len(ids) == 0 {
		return nil
	}
	seen := map[int64]bool{}
	for _, id := range ids {
		if seen[id] {
			pr.Add("source_ids", fmt.Sprintf("source %d is cited twice", id))
		}
		seen[id] = true
	}
	// A batch remembers the sources it found visible.
	visible := map[int64]bool{}
	var ask []int64
	for _, id := range ids {
		if _, ok := w.memo[memoKey{w.s.q.VisibleSourceIDsAt.i, id}]; ok {
			visible[id] = true
		} else {
			ask = append(ask, id)
		}
	}
	if len(ask) > 0 {
		list, _ := json.Marshal(ask)
		found, err := w.ids(w.s.q.VisibleSourceIDsAt, w.shared(), string(list))
		if err != nil {
			return fmt.Errorf("check sources: %w", err)
		}
		for _, id := range found {
			visible[id] = true
			if w.memo != nil {
				w.memo[memoKey{w.s.q.VisibleSourceIDsAt.i, id}] = true
			}
		}
	}
	for _, id := range ids {
		if !visible[id] {
			pr.Add("source_ids", fmt.Sprintf("no source with id %d", id))
		}
	}
	return nil
}

func (s *Store) writeCitations(ctx context.Context, tx *sql.Tx, query query, id int64, sources []int64) error {
	for i, src := range sources {
		if err := s.insert(ctx, tx, query, id, src, i); err != nil {
			return mapError(err, "cite source")
		}
	}
	return nil
}

// earliestDay is the first possible day of an EDTF date, for ordering in SQL.
func earliestDay(d string) string {
	t, err := edtf.Parse(d)
	if err != nil {
		return noDay
	}
	return t.Earliest().Format(time.DateOnly)
}

func (s *Store) scanEvent(r scanner) (habeas.Event, int64, error) {
	var e habeas.Event
	err := r.Scan(&e.ID, &e.CaseID, &e.Kind, &e.Date, &e.FacilityID, &e.Summary, &e.Quote, &e.Speaker,
		&e.Visibility, dbTime{&e.CreatedAt}, dbTime{&e.UpdatedAt})
	s.openEvent(&e)
	return e, e.ID, err
}

// Event returns the event with id, with its visible sources, if the reader may see it.
func (s *Store) Event(ctx context.Context, a habeas.Access, id int64) (*habeas.Event, error) {
	e, _, err := s.scanEvent(s.read(s.q.GetEvent).QueryRowContext(ctx, a, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, notFound("event", id)
	} else if err != nil {
		return nil, fmt.Errorf("load event %d: %w", id, err)
	}
	evs := []habeas.Event{e}
	if err := s.attachSources(ctx, a, e.CaseID, evs); err != nil {
		return nil, err
	}
	return &evs[0], nil
}

// ListEvents returns a page of a case's events in the order they were entered.
func (s *Store) ListEvents(ctx context.Context, a habeas.Access, f habeas.EventFilter) (habeas.Page[habeas.Event], error) {
	if _, err := s.Case(ctx, a, f.CaseID); err != nil {
		return habeas.Page[habeas.Event]{}, err
	}
	page, err := listByID(ctx, s, s.q.ListEvents, f.ListOptions, s.scanEvent, a, f.CaseID, f.Kind)
	if err != nil {
		return page, err
	}
	return page, s.attachSources(ctx, a, f.CaseID, page.Items)
}

// Timeline returns every event of a case the reader may see, in timeline
// order, with the sources each cites. The case is checked and the sources
// attached once, however many pages of events there are.
func (s *Store) Timeline(ctx context.Context, a habeas.Access, caseID int64) ([]habeas.Event, error) {
	if _, err := s.Case(ctx, a, caseID); err != nil {
		return nil, err
	}
	var all []habeas.Event
	o := habeas.ListOptions{Limit: habeas.MaxLimit}
	for {
		page, err := listByID(ctx, s, s.q.ListEvents, o, s.scanEvent, a, caseID, "")
		if err != nil {
			return nil, err
		}
		all = append(all, page.Items...)
		if page.NextCursor == "" {
			break
		}
		o.Cursor = page.NextCursor
	}
	if err := s.attachSources(ctx, a, caseID, all); err != nil {
		return nil, err
	}
	return casefile.Sorted(all), nil
}

// attachSources fills SourceIDs and WithheldSources of events of one case.
func (s *Store) attachSources(ctx context.Context, a habeas.Access, caseID int64, events []habeas.Event) error {
	type pair struct{ event, n int64 }
	cited, err := queryAll(ctx, s, s.q.CaseEventSources, func(r scanner) (pair, error) {
		var p pair
		return p, r.Scan(&p.event, &p.n)
	}, a, caseID)
	if err != nil {
		return err
	}
	withheld, err := queryAll(ctx, s, s.q.CaseEventsWithheldSources, func(r scanner) (pair, error) {
		var p pair
		return p, r.Scan(&p.event, &p.n)
	}, a, caseID)
	if err != nil {
		return err
	}
	idx := map[int64]int{}
	for i := range events {
		idx[events[i].ID] = i
		events[i].SourceIDs = []int64{}
	}
	for _, p := range cited {
		if i, ok := idx[p.event]; ok {
			events[i].SourceIDs = append(events[i].SourceIDs, p.n)
		}
	}
	for _, p := range withheld {
		if i, ok := idx[p.event]; ok {
			events[i].WithheldSources = int(p.n)
		}
	}
	return nil
}
