package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"habeas"
)

// MergePeople folds the duplicate into the survivor in one transaction:
// the duplicate's names become the survivor's aliases (keeping their
// visibility, and never more visible than the duplicate was), its cases and
// memberships move, its slug redirects to the survivor, its internal notes
// are appended, and the duplicate is deleted. The merge is recorded with
// everything needed to undo it (UndoMerge).
func (s *Store) MergePeople(ctx context.Context, survivorID, duplicateID int64) (*habeas.Merge, error) {
	if survivorID == duplicateID {
		return nil, &habeas.Error{Code: habeas.EINVALID, Message: "invalid merge",
			Fields: map[string]string{"duplicate_id": "a person cannot be merged into themselves"}}
	}
	var m *habeas.Merge
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		survivor, err := s.personTx(ctx, tx, survivorID)
		if err != nil {
			return err
		}
		dup, err := s.personTx(ctx, tx, duplicateID)
		if err != nil {
			return &habeas.Error{Code: habeas.EINVALID, Message: "invalid merge",
				Fields: map[string]string{"duplicate_id": fmt.Sprintf("no person with id %d", duplicateID)}}
		}
		m = &habeas.Merge{SurvivorID: survivorID, DuplicateID: duplicateID, Slug: dup.Slug,
			Duplicate: *dup, SurvivorNotes: survivor.InternalNotes, MergedAt: s.clock.Now().UTC()}
		if m.CaseIDs, err = s.ids(ctx, tx, "CasesOfPerson", duplicateID); err != nil {
			return err
		}
		if m.MembershipIDs, err = s.ids(ctx, tx, "MembershipIDsOfPerson", duplicateID); err != nil {
			return err
		}
		for _, n := range dup.Names {
			if hasName(survivor.Names, n.Name) {
				continue
			}
			if n.Kind == habeas.NamePrimary {
				n.Kind = habeas.NameAlias
			}
			n.Visibility = max(n.Visibility, dup.Visibility)
			m.NamesAdded = append(m.NamesAdded, n)
		}
		survivor.Names = append(survivor.Names, m.NamesAdded...)
		for _, id := range m.CaseIDs {
			if _, err := s.tx(ctx, tx, "MoveCase").ExecContext(ctx, id, survivorID); err != nil {
				return fmt.Errorf("merge: move case %d: %w", id, err)
			}
		}
		for _, id := range m.MembershipIDs {
			if _, err := s.tx(ctx, tx, "MoveMembership").ExecContext(ctx, id, survivorID); err != nil {
				return fmt.Errorf("merge: move membership %d: %w", id, err)
			}
		}
		if _, err := s.tx(ctx, tx, "MoveSlugRedirects").ExecContext(ctx, duplicateID, survivorID); err != nil {
			return fmt.Errorf("merge: %w", err)
		}
		if _, err := s.tx(ctx, tx, "DeletePerson").ExecContext(ctx, duplicateID); err != nil {
			return mapError(err, "merge: delete the duplicate")
		}
		if _, err := s.tx(ctx, tx, "InsertSlugRedirect").ExecContext(ctx, dup.Slug, survivorID); err != nil {
			return mapError(err, "merge: redirect the duplicate's slug")
		}
		if dup.InternalNotes != "" {
			notes := strings.TrimSpace(survivor.InternalNotes + "\n\nFrom the merged record of " + dup.DisplayName() + ":\n" + dup.InternalNotes)
			if _, err := s.tx(ctx, tx, "SetPersonNotes").ExecContext(ctx, survivorID, notes); err != nil {
				return fmt.Errorf("merge: %w", err)
			}
		}
		if err := s.writeNames(ctx, tx, survivor); err != nil {
			return err
		}
		record, err := json.Marshal(m)
		if err != nil {
			return err
		}
		if err := s.tx(ctx, tx, "InsertMerge").QueryRowContext(ctx, survivorID, duplicateID, string(record), s.timeArg(m.MergedAt)).Scan(&m.ID); err != nil {
			return fmt.Errorf("merge: record: %w", err)
		}
		return s.refreshCases(ctx, tx, "CasesOfPerson", survivorID)
	})
	if err != nil {
		return nil, err
	}
	return m, nil
}

// UndoMerge restores the duplicate of a merge under its old id and slug,
// moves its cases and memberships back, removes the names it brought and
// restores the survivor's notes. Changes made since to the moved records
// stay with them.
func (s *Store) UndoMerge(ctx context.Context, mergeID int64) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		var record string
		var mergedAt, undoneAt time.Time
		var id int64
		err := s.tx(ctx, tx, "GetMerge").QueryRowContext(ctx, mergeID).Scan(&id, &record, dbTime{&mergedAt}, dbTime{&undoneAt})
		if errors.Is(err, sql.ErrNoRows) {
			return notFound("merge", mergeID)
		} else if err != nil {
			return fmt.Errorf("undo merge %d: %w", mergeID, err)
		}
		if !undoneAt.IsZero() {
			return habeas.Errorf(habeas.ECONFLICT, "merge %d was already undone", mergeID)
		}
		var m habeas.Merge
		if err := json.Unmarshal([]byte(record), &m); err != nil {
			return fmt.Errorf("undo merge %d: read its record: %w", mergeID, err)
		}
		survivor, err := s.personTx(ctx, tx, m.SurvivorID)
		if err != nil {
			return err
		}
		if _, err := s.tx(ctx, tx, "DeleteSlugRedirect").ExecContext(ctx, m.Slug); err != nil {
			return err
		}
		d := m.Duplicate
		name := d.DisplayName()
		_, err = s.tx(ctx, tx, "InsertPersonWithID").ExecContext(ctx, d.ID, d.Slug, name, sortName(name), d.BirthYear,
			d.Gender, d.Occupation, d.Bio, d.Country, d.PhotoURL, d.PhotoAlt, d.InternalNotes, d.Visibility,
			s.timeArg(d.CreatedAt), s.now())
		if err != nil {
			return mapError(err, "undo merge: restore the duplicate")
		}
		if err := s.writeNames(ctx, tx, &d); err != nil {
			return err
		}
		for _, id := range m.CaseIDs {
			if _, err := s.tx(ctx, tx, "MoveCase").ExecContext(ctx, id, d.ID); err != nil {
				return err
			}
		}
		for _, id := range m.MembershipIDs {
			if _, err := s.tx(ctx, tx, "MoveMembership").ExecContext(ctx, id, d.ID); err != nil {
				return err
			}
		}
		var kept []habeas.PersonName
		for _, n := range survivor.Names {
			if !hasName(m.NamesAdded, n.Name) {
				kept = append(kept, n)
			}
		}
		survivor.Names = kept
		if err := s.writeNames(ctx, tx, survivor); err != nil {
			return err
		}
		if _, err := s.tx(ctx, tx, "SetPersonNotes").ExecContext(ctx, survivor.ID, m.SurvivorNotes); err != nil {
			return err
		}
		if _, err := s.tx(ctx, tx, "MarkMergeUndone").ExecContext(ctx, mergeID, s.now()); err != nil {
			return err
		}
		if err := s.refreshCases(ctx, tx, "CasesOfPerson", survivor.ID); err != nil {
			return err
		}
		return s.refreshCases(ctx, tx, "CasesOfPerson", d.ID)
	})
}

// personTx loads a person with all their names inside a transaction.
func (s *Store) personTx(ctx context.Context, tx *sql.Tx, id int64) (*habeas.Person, error) {
	p := &habeas.Person{}
	err := s.tx(ctx, tx, "GetPerson").QueryRowContext(ctx, habeas.Confidential, id).Scan(&p.ID, &p.Slug, &p.BirthYear,
		&p.Gender, &p.Occupation, &p.Bio, &p.Country, &p.PhotoURL, &p.PhotoAlt, &p.InternalNotes, &p.Visibility,
		dbTime{&p.CreatedAt}, dbTime{&p.UpdatedAt})
	if errors.Is(err, sql.ErrNoRows) {
		return nil, notFound("person", id)
	} else if err != nil {
		return nil, fmt.Errorf("load person %d: %w", id, err)
	}
	p.Names, err = scanNames(s.tx(ctx, tx, "PersonNames").QueryContext(ctx, id, habeas.Confidential))
	return p, err
}

func (s *Store) ids(ctx context.Context, tx *sql.Tx, query string, id int64) ([]int64, error) {
	rows, err := s.tx(ctx, tx, query).QueryContext(ctx, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []int64{}
	for rows.Next() {
		var x int64
		if err := rows.Scan(&x); err != nil {
			return nil, err
		}
		out = append(out, x)
	}
	return out, rows.Err()
}

func hasName(list []habeas.PersonName, name string) bool {
	for _, n := range list {
		if n.Name == name {
			return true
		}
	}
	return false
}
