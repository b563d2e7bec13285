package api

import (
	"net/http"

	"codeberg.org/habeas/habeas"
)

func (s *Server) registerOrganizations() {
	st := s.cfg.Services
	register(s, resource[habeas.Organization]{path: "/api/v1/organizations",
		get: st.Organization, bySlug: st.OrganizationBySlug, create: st.CreateOrganization, update: st.UpdateOrganization, delete: st.DeleteOrganization,
		id: func(v *habeas.Organization) *int64 { return &v.ID },
		list: func(r *http.Request, q *query) (habeas.Page[habeas.Organization], error) {
			f := habeas.OrganizationFilter{Country: q.country(), Kind: q.enum("kind", habeas.OrganizationKinds), ListOptions: q.page()}
			return checked(q, func() (habeas.Page[habeas.Organization], error) {
				return st.ListOrganizations(r.Context(), access(r), f)
			})
		}})
}
