package web

import (
	"net/http"
	"slices"

	"codeberg.org/habeas/habeas"
)

// facilityPage is the data of a facility's page.
type facilityPage struct {
	Facility *habeas.Facility
	About    habeas.TextIn // the description in the page's language, or as written
	Cites    cites         // of the facility's own facts: its kind, place and address
	Held     []habeas.PersonSummary
	More     bool // more people are held there than the page lists
	Former   []stayEntry
	// FormerNext is the address of the next page of former detainees;
	// FormerFirst is set on every page after the first.
	FormerNext  string
	FormerFirst string
	Sources     []numberedSource
}

type stayEntry struct {
	habeas.Stay
	Cites cites // of the events that date the stay
}

// shownAtFacility is how many people each list of a facility's page shows:
// the busiest facility of the generated 100,000 people has had 486, and
// each former detainee costs the page two reads of their timeline.
const shownAtFacility = 25

func (s *Server) facility(w http.ResponseWriter, r *http.Request) {
	slug := r.PathValue("slug")
	if !habeas.IsSlug(slug) {
		s.notFound(w, r)
		return
	}
	ctx := r.Context()
	t := s.tr(r)
	f, err := s.store.FacilityBySlug(ctx, public, slug)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	cursor := r.URL.Query().Get("before")
	if len(cursor) > maxCursor {
		s.renderError(w, r, http.StatusBadRequest, t.T("bad_long_address"))
		return
	}
	held, err := s.store.ListPeople(ctx, public, habeas.PeopleFilter{FacilityID: f.ID,
		ListOptions: habeas.ListOptions{Limit: shownAtFacility}})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	former, err := s.store.FormerDetainees(ctx, public, f.ID, habeas.ListOptions{Cursor: cursor, Limit: shownAtFacility})
	if habeas.ErrorCode(err) == habeas.EBADREQUEST {
		s.renderError(w, r, http.StatusBadRequest, t.T("facility_no_page"))
		return
	} else if err != nil {
		s.fail(w, r, err)
		return
	}
	var rn renames
	rn.people(held.Items)
	for i := range former.Items {
		rn.add(former.Items[i].PersonID, &former.Items[i].PersonName)
	}
	if err := rn.apply(ctx, s, t); err != nil {
		s.fail(w, r, err)
		return
	}
	p := &facilityPage{Facility: f, More: held.NextCursor != "",
		About: s.textIn(ctx, t, f.Description, f.DescriptionLang, f.DescriptionTranslations)}
	for _, ps := range held.Items {
		if habeas.Detained(ps.Status) {
			p.Held = append(p.Held, ps)
		}
	}
	ids := slices.Clone(f.SourceIDs)
	for _, st := range former.Items {
		ids = append(ids, st.SourceIDs...)
	}
	ct, err := newCiter(ctx, s.store, ids)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p.Cites = ct.cite(f.SourceIDs, f.WithheldSources)
	for _, st := range former.Items {
		p.Former = append(p.Former, stayEntry{Stay: st, Cites: ct.cite(st.SourceIDs, st.WithheldSources)})
	}
	p.Sources = ct.list
	base := "/facilities/" + f.Slug
	if former.NextCursor != "" {
		p.FormerNext = base + "?before=" + former.NextCursor + "#former-h"
	}
	if cursor != "" {
		p.FormerFirst = base + "#former-h"
	}
	s.render(w, r, http.StatusOK, "facility", &view{Title: f.Name, Description: clip(p.About.Text, 200), Canonical: "/facilities/" + f.Slug, Page: p})
}
