package api

import (
	"net/http"

	"codeberg.org/habeas/habeas"
)

func (s *Server) registerInterventions() {
	st := s.cfg.Services
	register(s, resource[habeas.Intervention]{path: "/api/v1/interventions",
		get: st.Intervention, create: st.CreateIntervention, update: st.UpdateIntervention, delete: st.DeleteIntervention,
		id: func(v *habeas.Intervention) *int64 { return &v.ID },
		list: func(r *http.Request, q *query) (habeas.Page[habeas.Intervention], error) {
			f := habeas.InterventionFilter{CaseID: q.id("case_id"), AnswerStatus: q.enum("answer_status", habeas.AnswerStatuses), ListOptions: q.page()}
			return checked(q, func() (habeas.Page[habeas.Intervention], error) {
				return st.ListInterventions(r.Context(), access(r), f)
			})
		}})
}
