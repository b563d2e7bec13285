package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"habeas"
	"habeas/casefile"
	"habeas/edtf"
)

// CreateEvent adds a fact to a case's timeline with the sources it cites.
func (s *Store) CreateEvent(ctx context.Context, e *habeas.Event) error {
	if err := e.Validate(); err != nil {
		return err
	}
	return s.inTx(ctx, func(tx *sql.Tx) error {
		if err := s.checkEventRefs(ctx, tx, e); err != nil {
			return err
		}
		now := s.clock.Now()
		err := s.tx(ctx, tx, "InsertEvent").QueryRowContext(ctx, e.CaseID, e.Kind, e.Date, earliestDay(e.Date),
			nullID(e.FacilityID), e.Summary, e.Quote, e.Speaker, e.Visibility, s.timeArg(now)).Scan(&e.ID)
		if err != nil {
			return mapError(err, "create event")
		}
		e.CreatedAt, e.UpdatedAt = now.UTC(), now.UTC()
		if err := s.writeCitations(ctx, tx, "InsertEventSource", e.ID, e.SourceIDs); err != nil {
			return err
		}
		return s.refreshCase(ctx, tx, e.CaseID)
	})
}

// UpdateEvent replaces an event's fields and citations. The event may move
// to another case; both cases are refreshed.
func (s *Store) UpdateEvent(ctx context.Context, e *habeas.Event) error {
	if err := e.Validate(); err != nil {
		return err
	}
	return s.inTx(ctx, func(tx *sql.Tx) error {
		old, err := s.eventCase(ctx, tx, e.ID)
		if err != nil {
			return err
		}
		if err := s.checkEventRefs(ctx, tx, e); err != nil {
			return err
		}
		now := s.clock.Now()
		res, err := s.tx(ctx, tx, "UpdateEvent").ExecContext(ctx, e.ID, e.CaseID, e.Kind, e.Date, earliestDay(e.Date),
			nullID(e.FacilityID), e.Summary, e.Quote, e.Speaker, e.Visibility, s.timeArg(now))
		if err := expectOne(res, err, "event", e.ID); err != nil {
			return mapError(err, "update event")
		}
		e.UpdatedAt = now.UTC()
		if _, err := s.tx(ctx, tx, "DeleteEventSources").ExecContext(ctx, e.ID); err != nil {
			return err
		}
		if err := s.writeCitations(ctx, tx, "InsertEventSource", e.ID, e.SourceIDs); err != nil {
			return err
		}
		if old != e.CaseID {
			if err := s.refreshCase(ctx, tx, old); err != nil {
				return err
			}
		}
		return s.refreshCase(ctx, tx, e.CaseID)
	})
}

// DeleteEvent removes an event from its timeline.
func (s *Store) DeleteEvent(ctx context.Context, id int64) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		caseID, err := s.eventCase(ctx, tx, id)
		if err != nil {
			return err
		}
		res, err := s.tx(ctx, tx, "DeleteEvent").ExecContext(ctx, id)
		if err := expectOne(res, err, "event", id); err != nil {
			return mapError(err, "delete event")
		}
		return s.refreshCase(ctx, tx, caseID)
	})
}

// eventCase returns the case an event belongs to, whatever its visibility.
func (s *Store) eventCase(ctx context.Context, tx *sql.Tx, id int64) (int64, error) {
	var e habeas.Event
	err := s.tx(ctx, tx, "GetEvent").QueryRowContext(ctx, habeas.Confidential, id).Scan(&e.ID, &e.CaseID, &e.Kind,
		&e.Date, &e.FacilityID, &e.Summary, &e.Quote, &e.Speaker, &e.Visibility, dbTime{&e.CreatedAt}, dbTime{&e.UpdatedAt})
	if errors.Is(err, sql.ErrNoRows) {
		return 0, notFound("event", id)
	}
	return e.CaseID, err
}

// checkEventRefs names each field of an event that points at nothing.
func (s *Store) checkEventRefs(ctx context.Context, tx *sql.Tx, e *habeas.Event) error {
	pr := habeas.Problems{}
	if !s.exists(ctx, tx, "GetCase", e.CaseID) {
		pr.Add("case_id", fmt.Sprintf("no case with id %d", e.CaseID))
	}
	if e.FacilityID != 0 && !s.exists(ctx, tx, "GetFacility", e.FacilityID) {
		pr.Add("facility_id", fmt.Sprintf("no facility with id %d", e.FacilityID))
	}
	if err := s.checkSources(ctx, tx, pr, e.SourceIDs); err != nil {
		return err
	}
	return pr.Err("event")
}

// checkSources adds a problem for cited sources that do not exist or are
// cited twice.
func (s *Store) checkSources(ctx context.Context, tx *sql.Tx, pr habeas.Problems, ids []int64) error {
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
	list, _ := json.Marshal(ids)
	rows, err := s.tx(ctx, tx, "VisibleSourceIDs").QueryContext(ctx, string(list))
	if err != nil {
		return fmt.Errorf("check sources: %w", err)
	}
	defer rows.Close()
	found := map[int64]bool{}
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return err
		}
		found[id] = true
	}
	for _, id := range ids {
		if !found[id] {
			pr.Add("source_ids", fmt.Sprintf("no source with id %d", id))
		}
	}
	return rows.Err()
}

func (s *Store) writeCitations(ctx context.Context, tx *sql.Tx, query string, id int64, sources []int64) error {
	for i, src := range sources {
		if _, err := s.tx(ctx, tx, query).ExecContext(ctx, id, src, i); err != nil {
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

func scanEvent(r scanner) (habeas.Event, int64, error) {
	var e habeas.Event
	err := r.Scan(&e.ID, &e.CaseID, &e.Kind, &e.Date, &e.FacilityID, &e.Summary, &e.Quote, &e.Speaker,
		&e.Visibility, dbTime{&e.CreatedAt}, dbTime{&e.UpdatedAt})
	return e, e.ID, err
}

// Event returns the event with id, with its visible sources, if the reader may see it.
func (s *Store) Event(ctx context.Context, a habeas.Access, id int64) (*habeas.Event, error) {
	e, _, err := scanEvent(s.read("GetEvent").QueryRowContext(ctx, a, id))
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

// EventFilter selects the events of one case.
type EventFilter struct {
	CaseID int64
	Kind   string
	habeas.ListOptions
}

// ListEvents returns a page of a case's events in the order they were entered.
func (s *Store) ListEvents(ctx context.Context, a habeas.Access, f EventFilter) (habeas.Page[habeas.Event], error) {
	if _, err := s.Case(ctx, a, f.CaseID); err != nil {
		return habeas.Page[habeas.Event]{}, err
	}
	page, err := listByID(ctx, s, "ListEvents", f.ListOptions, scanEvent, a, f.CaseID, f.Kind)
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
		page, err := listByID(ctx, s, "ListEvents", o, scanEvent, a, caseID, "")
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
	cited, err := queryAll(ctx, s, "CaseEventSources", func(r scanner) (pair, error) {
		var p pair
		return p, r.Scan(&p.event, &p.n)
	}, a, caseID)
	if err != nil {
		return err
	}
	withheld, err := queryAll(ctx, s, "CaseEventsWithheldSources", func(r scanner) (pair, error) {
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
