package api

import (
	"net/http"

	"codeberg.org/habeas/habeas"
)

// The site's own settings: anyone reads them (they are what every page
// shows); admins change them.
func (s *Server) registerSettings() {
	st := s.cfg.Services
	s.handle("GET", "/api/v1/settings", func(w http.ResponseWriter, r *http.Request) {
		if err := newQuery(r).err(); err != nil {
			s.error(w, r, err)
			return
		}
		set, err := st.Settings(r.Context())
		if err != nil {
			s.error(w, r, err)
			return
		}
		writeJSON(w, http.StatusOK, set)
	})
	s.handle("PUT", "/api/v1/settings", func(w http.ResponseWriter, r *http.Request) {
		var set habeas.SiteSettings
		if err := s.decodeWrite(w, r, &set, false); err != nil {
			s.error(w, r, err)
			return
		}
		if err := st.UpdateSettings(r.Context(), userOf(r), &set); err != nil {
			s.error(w, r, err)
			return
		}
		writeJSON(w, http.StatusOK, &set)
	})
}
