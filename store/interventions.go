package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"

	"habeas"
)

// CreateIntervention stores an inquiry, appeal, letter or statement about a case.
func (s *Store) CreateIntervention(ctx context.Context, iv *habeas.Intervention) error {
	if err := iv.Validate(); err != nil {
		return err
	}
	return s.inTx(ctx, func(tx *sql.Tx) error {
		if err := s.checkInterventionRefs(ctx, tx, iv); err != nil {
			return err
		}
		now := s.clock.Now()
		err := s.tx(ctx, tx, "InsertIntervention").QueryRowContext(ctx, iv.CaseID, iv.Kind, iv.Sender, iv.Recipient,
			iv.SentOn, iv.DueOn, iv.AnswerStatus, iv.AnsweredOn, iv.Summary, iv.Visibility, s.timeArg(now)).Scan(&iv.ID)
		if err != nil {
			return mapError(err, "create intervention")
		}
		iv.CreatedAt, iv.UpdatedAt = now.UTC(), now.UTC()
		return s.writeCitations(ctx, tx, "InsertInterventionSource", iv.ID, iv.SourceIDs)
	})
}

// UpdateIntervention replaces an intervention's fields and citations.
func (s *Store) UpdateIntervention(ctx context.Context, iv *habeas.Intervention) error {
	if err := iv.Validate(); err != nil {
		return err
	}
	return s.inTx(ctx, func(tx *sql.Tx) error {
		if err := s.checkInterventionRefs(ctx, tx, iv); err != nil {
			return err
		}
		now := s.clock.Now()
		res, err := s.tx(ctx, tx, "UpdateIntervention").ExecContext(ctx, iv.ID, iv.CaseID, iv.Kind, iv.Sender,
			iv.Recipient, iv.SentOn, iv.DueOn, iv.AnswerStatus, iv.AnsweredOn, iv.Summary, iv.Visibility, s.timeArg(now))
		if err := expectOne(res, err, "intervention", iv.ID); err != nil {
			return mapError(err, "update intervention")
		}
		iv.UpdatedAt = now.UTC()
		if _, err := s.tx(ctx, tx, "DeleteInterventionSources").ExecContext(ctx, iv.ID); err != nil {
			return err
		}
		return s.writeCitations(ctx, tx, "InsertInterventionSource", iv.ID, iv.SourceIDs)
	})
}

func (s *Store) checkInterventionRefs(ctx context.Context, tx *sql.Tx, iv *habeas.Intervention) error {
	pr := habeas.Problems{}
	if !s.exists(ctx, tx, "GetCase", iv.CaseID) {
		pr.Add("case_id", fmt.Sprintf("no case with id %d", iv.CaseID))
	}
	if err := s.checkSources(ctx, tx, pr, iv.SourceIDs); err != nil {
		return err
	}
	return pr.Err("intervention")
}

// DeleteIntervention deletes an intervention.
func (s *Store) DeleteIntervention(ctx context.Context, id int64) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		res, err := s.tx(ctx, tx, "DeleteIntervention").ExecContext(ctx, id)
		return mapError(expectOne(res, err, "intervention", id), "delete intervention")
	})
}

func scanIntervention(r scanner) (habeas.Intervention, int64, error) {
	var iv habeas.Intervention
	err := r.Scan(&iv.ID, &iv.CaseID, &iv.Kind, &iv.Sender, &iv.Recipient, &iv.SentOn, &iv.DueOn, &iv.AnswerStatus,
		&iv.AnsweredOn, &iv.Summary, &iv.Visibility, dbTime{&iv.CreatedAt}, dbTime{&iv.UpdatedAt})
	return iv, iv.ID, err
}

// Intervention returns the intervention with id if the reader may see it.
func (s *Store) Intervention(ctx context.Context, a habeas.Access, id int64) (*habeas.Intervention, error) {
	iv, _, err := scanIntervention(s.read("GetIntervention").QueryRowContext(ctx, a, id))
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
	rows, err := queryAll(ctx, s, "SourcesOfInterventions", func(r scanner) (pair, error) {
		var p pair
		return p, r.Scan(&p.iv, &p.src)
	}, a, string(list))
	for _, p := range rows {
		byID[p.iv].SourceIDs = append(byID[p.iv].SourceIDs, p.src)
	}
	return err
}

// InterventionFilter selects interventions.
type InterventionFilter struct {
	CaseID       int64
	AnswerStatus string
	habeas.ListOptions
}

// ListInterventions returns a page of interventions.
func (s *Store) ListInterventions(ctx context.Context, a habeas.Access, f InterventionFilter) (habeas.Page[habeas.Intervention], error) {
	page, err := listByID(ctx, s, "ListInterventions", f.ListOptions, scanIntervention, a, f.CaseID, f.AnswerStatus)
	if err != nil {
		return page, err
	}
	ptrs := make([]*habeas.Intervention, len(page.Items))
	for i := range page.Items {
		ptrs[i] = &page.Items[i]
	}
	return page, s.interventionSources(ctx, a, ptrs)
}
