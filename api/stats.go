package api

import (
	"net/http"
	"time"

	"codeberg.org/habeas/habeas"
)

// Statistics, and the estimates others published that show beside them.
func (s *Server) registerStats() {
	st := s.cfg.Services
	s.handle("GET", "/api/v1/stats", func(w http.ResponseWriter, r *http.Request) {
		q := newQuery(r)
		on := q.str("on")
		var day time.Time
		if on != "" {
			var err error
			if day, err = time.Parse(time.DateOnly, on); err != nil {
				q.pr.Add("on", "must be a day, YYYY-MM-DD")
			}
		}
		if err := q.err(); err != nil {
			s.error(w, r, err)
			return
		}
		shared, err := st.Stats(r.Context(), access(r))
		if err != nil {
			s.error(w, r, err)
			return
		}
		stats := *shared
		if on != "" {
			stats.HeldOn = &habeas.DayCount{Date: on, Count: stats.HeldOnDay(day)}
		}
		writeJSON(w, http.StatusOK, &stats)
	})
	register(s, resource[habeas.Estimate]{path: "/api/v1/estimates",
		get: st.Estimate, create: st.CreateEstimate, update: st.UpdateEstimate, delete: st.DeleteEstimate,
		id: func(v *habeas.Estimate) *int64 { return &v.ID },
		list: func(r *http.Request, q *query) (habeas.Page[habeas.Estimate], error) {
			country := q.str("country")
			return checked(q, func() (habeas.Page[habeas.Estimate], error) {
				es, err := st.ListEstimates(r.Context(), access(r), country)
				return habeas.Page[habeas.Estimate]{Items: es}, err
			})
		}})
}
