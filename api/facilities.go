package api

import (
	"net/http"

	"codeberg.org/habeas/habeas"
)

func (s *Server) registerFacilities() {
	st := s.cfg.Services
	register(s, resource[habeas.Facility]{path: "/api/v1/facilities",
		get: st.Facility, bySlug: st.FacilityBySlug, create: st.CreateFacility, update: st.UpdateFacility, delete: st.DeleteFacility,
		id: func(v *habeas.Facility) *int64 { return &v.ID },
		list: func(r *http.Request, q *query) (habeas.Page[habeas.Facility], error) {
			f := habeas.FacilityFilter{Country: q.country(), Kind: q.enum("kind", habeas.FacilityKinds), ListOptions: q.page()}
			return checked(q, func() (habeas.Page[habeas.Facility], error) { return st.ListFacilities(r.Context(), access(r), f) })
		}})
}
