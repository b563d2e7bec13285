package web

import (
	"net/http"

	"codeberg.org/habeas/habeas"
)

// organizationPage is the data of an organization's page. Long member
// lists show their first names; the people list, filtered by the
// organization, pages through everyone.
type organizationPage struct {
	Organization *habeas.Organization
	Members      []habeas.Member
	Former       []habeas.Member
	habeas.MemberCounts
}

// membersShown is how many members of each list the page shows.
const membersShown = 100

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
	p := &organizationPage{Organization: o}
	if p.MemberCounts, err = s.store.MemberCounts(ctx, public, o.ID); err != nil {
		s.fail(w, r, err)
		return
	}
	for _, former := range []bool{false, true} {
		page, err := s.store.Members(ctx, public, o.ID, habeas.MemberFilter{Former: former,
			ListOptions: habeas.ListOptions{Limit: membersShown}})
		if err != nil {
			s.fail(w, r, err)
			return
		}
		if former {
			p.Former = page.Items
		} else {
			p.Members = page.Items
		}
	}
	s.render(w, r, http.StatusOK, "organization", &view{Title: o.Name, Description: clip(o.Description, 200),
		Canonical: "/organizations/" + o.Slug, Page: p})
}
