package web

import (
	"net/http"

	"codeberg.org/habeas/habeas"
)

// facilityPage is the data of a facility's page.
type facilityPage struct {
	Facility *habeas.Facility
	Held     []habeas.PersonSummary
	More     bool // more people are held there than the page lists
}

func (s *Server) facility(w http.ResponseWriter, r *http.Request) {
	slug := r.PathValue("slug")
	if !habeas.IsSlug(slug) {
		s.notFound(w, r)
		return
	}
	ctx := r.Context()
	f, err := s.store.FacilityBySlug(ctx, public, slug)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	held, err := s.store.ListPeople(ctx, public, habeas.PeopleFilter{FacilityID: f.ID,
		ListOptions: habeas.ListOptions{Limit: habeas.MaxLimit}})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p := &facilityPage{Facility: f, More: held.NextCursor != ""}
	for _, ps := range held.Items {
		if habeas.Detained(ps.Status) {
			p.Held = append(p.Held, ps)
		}
	}
	s.render(w, r, http.StatusOK, "facility", &view{Title: f.Name, Canonical: "/facilities/" + f.Slug, Page: p})
}
