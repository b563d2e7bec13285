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

	"codeberg.org/habeas/habeas"
)

// uniqueSlug returns want when given, or a slug made from name that no
// other record (than id) has, adding -2, -3 … as needed.
func (s *Store) uniqueSlug(ctx context.Context, tx *sql.Tx, query query, want, name string, id int64) (string, error) {
	return pickSlug(want, name, func(slug string) (bool, error) {
		var n int
		err := s.tx(ctx, tx, query).QueryRowContext(ctx, slug, id).Scan(&n)
		return n > 0, err
	})
}

// newSlug is uniqueSlug for a record the write creates. A batch reads the
// slugs taken once (query's table, see takenSlugsSQL) and keeps them with
// the ones it gives: it only creates, so no slug is freed while it runs.
func (w *wtx) newSlug(query query, want, name string) (string, error) {
	if w.memo == nil {
		return w.s.uniqueSlug(w.ctx, w.tx, query, want, name, 0)
	}
	key := memoKey{query.i, -1}
	v, ok := w.memo[key]
	if !ok {
		taken, err := w.s.takenSlugs(w.ctx, w.tx, query)
		if err != nil {
			return "", err
		}
		w.memo[key], v = taken, taken
	}
	taken := v.(map[string]bool)
	slug, err := pickSlug(want, name, func(slug string) (bool, error) { return taken[slug], nil })
	if err == nil {
		taken[slug] = true
	}
	return slug, err
}

// takenSlugs reads every slug of the table of query, one of the
// *SlugTaken queries (people: their old addresses too).
func (s *Store) takenSlugs(ctx context.Context, tx *sql.Tx, query query) (map[string]bool, error) {
	var q string
	switch query.i {
	case s.q.PersonSlugTaken.i:
		q = "SELECT slug FROM people UNION ALL SELECT slug FROM slug_redirects"
	case s.q.OrganizationSlugTaken.i:
		q = "SELECT slug FROM organizations"
	case s.q.FacilitySlugTaken.i:
		q = "SELECT slug FROM facilities"
	default:
		return nil, fmt.Errorf("store: no slugs for %s", query)
	}
	if err := s.flushHeld(ctx, tx); err != nil {
		return nil, err
	}
	rows, err := tx.QueryContext(ctx, q)
	if err != nil {
		return nil, fmt.Errorf("read slugs: %w", err)
	}
	defer rows.Close()
	taken := map[string]bool{}
	for rows.Next() {
		var slug string
		if err := rows.Scan(&slug); err != nil {
			return nil, fmt.Errorf("read slugs: %w", err)
		}
		taken[slug] = true
	}
	return taken, rows.Err()
}

// pickSlug returns want, unless taken says it is, or the first of the
// slug of name, then -2, -3 … that is not taken.
func pickSlug(want, name string, taken func(slug string) (bool, error)) (string, error) {
	if want != "" {
		t, err := taken(want)
		if err != nil {
			return "", err
		}
		if t {
			return "", habeas.Errorf(habeas.ECONFLICT, "the slug %s is taken (by another record, or as the old address of a merged person)", want)
		}
		return want, nil
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
		t, err := taken(slug)
		if err != nil {
			return "", err
		}
		if !t {
			return slug, nil
		}
	}
	return "", habeas.Errorf(habeas.ECONFLICT, "no free slug for %q", name)
}

// CreatePerson stores a new person as u, filling p.ID, p.Slug and the times.
func (s *Store) CreatePerson(ctx context.Context, u *habeas.User, p *habeas.Person) error {
	if err := p.Validate(); err != nil {
		return err
	}
	if u.Scoped() {
		// A volunteer works on the people assigned to them.
		return habeas.Forbidden(u, habeas.EditCaseFiles)
	}
	return s.createRecord(ctx, u, "person", p, &p.ID, func(w *wtx) error { return w.createPerson(p) })
}

// createPerson writes a new person in the write transaction (see CreatePerson).
func (w *wtx) createPerson(p *habeas.Person) error {
	if err := w.mayLeavePerson(p); err != nil {
		return err
	}
	if err := w.checkCitations(w.s.personCiting(), p.SourceIDs); err != nil {
		return err
	}
	if err := w.checkPhoto(p); err != nil {
		return err
	}
	if err := w.mayPublish("visibility", p.Visibility); err != nil {
		return err
	}
	want, err := w.slugToWrite("person", p.Slug, p.Visibility, w.s.q.PersonSlugOf, 0)
	if err != nil {
		return err
	}
	slug, err := w.newSlug(w.s.q.PersonSlugTaken, want, p.DisplayName())
	if err != nil {
		return err
	}
	created, updated := w.stamps(p.CreatedAt, p.UpdatedAt)
	name, sort := w.s.personName(p)
	sp := w.s.sealedPerson(p)
	err = w.s.insertID(w.ctx, w.tx, w.s.q.InsertPerson, &p.ID, slug, name, sort, sp.BirthYear, sp.Gender,
		sp.Occupation, sp.Bio, sp.Country, sp.PhotoURL, sp.PhotoAlt, sp.InternalNotes, sp.Visibility,
		w.s.timeArg(created), w.s.timeArg(updated), w.s.bioTranslations(p))
	if err != nil {
		return mapError(err, "create person")
	}
	p.Slug, p.CreatedAt, p.UpdatedAt = slug, created, updated
	if p.PhotoMediaID != 0 {
		if err := w.exec(w.s.q.SetPersonPhoto, p.ID, p.PhotoMediaID); err != nil {
			return err
		}
	}
	w.touch(p.ID)
	w.know(w.s.q.GetPerson, p.ID, true)
	w.know(w.s.q.PersonVisibility, p.ID, sp.Visibility)
	if err := w.s.insertNames(w.ctx, w.tx, p); err != nil {
		return err
	}
	return w.cite(w.s.personCiting(), p.ID, p.SourceIDs)
}

// mayLeavePerson refuses a person or a name above the writer's access.
func (w *wtx) mayLeavePerson(p *habeas.Person) error {
	if err := w.mayLeave("visibility", p.Visibility); err != nil {
		return err
	}
	for i, n := range p.Names {
		if err := w.mayLeave(fmt.Sprintf("names[%d].visibility", i), n.Visibility); err != nil {
			return err
		}
	}
	return nil
}

// UpdatePerson replaces a person's fields and names as u. Names above u's
// access, which u cannot see, are kept. A person made more restricted takes
// their cases, memberships and timelines along: nothing of theirs stays
// less restricted than they are.
func (s *Store) UpdatePerson(ctx context.Context, u *habeas.User, p *habeas.Person) error {
	if err := p.Validate(); err != nil {
		return err
	}
	return changeRecord(s, ctx, u, habeas.AuditUpdate, "person", p.ID, s.Person, p, func(w *wtx) error {
		if err := w.target("person", s.q.GetPerson, p.ID); err != nil {
			return err
		}
		if err := w.notPublic("person", s.q.GetPerson, p.ID); err != nil {
			return err
		}
		if err := w.mayLeavePerson(p); err != nil {
			return err
		}
		if err := w.checkCitations(s.personCiting(), p.SourceIDs); err != nil {
			return err
		}
		if err := w.checkPhoto(p); err != nil {
			return err
		}
		if err := w.mayPublish("visibility", p.Visibility); err != nil {
			return err
		}
		photo, err := w.photoToWrite(p)
		if err != nil {
			return err
		}
		hidden, err := s.scanNames(w.stmt(s.q.HiddenPersonNames).QueryContext(ctx, p.ID, w.a))
		if err != nil {
			return fmt.Errorf("update person %d: %w", p.ID, err)
		}
		p.Names = keepNames(p.Names, hidden)
		// A confidential person keeps a random address; one made from
		// their name would spell what is sealed.
		want, err := w.slugToWrite("person", p.Slug, p.Visibility, s.q.PersonSlugOf, p.ID)
		if err != nil {
			return err
		}
		slug, err := s.uniqueSlug(ctx, w.tx, s.q.PersonSlugTaken, want, p.DisplayName(), p.ID)
		if err != nil {
			return err
		}
		now := s.clock.Now()
		name, sort := s.personName(p)
		sp := s.sealedPerson(p)
		res, err := w.stmt(s.q.UpdatePerson).ExecContext(ctx, p.ID, slug, name, sort, sp.BirthYear, sp.Gender,
			sp.Occupation, sp.Bio, sp.Country, sp.PhotoURL, sp.PhotoAlt, sp.InternalNotes, sp.Visibility, s.timeArg(now),
			s.bioTranslations(p))
		if err := expectOne(res, err, "person", p.ID); err != nil {
			return mapError(err, "update person")
		}
		if err := w.exec(s.q.SetPersonPhoto, p.ID, nullID(photo)); err != nil {
			return err
		}
		p.Slug, p.UpdatedAt = slug, now.UTC()
		w.sealed = w.sealed || p.Visibility == habeas.Confidential
		if err := s.writeNames(ctx, w.tx, p); err != nil {
			return err
		}
		if err := w.recite(s.personCiting(), p.ID, p.SourceIDs); err != nil {
			return err
		}
		if err := w.capPerson(p.ID, p.Visibility); err != nil {
			return err
		}
		// The person's visibility changes what the public timeline of their
		// cases shows; their name and country change the lists.
		w.touch(p.ID)
		return w.refreshCases(s.q.CasesOfPerson, p.ID)
	})
}

// capPerson raises the person's cases and memberships, and their cases'
// events and interventions, to at least v.
func (w *wtx) capPerson(personID int64, v habeas.Visibility) error {
	if err := w.exec(w.s.q.CapCasesOfPerson, personID, v); err != nil {
		return err
	}
	if err := w.exec(w.s.q.CapMembershipsOfPerson, personID, v); err != nil {
		return err
	}
	if v == habeas.Confidential {
		if err := w.resealMemberships(w.s.q.ConfidentialMembershipsOfPerson, personID); err != nil {
			return err
		}
	}
	cases, err := w.ids(w.s.q.CasesOfPerson, personID)
	if err != nil {
		return err
	}
	for _, c := range cases {
		if err := w.capCase(c); err != nil {
			return err
		}
	}
	return nil
}

// capCase raises a case's events and interventions to at least the
// stricter of the case's and its person's visibility.
func (w *wtx) capCase(caseID int64) error {
	var v habeas.Visibility
	if err := w.stmt(w.s.q.CaseVisibility).QueryRowContext(w.ctx, caseID).Scan(&v); err != nil {
		return fmt.Errorf("visibility of case %d: %w", caseID, err)
	}
	if err := w.exec(w.s.q.CapEventsOfCase, caseID, v); err != nil {
		return err
	}
	if err := w.exec(w.s.q.CapInterventionsOfCase, caseID, v); err != nil {
		return err
	}
	if v == habeas.Confidential {
		return w.resealCase(caseID)
	}
	return nil
}

// writeNames replaces a person's names, their keys and words.
func (s *Store) writeNames(ctx context.Context, tx *sql.Tx, p *habeas.Person) error {
	for _, q := range []query{s.q.DeletePersonNames, s.q.DeleteNameKeys, s.q.DeleteNameWords} {
		if _, err := s.tx(ctx, tx, q).ExecContext(ctx, p.ID); err != nil {
			return fmt.Errorf("store names of person %d: %w", p.ID, err)
		}
	}
	return s.insertNames(ctx, tx, p)
}

// insertNames stores the names of a person who has none yet, their keys
// and the sounds of their words (see nameIndex).
func (s *Store) insertNames(ctx context.Context, tx *sql.Tx, p *habeas.Person) error {
	for i, n := range p.Names {
		vis := max(p.Visibility, n.Visibility)
		text := n.Name
		if vis == habeas.Confidential {
			s.seal.sealText(&text, "person_names.name")
		}
		if err := s.insert(ctx, tx, s.q.InsertPersonName, p.ID, i, text, n.Kind, n.Script, n.Lang, n.Visibility); err != nil {
			return fmt.Errorf("store name of person %d: %w", p.ID, err)
		}
		keys, words := s.seal.nameIndex(n.Name, vis)
		for _, k := range keys {
			if err := s.insert(ctx, tx, s.q.InsertNameKey, k, p.ID, vis); err != nil {
				return fmt.Errorf("store name keys of person %d: %w", p.ID, err)
			}
		}
		for _, w := range words {
			if err := s.insert(ctx, tx, s.q.InsertNameWord, w, p.ID, vis); err != nil {
				return fmt.Errorf("store name words of person %d: %w", p.ID, err)
			}
		}
	}
	return nil
}

// keepNames adds to names the hidden ones it lacks.
func keepNames(given, hidden []habeas.PersonName) []habeas.PersonName {
	for _, h := range hidden {
		found := false
		for _, n := range given {
			found = found || n.Name == h.Name && n.Script == h.Script
		}
		if !found {
			given = append(given, h)
		}
	}
	return given
}

func (s *Store) scanNames(rows *sql.Rows, err error) ([]habeas.PersonName, error) {
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []habeas.PersonName
	for rows.Next() {
		var n habeas.PersonName
		if err := rows.Scan(&n.Name, &n.Kind, &n.Script, &n.Lang, &n.Visibility); err != nil {
			return nil, err
		}
		s.seal.openText(&n.Name, "person_names.name")
		out = append(out, n)
	}
	return out, rows.Err()
}

// DeletePerson deletes a person with their names, memberships and cases,
// as u. It refuses when anything it would take along is hidden from u.
func (s *Store) DeletePerson(ctx context.Context, u *habeas.User, id int64) error {
	if u.Scoped() {
		return habeas.Forbidden(u, habeas.EditCaseFiles)
	}
	return changeRecord(s, ctx, u, habeas.AuditDelete, "person", id, s.Person, nil, func(w *wtx) error {
		if err := w.target("person", s.q.GetPerson, id); err != nil {
			return err
		}
		if err := w.notPublic("person", s.q.GetPerson, id); err != nil {
			return err
		}
		if err := w.noHiddenDependants(s.q.HiddenDependantsOfPerson, "person", id); err != nil {
			return err
		}
		if err := w.unlistMembersOf(id); err != nil {
			return err
		}
		if err := w.unindexCasesOf(id, 0); err != nil {
			return err
		}
		res, err := w.stmt(s.q.DeletePerson).ExecContext(ctx, id)
		return mapError(expectOne(res, err, "person", id), "delete person")
	})
}

// Person returns the person with id if the reader may see them.
func (s *Store) Person(ctx context.Context, a habeas.Access, id int64) (*habeas.Person, error) {
	return s.getPerson(ctx, s.q.GetPerson, a, id)
}

// PersonBySlug returns the person with slug if the reader may see them.
func (s *Store) PersonBySlug(ctx context.Context, a habeas.Access, slug string) (*habeas.Person, error) {
	return s.getPerson(ctx, s.q.GetPersonBySlug, a, slug)
}

func (s *Store) getPerson(ctx context.Context, query query, a habeas.Access, key any) (*habeas.Person, error) {
	p := &habeas.Person{}
	var tr string
	err := s.read(query).QueryRowContext(ctx, a, key).Scan(&p.ID, &p.Slug, &p.BirthYear, &p.Gender,
		&p.Occupation, &p.Bio, &p.Country, &p.PhotoURL, &p.PhotoAlt, &p.InternalNotes, &p.Visibility,
		dbTime{&p.CreatedAt}, dbTime{&p.UpdatedAt}, nullInt{&p.PhotoMediaID}, &tr)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, notFound("person", key)
	} else if err != nil {
		// A slug is a person's name: it stays out of errors that reach logs.
		return nil, fmt.Errorf("load person (%s): %w", query, err)
	}
	s.openPerson(p)
	p.BioLang, p.BioTranslations = s.openTranslations(tr, "people.bio_translations")
	if p.Names, err = s.scanNames(s.read(s.q.PersonNames).QueryContext(ctx, p.ID, a)); err != nil {
		return nil, fmt.Errorf("load names of person %d: %w", p.ID, err)
	}
	err = s.attachCitations(ctx, a, s.personCiting(), 1, func(int) int64 { return p.ID },
		func(_ int, ids []int64, n int) { p.SourceIDs, p.WithheldSources = ids, n })
	if err != nil {
		return nil, err
	}
	return p, nil
}

// ListPersonRecords returns a page of whole person records the reader may
// see, with the names the reader may see, in id order.
func (s *Store) ListPersonRecords(ctx context.Context, a habeas.Access, o habeas.ListOptions) (habeas.Page[habeas.Person], error) {
	page := habeas.Page[habeas.Person]{Items: []habeas.Person{}}
	after, err := idCursor(o.Cursor)
	if err != nil {
		return page, err
	}
	limit := limitOf(o)
	ids, err := queryAll(ctx, s, s.q.PersonIDs, func(r scanner) (int64, error) {
		var id int64
		return id, r.Scan(&id)
	}, a, after, limit)
	if err != nil {
		return page, fmt.Errorf("list person records: %w", err)
	}
	for _, id := range ids {
		p, err := s.Person(ctx, a, id)
		if habeas.ErrorCode(err) == habeas.ENOTFOUND {
			continue // deleted, or made more restricted, since the ids were read
		} else if err != nil {
			return page, err
		}
		page.Items = append(page.Items, *p)
	}
	if len(ids) > 0 {
		page.NextCursor = nextIDCursor(len(ids), limit, ids[len(ids)-1])
	}
	return page, nil
}

// PersonRedirect returns the slug a merged person's old slug now leads to.
func (s *Store) PersonRedirect(ctx context.Context, a habeas.Access, slug string) (string, error) {
	var to string
	err := s.read(s.q.SlugRedirectAt).QueryRowContext(ctx, a, slug).Scan(&to)
	if errors.Is(err, sql.ErrNoRows) {
		return "", notFound("person", slug)
	} else if err != nil {
		return "", fmt.Errorf("look up an old address: %w", err)
	}
	return to, nil
}

// maxFound bounds the people a name search lists: those whose names match
// best, then those whose words begin as the query's do.
const maxFound = 200

// ListPeople returns a page of people matching f, each with their current case.
func (s *Store) ListPeople(ctx context.Context, a habeas.Access, f habeas.PeopleFilter) (habeas.Page[habeas.PersonSummary], error) {
	page := habeas.Page[habeas.PersonSummary]{Items: []habeas.PersonSummary{}} // an empty list is [], never null
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
	var only []int64
	if f.Q != "" {
		// Whole names by any spelling, and names whose words begin as
		// the query's do (Mustafa, Мустаф: Mustafayev).
		// The list reads the people themselves, at the reader's access.
		found, err := s.scoreCandidates(ctx, a, f.Q, habeas.SearchThreshold, maxFound)
		if err != nil {
			return page, err
		}
		begin, err := s.PrefixPeople(ctx, a, f.Q)
		if err != nil {
			return page, err
		}
		only = make([]int64, 0, len(found)+len(begin))
		seen := map[int64]bool{}
		for _, c := range found {
			seen[c.PersonID] = true
			only = append(only, c.PersonID)
		}
		for _, id := range begin {
			if len(only) >= maxFound {
				break
			}
			if !seen[id] {
				seen[id] = true
				only = append(only, id)
			}
		}
	}
	text, args := peopleListSQL(a, f, sortBy, key, after, limit, only)
	rows, err := s.reader.QueryContext(ctx, text, args...)
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
			&p.WhereaboutsUnknown, &lastNews, &p.DaysWithoutNewsAtLeast, &arrest, &p.ArrestDate, &lastKey); err != nil {
			return page, fmt.Errorf("list people: %w", err)
		}
		s.seal.openText(&p.Name, "people.name")
		s.seal.openText(&p.Occupation, "people.occupation")
		s.seal.openText(&p.PhotoURL, "people.photo_url")
		s.seal.openText(&p.PhotoAlt, "people.photo_alt")
		s.seal.openText(&p.FacilityName, "facilities.name")
		p.DaysWithoutNews = daysSince(today, lastNews)
		p.DaysWithoutNewsAtLeast = p.DaysWithoutNewsAtLeast && p.DaysWithoutNews >= 0
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

// NamesIn returns, of the people with ids, the names written in language
// lang, as Person.NameIn chooses them: the first visible name, other than
// an alias, whose language is lang. A person without one, or whom the
// reader may not see, is not in the map: lists then show the name they
// hold.
func (s *Store) NamesIn(ctx context.Context, a habeas.Access, lang string, ids []int64) (map[int64]string, error) {
	found := map[int64]string{}
	if lang == "" || len(ids) == 0 {
		return found, nil
	}
	ib, err := json.Marshal(ids)
	if err != nil {
		return nil, err
	}
	_, err = queryAll(ctx, s, s.q.NamesInLanguages, func(r scanner) (struct{}, error) {
		var id int64
		var name, in string
		if err := r.Scan(&id, &name, &in); err != nil {
			return struct{}{}, err
		}
		if _, ok := found[id]; !ok && habeas.SameLanguage(in, lang) {
			s.seal.openText(&name, "person_names.name")
			found[id] = name
		}
		return struct{}{}, nil
	}, a, string(ib))
	if err != nil {
		return nil, fmt.Errorf("names in %s: %w", lang, err)
	}
	return found, nil
}
