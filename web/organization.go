package web

import (
	"net/http"

	"codeberg.org/habeas/habeas"
)

// organizationPage is the data of an organization's page.
type organizationPage struct {
	Organization *habeas.Organization
	Members      []habeas.Member
	Former       []habeas.Member
	DetainedNow  int // current members held now
}

func (s *Server) organization(w http.ResponseWriter, r *http.Request) {
	slug := r.PathValue("slug")
	if !habeas.IsSlug(slug) {
		s.notFound(w, r)
		return
	}
	ctx := r.Context()
	o, err := s.store.OrganizationBySlug(ctx, public, slug)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	members, err := s.store.Members(ctx, public, o.ID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p := &organizationPage{Organization: o}
	for _, m := range members {
		if m.Until != "" {
			p.Former = append(p.Former, m)
			continue
		}
		p.Members = append(p.Members, m)
		if habeas.Detained(m.Status) {
			p.DetainedNow++
		}
	}
	s.render(w, r, http.StatusOK, "organization", &view{Title: o.Name, Description: clip(o.Description, 200), Page: p})
}
