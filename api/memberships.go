package api

import (
	"net/http"

	"codeberg.org/habeas/habeas"
)

func (s *Server) registerMemberships() {
	st := s.cfg.Services
	register(s, resource[habeas.Membership]{path: "/api/v1/memberships",
		get: st.Membership, create: st.CreateMembership, update: st.UpdateMembership, delete: st.DeleteMembership,
		id: func(v *habeas.Membership) *int64 { return &v.ID },
		list: func(r *http.Request, q *query) (habeas.Page[habeas.Membership], error) {
			f := habeas.MembershipFilter{PersonID: q.id("person_id"), OrganizationID: q.id("organization_id"), ListOptions: q.page()}
			return checked(q, func() (habeas.Page[habeas.Membership], error) { return st.ListMemberships(r.Context(), access(r), f) })
		}})
}
