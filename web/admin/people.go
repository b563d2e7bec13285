package admin

import (
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"codeberg.org/habeas/habeas"
)

type peoplePage struct {
	Scoped    bool // the caller's case files only
	CanImport bool
	Status    string
	Sort      string
	// Statuses and Sorts are the filter's choices; Problem says why a
	// filter was refused.
	Statuses, Sorts []string
	Problem         string
	Q               string
	People          []habeas.PersonSummary
	Next            string // the next page's address, "" on the last
}

func (s *Server) people(w http.ResponseWriter, r *http.Request, c *caller) {
	query := r.URL.Query()
	q := strings.TrimSpace(query.Get("q"))
	p := peoplePage{Scoped: c.Scoped(), CanImport: c.May(habeas.EditShared), Q: q, Status: query.Get("status"), Sort: query.Get("sort"),
		Statuses: habeas.Statuses, Sorts: habeas.PeopleSorts}
	a, assigned := c.ListAccess()
	page, err := s.svc.ListPeople(r.Context(), a, habeas.PeopleFilter{Q: q, Status: p.Status, Sort: p.Sort, AssignedTo: assigned,
		ListOptions: habeas.ListOptions{Limit: 50, Cursor: query.Get("cursor")}})
	if habeas.ErrorCode(err) == habeas.EINVALID {
		// A filter typed into the address: said so, with the form to fix it.
		p.Problem = "This filter cannot be used: choose a status and an order from the lists."
		s.render(w, r, http.StatusBadRequest, "people", view{Title: "People", Nav: "people", User: c, Page: p})
		return
	}
	if err != nil {
		s.refused(w, r, err)
		return
	}
	p.People = page.Items
	if page.NextCursor != "" {
		p.Next = "/admin/people?" + url.Values{"q": {q}, "status": {p.Status}, "sort": {p.Sort}, "cursor": {page.NextCursor}}.Encode()
	}
	s.render(w, r, http.StatusOK, "people", view{Title: "People", Nav: "people", User: c, Page: p})
}

// personForm is the person form: the record as typed, the reasons beside
// the fields that were refused, and on a create the people who may be
// the same.
type personForm struct {
	Person     habeas.Person
	Names      []nameRow
	Errors     map[string]string
	Problem    string
	Candidates []habeas.Candidate
	Cases      []habeas.Case
	// Affiliations are the person's memberships, and NewMembership the
	// form for one more (nil on a form sent back with its errors, which
	// shows neither).
	Affiliations  []habeas.Affiliation
	NewMembership *recordForm[habeas.Membership]
	// Assigned are the volunteers working on the person's case file, and
	// Volunteers every volunteer (for those who may assign).
	Assigned, Volunteers []habeas.User
	Saved                bool
	Merged               int64 // the merge just made, for its undo button
	Unmerged             bool
	Caller               *caller
}

// nameRow is one line of the names table; the form always offers a few
// empty ones, so a name in another script needs no script to add.
type nameRow struct {
	habeas.PersonName
	Index int
}

func (f *personForm) Err(field string) string { return f.Errors[field] }

// personFields are the fields the form shows errors beside.
var personFields = []string{"country", "birth_year", "occupation", "bio", "source_ids", "visibility", "gender",
	"bio_lang", "bio_translations", "bio_translations.en", "bio_translations.az", "bio_translations.ru"}

// NameErrors are the problems with the names, in words, with the row
// each is about; and any other problem not shown beside a field, so that
// no reason for a refusal is hidden.
func (f *personForm) NameErrors() []string {
	var out []string
	for k, v := range f.Errors {
		if slices.Contains(personFields, k) {
			continue
		}
		if rest, ok := strings.CutPrefix(k, "names["); ok {
			if i := strings.IndexByte(rest, ']'); i > 0 {
				n, _ := strconv.Atoi(rest[:i])
				out = append(out, fmt.Sprintf("Name %d, %s: %s", n+1, strings.TrimPrefix(rest[i+1:], "."), v))
				continue
			}
		}
		out = append(out, k+": "+v)
	}
	slices.Sort(out)
	return out
}

// visibilities are the choices the user may make: none above what the
// account may read.
// (A role that may not publish still sees "public", so that a form shows
// a public record as it is; the store refuses to save it.)
func (c *caller) Visibilities() []habeas.Visibility {
	var out []habeas.Visibility
	for v := habeas.Public; v <= c.Grant(); v++ {
		out = append(out, v)
	}
	return out
}

var (
	nameKinds = []habeas.NameKind{habeas.NamePrimary, habeas.NameAlias, habeas.NameTransliteration}
	scripts   = []string{"Latn", "Cyrl", "Arab", "Armn", "Geor", "Hebr", "Hans", "Hant"}
)

func (f *personForm) NameKinds() []habeas.NameKind { return nameKinds }
func (f *personForm) Scripts() []string            { return scripts }
func (f *personForm) Genders() []string            { return habeas.Genders }

func rows(names []habeas.PersonName) []nameRow {
	var out []nameRow
	for i, n := range names {
		out = append(out, nameRow{n, i})
	}
	for i := len(names); i < len(names)+3; i++ {
		out = append(out, nameRow{habeas.PersonName{Kind: habeas.NameTransliteration, Visibility: habeas.Internal}, i})
		if i == 0 {
			out[0].Kind = habeas.NamePrimary
		}
	}
	return out
}

func (s *Server) newPerson(w http.ResponseWriter, r *http.Request, c *caller) {
	p := habeas.Person{Visibility: habeas.Internal}
	if st, err := s.svc.Settings(r.Context()); err == nil {
		p.Country = st.DefaultCountry
	}
	s.render(w, r, http.StatusOK, "person", view{Title: "New person", Nav: "people", User: c,
		Page: &personForm{Person: p, Names: rows(nil), Caller: c}})
}

// readPerson reads the person form into p (its id and slug kept).
func readPerson(r *http.Request, p *habeas.Person) map[string]string {
	bad := map[string]string{}
	f := r.PostForm
	p.Names = nil
	for i := 0; i < 20; i++ {
		k := strconv.Itoa(i)
		name := strings.TrimSpace(f.Get("name." + k))
		if name == "" {
			continue
		}
		n := habeas.PersonName{Name: name, Kind: habeas.NameKind(f.Get("kind." + k)), Script: f.Get("script." + k), Lang: strings.TrimSpace(f.Get("lang." + k))}
		if n.Kind == habeas.NamePrimary {
			// The primary name is as visible as the person: the
			// model stores it public and the person's visibility
			// decides.
			n.Visibility = habeas.Public
		} else if err := n.Visibility.UnmarshalText([]byte(f.Get("nvis." + k))); err != nil {
			bad["names"] = "each name needs its visibility"
		}
		p.Names = append(p.Names, n)
	}
	p.Country = strings.ToUpper(strings.TrimSpace(f.Get("country")))
	p.Gender = f.Get("gender")
	p.Occupation = strings.TrimSpace(f.Get("occupation"))
	p.Bio = strings.TrimSpace(f.Get("bio"))
	p.BioLang, p.BioTranslations = readTranslations(f, "bio")
	p.InternalNotes = strings.TrimSpace(f.Get("internal_notes"))
	p.BirthYear = 0
	if y := strings.TrimSpace(f.Get("birth_year")); y != "" {
		n, err := strconv.Atoi(y)
		if err != nil {
			bad["birth_year"] = "must be a year such as 1985"
		}
		p.BirthYear = n
	}
	if err := p.Visibility.UnmarshalText([]byte(f.Get("visibility"))); err != nil {
		bad["visibility"] = "choose who may see this person"
	}
	p.SourceIDs = ids(f.Get("source_ids"), bad, "source_ids")
	return bad
}

// createPerson creates a person, unless people with a similar name
// exist and the form does not say it is someone else: then it shows
// them side by side with what was typed.
func (s *Server) createPerson(w http.ResponseWriter, r *http.Request, c *caller) {
	ctx := r.Context()
	f := &personForm{Caller: c}
	f.Errors = readPerson(r, &f.Person)
	if len(f.Errors) == 0 && r.PostFormValue("not_duplicate") == "" {
		for _, n := range f.Person.Names {
			found, err := s.svc.Candidates(ctx, c.Access(), n.Name, 0.85, 5)
			if err != nil {
				s.serverError(w, r, err)
				return
			}
			for _, cand := range found {
				if !slices.ContainsFunc(f.Candidates, func(x habeas.Candidate) bool { return x.PersonID == cand.PersonID }) {
					f.Candidates = append(f.Candidates, cand)
				}
			}
		}
		if len(f.Candidates) > 0 {
			f.Names = rows(f.Person.Names)
			f.Problem = "People with a similar name are already recorded. Check that this is someone else before creating the record."
			s.render(w, r, http.StatusConflict, "person", view{Title: "New person", Nav: "people", User: c, Page: f})
			return
		}
	}
	var err error
	if len(f.Errors) == 0 {
		err = s.svc.CreatePerson(ctx, c.User, &f.Person)
		if err == nil {
			http.Redirect(w, r, fmt.Sprintf("/admin/people/%d?saved=1", f.Person.ID), http.StatusSeeOther)
			return
		}
		if !failed(err) {
			s.serverError(w, r, err)
			return
		}
		f.Problem, f.Errors = habeas.ErrorMessage(err), habeas.ErrorFields(err)
	}
	f.Names = rows(f.Person.Names)
	if f.Problem == "" {
		f.Problem = "The person was not saved: see the fields marked below."
	}
	s.render(w, r, statusOf(err), "person", view{Title: "New person", Nav: "people", User: c, Page: f})
}

func pathID(r *http.Request) (int64, bool) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	return id, err == nil && id > 0
}

func (s *Server) personPage(w http.ResponseWriter, r *http.Request, c *caller) {
	id, ok := pathID(r)
	if !ok {
		s.notFound(w, r)
		return
	}
	a, p, err := fileRecord(s, r, c, "person", id, s.svc.Person)
	if err != nil {
		s.refused(w, r, err)
		return
	}
	f := &personForm{Person: *p, Names: rows(p.Names), Caller: c, Saved: r.URL.Query().Get("saved") != "",
		Unmerged: r.URL.Query().Get("unmerged") != ""}
	f.Merged, _ = strconv.ParseInt(r.URL.Query().Get("merged"), 10, 64)
	if err := s.casesOf(r, a, f); err != nil {
		s.serverError(w, r, err)
		return
	}
	if f.Affiliations, err = s.svc.Affiliations(r.Context(), a, id); err != nil {
		s.serverError(w, r, err)
		return
	}
	f.NewMembership = &recordForm[habeas.Membership]{Caller: c, Record: habeas.Membership{PersonID: id, Visibility: max(p.Visibility, habeas.Internal)}}
	if c.May(habeas.AssignRecords) {
		if f.Assigned, f.Volunteers, err = s.svc.Assignees(r.Context(), c.User, id); err != nil {
			s.serverError(w, r, err)
			return
		}
	}
	s.render(w, r, http.StatusOK, "person", view{Title: p.DisplayName(), Nav: "people", User: c, Page: f})
}

func (s *Server) casesOf(r *http.Request, a habeas.Access, f *personForm) error {
	page, err := s.svc.ListCases(r.Context(), a, habeas.CaseFilter{PersonID: f.Person.ID, ListOptions: habeas.ListOptions{Limit: 50}})
	f.Cases = page.Items
	return err
}

func (s *Server) updatePerson(w http.ResponseWriter, r *http.Request, c *caller) {
	id, ok := pathID(r)
	if !ok {
		s.notFound(w, r)
		return
	}
	a, p, err := fileRecord(s, r, c, "person", id, s.svc.Person)
	if err != nil {
		s.refused(w, r, err)
		return
	}
	f := &personForm{Person: *p, Caller: c}
	f.Errors = readPerson(r, &f.Person)
	if len(f.Errors) == 0 {
		err = s.svc.UpdatePerson(r.Context(), c.User, &f.Person)
		if err == nil {
			http.Redirect(w, r, fmt.Sprintf("/admin/people/%d?saved=1", id), http.StatusSeeOther)
			return
		}
		if !failed(err) {
			s.serverError(w, r, err)
			return
		}
		f.Problem, f.Errors = habeas.ErrorMessage(err), habeas.ErrorFields(err)
	}
	if f.Problem == "" {
		f.Problem = "The changes were not saved: see the fields marked below."
	}
	f.Names = rows(f.Person.Names)
	if err := s.casesOf(r, a, f); err != nil {
		s.serverError(w, r, err)
		return
	}
	s.render(w, r, statusOf(err), "person", view{Title: p.DisplayName(), Nav: "people", User: c, Page: f})
}
