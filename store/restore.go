package store

import (
	"context"
	"encoding/json"
	"slices"

	"codeberg.org/habeas/habeas"
)

// Restore puts the record kind/id back as the audit entry entryID of its
// history left it (see habeas.AuditService). The entry is read as u may
// read it, and the record written back through its own update, as u: the
// same checks as any change, and a new entry of the chain.
func (s *Store) Restore(ctx context.Context, u *habeas.User, kind string, id, entryID int64) error {
	if !slices.Contains(habeas.Restorable, kind) {
		return habeas.Errorf(habeas.EBADREQUEST, "a %s cannot be restored from its history", kind)
	}
	history, err := s.History(ctx, u, kind, id)
	if err != nil {
		return err
	}
	i := slices.IndexFunc(history, func(e habeas.AuditEntry) bool { return e.ID == entryID && !e.Withheld })
	if i < 0 {
		return habeas.Errorf(habeas.ENOTFOUND, "entry %d of the history of %s %d not found", entryID, kind, id)
	}
	if !habeas.Versioned(history[i].Action) {
		return habeas.Errorf(habeas.EINVALID, "entry %d is a %s, not a version of the record: choose a creation or a change", entryID, history[i].Action)
	}
	after := history[i].After
	switch kind {
	case "person":
		return restoreAs(ctx, s, u, after, id, func(p *habeas.Person) *int64 { return &p.ID }, s.UpdatePerson)
	case "case":
		return restoreAs(ctx, s, u, after, id, func(c *habeas.Case) *int64 { return &c.ID }, s.UpdateCase)
	case "source":
		return restoreAs(ctx, s, u, after, id, func(src *habeas.Source) *int64 { return &src.ID }, s.UpdateSource)
	case "organization":
		return restoreAs(ctx, s, u, after, id, func(o *habeas.Organization) *int64 { return &o.ID }, s.UpdateOrganization)
	}
	return restoreAs(ctx, s, u, after, id, func(f *habeas.Facility) *int64 { return &f.ID }, s.UpdateFacility)
}

// restoreAs decodes a version of a record and writes it back with update.
// Only an entry that holds the whole record (its id among its fields: a
// creation or a change, not a deletion, an assignment or new alert
// thresholds) is a version.
func restoreAs[T any](ctx context.Context, s *Store, u *habeas.User, after json.RawMessage, id int64,
	idOf func(*T) *int64, update func(context.Context, *habeas.User, *T) error) error {
	var v T
	if len(after) == 0 || json.Unmarshal(after, &v) != nil || *idOf(&v) != id {
		return habeas.Errorf(habeas.EINVALID, "this entry of the history does not hold a whole version of the record: choose a creation or a change")
	}
	return update(ctx, u, &v)
}
