package web

import (
	"context"
	"html/template"
	"net/http"
	"net/url"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"codeberg.org/habeas/habeas"
)

// option is one choice of a <select>.
type option struct {
	Value, Label string
	Selected     bool
}

// selectedLabel returns the label of the selected option, if any.
func selectedLabel(opts []option) string {
	for _, o := range opts {
		if o.Selected {
			return o.Label
		}
	}
	return ""
}

// peopleForm is the filter form of the people list, as the reader sent it.
type peopleForm struct {
	Q, Country, Status, Organization, Facility, Classification, Charge, Sort, Cursor string
}

// peopleListPage is the data of the people list.
type peopleListPage struct {
	Form      peopleForm
	Countries []option
	Statuses  []option
	// The organizations and facilities: a <select> of these options when
	// there are few, else a text box holding the name the reader chose or
	// typed.
	OrganizationOptions, FacilityOptions template.HTML
	OrganizationShort, FacilityShort     bool
	OrganizationText, FacilityText       string
	Suggestions                          []suggestion // when a typed name fits several records
	MoreSuggestions                      int          // how many fit but are not named
	Classifications                      []option
	Sorts                                []option
	Problems                             []string
	People                               []habeas.PersonSummary
	Filtered                             bool     // a filter or a name search narrows the list
	FiltersOpen                          bool     // a filter of the form is set: show the form open
	Active                               []string // the filters in use, in words
	NextURL                              string
}

// suggestion is one of the records a typed name may mean.
type suggestion struct{ Label, URL string }

// Limits on what a query string may hold; anything longer is refused.
const (
	maxQuery  = 2048
	maxParam  = 200
	maxCursor = 1000
)

func (s *Server) peopleList(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	t := s.tr(r)
	p := &peopleListPage{}
	ch, err := s.choices.get(ctx, s.store)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p.OrganizationShort, p.FacilityShort = ch.organizations.short(), ch.facilities.short()
	f, problems, err := s.readPeopleFilter(ctx, r, p, ch)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.fillPeopleOptions(t, p, ch)
	status := http.StatusOK
	if len(problems) == 0 {
		page, err := s.store.ListPeople(ctx, public, f)
		switch habeas.ErrorCode(err) {
		case "":
			var rn renames
			rn.people(page.Items)
			if err := rn.apply(ctx, s, t); err != nil {
				s.fail(w, r, err)
				return
			}
			p.People = page.Items
			if page.NextCursor != "" {
				p.NextURL = peopleURL(p.Form, page.NextCursor)
			}
		case habeas.EINVALID, habeas.EBADREQUEST:
			problems = append(problems, userMessage(err))
		default:
			s.fail(w, r, err)
			return
		}
	}
	if len(problems) > 0 {
		p.Problems = problems
		p.People = nil
		status = http.StatusBadRequest
	}
	v := &view{Title: t.T("people_heading"), Nav: "people", Description: t.T("people_description"), Page: p}
	if status == http.StatusOK {
		describePeopleList(v, t, p)
	}
	s.render(w, r, status, "people", v)
}

// readPeopleFilter reads and checks the query string. Query strings are
// hostile: every value is checked against what it may be, and lengths are
// capped; each problem is returned as a sentence for the reader.
func (s *Server) readPeopleFilter(ctx context.Context, r *http.Request, p *peopleListPage, ch formChoices) (habeas.PeopleFilter, []string, error) {
	t := s.tr(r)
	var f habeas.PeopleFilter
	var problems []string
	if len(r.URL.RawQuery) > maxQuery {
		return f, []string{t.T("bad_long_address")}, nil
	}
	q, err := habeas.ParseQuery(r.URL.RawQuery)
	if err != nil {
		fields := habeas.ErrorFields(err)
		bad := make([]string, 0, len(fields))
		for name := range fields {
			bad = append(bad, name)
		}
		sort.Strings(bad)
		for _, name := range bad {
			problems = append(problems, t.T("problem_malformed", "Name", name, "Reason", fields[name]))
		}
	}
	get := func(name string, max int) string {
		v := strings.TrimSpace(q.Get(name))
		if !utf8.ValidString(v) {
			problems = append(problems, t.T("problem_not_text", "Name", name))
			return ""
		}
		if utf8.RuneCountInString(v) > max {
			problems = append(problems, t.T("problem_too_long", "Name", name))
			return ""
		}
		return v
	}
	form := peopleForm{Q: get("q", maxParam),
		Country: strings.ToUpper(get("country", maxParam)), Status: get("status", maxParam),
		Organization: get("organization", maxParam), Facility: get("facility", maxParam),
		Classification: get("classification", maxParam), Charge: get("charge", maxParam),
		Sort: get("sort", maxParam), Cursor: get("cursor", maxCursor),
	}
	p.Form = form
	p.FiltersOpen = form.Country != "" || form.Status != "" || form.Organization != "" || form.Facility != "" ||
		form.Classification != "" || form.Charge != ""
	p.Filtered = p.FiltersOpen || form.Q != ""

	if form.Country != "" && !habeas.IsCountryCode(form.Country) {
		problems = append(problems, t.T("problem_country"))
	}
	if form.Status != "" && !slices.Contains(habeas.Statuses, form.Status) {
		problems = append(problems, t.T("problem_status", "Choices", choices(habeas.Statuses)))
	}
	if form.Classification != "" && !slices.Contains(habeas.Classifications, form.Classification) {
		problems = append(problems, t.T("problem_classification", "Choices", choices(habeas.Classifications)))
	}
	if form.Sort != "" && !slices.Contains(habeas.PeopleSorts, form.Sort) {
		problems = append(problems, t.T("problem_sort", "Choices", choices(habeas.PeopleSorts)))
	}
	f = habeas.PeopleFilter{Country: form.Country, Status: form.Status, Classification: form.Classification,
		Charge: form.Charge, Q: form.Q, Sort: form.Sort, ListOptions: habeas.ListOptions{Cursor: form.Cursor}}
	p.OrganizationText, p.FacilityText = form.Organization, form.Facility
	if form.Organization != "" {
		pk, err := s.pick(ctx, t, p, "organization", form.Organization, ch.organizations, func(slug string) (int64, string, error) {
			o, err := s.store.OrganizationBySlug(ctx, public, slug)
			if err != nil {
				return 0, "", err
			}
			return o.ID, o.Name, nil
		})
		if err != nil {
			return f, nil, err
		}
		if pk.problem != "" {
			problems = append(problems, pk.problem)
		} else {
			f.OrganizationID, p.Form.Organization, p.OrganizationText = pk.id, pk.slug, pk.name
			p.Active = append(p.Active, t.T("filter_organization", "Value", pk.name))
		}
	}
	if form.Facility != "" {
		pk, err := s.pick(ctx, t, p, "facility", form.Facility, ch.facilities, func(slug string) (int64, string, error) {
			fa, err := s.store.FacilityBySlug(ctx, public, slug)
			if err != nil {
				return 0, "", err
			}
			return fa.ID, fa.Name, nil
		})
		if err != nil {
			return f, nil, err
		}
		if pk.problem != "" {
			problems = append(problems, pk.problem)
		} else {
			f.FacilityID, p.Form.Facility, p.FacilityText = pk.id, pk.slug, pk.name
			p.Active = append(p.Active, t.T("filter_place", "Value", pk.name))
		}
	}
	return f, problems, nil
}

func choices(values []string) string { return strings.Join(values, ", ") }

// picked is the record a filter names, or the problem of finding it.
type picked struct {
	id         int64
	slug, name string
	problem    string
}

// pick finds the record a filter value means: a public record's slug
// (the links of the site), or a name as the reader typed it. A name that
// fits several records fills the page's suggestions, one link each.
func (s *Server) pick(ctx context.Context, t *tr, p *peopleListPage, kind, value string, set *choiceSet,
	bySlug func(string) (int64, string, error)) (picked, error) {
	if habeas.IsSlug(value) {
		id, name, err := bySlug(value)
		if err == nil {
			return picked{id: id, slug: value, name: name}, nil
		}
		if habeas.ErrorCode(err) != habeas.ENOTFOUND {
			return picked{}, err
		}
	}
	found := set.find(value)
	switch {
	case len(found) == 0:
		return picked{problem: t.T("problem_no_"+kind, "Value", value)}, nil
	case len(found) > 1:
		for i, c := range found {
			if i == maxSuggestions {
				p.MoreSuggestions = len(found) - i
				break
			}
			form := p.Form
			if kind == "organization" {
				form.Organization = c.slug
			} else {
				form.Facility = c.slug
			}
			p.Suggestions = append(p.Suggestions, suggestion{Label: c.name, URL: peopleURL(form, "")})
		}
		id := "problem_several_organizations"
		if kind != "organization" {
			id = "problem_several_facilities"
		}
		return picked{problem: t.T(id, "Value", value)}, nil
	}
	id, name, err := bySlug(found[0].slug)
	if habeas.ErrorCode(err) == habeas.ENOTFOUND {
		// Made internal or removed since the choices were read.
		return picked{problem: t.T("problem_no_"+kind, "Value", value)}, nil
	}
	if err != nil {
		return picked{}, err
	}
	return picked{id: id, slug: found[0].slug, name: name}, nil
}

// fillPeopleOptions fills the choices of the filter form, marking the
// reader's current ones.
func (s *Server) fillPeopleOptions(t *tr, p *peopleListPage, choices formChoices) {
	f := p.Form
	p.Countries = options(t.countries(f.Country), f.Country, t.country)
	p.Statuses = options(habeas.Statuses, f.Status, func(v string) string { return t.code("status_filter", v) })
	p.Classifications = options(habeas.Classifications, f.Classification, func(v string) string { return t.code("classification", v) })
	p.Sorts = options(habeas.PeopleSorts, f.Sort, func(v string) string { return t.code("sort", v) })
	if f.Sort == "" {
		p.Sorts[0].Selected = true
	}

	if p.OrganizationShort {
		p.OrganizationOptions = choices.organizations.options(f.Organization)
	}
	if p.FacilityShort {
		p.FacilityOptions = choices.facilities.options(f.Facility)
	}
	active := p.Active // the organization and place, named when read
	p.Active = nil
	for _, set := range []struct{ name, label string }{
		{"country", selectedLabel(p.Countries)}, {"status", selectedLabel(p.Statuses)},
		{"classification", selectedLabel(p.Classifications)},
	} {
		if set.label != "" {
			p.Active = append(p.Active, t.T("filter_"+set.name, "Value", set.label))
		}
	}
	p.Active = append(p.Active, active...)
	if f.Charge != "" {
		p.Active = append(p.Active, t.T("filter_charge", "Value", f.Charge))
	}
	if f.Q != "" {
		p.Active = append(p.Active, t.T("filter_name", "Value", f.Q))
	}
}

func options(values []string, current string, label func(string) string) []option {
	out := make([]option, len(values))
	for i, v := range values {
		out[i] = option{Value: v, Label: label(v), Selected: v == current}
	}
	return out
}

// peopleURL returns the address of the people list with the form's
// filters and the given cursor.
func peopleURL(f peopleForm, cursor string) string {
	q := url.Values{}
	for _, kv := range [][2]string{{"q", f.Q}, {"country", f.Country}, {"status", f.Status}, {"organization", f.Organization},
		{"facility", f.Facility}, {"classification", f.Classification}, {"charge", f.Charge}, {"sort", f.Sort},
		{"cursor", cursor}} {
		if kv[1] != "" {
			q.Set(kv[0], kv[1])
		}
	}
	if len(q) == 0 {
		return "/people"
	}
	return "/people?" + q.Encode()
}
