package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"codeberg.org/habeas/habeas"
)

// CreateIntervention stores an inquiry, appeal, letter or statement about
// a case, as u. The case and every source must be visible to u.
func (s *Store) CreateIntervention(ctx context.Context, u *habeas.User, iv *habeas.Intervention) error {
	if err := iv.Validate(); err != nil {
		return err
	}
	return s.createRecord(ctx, u, "intervention", iv, &iv.ID, func(w *wtx) error { return w.createIntervention(iv) })
}

// createIntervention writes a new intervention in the write transaction (see CreateIntervention).
func (w *wtx) createIntervention(iv *habeas.Intervention) error {
	if err := w.checkIntervention(iv); err != nil {
		return err
	}
	created, updated := w.stamps(iv.CreatedAt, iv.UpdatedAt)
	sv := w.s.sealedIntervention(iv)
	err := w.s.insertID(w.ctx, w.tx, w.s.q.InsertIntervention, &iv.ID, iv.CaseID, iv.Kind, sv.Sender, sv.Recipient,
		iv.SentOn, iv.DueOn, iv.AnswerStatus, iv.AnsweredOn, sv.Summary, iv.Visibility,
		w.s.timeArg(created), w.s.timeArg(updated))
	if err != nil {
		return mapError(err, "create intervention")
	}
	iv.CreatedAt, iv.UpdatedAt = created, updated
	if err := w.s.writeCitations(w.ctx, w.tx, w.s.q.InsertInterventionSource, iv.ID, iv.SourceIDs); err != nil {
		return err
	}
	w.markAlerts(iv.CaseID)
	return nil
}

// UpdateIntervention replaces an intervention's fields and citations, as
// u; citations of sources u may not see are kept.
func (s *Store) UpdateIntervention(ctx context.Context, u *habeas.User, iv *habeas.Intervention) error {
	if err := iv.Validate(); err != nil {
		return err
	}
	return changeRecord(s, ctx, u, habeas.AuditUpdate, "intervention", iv.ID, s.Intervention, iv, func(w *wtx) error {
		if err := w.target("intervention", s.q.GetIntervention, iv.ID); err != nil {
			return err
		}
		if err := w.notPublic("intervention", s.q.GetIntervention, iv.ID); err != nil {
			return err
		}
		if err := w.checkIntervention(iv); err != nil {
			return err
		}
		if err := w.markAlertsOfIntervention(iv.ID); err != nil { // the case it was about
			return err
		}
		w.markAlerts(iv.CaseID)
		hidden, err := w.ids(s.q.HiddenCitationsOfIntervention, iv.ID, w.shared())
		if err != nil {
			return err
		}
		now := s.clock.Now()
		sv := s.sealedIntervention(iv)
		res, err := w.stmt(s.q.UpdateIntervention).ExecContext(ctx, iv.ID, iv.CaseID, iv.Kind, sv.Sender,
			sv.Recipient, iv.SentOn, iv.DueOn, iv.AnswerStatus, iv.AnsweredOn, sv.Summary, iv.Visibility, s.timeArg(now))
		if err := expectOne(res, err, "intervention", iv.ID); err != nil {
			return mapError(err, "update intervention")
		}
		iv.UpdatedAt = now.UTC()
		w.sealed = w.sealed || iv.Visibility == habeas.Confidential // the old row may have been in clear
		if err := w.exec(s.q.DeleteInterventionSources, iv.ID); err != nil {
			return err
		}
		if err := s.writeCitations(ctx, w.tx, s.q.InsertInterventionSource, iv.ID, append(iv.SourceIDs, hidden...)); err != nil {
			return err
		}
		return nil
	})
}

// checkIntervention checks an intervention's visibility, dates, case and
// sources as the writer sees them.
func (w *wtx) checkIntervention(iv *habeas.Intervention) error {
	if err := w.mayLeave("visibility", iv.Visibility); err != nil {
		return err
	}
	pr := habeas.Problems{}
	if err := w.ref(pr, "case_id", "case", w.s.q.GetCase, iv.CaseID); err != nil {
		return err
	}
	if err := w.checkSources(pr, iv.SourceIDs); err != nil {
		return err
	}
	if _, bad := pr["case_id"]; !bad {
		if err := w.atLeast(&iv.Visibility, w.s.q.CaseVisibility, iv.CaseID); err != nil {
			return err
		}
	}
	if err := iv.CheckDates(w.today()); err != nil {
		for f, reason := range habeas.ErrorFields(err) {
			pr.Add(f, reason)
		}
	}
	if err := pr.Err("intervention"); err != nil {
		return err
	}
	// Last: a bad or hidden reference is answered first, as for anyone.
	return w.mayPublish("visibility", iv.Visibility)
}

// DeleteIntervention deletes an intervention, as u.
func (s *Store) DeleteIntervention(ctx context.Context, u *habeas.User, id int64) error {
	return changeRecord(s, ctx, u, habeas.AuditDelete, "intervention", id, s.Intervention, nil, func(w *wtx) error {
		if err := w.target("intervention", s.q.GetIntervention, id); err != nil {
			return err
		}
		if err := w.notPublic("intervention", s.q.GetIntervention, id); err != nil {
			return err
		}
		if err := w.markAlertsOfIntervention(id); err != nil {
			return err
		}
		res, err := w.stmt(s.q.DeleteIntervention).ExecContext(ctx, id)
		return mapError(expectOne(res, err, "intervention", id), "delete intervention")
	})
}

func (s *Store) scanIntervention(r scanner) (habeas.Intervention, int64, error) {
	var iv habeas.Intervention
	err := r.Scan(&iv.ID, &iv.CaseID, &iv.Kind, &iv.Sender, &iv.Recipient, &iv.SentOn, &iv.DueOn, &iv.AnswerStatus,
		&iv.AnsweredOn, &iv.Summary, &iv.Visibility, dbTime{&iv.CreatedAt}, dbTime{&iv.UpdatedAt})
	s.openIntervention(&iv)
	return iv, iv.ID, err
}

// Intervention returns the intervention with id if the reader may see it.
func (s *Store) Intervention(ctx context.Context, a habeas.Access, id int64) (*habeas.Intervention, error) {
	iv, _, err := s.scanIntervention(s.read(s.q.GetIntervention).QueryRowContext(ctx, a, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, notFound("intervention", id)
	} else if err != nil {
		return nil, fmt.Errorf("load intervention %d: %w", id, err)
	}
	return &iv, s.interventionSources(ctx, a, []*habeas.Intervention{&iv})
}

// interventionSources fills the visible sources the interventions cite, in
// one query.
func (s *Store) interventionSources(ctx context.Context, a habeas.Access, ivs []*habeas.Intervention) error {
	if len(ivs) == 0 {
		return nil
	}
	byID := make(map[int64]*habeas.Intervention, len(ivs))
	ids := make([]int64, len(ivs))
	for i, iv := range ivs {
		iv.SourceIDs = []int64{}
		byID[iv.ID], ids[i] = iv, iv.ID
	}
	list, _ := json.Marshal(ids)
	type pair struct{ iv, src int64 }
	rows, err := queryAll(ctx, s, s.q.SourcesOfInterventions, func(r scanner) (pair, error) {
		var p pair
		return p, r.Scan(&p.iv, &p.src)
	}, a, string(list))
	for _, p := range rows {
		byID[p.iv].SourceIDs = append(byID[p.iv].SourceIDs, p.src)
	}
	return err
}

// InterventionsDue lists the interventions at access a whose answers are
// due from f.From to f.To (by due_day, which the silence clock keeps), the
// soonest first, at most f.Limit (1 to 100, 20 when 0).
func (s *Store) InterventionsDue(ctx context.Context, a habeas.Access, f habeas.DueFilter) ([]habeas.DueIntervention, error) {
	pr := habeas.Problems{}
	for _, d := range []struct{ field, day string }{{"from", f.From}, {"to", f.To}} {
		if _, err := time.Parse(time.DateOnly, d.day); err != nil {
			pr.Add(d.field, "must be a day such as 2025-05-16")
		}
	}
	if f.Limit < 0 || f.Limit > 100 {
		pr.Add("limit", "must be from 1 to 100")
	}
	if err := pr.Err("filter"); err != nil {
		return nil, err
	}
	if f.Limit == 0 {
		f.Limit = 20
	}
	rows, err := s.read(s.q.InterventionsDue).QueryContext(ctx, a, f.From, f.To, f.AssignedTo, f.Limit)
	if err != nil {
		return nil, fmt.Errorf("interventions due: %w", err)
	}
	defer rows.Close()
	var out []habeas.DueIntervention
	for rows.Next() {
		var d habeas.DueIntervention
		iv := &d.Intervention
		if err := rows.Scan(&iv.ID, &iv.CaseID, &d.PersonID, &iv.Kind, &iv.Sender, &iv.Recipient, &iv.SentOn, &iv.DueOn,
			&d.DueDay, &iv.Visibility); err != nil {
			return nil, fmt.Errorf("interventions due: %w", err)
		}
		iv.AnswerStatus = "none"
		s.openIntervention(iv)
		out = append(out, d)
	}
	return out, rows.Err()
}

// ListInterventions returns a page of interventions.
func (s *Store) ListInterventions(ctx context.Context, a habeas.Access, f habeas.InterventionFilter) (habeas.Page[habeas.Intervention], error) {
	q := s.q.ListInterventions
	if f.CaseID != 0 {
		q = s.q.ListInterventionsOfCase
	}
	page, err := listByID(ctx, s, q, f.ListOptions, s.scanIntervention, a, f.CaseID, f.AnswerStatus)
	if err != nil {
		return page, err
	}
	ptrs := make([]*habeas.Intervention, len(page.Items))
	for i := range page.Items {
		ptrs[i] = &page.Items[i]
	}
	return page, s.interventionSources(ctx, a, ptrs)
}
