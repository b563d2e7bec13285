package api

import (
	"net/http"

	"codeberg.org/habeas/habeas"
)

func (s *Server) registerSources() {
	st := s.cfg.Services
	register(s, resource[habeas.Source]{path: "/api/v1/sources",
		get: st.Source, create: st.CreateSource, update: st.UpdateSource, delete: st.DeleteSource,
		id: func(v *habeas.Source) *int64 { return &v.ID },
		list: func(r *http.Request, q *query) (habeas.Page[habeas.Source], error) {
			f := habeas.SourceFilter{Kind: q.enum("kind", habeas.SourceKinds), ListOptions: q.page()}
			return checked(q, func() (habeas.Page[habeas.Source], error) { return st.ListSources(r.Context(), access(r), f) })
		}})
}
