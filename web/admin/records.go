package admin

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"codeberg.org/habeas/habeas"
)

// Sources are added once and cited by number from every fact they
// support.

type sourcesPage struct {
	Caller        *caller
	Sources       []habeas.Source
	Next          string
	Form          habeas.Source
	Errors        map[string]string
	Problem, Done string
	Kinds         []string
	Reliabilities []string
	Filters       listFilters
	Saved         bool
}

func (p *sourcesPage) Err(f string) string { return p.Errors[f] }

// sourcesData fills the list of the sources page, by its filters.
func (s *Server) sourcesData(r *http.Request, c *caller, p *sourcesPage) error {
	p.Kinds, p.Reliabilities, p.Caller = habeas.SourceKinds, habeas.Reliabilities, c
	p.Filters = readFilters(r, "/admin/sources", habeas.SourceKinds, false)
	if p.Filters.Problem != "" {
		return nil
	}
	page, err := s.svc.ListSources(r.Context(), c.Access(), habeas.SourceFilter{Kind: p.Filters.Kind,
		ListOptions: habeas.ListOptions{Limit: 100, Cursor: r.URL.Query().Get("cursor")}})
	if err != nil {
		return err
	}
	p.Sources, p.Next = page.Items, p.Filters.next(page.NextCursor)
	return nil
}

func (s *Server) sources(w http.ResponseWriter, r *http.Request, c *caller) {
	p := &sourcesPage{Form: habeas.Source{Kind: "article", Reliability: "unverified", Visibility: habeas.Internal}}
	if err := s.sourcesData(r, c, p); err != nil {
		s.refused(w, r, err)
		return
	}
	if id, err := strconv.ParseInt(r.URL.Query().Get("added"), 10, 64); err == nil && id > 0 {
		n := strconv.FormatInt(id, 10)
		p.Done = "The source is added as number " + n + ": cite it as [" + n + "]."
	}
	s.render(w, r, p.Filters.status(), "sources", view{Title: "Sources", Nav: "sources", User: c, Page: p})
}

// sourcePage is one source's form, to correct it.
func (s *Server) sourcePage(w http.ResponseWriter, r *http.Request, c *caller) {
	id, ok := pathID(r)
	if !ok {
		s.notFound(w, r)
		return
	}
	src, err := s.svc.Source(r.Context(), c.Access(), id)
	if err != nil {
		s.refused(w, r, err)
		return
	}
	p := &sourcesPage{Caller: c, Form: *src, Kinds: habeas.SourceKinds, Reliabilities: habeas.Reliabilities,
		Saved: r.URL.Query().Get("saved") != ""}
	s.render(w, r, http.StatusOK, "source", view{Title: "Source " + strconv.FormatInt(id, 10), Nav: "sources", User: c, Page: p})
}

// saveSource adds a source (/admin/sources) or corrects the one in the
// path (/admin/sources/{id}). The identity of a testimony, which only the
// confidential grant reads, is kept when the form does not offer it.
func (s *Server) saveSource(w http.ResponseWriter, r *http.Request, c *caller) {
	ctx := r.Context()
	var src habeas.Source
	id, existing := pathID(r)
	if existing {
		old, err := s.svc.Source(ctx, c.Access(), id)
		if err != nil {
			s.refused(w, r, err)
			return
		}
		src = *old
	}
	f := r.PostForm
	src.Kind, src.Title, src.URL = f.Get("kind"), strings.TrimSpace(f.Get("title")), strings.TrimSpace(f.Get("url"))
	src.Publisher, src.PublishedOn = strings.TrimSpace(f.Get("publisher")), strings.TrimSpace(f.Get("published_on"))
	src.Reliability = f.Get("reliability")
	if c.Confidential {
		src.Identity = strings.TrimSpace(f.Get("identity"))
	}
	p := &sourcesPage{Form: src, Errors: map[string]string{}}
	var err error
	if err := src.Visibility.UnmarshalText([]byte(f.Get("visibility"))); err != nil {
		p.Errors["visibility"] = "choose who may see this source"
	}
	p.Form.Visibility = src.Visibility
	if len(p.Errors) == 0 {
		if existing {
			err = s.svc.UpdateSource(ctx, c.User, &src)
		} else {
			err = s.svc.CreateSource(ctx, c.User, &src)
		}
		switch {
		case err == nil && existing:
			http.Redirect(w, r, fmt.Sprintf("/admin/sources/%d?saved=1", src.ID), http.StatusSeeOther)
			return
		case err == nil:
			http.Redirect(w, r, fmt.Sprintf("/admin/sources?added=%d", src.ID), http.StatusSeeOther)
			return
		case !failed(err):
			s.serverError(w, r, err)
			return
		}
	}
	what := "The source was not added: see the fields marked below."
	if existing {
		what = "The source was not saved: see the fields marked below."
	}
	if err != nil {
		p.Problem, p.Errors = problem(err, what)
	} else {
		p.Problem = what
	}
	if existing {
		p.Caller, p.Kinds, p.Reliabilities = c, habeas.SourceKinds, habeas.Reliabilities
		s.render(w, r, statusOf(err), "source", view{Title: "Source " + strconv.FormatInt(id, 10), Nav: "sources", User: c, Page: p})
		return
	}
	if err := s.sourcesData(r, c, p); err != nil {
		s.refused(w, r, err)
		return
	}
	s.render(w, r, statusOf(err), "sources", view{Title: "Sources", Nav: "sources", User: c, Page: p})
}

// caseForm is the case form, for a new case of a person or an existing one.
type caseForm struct {
	Caller  *caller
	Case    habeas.Case
	Person  *habeas.Person
	Charges string // one charge a line: "article: words" or words
	Errors  map[string]string
	Problem string
	Lists   caseLists
}

type caseLists struct{ Statuses, Classifications, Positions []string }

var lists = caseLists{habeas.Statuses, habeas.Classifications, habeas.Positions}

func (f *caseForm) Err(field string) string { return f.Errors[field] }

// Other lists the problems not shown beside a field.
func (f *caseForm) Other() []string {
	var out []string
	for k, v := range f.Errors {
		switch k {
		case "country", "arrest_date", "court", "sentence_date", "expected_release", "visibility", "source_ids", "summary", "sentence":
			continue
		}
		out = append(out, k+": "+v)
	}
	return out
}

func chargesText(cs []habeas.Charge) string {
	var b strings.Builder
	for _, c := range cs {
		if c.Article != "" {
			b.WriteString(c.Article + ": ")
		}
		b.WriteString(c.Text + "\n")
	}
	return b.String()
}

func readCase(r *http.Request, c *habeas.Case) map[string]string {
	bad := map[string]string{}
	f := r.PostForm
	c.Country = strings.ToUpper(strings.TrimSpace(f.Get("country")))
	c.Status, c.Classification, c.Position = f.Get("status"), f.Get("classification"), f.Get("position")
	c.ArrestDate = strings.TrimSpace(f.Get("arrest_date"))
	c.Court = strings.TrimSpace(f.Get("court"))
	c.SentenceDate = strings.TrimSpace(f.Get("sentence_date"))
	c.ExpectedRelease = strings.TrimSpace(f.Get("expected_release"))
	c.Summary = strings.TrimSpace(f.Get("summary"))
	c.InternalNotes = strings.TrimSpace(f.Get("internal_notes"))
	for _, x := range []struct {
		name string
		v    *int
	}{{"years", &c.Sentence.Years}, {"months", &c.Sentence.Months}} {
		*x.v = 0
		if s := strings.TrimSpace(f.Get(x.name)); s != "" {
			n, err := strconv.Atoi(s)
			if err != nil {
				bad["sentence"] = "years and months must be whole numbers"
			}
			*x.v = n
		}
	}
	c.Charges = nil
	for _, line := range strings.Split(f.Get("charges"), "\n") {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		ch := habeas.Charge{Text: line}
		if art, text, ok := strings.Cut(line, ":"); ok && len(art) <= 50 && strings.TrimSpace(text) != "" {
			ch = habeas.Charge{Article: strings.TrimSpace(art), Text: strings.TrimSpace(text)}
		}
		c.Charges = append(c.Charges, ch)
	}
	if err := c.Visibility.UnmarshalText([]byte(f.Get("visibility"))); err != nil {
		bad["visibility"] = "choose who may see this case"
	}
	c.SourceIDs = ids(f.Get("source_ids"), bad, "source_ids")
	return bad
}

func (s *Server) newCase(w http.ResponseWriter, r *http.Request, c *caller) {
	id, ok := pathID(r)
	if !ok {
		s.notFound(w, r)
		return
	}
	_, p, err := fileRecord(s, r, c, "person", id, s.svc.Person)
	if err != nil {
		s.refused(w, r, err)
		return
	}
	f := &caseForm{Caller: c, Person: p, Lists: lists, Case: habeas.Case{PersonID: p.ID, Country: p.Country,
		Status: habeas.StatusDetained, Classification: "not_assessed", Position: "unknown", Visibility: max(p.Visibility, habeas.Internal)}}
	s.render(w, r, http.StatusOK, "caseform", view{Title: "New case of " + p.DisplayName(), Nav: "people", User: c, Page: f})
}

func (s *Server) createCase(w http.ResponseWriter, r *http.Request, c *caller) {
	id, ok := pathID(r)
	if !ok {
		s.notFound(w, r)
		return
	}
	_, p, err := fileRecord(s, r, c, "person", id, s.svc.Person)
	if err != nil {
		s.refused(w, r, err)
		return
	}
	f := &caseForm{Caller: c, Person: p, Lists: lists, Case: habeas.Case{PersonID: p.ID}}
	s.saveCase(w, r, f, "New case of "+p.DisplayName(), func() error { return s.svc.CreateCase(r.Context(), c.User, &f.Case) })
}

func (s *Server) editCase(w http.ResponseWriter, r *http.Request, c *caller) {
	page, err := s.loadCase(r, c)
	if err != nil {
		s.refused(w, r, err)
		return
	}
	f := &caseForm{Caller: c, Person: page.Person, Lists: lists, Case: *page.Case, Charges: chargesText(page.Case.Charges)}
	s.render(w, r, http.StatusOK, "caseform", view{Title: "Case of " + page.Person.DisplayName(), Nav: "people", User: c, Page: f})
}

func (s *Server) updateCase(w http.ResponseWriter, r *http.Request, c *caller) {
	page, err := s.loadCase(r, c)
	if err != nil {
		s.refused(w, r, err)
		return
	}
	f := &caseForm{Caller: c, Person: page.Person, Lists: lists, Case: *page.Case}
	s.saveCase(w, r, f, "Case of "+page.Person.DisplayName(), func() error { return s.svc.UpdateCase(r.Context(), c.User, &f.Case) })
}

func (s *Server) saveCase(w http.ResponseWriter, r *http.Request, f *caseForm, title string, save func() error) {
	f.Errors = readCase(r, &f.Case)
	f.Charges = r.PostFormValue("charges")
	var err error
	if len(f.Errors) == 0 {
		err = save()
		if err == nil {
			http.Redirect(w, r, fmt.Sprintf("/admin/cases/%d", f.Case.ID), http.StatusSeeOther)
			return
		}
		if !failed(err) {
			s.serverError(w, r, err)
			return
		}
		f.Problem, f.Errors = problem(err, "The case was not saved: see the fields marked below.")
	}
	if f.Problem == "" {
		f.Problem = "The case was not saved: see the fields marked below."
	}
	s.render(w, r, statusOf(err), "caseform", view{Title: title, Nav: "people", User: f.Caller, Page: f})
}

// statusOf is the status of a form answered again after a refusal: 422
// for fields to mend, else what the refusal's code means (403 for a role
// that may not, 404 for a record hidden or gone…).
func statusOf(err error) int {
	if err == nil || habeas.ErrorCode(err) == habeas.EINVALID {
		return http.StatusUnprocessableEntity
	}
	return habeas.HTTPStatus(habeas.ErrorCode(err))
}

// problem is what a form shows of a refused write: for invalid fields,
// the sentence given (the fields say the rest); else the store's words.
func problem(err error, invalid string) (string, map[string]string) {
	if habeas.ErrorCode(err) == habeas.EINVALID && len(habeas.ErrorFields(err)) > 0 {
		return invalid, habeas.ErrorFields(err)
	}
	return habeas.ErrorMessage(err), habeas.ErrorFields(err)
}
