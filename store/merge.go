package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"codeberg.org/habeas/habeas"
)

// mergeRecord is what the database keeps of a merge: the merge itself and
// the visibilities the moved records had, so that undoing it restores them.
type mergeRecord struct {
	habeas.Merge
	CaseVisibility       map[int64]habeas.Visibility `json:"case_visibility"`
	MembershipVisibility map[int64]habeas.Visibility `json:"membership_visibility"`
	// DuplicateSources are the sources the duplicate cited for its own
	// facts, in order; SourcesAdded those of them the survivor did not cite
	// and cites since the merge, after its own.
	DuplicateSources []int64 `json:"duplicate_sources,omitempty"`
	SourcesAdded     []int64 `json:"sources_added,omitempty"`
	// DuplicateAssignees are the volunteers the duplicate's case file was
	// assigned to; AssigneesAdded those of them the survivor's was not,
	// and is since the merge.
	DuplicateAssignees []int64 `json:"duplicate_assignees,omitempty"`
	AssigneesAdded     []int64 `json:"assignees_added,omitempty"`
}

// MergePeople folds the duplicate into the survivor in one transaction, as
// u: the duplicate's names become the survivor's aliases (keeping their
// visibility, and never less restricted than the duplicate was), its cases
// and memberships move (raised to at least the duplicate's visibility), its
// slug redirects to the survivor (for readers who could see the duplicate),
// its internal notes are appended, and the duplicate is deleted. Both people
// must be visible to u, and nothing of the duplicate's may be hidden from u
// (it would move unseen). The merge is recorded with everything needed to
// undo it (UndoMerge), and with the access the undo needs.
func (s *Store) MergePeople(ctx context.Context, u *habeas.User, survivorID, duplicateID int64) (*habeas.Merge, error) {
	if survivorID == duplicateID {
		return nil, &habeas.Error{Code: habeas.EINVALID, Message: "invalid merge",
			Fields: map[string]string{"duplicate_id": "a person cannot be merged into themselves"}}
	}
	var m *habeas.Merge
	err := s.write(ctx, u, "merge", func(w *wtx) error {
		if err := w.target("person", s.q.GetPerson, survivorID); err != nil {
			return err
		}
		pr := habeas.Problems{}
		if err := w.ref(pr, "duplicate_id", "person", s.q.GetPerson, duplicateID); err != nil {
			return err
		}
		if err := pr.Err("merge"); err != nil {
			return err
		}
		if err := w.noHiddenDependants(s.q.HiddenDependantsOfPerson, "person", duplicateID); err != nil {
			return err
		}
		survivor, err := s.personTx(ctx, w.tx, survivorID)
		if err != nil {
			return err
		}
		dup, err := s.personTx(ctx, w.tx, duplicateID)
		if err != nil {
			return err
		}
		survivorBefore, err := clonePerson(survivor)
		if err != nil {
			return err
		}
		rec := mergeRecord{Merge: habeas.Merge{SurvivorID: survivorID, DuplicateID: duplicateID, Slug: dup.Slug,
			Duplicate: *dup, SurvivorNotes: survivor.InternalNotes, MergedAt: s.clock.Now().UTC(),
			CaseIDs: []int64{}, MembershipIDs: []int64{}, NamesAdded: []habeas.PersonName{}}}
		needs := dup.Visibility
		if rec.CaseVisibility, err = w.visibilities(s.q.CaseVisibilitiesOfPerson, duplicateID, &rec.CaseIDs, &needs); err != nil {
			return err
		}
		if rec.MembershipVisibility, err = w.visibilities(s.q.MembershipVisibilitiesOfPerson, duplicateID, &rec.MembershipIDs, &needs); err != nil {
			return err
		}
		for _, n := range dup.Names {
			needs = max(needs, n.Visibility)
			if hasName(survivor.Names, n.Name) {
				continue
			}
			if n.Kind == habeas.NamePrimary {
				n.Kind = habeas.NameAlias
			}
			n.Visibility = max(n.Visibility, dup.Visibility)
			rec.NamesAdded = append(rec.NamesAdded, n)
		}
		survivor.Names = append(survivor.Names, rec.NamesAdded...)
		for _, id := range rec.CaseIDs {
			if err := w.exec(s.q.MoveCaseTo, id, survivorID, max(rec.CaseVisibility[id], dup.Visibility)); err != nil {
				return fmt.Errorf("merge: %w", err)
			}
		}
		for _, id := range rec.MembershipIDs {
			if err := w.exec(s.q.MoveMembershipTo, id, survivorID, max(rec.MembershipVisibility[id], dup.Visibility)); err != nil {
				return fmt.Errorf("merge: %w", err)
			}
		}
		if err := w.exec(s.q.MoveSlugRedirects, duplicateID, survivorID); err != nil {
			return fmt.Errorf("merge: %w", err)
		}
		// The news about the duplicate is about the survivor (an undo
		// leaves it there).
		if err := w.exec(s.q.MovePostPeople, duplicateID, survivorID); err != nil {
			return fmt.Errorf("merge: %w", err)
		}
		if err := w.exec(s.q.MovePostFacts, duplicateID, survivorID); err != nil {
			return fmt.Errorf("merge: %w", err)
		}
		// So are the tips sent about the duplicate (an undo leaves them too).
		if err := w.exec(s.q.MoveTips, duplicateID, survivorID); err != nil {
			return fmt.Errorf("merge: %w", err)
		}
		if rec.DuplicateSources, rec.SourcesAdded, err = w.mergeCitations(survivorID, duplicateID); err != nil {
			return err
		}
		// The volunteers working on the duplicate's case file work on the
		// survivor's: their cases are there now.
		if rec.DuplicateAssignees, rec.AssigneesAdded, err = w.mergeAssignees(survivorID, duplicateID, max(survivor.Visibility, dup.Visibility), by(u)); err != nil {
			return err
		}
		if err := w.unlistMembersOf(duplicateID); err != nil { // their memberships count for the survivor now
			return err
		}
		if _, err := w.stmt(s.q.DeletePerson).ExecContext(ctx, duplicateID); err != nil {
			return mapError(err, "merge: delete the duplicate")
		}
		if _, err := w.stmt(s.q.InsertSlugRedirectAt).ExecContext(ctx, dup.Slug, survivorID, dup.Visibility); err != nil {
			return mapError(err, "merge: redirect the duplicate's slug")
		}
		if dup.InternalNotes != "" {
			notes := strings.TrimSpace(survivor.InternalNotes + "\n\nFrom the merged record of " + dup.DisplayName() + ":\n" + dup.InternalNotes)
			if survivor.Visibility == habeas.Confidential {
				s.seal.sealText(&notes, "people.internal_notes")
			}
			if err := w.exec(s.q.SetPersonNotes, survivorID, notes); err != nil {
				return fmt.Errorf("merge: %w", err)
			}
		}
		if err := s.writeNames(ctx, w.tx, survivor); err != nil {
			return err
		}
		if err := w.capPerson(survivorID, survivor.Visibility); err != nil {
			return err
		}
		record, err := json.Marshal(rec)
		if err != nil {
			return fmt.Errorf("merge: record: %w", err)
		}
		// The record holds copies of everything the duplicate was: always sealed.
		sealed := string(record)
		s.seal.sealText(&sealed, "person_merges.record")
		if err := w.stmt(s.q.InsertMergeAt).QueryRowContext(ctx, survivorID, duplicateID, sealed,
			s.timeArg(rec.MergedAt), needs).Scan(&rec.ID); err != nil {
			return fmt.Errorf("merge: record: %w", err)
		}
		m = &rec.Merge
		if err := w.audit(habeas.AuditMerge, "person", duplicateID, dup, m); err != nil {
			return err
		}
		if err := w.audit(habeas.AuditMerge, "person", survivorID, survivorBefore, m); err != nil {
			return err
		}
		w.touch(survivorID)
		return w.refreshCases(s.q.CasesOfPerson, survivorID)
	})
	if err != nil {
		return nil, err
	}
	return m, nil
}

// mergeCitations makes the survivor cite, after its own sources, those the
// duplicate cited that it did not: the duplicate's facts now stand on the
// survivor's record, and so do their sources (a source the writer may not
// see moves too, as an update keeps it). It returns what the duplicate
// cited and what the survivor gained, for the undo.
func (w *wtx) mergeCitations(survivorID, duplicateID int64) (dup, added []int64, err error) {
	c := w.s.personCiting()
	all := habeas.Visibility(-1) // c.hidden lists the sources above an access: below Public, every one
	if dup, err = w.ids(c.hidden, duplicateID, all); err != nil || len(dup) == 0 {
		return dup, nil, err
	}
	own, err := w.ids(c.hidden, survivorID, all)
	if err != nil {
		return nil, nil, err
	}
	for _, id := range dup {
		if !slices.Contains(own, id) {
			added = append(added, id)
		}
	}
	if len(added) == 0 {
		return dup, nil, nil
	}
	if err := w.exec(c.del, survivorID); err != nil {
		return nil, nil, err
	}
	return dup, added, w.cite(c, survivorID, append(own, added...))
}

// mergeAssignees assigns the survivor's case file to the volunteers of the
// duplicate's that it was not assigned to (and who are still volunteers),
// each assignment in the survivor's history. It returns the duplicate's
// volunteers and those added, for the undo.
func (w *wtx) mergeAssignees(survivorID, duplicateID int64, vis habeas.Visibility, by string) (dup, added []int64, err error) {
	if dup, err = w.ids(w.s.q.AssigneeIDsOfPerson, duplicateID); err != nil || len(dup) == 0 {
		return dup, nil, err
	}
	had, err := w.ids(w.s.q.AssigneeIDsOfPerson, survivorID)
	if err != nil {
		return nil, nil, err
	}
	for _, v := range dup {
		if slices.Contains(had, v) {
			continue
		}
		ok, err := w.assignmentChange(habeas.AuditAssign, w.s.q.RestoreAssignment, v, survivorID, vis, v, survivorID, by, w.s.now())
		if err != nil {
			return nil, nil, err
		}
		if ok {
			added = append(added, v)
		}
	}
	return dup, added, nil
}

// assignmentChange runs q (args) on the assignments and, when it changed
// one, records action for volunteer v on person personID, as a merge or
// its undo did it; it reports whether it changed one.
func (w *wtx) assignmentChange(action string, q query, v, personID int64, vis habeas.Visibility, args ...any) (bool, error) {
	res, err := w.stmt(q).ExecContext(w.ctx, args...)
	if err != nil {
		return false, fmt.Errorf("%s: %w", q, err)
	}
	if n, err := res.RowsAffected(); err != nil || n == 0 {
		return false, err
	}
	u, err := w.s.scanUser(w.stmt(w.s.q.UserForAudit).QueryRowContext(w.ctx, v), fmt.Sprint(v))
	if err != nil {
		return false, err
	}
	return true, w.audit(action, "person", personID, nil, map[string]any{"volunteer": u.Email, "volunteer_id": v,
		"visibility": vis, "by": "merge"})
}

// uncite removes the sources of drop from what a record cites, keeping the
// order of the rest.
func (w *wtx) uncite(c citing, id int64, drop []int64) error {
	if len(drop) == 0 {
		return nil
	}
	all, err := w.ids(c.hidden, id, habeas.Visibility(-1))
	if err != nil {
		return err
	}
	kept := slices.DeleteFunc(all, func(x int64) bool { return slices.Contains(drop, x) })
	if err := w.exec(c.del, id); err != nil {
		return err
	}
	return w.cite(c, id, kept)
}

// visibilities reads (id, visibility) rows, appending the ids to list and
// raising needs to the strictest visibility seen.
func (w *wtx) visibilities(query query, personID int64, list *[]int64, needs *habeas.Visibility) (map[int64]habeas.Visibility, error) {
	rows, err := w.stmt(query).QueryContext(w.ctx, personID)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", query, err)
	}
	defer rows.Close()
	out := map[int64]habeas.Visibility{}
	for rows.Next() {
		var id int64
		var v habeas.Visibility
		if err := rows.Scan(&id, &v); err != nil {
			return nil, fmt.Errorf("%s: %w", query, err)
		}
		out[id] = v
		*list = append(*list, id)
		*needs = max(*needs, v)
	}
	return out, rows.Err()
}

// UndoMerge restores the duplicate of a merge under its old id and slug,
// moves its cases and memberships back with the visibility they had,
// removes the names it brought and restores the survivor's notes, as u. It
// needs the access the merge needed: a merge u could not have made is
// answered as one that does not exist. Changes made since to the moved
// records stay with them.
func (s *Store) UndoMerge(ctx context.Context, u *habeas.User, mergeID int64) error {
	return s.write(ctx, u, "merge", func(w *wtx) error {
		var record string
		var mergedAt, undoneAt time.Time
		var id int64
		var needs habeas.Visibility
		err := w.stmt(s.q.GetMergeAt).QueryRowContext(ctx, mergeID).Scan(&id, &record, dbTime{&mergedAt}, dbTime{&undoneAt}, &needs)
		if errors.Is(err, sql.ErrNoRows) || err == nil && needs > w.a {
			return notFound("merge", mergeID)
		} else if err != nil {
			return fmt.Errorf("undo merge %d: %w", mergeID, err)
		}
		var rec mergeRecord
		s.seal.openText(&record, "person_merges.record")
		if err := json.Unmarshal([]byte(record), &rec); err != nil {
			return fmt.Errorf("undo merge %d: read its record: %w", mergeID, err)
		}
		m := rec.Merge
		if err := w.target("merge", s.q.GetPerson, m.SurvivorID); err != nil {
			return notFound("merge", mergeID)
		}
		if !undoneAt.IsZero() {
			return habeas.Errorf(habeas.ECONFLICT, "merge %d was already undone", mergeID)
		}
		survivor, err := s.personTx(ctx, w.tx, m.SurvivorID)
		if err != nil {
			return err
		}
		if err := w.exec(s.q.DeleteSlugRedirect, m.Slug); err != nil {
			return err
		}
		d := m.Duplicate
		name, sort := s.personName(&d)
		sd := s.sealedPerson(&d)
		_, err = w.stmt(s.q.InsertPersonWithID).ExecContext(ctx, d.ID, d.Slug, name, sort, sd.BirthYear,
			sd.Gender, sd.Occupation, sd.Bio, sd.Country, sd.PhotoURL, sd.PhotoAlt, sd.InternalNotes, sd.Visibility,
			s.timeArg(d.CreatedAt), s.now(), s.bioTranslations(&d))
		if err != nil {
			return mapError(err, "undo merge: restore the duplicate")
		}
		if d.PhotoMediaID != 0 {
			if err := w.exec(s.q.RestorePersonPhoto, d.ID, d.PhotoMediaID); err != nil {
				return err
			}
		}
		if err := s.writeNames(ctx, w.tx, &d); err != nil {
			return err
		}
		for _, id := range m.CaseIDs {
			if err := w.exec(s.q.MoveCaseTo, id, d.ID, rec.CaseVisibility[id]); err != nil {
				return err
			}
		}
		for _, id := range m.MembershipIDs {
			if err := w.exec(s.q.MoveMembershipTo, id, d.ID, rec.MembershipVisibility[id]); err != nil {
				return err
			}
		}
		if err := w.cite(s.personCiting(), d.ID, rec.DuplicateSources); err != nil {
			return err
		}
		if err := w.uncite(s.personCiting(), survivor.ID, rec.SourcesAdded); err != nil {
			return err
		}
		for _, v := range rec.DuplicateAssignees {
			if _, err := w.assignmentChange(habeas.AuditAssign, s.q.RestoreAssignment, v, d.ID, d.Visibility, v, d.ID, by(u), s.now()); err != nil {
				return err
			}
		}
		for _, v := range rec.AssigneesAdded {
			if _, err := w.assignmentChange(habeas.AuditUnassign, s.q.DeleteAssignment, v, survivor.ID, survivor.Visibility, v, survivor.ID); err != nil {
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
		if err := s.writeNames(ctx, w.tx, survivor); err != nil {
			return err
		}
		notes := m.SurvivorNotes
		if survivor.Visibility == habeas.Confidential {
			s.seal.sealText(&notes, "people.internal_notes")
		}
		if err := w.exec(s.q.SetPersonNotes, survivor.ID, notes); err != nil {
			return err
		}
		if err := w.exec(s.q.MarkMergeUndone, mergeID, s.now()); err != nil {
			return err
		}
		if err := w.refreshCases(s.q.CasesOfPerson, survivor.ID); err != nil {
			return err
		}
		w.touch(survivor.ID)
		w.touch(d.ID)
		if err := w.audit(habeas.AuditUndoMerge, "person", d.ID, nil, &d); err != nil {
			return err
		}
		if err := w.audit(habeas.AuditUndoMerge, "person", survivor.ID, &m, survivor); err != nil {
			return err
		}
		return w.refreshCases(s.q.CasesOfPerson, d.ID)
	})
}

// clonePerson copies p, names and all, as it is now.
func clonePerson(p *habeas.Person) (*habeas.Person, error) {
	b, err := json.Marshal(p)
	if err != nil {
		return nil, err
	}
	c := &habeas.Person{}
	return c, json.Unmarshal(b, c)
}

// personTx loads a person with all their names inside a transaction.
func (s *Store) personTx(ctx context.Context, tx *sql.Tx, id int64) (*habeas.Person, error) {
	p := &habeas.Person{}
	var tr string
	err := s.tx(ctx, tx, s.q.GetPerson).QueryRowContext(ctx, habeas.Confidential, id).Scan(&p.ID, &p.Slug, &p.BirthYear,
		&p.Gender, &p.Occupation, &p.Bio, &p.Country, &p.PhotoURL, &p.PhotoAlt, &p.InternalNotes, &p.Visibility,
		dbTime{&p.CreatedAt}, dbTime{&p.UpdatedAt}, nullInt{&p.PhotoMediaID}, &tr)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, notFound("person", id)
	} else if err != nil {
		return nil, fmt.Errorf("load person %d: %w", id, err)
	}
	s.openPerson(p)
	p.BioLang, p.BioTranslations = s.openTranslations(tr, "people.bio_translations")
	p.Names, err = s.scanNames(s.tx(ctx, tx, s.q.PersonNames).QueryContext(ctx, id, habeas.Confidential))
	return p, err
}

// ids runs a query of ids inside tx.
func (s *Store) ids(ctx context.Context, tx *sql.Tx, query query, args ...any) ([]int64, error) {
	ids, err := scanIDs(s.tx(ctx, tx, query).QueryContext(ctx, args...))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", query, err)
	}
	return ids, nil
}

// scanIDs reads the ids a query of one column selects ([] for none).
func scanIDs(rows *sql.Rows, err error) ([]int64, error) {
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
