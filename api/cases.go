package api

import (
	"net/http"

	"codeberg.org/habeas/habeas"
	"codeberg.org/habeas/habeas/casefile"
)

func (s *Server) registerCases() {
	st := s.cfg.Services
	register(s, resource[habeas.Case]{path: "/api/v1/cases",
		get: st.Case, create: st.CreateCase, update: st.UpdateCase, delete: st.DeleteCase,
		id: func(v *habeas.Case) *int64 { return &v.ID },
		list: func(r *http.Request, q *query) (habeas.Page[habeas.Case], error) {
			f := habeas.CaseFilter{PersonID: q.id("person_id"), Country: q.country(), Status: q.enum("status", habeas.Statuses),
				Classification: q.enum("classification", habeas.Classifications), ListOptions: q.page()}
			return checked(q, func() (habeas.Page[habeas.Case], error) { return st.ListCases(r.Context(), access(r), f) })
		}})
	s.handle("GET", "/api/v1/cases/{id}/state", s.caseState)
}

// caseState computes what the timeline the reader may see means today.
func (s *Server) caseState(w http.ResponseWriter, r *http.Request) {
	st := s.cfg.Services
	id, err := pathID(r)
	var c *habeas.Case
	var events []habeas.Event
	var a habeas.Access
	if err == nil {
		a, err = s.recordAccess(r, "/api/v1/cases", id)
	}
	if err == nil {
		c, err = st.Case(r.Context(), a, id)
	}
	if err == nil {
		events, err = st.Timeline(r.Context(), a, id)
	}
	if err != nil {
		s.error(w, r, err)
		return
	}
	today := habeas.Today(s.cfg.Clock)
	writeJSON(w, http.StatusOK, newCaseState(id, today.Format("2006-01-02"), casefile.Compute(c, events, today)))
}
