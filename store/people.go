package store

import (
	"context"
	"database/sql"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"habeas"
)

// uniqueSlug returns want when given, or a slug made from name that no
// other record (than id) has, adding -2, -3 … as needed.
func (s *Store) uniqueSlug(ctx context.Context, tx *sql.Tx, query, want, name string, id int64) (string, error) {
	if want != "" {
		return want, nil // a clash is reported as a conflict by the unique index
	}
	base := habeas.Slugify(name)
	if base == "" {
		base = "record"
	}
	for i := 1; i < 1000; i++ {
		slug := base
		if i > 1 {
			slug = base + "-" + strconv.Itoa(i)
		}
		var n int
		if err := s.tx(ctx, tx, query).QueryRowContext(ctx, slug, id).Scan(&n); err != nil {
			return "", err
		}
		if n == 0 {
			return slug, nil
		}
	}
	return "", habeas.Errorf(habeas.ECONFLICT, "no free slug for %q", name)
}

// CreatePerson stores a new person, filling p.ID, p.Slug and the times.
func (s *Store) CreatePerson(ctx context.Context, p *habeas.Person) error {
	if err := p.Validate(); err != nil {
		return err
	}
	return s.inTx(ctx, func(tx *sql.Tx) error {
		slug, err := s.uniqueSlug(ctx, tx, "PersonSlugTaken", p.Slug, p.DisplayName(), 0)
		if err != nil {
			return err
		}
		now := s.clock.Now()
		name := p.DisplayName()
		err = s.tx(ctx, tx, "InsertPerson").QueryRowContext(ctx, slug, name, sortName(name), p.BirthYear, p.Gender,
			p.Occupation, p.Bio, p.Country, p.PhotoURL, p.PhotoAlt, p.InternalNotes, p.Visibility, s.timeArg(now)).Scan(&p.ID)
		if err != nil {
			return mapError(err, "create person")
		}
		p.Slug, p.CreatedAt, p.UpdatedAt = slug, now.UTC(), now.UTC()
		return s.writeNames(ctx, tx, p)
	})
}

// UpdatePerson replaces a person's fields and names.
func (s *Store) UpdatePerson(ctx context.Context, p *habeas.Person) error {
	if err := p.Validate(); err != nil {
		return err
	}
	return s.inTx(ctx, func(tx *sql.Tx) error {
		slug, err := s.uniqueSlug(ctx, tx, "PersonSlugTaken", p.Slug, p.DisplayName(), p.ID)
		if err != nil {
			return err
		}
		now := s.clock.Now()
		name := p.DisplayName()
		res, err := s.tx(ctx, tx, "UpdatePerson").ExecContext(ctx, p.ID, slug, name, sortName(name), p.BirthYear, p.Gender,
			p.Occupation, p.Bio, p.Country, p.PhotoURL, p.PhotoAlt, p.InternalNotes, p.Visibility, s.timeArg(now))
		if err := expectOne(res, err, "person", p.ID); err != nil {
			return mapError(err, "update person")
		}
		p.Slug, p.UpdatedAt = slug, now.UTC()
		if _, err := s.tx(ctx, tx, "DeletePersonNames").ExecContext(ctx, p.ID); err != nil {
			return err
		}
		if err := s.writeNames(ctx, tx, p); err != nil {
			return err
		}
		// The person's visibility changes what the public timeline of their cases shows.
		return s.refreshCases(ctx, tx, "CasesOfPerson", p.ID)
	})
}

func (s *Store) writeNames(ctx context.Context, tx *sql.Tx, p *habeas.Person) error {
	for i, n := range p.Names {
		if _, err := s.tx(ctx, tx, "InsertPersonName").ExecContext(ctx, p.ID, i, n.Name, n.Kind, n.Script, n.Lang); err != nil {
			return fmt.Errorf("store name of person %d: %w", p.ID, err)
		}
	}
	return nil
}

// DeletePerson deletes a person with their names, memberships and cases.
func (s *Store) DeletePerson(ctx context.Context, id int64) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		res, err := s.tx(ctx, tx, "DeletePerson").ExecContext(ctx, id)
		return mapError(expectOne(res, err, "person", id), "delete person")
	})
}

// Person returns the person with id if the reader may see them.
func (s *Store) Person(ctx context.Context, a habeas.Access, id int64) (*habeas.Person, error) {
	return s.getPerson(ctx, "GetPerson", a, id)
}

// PersonBySlug returns the person with slug if the reader may see them.
func (s *Store) PersonBySlug(ctx context.Context, a habeas.Access, slug string) (*habeas.Person, error) {
	return s.getPerson(ctx, "GetPersonBySlug", a, slug)
}

func (s *Store) getPerson(ctx context.Context, query string, a habeas.Access, key any) (*habeas.Person, error) {
	p := &habeas.Person{}
	err := s.read(query).QueryRowContext(ctx, a, key).Scan(&p.ID, &p.Slug, &p.BirthYear, &p.Gender,
		&p.Occupation, &p.Bio, &p.Country, &p.PhotoURL, &p.PhotoAlt, &p.InternalNotes, &p.Visibility,
		dbTime{&p.CreatedAt}, dbTime{&p.UpdatedAt})
	if errors.Is(err, sql.ErrNoRows) {
		return nil, notFound("person", key)
	} else if err != nil {
		return nil, fmt.Errorf("load person %v: %w", key, err)
	}
	rows, err := s.read("PersonNames").QueryContext(ctx, p.ID)
	if err != nil {
		return nil, fmt.Errorf("load names of person %d: %w", p.ID, err)
	}
	defer rows.Close()
	for rows.Next() {
		var n habeas.PersonName
		var pid int64
		if err := rows.Scan(&pid, &n.Name, &n.Kind, &n.Script, &n.Lang); err != nil {
			return nil, err
		}
		p.Names = append(p.Names, n)
	}
	return p, rows.Err()
}

// ListPeople returns a page of people matching f, each with their latest case.
func (s *Store) ListPeople(ctx context.Context, a habeas.Access, f habeas.PeopleFilter) (habeas.Page[habeas.PersonSummary], error) {
	var page habeas.Page[habeas.PersonSummary]
	if err := f.Validate(); err != nil {
		return page, err
	}
	key, after, err := decodeKeyCursor(f.Cursor)
	if err != nil {
		return page, err
	}
	sortBy := f.Sort
	if sortBy == "" {
		sortBy = "name"
	}
	limit := limitOf(f.ListOptions)
	rows, err := s.read("ListPeople").QueryContext(ctx, a, f.Country, f.Status, f.Classification,
		f.FacilityID, f.OrganizationID, f.Charge, key, after, limit, sortBy)
	if err != nil {
		return page, fmt.Errorf("list people: %w", err)
	}
	defer rows.Close()
	today := habeas.Today(s.clock)
	var lastKey string
	for rows.Next() {
		var p habeas.PersonSummary
		var lastNews, arrest string
		if err := rows.Scan(&p.ID, &p.Slug, &p.Name, &p.Country, &p.Occupation, &p.PhotoURL, &p.PhotoAlt,
			&p.CaseID, &p.Status, &p.Classification, &p.FacilityID, &p.FacilityName, &p.FacilitySlug,
			&p.WhereaboutsUnknown, &lastNews, &arrest, &p.ArrestDate, &lastKey); err != nil {
			return page, fmt.Errorf("list people: %w", err)
		}
		p.DaysWithoutNews = daysSince(today, lastNews)
		p.DaysDetained = daysSince(today, arrest)
		page.Items = append(page.Items, p)
	}
	if err := rows.Err(); err != nil {
		return page, fmt.Errorf("list people: %w", err)
	}
	if len(page.Items) == limit {
		page.NextCursor = encodeKeyCursor(lastKey, page.Items[len(page.Items)-1].ID)
	}
	return page, nil
}

// sortName is the key people are listed by: the name folded to lower case.
func sortName(name string) string { return strings.ToLower(strings.TrimSpace(name)) }

// daysSince counts the days from a stored reference day (YYYY-MM-DD) to
// today; -1 for the "none" marker 9999-12-31 or anything unparsable.
func daysSince(today time.Time, day string) int {
	t, err := time.Parse(time.DateOnly, day)
	if err != nil || day == noDay {
		return -1
	}
	d := int(today.Sub(t).Hours() / 24)
	if d < 0 {
		return 0
	}
	return d
}

// noDay marks "no such day" in the derived columns; it sorts last.
const noDay = "9999-12-31"

// A key cursor carries the sort key and id of the last row of a page.
func encodeKeyCursor(key string, id int64) string {
	b, _ := json.Marshal([]any{key, id})
	return base64.RawURLEncoding.EncodeToString(b)
}

func decodeKeyCursor(c string) (string, int64, error) {
	if c == "" {
		return "", 0, nil
	}
	bad := &habeas.Error{Code: habeas.EBADREQUEST, Message: "invalid cursor", Fields: map[string]string{"cursor": "is not a cursor this collection gave out"}}
	b, err := base64.RawURLEncoding.DecodeString(c)
	if err != nil || len(b) > 1000 {
		return "", 0, bad
	}
	var v []json.RawMessage
	var key string
	var id int64
	if json.Unmarshal(b, &v) != nil || len(v) != 2 || json.Unmarshal(v[0], &key) != nil || json.Unmarshal(v[1], &id) != nil {
		return "", 0, bad
	}
	return key, id, nil
}

// expectOne turns "no row changed" into a not-found error.
func expectOne(res sql.Result, err error, what string, id int64) error {
	if err != nil {
		return err
	}
	n, err := res.RowsAffected()
	if err != nil {
		return err
	}
	if n == 0 {
		return notFound(what, id)
	}
	return nil
}
