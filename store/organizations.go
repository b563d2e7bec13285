package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"

	"codeberg.org/habeas/habeas"
)

// CreateOrganization stores a new organization as u.
func (s *Store) CreateOrganization(ctx context.Context, u *habeas.User, o *habeas.Organization) error {
	if err := o.Validate(); err != nil {
		return err
	}
	return s.createRecord(ctx, u, "organization", o, &o.ID, func(w *wtx) error { return w.createOrganization(o) })
}

// createOrganization writes a new organization in the write transaction (see CreateOrganization).
func (w *wtx) createOrganization(o *habeas.Organization) error {
	if err := w.mayLeave("visibility", o.Visibility); err != nil {
		return err
	}
	if err := w.mayPublish("visibility", o.Visibility); err != nil {
		return err
	}
	if err := w.checkCitations(w.s.organizationCiting(), o.SourceIDs); err != nil {
		return err
	}
	want, err := w.slugToWrite("organization", o.Slug, o.Visibility, w.s.q.OrganizationSlugOf, 0)
	if err != nil {
		return err
	}
	slug, err := w.newSlug(w.s.q.OrganizationSlugTaken, want, o.Name)
	if err != nil {
		return err
	}
	created, updated := w.stamps(o.CreatedAt, o.UpdatedAt)
	name, otherNames, description := w.s.organizationText(o)
	err = w.stmt(w.s.q.InsertOrganization).QueryRowContext(w.ctx, slug, name, otherNames, o.Kind,
		o.Country, o.Founded, description, o.Visibility, w.s.timeArg(created), w.s.timeArg(updated),
		w.s.organizationTranslations(o)).Scan(&o.ID)
	if err != nil {
		return mapError(err, "create organization")
	}
	o.Slug, o.CreatedAt, o.UpdatedAt = slug, created, updated
	w.know(w.s.q.GetOrganization, o.ID, true)
	w.know(w.s.q.OrganizationVisibility, o.ID, o.Visibility)
	return w.cite(w.s.organizationCiting(), o.ID, o.SourceIDs)
}

// UpdateOrganization replaces an organization's fields as u. Made more
// restricted, it takes its memberships along; made confidential, their
// roles are sealed with it.
func (s *Store) UpdateOrganization(ctx context.Context, u *habeas.User, o *habeas.Organization) error {
	if err := o.Validate(); err != nil {
		return err
	}
	return changeRecord(s, ctx, u, habeas.AuditUpdate, "organization", o.ID, s.Organization, o, func(w *wtx) error {
		if err := w.target("organization", s.q.GetOrganization, o.ID); err != nil {
			return err
		}
		if err := w.notPublic("organization", s.q.GetOrganization, o.ID); err != nil {
			return err
		}
		if err := w.mayLeave("visibility", o.Visibility); err != nil {
			return err
		}
		if err := w.mayPublish("visibility", o.Visibility); err != nil {
			return err
		}
		if err := w.checkCitations(s.organizationCiting(), o.SourceIDs); err != nil {
			return err
		}
		var old habeas.Visibility
		if err := w.stmt(s.q.OrganizationVisibility).QueryRowContext(ctx, o.ID).Scan(&old); err != nil {
			return fmt.Errorf("update organization %d: %w", o.ID, err)
		}
		want, err := w.slugToWrite("organization", o.Slug, o.Visibility, s.q.OrganizationSlugOf, o.ID)
		if err != nil {
			return err
		}
		slug, err := s.uniqueSlug(ctx, w.tx, s.q.OrganizationSlugTaken, want, o.Name, o.ID)
		if err != nil {
			return err
		}
		now := s.clock.Now()
		name, otherNames, description := s.organizationText(o)
		res, err := w.stmt(s.q.UpdateOrganization).ExecContext(ctx, o.ID, slug, name, otherNames,
			o.Kind, o.Country, o.Founded, description, o.Visibility, s.timeArg(now),
			s.organizationTranslations(o))
		if err := expectOne(res, err, "organization", o.ID); err != nil {
			return mapError(err, "update organization")
		}
		o.Slug, o.UpdatedAt = slug, now.UTC()
		if err := w.recite(s.organizationCiting(), o.ID, o.SourceIDs); err != nil {
			return err
		}
		if err := w.exec(s.q.CapMembershipsOfOrganization, o.ID, o.Visibility); err != nil {
			return err
		}
		if old != o.Visibility {
			// Who may see its members, at each level, has changed.
			if err := w.relistOrganization(o.ID); err != nil {
				return err
			}
		}
		if o.Visibility != habeas.Confidential {
			return nil
		}
		w.sealed = true // the old row may have been in clear
		return w.resealMemberships(s.q.ConfidentialMembershipsOfOrganization, o.ID)
	})
}

// DeleteOrganization deletes an organization and its memberships, as u;
// it refuses when a membership or member is hidden from u.
func (s *Store) DeleteOrganization(ctx context.Context, u *habeas.User, id int64) error {
	return changeRecord(s, ctx, u, habeas.AuditDelete, "organization", id, s.Organization, nil, func(w *wtx) error {
		if err := w.target("organization", s.q.GetOrganization, id); err != nil {
			return err
		}
		if err := w.notPublic("organization", s.q.GetOrganization, id); err != nil {
			return err
		}
		if err := w.noHiddenDependants(s.q.HiddenDependantsOfOrganization, "organization", id); err != nil {
			return err
		}
		res, err := w.stmt(s.q.DeleteOrganization).ExecContext(ctx, id)
		return mapError(expectOne(res, err, "organization", id), "delete organization")
	})
}

// Organization returns the organization with id if the reader may see it.
func (s *Store) Organization(ctx context.Context, a habeas.Access, id int64) (*habeas.Organization, error) {
	return s.getOrganization(ctx, s.q.GetOrganization, a, id)
}

// OrganizationBySlug returns the organization with slug if the reader may see it.
func (s *Store) OrganizationBySlug(ctx context.Context, a habeas.Access, slug string) (*habeas.Organization, error) {
	return s.getOrganization(ctx, s.q.GetOrganizationBySlug, a, slug)
}

func (s *Store) getOrganization(ctx context.Context, query query, a habeas.Access, key any) (*habeas.Organization, error) {
	o, err := s.scanOrganization(s.read(query).QueryRowContext(ctx, a, key))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, notFound("organization", key)
	} else if err != nil {
		return nil, fmt.Errorf("load organization %v: %w", key, err)
	}
	err = s.attachCitations(ctx, a, s.organizationCiting(), 1, func(int) int64 { return o.ID },
		func(_ int, ids []int64, n int) { o.SourceIDs, o.WithheldSources = ids, n })
	if err != nil {
		return nil, err
	}
	return o, nil
}

type scanner interface{ Scan(...any) error }

func (s *Store) scanOrganization(r scanner) (*habeas.Organization, error) {
	o := &habeas.Organization{}
	var other, tr string
	err := r.Scan(&o.ID, &o.Slug, &o.Name, &other, &o.Kind, &o.Country, &o.Founded, &o.Description,
		&o.Visibility, dbTime{&o.CreatedAt}, dbTime{&o.UpdatedAt}, &tr)
	if err != nil {
		return nil, err
	}
	o.DescriptionLang, o.DescriptionTranslations = s.openTranslations(tr, "organizations.description_translations")
	s.seal.openText(&o.Name, "organizations.name")
	s.seal.openText(&o.Description, "organizations.description")
	s.seal.openText(&other, "organizations.other_names")
	if other == unreadable {
		o.OtherNames = []string{unreadable}
		return o, nil
	}
	if err := json.Unmarshal([]byte(other), &o.OtherNames); err != nil {
		return nil, fmt.Errorf("other names of organization %d: %w", o.ID, err)
	}
	return o, nil
}

// ListOrganizations returns a page of organizations.
func (s *Store) ListOrganizations(ctx context.Context, a habeas.Access, f habeas.OrganizationFilter) (habeas.Page[habeas.Organization], error) {
	page, err := listByID(ctx, s, s.q.ListOrganizations, f.ListOptions, func(r scanner) (habeas.Organization, int64, error) {
		o, err := s.scanOrganization(r)
		if err != nil {
			return habeas.Organization{}, 0, err
		}
		return *o, o.ID, nil
	}, a, f.Country, f.Kind)
	if err != nil {
		return page, err
	}
	os := page.Items
	return page, s.attachCitations(ctx, a, s.organizationCiting(), len(os), func(i int) int64 { return os[i].ID },
		func(i int, ids []int64, n int) { os[i].SourceIDs, os[i].WithheldSources = ids, n })
}

// listByID runs an id-ordered collection query whose last two parameters
// are the cursor id and the limit.
func listByID[T any](ctx context.Context, s *Store, query query, o habeas.ListOptions,
	scan func(scanner) (T, int64, error), args ...any) (habeas.Page[T], error) {
	page := habeas.Page[T]{Items: []T{}}
	after, err := idCursor(o.Cursor)
	if err != nil {
		return page, err
	}
	limit := limitOf(o)
	rows, err := s.read(query).QueryContext(ctx, append(args, after, limit)...)
	if err != nil {
		return page, fmt.Errorf("%s: %w", query, err)
	}
	defer rows.Close()
	var last int64
	for rows.Next() {
		v, id, err := scan(rows)
		if err != nil {
			return page, fmt.Errorf("%s: %w", query, err)
		}
		page.Items = append(page.Items, v)
		last = id
	}
	if err := rows.Err(); err != nil {
		return page, fmt.Errorf("%s: %w", query, err)
	}
	page.NextCursor = nextIDCursor(len(page.Items), limit, last)
	return page, nil
}

func jsonList(v []string) string {
	if v == nil {
		v = []string{}
	}
	b, _ := json.Marshal(v)
	return string(b)
}

// CreateMembership stores a membership as u; both ends must be visible to u.
func (s *Store) CreateMembership(ctx context.Context, u *habeas.User, m *habeas.Membership) error {
	if err := m.Validate(); err != nil {
		return err
	}
	return s.createRecord(ctx, u, "membership", m, &m.ID, func(w *wtx) error { return w.createMembership(m) })
}

// createMembership writes a new membership in the write transaction (see CreateMembership).
func (w *wtx) createMembership(m *habeas.Membership) error {
	if err := w.checkMembership(m); err != nil {
		return err
	}
	err := w.s.insertID(w.ctx, w.tx, w.s.q.InsertMembership, &m.ID, m.PersonID, m.OrganizationID, w.s.membershipRole(m),
		m.Since, m.Until, m.Visibility)
	if err != nil {
		return mapError(err, "create membership")
	}
	w.touch(m.PersonID) // their member_list rows, and the organization's counts
	return w.cite(w.s.membershipCiting(), m.ID, m.SourceIDs)
}

// touchMember marks the person a membership belongs to now, before a write
// changes or deletes it: their member_list rows are rewritten at commit.
func (w *wtx) touchMember(membershipID int64) error {
	var personID int64
	if err := w.stmt(w.s.q.MembershipPersonOf).QueryRowContext(w.ctx, membershipID).Scan(&personID); err != nil {
		return fmt.Errorf("membership %d: %w", membershipID, err)
	}
	w.touch(personID)
	return nil
}

// UpdateMembership replaces a membership's fields as u.
func (s *Store) UpdateMembership(ctx context.Context, u *habeas.User, m *habeas.Membership) error {
	if err := m.Validate(); err != nil {
		return err
	}
	return changeRecord(s, ctx, u, habeas.AuditUpdate, "membership", m.ID, s.Membership, m, func(w *wtx) error {
		if err := w.target("membership", s.q.GetMembership, m.ID); err != nil {
			return err
		}
		if err := w.notPublic("membership", s.q.GetMembership, m.ID); err != nil {
			return err
		}
		if err := w.checkMembership(m); err != nil {
			return err
		}
		if err := w.touchMember(m.ID); err != nil {
			return err
		}
		w.touch(m.PersonID)
		res, err := w.stmt(s.q.UpdateMembership).ExecContext(ctx, m.ID, m.PersonID, m.OrganizationID, s.membershipRole(m),
			m.Since, m.Until, m.Visibility)
		w.sealed = w.sealed || m.Visibility == habeas.Confidential // the old row may have been in clear
		if err := expectOne(res, err, "membership", m.ID); err != nil {
			return mapError(err, "update membership")
		}
		return w.recite(s.membershipCiting(), m.ID, m.SourceIDs)
	})
}

// checkMembership checks a membership's visibility and that both its ends
// are visible to the writer (a hidden one is named as missing). A
// membership is stored at least as restricted as either end.
func (w *wtx) checkMembership(m *habeas.Membership) error {
	if err := w.mayLeave("visibility", m.Visibility); err != nil {
		return err
	}
	pr := habeas.Problems{}
	if err := w.ref(pr, "person_id", "person", w.s.q.GetPerson, m.PersonID); err != nil {
		return err
	}
	if err := w.ref(pr, "organization_id", "organization", w.s.q.GetOrganization, m.OrganizationID); err != nil {
		return err
	}
	if err := w.checkSources(pr, m.SourceIDs); err != nil {
		return err
	}
	if err := pr.Err("membership"); err != nil {
		return err
	}
	if err := w.atLeast(&m.Visibility, w.s.q.PersonVisibility, m.PersonID); err != nil {
		return err
	}
	if err := w.atLeast(&m.Visibility, w.s.q.OrganizationVisibility, m.OrganizationID); err != nil {
		return err
	}
	return w.mayPublish("visibility", m.Visibility)
}

// DeleteMembership deletes a membership, as u.
func (s *Store) DeleteMembership(ctx context.Context, u *habeas.User, id int64) error {
	return changeRecord(s, ctx, u, habeas.AuditDelete, "membership", id, s.Membership, nil, func(w *wtx) error {
		if err := w.target("membership", s.q.GetMembership, id); err != nil {
			return err
		}
		if err := w.notPublic("membership", s.q.GetMembership, id); err != nil {
			return err
		}
		if err := w.touchMember(id); err != nil {
			return err
		}
		res, err := w.stmt(s.q.DeleteMembership).ExecContext(ctx, id)
		return mapError(expectOne(res, err, "membership", id), "delete membership")
	})
}

func (s *Store) scanMembership(r scanner) (habeas.Membership, int64, error) {
	var m habeas.Membership
	err := r.Scan(&m.ID, &m.PersonID, &m.OrganizationID, &m.Role, &m.Since, &m.Until, &m.Visibility)
	s.seal.openText(&m.Role, "memberships.role")
	return m, m.ID, err
}

// Membership returns the membership with id if the reader may see it and both its ends.
func (s *Store) Membership(ctx context.Context, a habeas.Access, id int64) (*habeas.Membership, error) {
	m, _, err := s.scanMembership(s.read(s.q.GetMembership).QueryRowContext(ctx, a, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, notFound("membership", id)
	} else if err != nil {
		return nil, fmt.Errorf("load membership %d: %w", id, err)
	}
	err = s.attachCitations(ctx, a, s.membershipCiting(), 1, func(int) int64 { return m.ID },
		func(_ int, ids []int64, n int) { m.SourceIDs, m.WithheldSources = ids, n })
	if err != nil {
		return nil, err
	}
	return &m, nil
}

// ListMemberships returns a page of memberships.
func (s *Store) ListMemberships(ctx context.Context, a habeas.Access, f habeas.MembershipFilter) (habeas.Page[habeas.Membership], error) {
	page, err := listByID(ctx, s, s.q.ListMemberships, f.ListOptions, s.scanMembership, a, f.PersonID, f.OrganizationID)
	if err != nil {
		return page, err
	}
	ms := page.Items
	return page, s.attachCitations(ctx, a, s.membershipCiting(), len(ms), func(i int) int64 { return ms[i].ID },
		func(i int, ids []int64, n int) { ms[i].SourceIDs, ms[i].WithheldSources = ids, n })
}

// Affiliations returns the organizations a person belongs to.
func (s *Store) Affiliations(ctx context.Context, a habeas.Access, personID int64) ([]habeas.Affiliation, error) {
	as, err := queryAll(ctx, s, s.q.MembershipsOfPerson, func(r scanner) (habeas.Affiliation, error) {
		var x habeas.Affiliation
		err := r.Scan(&x.MembershipID, &x.Role, &x.Since, &x.Until, &x.OrganizationID, &x.OrganizationSlug, &x.OrganizationName)
		s.seal.openText(&x.Role, "memberships.role")
		s.seal.openText(&x.OrganizationName, "organizations.name")
		return x, err
	}, a, personID)
	if err != nil {
		return as, err
	}
	return as, s.attachCitations(ctx, a, s.membershipCiting(), len(as), func(i int) int64 { return as[i].MembershipID },
		func(i int, ids []int64, n int) { as[i].SourceIDs, as[i].WithheldSources = ids, n })
}

// Members returns a page of the current or former members of an
// organization, by name, with their case status.
func (s *Store) Members(ctx context.Context, a habeas.Access, orgID int64, f habeas.MemberFilter) (habeas.Page[habeas.Member], error) {
	page := habeas.Page[habeas.Member]{Items: []habeas.Member{}}
	key, after, err := decodeKeyCursor(f.Cursor)
	if err != nil {
		return page, err
	}
	former := 0
	if f.Former {
		former = 1
	}
	limit := limitOf(f.ListOptions)
	var lastKey string
	page.Items, err = queryAll(ctx, s, s.q.MembersOfOrganization, func(r scanner) (habeas.Member, error) {
		var x habeas.Member
		err := r.Scan(&x.MembershipID, &x.Role, &x.Since, &x.Until, &x.PersonID, &x.PersonSlug, &x.PersonName,
			&x.Status, &x.WhereaboutsUnknown, &lastKey)
		s.seal.openText(&x.Role, "memberships.role")
		s.seal.openText(&x.PersonName, "people.name")
		return x, err
	}, a, orgID, former, key, after, limit)
	if page.Items == nil {
		page.Items = []habeas.Member{}
	}
	if len(page.Items) == limit {
		page.NextCursor = encodeKeyCursor(lastKey, page.Items[len(page.Items)-1].MembershipID)
	}
	if err != nil {
		return page, err
	}
	ms := page.Items
	return page, s.attachCitations(ctx, a, s.membershipCiting(), len(ms), func(i int) int64 { return ms[i].MembershipID },
		func(i int, ids []int64, n int) { ms[i].SourceIDs, ms[i].WithheldSources = ids, n })
}

// MemberCounts counts the current and former members of an organization
// the reader may see, and the current members held now, as the writes
// kept them in member_counts.
func (s *Store) MemberCounts(ctx context.Context, a habeas.Access, orgID int64) (habeas.MemberCounts, error) {
	var c habeas.MemberCounts
	err := s.read(s.q.MemberCounts).QueryRowContext(ctx, a, orgID).Scan(&c.Current, &c.Former, &c.DetainedNow)
	if errors.Is(err, sql.ErrNoRows) {
		return habeas.MemberCounts{}, nil // no members the reader may see
	} else if err != nil {
		return c, fmt.Errorf("count members of organization %d: %w", orgID, err)
	}
	return c, nil
}

// queryAll runs a query on the reader pool and scans every row.
func queryAll[T any](ctx context.Context, s *Store, query query, scan func(scanner) (T, error), args ...any) ([]T, error) {
	rows, err := s.read(query).QueryContext(ctx, args...)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", query, err)
	}
	defer rows.Close()
	var out []T
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", query, err)
		}
		out = append(out, v)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", query, err)
	}
	return out, nil
}
