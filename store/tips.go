package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"

	"codeberg.org/habeas/habeas"
)

// Tips are the confidential intake queue: a visitor sends one about a
// person the public may see, and only staff with the confidential grant
// read it; to anyone else a tip is answered as a missing one. Its name,
// contact and text are sealed before they reach the database, always.

// SubmitTip stores t, new, about the person with personSlug, as the
// visitor v: only a person the public may see takes tips, and any other
// is answered as a missing one.
func (s *Store) SubmitTip(ctx context.Context, v *habeas.Visitor, personSlug string, t *habeas.Tip) error {
	t.ID, t.PersonID, t.Status = 0, 0, habeas.TipNew
	if err := t.Validate(); err != nil {
		return err
	}
	return s.visit(ctx, v, formTip, habeas.TipsPerHour, func(w *wtx) error {
		err := w.stmt(s.q.PersonOpenForTips).QueryRowContext(ctx, personSlug).Scan(&t.PersonID)
		if errors.Is(err, sql.ErrNoRows) {
			return notFound("person", personSlug)
		} else if err != nil {
			return fmt.Errorf("person of a tip: %w", err)
		}
		if err := w.insertTip(t); err != nil {
			return err
		}
		return w.audit(habeas.AuditCreate, "tip", t.ID, nil, t)
	})
}

// insertTip writes a new tip, sealed, in the write transaction.
func (w *wtx) insertTip(t *habeas.Tip) error {
	created, updated := w.stamps(t.CreatedAt, t.UpdatedAt)
	st := w.s.sealedTip(t)
	err := w.stmt(w.s.q.InsertTip).QueryRowContext(w.ctx, nullID(t.PersonID), st.Name, st.Contact, st.Text, t.Status,
		w.s.timeArg(created), w.s.timeArg(updated)).Scan(&t.ID)
	if err != nil {
		return mapError(err, "create tip")
	}
	t.CreatedAt, t.UpdatedAt = created, updated
	return nil
}

// createTip writes a tip of a batch (an import): only a writer who may
// read confidential records writes one, about a person they may see (or
// none: the person was deleted).
func (w *wtx) createTip(t *habeas.Tip) error {
	if err := w.mayLeave("tip", habeas.Confidential); err != nil {
		return err
	}
	// The person may be a row the batch still holds back.
	if err := w.s.flushHeld(w.ctx, w.tx); err != nil {
		return err
	}
	pr := habeas.Problems{}
	if err := w.ref(pr, "person_id", "person", w.s.q.GetPerson, t.PersonID); err != nil {
		return err
	}
	if err := pr.Err("tip"); err != nil {
		return err
	}
	return w.insertTip(t)
}

// SetTipStatus marks a tip handled, archived or new again, as u, and
// returns it as stored.
func (s *Store) SetTipStatus(ctx context.Context, u *habeas.User, id int64, status string) (*habeas.Tip, error) {
	err := changeRecord(s, ctx, u, habeas.AuditUpdate, "tip", id, s.Tip, map[string]any{"status": status}, func(w *wtx) error {
		if err := w.target("tip", s.q.TipAt, id); err != nil {
			return err
		}
		if !slices.Contains(habeas.TipStates, status) {
			return &habeas.Error{Code: habeas.EINVALID, Message: "invalid tip status",
				Fields: map[string]string{"status": "must be one of new, handled, archived"}}
		}
		res, err := w.stmt(s.q.SetTipStatus).ExecContext(ctx, id, status, s.now())
		return expectOne(res, err, "tip", id)
	})
	if err != nil {
		return nil, err
	}
	return s.Tip(ctx, u.Access(), id)
}

// Tip returns the tip with id, opened, to a reader with confidential
// access; to any other it does not exist.
func (s *Store) Tip(ctx context.Context, a habeas.Access, id int64) (*habeas.Tip, error) {
	t, err := s.scanTip(s.read(s.q.GetTip).QueryRowContext(ctx, a, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, notFound("tip", id)
	} else if err != nil {
		return nil, fmt.Errorf("load tip %d: %w", id, err)
	}
	return &t, nil
}

// ListTips returns a page of tips, newest first, to a reader with
// confidential access; any other reader gets none.
func (s *Store) ListTips(ctx context.Context, a habeas.Access, f habeas.TipFilter) (habeas.Page[habeas.Tip], error) {
	page := habeas.Page[habeas.Tip]{Items: []habeas.Tip{}}
	if f.Status != "" && !slices.Contains(habeas.TipStates, f.Status) {
		return page, &habeas.Error{Code: habeas.EINVALID, Message: "invalid tip filter",
			Fields: map[string]string{"status": "must be one of new, handled, archived"}}
	}
	before, err := idCursor(f.Cursor)
	if err != nil {
		return page, err
	}
	if before == 0 {
		before = 1 << 62
	}
	limit := limitOf(f.ListOptions)
	rows, err := s.read(s.q.ListTips).QueryContext(ctx, a, f.PersonID, f.Status, before, limit)
	if err != nil {
		return page, fmt.Errorf("list tips: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		t, err := s.scanTip(rows)
		if err != nil {
			return page, fmt.Errorf("list tips: %w", err)
		}
		page.Items = append(page.Items, t)
	}
	if err := rows.Err(); err != nil {
		return page, fmt.Errorf("list tips: %w", err)
	}
	if n := len(page.Items); n > 0 {
		page.NextCursor = nextIDCursor(n, limit, page.Items[n-1].ID)
	}
	return page, nil
}

func (s *Store) scanTip(r scanner) (habeas.Tip, error) {
	var t habeas.Tip
	err := r.Scan(&t.ID, &t.PersonID, &t.Name, &t.Contact, &t.Text, &t.Status, dbTime{&t.CreatedAt}, dbTime{&t.UpdatedAt})
	if err == nil {
		s.openTip(&t)
	}
	return t, err
}

// sealedTip returns a copy of t with its text sealed: a tip is always
// confidential.
func (st *Store) sealedTip(t *habeas.Tip) habeas.Tip {
	sv := *t
	st.seal.sealText(&sv.Name, "tips.name")
	st.seal.sealText(&sv.Contact, "tips.contact")
	st.seal.sealText(&sv.Text, "tips.text")
	return sv
}

func (st *Store) openTip(t *habeas.Tip) {
	st.seal.openText(&t.Name, "tips.name")
	st.seal.openText(&t.Contact, "tips.contact")
	st.seal.openText(&t.Text, "tips.text")
}
