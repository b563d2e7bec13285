package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"codeberg.org/habeas/habeas"
)

// Assign gives the case file of a person to a volunteer (see
// habeas.AssignmentService). Assigning twice is one assignment, and taking
// back what was not given changes nothing: only a change joins the
// person's history. It reports whether it changed anything.
func (s *Store) Assign(ctx context.Context, u *habeas.User, volunteerID, personID int64) (bool, error) {
	return s.changeAssignment(ctx, u, volunteerID, personID, true)
}

// Unassign takes a person's case file back from a volunteer, and reports
// whether it was given.
func (s *Store) Unassign(ctx context.Context, u *habeas.User, volunteerID, personID int64) (bool, error) {
	return s.changeAssignment(ctx, u, volunteerID, personID, false)
}

func (s *Store) changeAssignment(ctx context.Context, u *habeas.User, volunteerID, personID int64, assign bool) (bool, error) {
	changed := false
	err := s.write(ctx, u, "assignment", func(w *wtx) error {
		if err := w.target("person", s.q.GetPerson, personID); err != nil {
			return err
		}
		v, err := s.scanUser(w.stmt(s.q.UserForAudit).QueryRowContext(ctx, volunteerID), fmt.Sprint(volunteerID))
		switch {
		case habeas.ErrorCode(err) == habeas.ENOTFOUND:
			return (habeas.Problems{"user_id": fmt.Sprintf("no account with id %d", volunteerID)}).Err("assignment")
		case err != nil:
			return err
		case v.Role != habeas.RoleVolunteer:
			return (habeas.Problems{"user_id": fmt.Sprintf("%s is a %s, not a volunteer: the other roles see every case file their access allows", v.Email, v.Role)}).Err("assignment")
		}
		var vis habeas.Visibility
		if err := w.atLeast(&vis, s.q.PersonVisibility, personID); err != nil {
			return err
		}
		action, q, args := habeas.AuditAssign, s.q.InsertAssignment, []any{volunteerID, personID, by(u), s.timeArg(s.clock.Now().UTC())}
		if !assign {
			action, q, args = habeas.AuditUnassign, s.q.DeleteAssignment, []any{volunteerID, personID}
		}
		res, err := w.stmt(q).ExecContext(ctx, args...)
		if err != nil {
			return fmt.Errorf("%s: %w", q, err)
		}
		if n, err := res.RowsAffected(); err != nil {
			return err
		} else if n == 0 {
			return nil // as it was: nothing to record
		}
		changed = true
		return w.audit(action, "person", personID, nil, map[string]any{"volunteer": v.Email, "volunteer_id": v.ID, "visibility": vis})
	})
	return changed && err == nil, err
}

// Assignees returns the volunteers a person is assigned to, and every
// volunteer (to choose from), if u may assign and see the person.
func (s *Store) Assignees(ctx context.Context, u *habeas.User, personID int64) (assigned, volunteers []habeas.User, err error) {
	if !u.May(habeas.AssignRecords) {
		return nil, nil, habeas.Forbidden(u, habeas.AssignRecords)
	}
	if _, err := s.Person(ctx, u.Access(), personID); err != nil {
		return nil, nil, err
	}
	read := func(q query, args ...any) ([]habeas.User, error) {
		rows, err := s.read(q).QueryContext(ctx, args...)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", q, err)
		}
		defer rows.Close()
		var out []habeas.User
		for rows.Next() {
			v, err := s.scanUser(rows, "")
			if err != nil {
				return nil, err
			}
			out = append(out, *v)
		}
		return out, rows.Err()
	}
	if assigned, err = read(s.q.AssigneesOfPerson, personID); err != nil {
		return nil, nil, err
	}
	volunteers, err = read(s.q.Volunteers)
	return assigned, volunteers, err
}

// AccessTo returns what u may read of a record of a case file (kind
// person, case, event, intervention, membership or alert) and of
// everything of its person: u's access; for a volunteer, their grant while
// the person is assigned to them, and what is public otherwise.
func (s *Store) AccessTo(ctx context.Context, u *habeas.User, kind string, id int64) (habeas.Access, error) {
	if u == nil {
		return habeas.Public, nil
	}
	if !u.Scoped() {
		return u.Access(), nil
	}
	var q query
	switch kind {
	case "person":
		q = s.q.AssignedPerson
	case "case":
		q = s.q.AssignedCase
	case "event":
		q = s.q.AssignedEvent
	case "intervention":
		q = s.q.AssignedIntervention
	case "membership":
		q = s.q.AssignedMembership
	case "alert":
		q = s.q.AssignedAlert
	default:
		return u.Access(), nil
	}
	var one int
	err := s.read(q).QueryRowContext(ctx, u.ID, id).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return u.Access(), nil
	}
	if err != nil {
		return habeas.Public, fmt.Errorf("%s %d: %w", q, id, err)
	}
	return u.Grant(), nil
}
