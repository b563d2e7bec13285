package api

import (
	"net/http"
	"strconv"

	"codeberg.org/habeas/habeas"
)

// SearchAnswer is what /api/v1/search answers.
type SearchAnswer struct {
	Query string `json:"q"`
	habeas.SearchResults
}

// registerSearch serves the search the site's /search page uses, at the
// caller's access.
func (s *Server) registerSearch() {
	st := s.cfg.Services
	s.handle("GET", "/api/v1/search", func(w http.ResponseWriter, r *http.Request) {
		q := newQuery(r)
		text := q.str("q")
		kind := q.enum("kind", []string{habeas.HitPerson, habeas.HitCase, habeas.HitEvent, habeas.HitPost})
		limit := 10
		if v := q.str("limit"); v != "" {
			n, err := strconv.Atoi(v)
			if err != nil || n < 1 || n > 50 {
				q.pr.Add("limit", "must be a whole number from 1 to 50")
			}
			limit = n
		}
		if err := q.err(); err != nil {
			s.error(w, r, err)
			return
		}
		res, err := st.Search(r.Context(), access(r), text, kind, limit)
		if habeas.ErrorCode(err) == habeas.EINVALID {
			err = &habeas.Error{Code: habeas.EBADREQUEST, Message: "invalid query parameters", Fields: habeas.ErrorFields(err)}
		}
		if err != nil {
			s.error(w, r, err)
			return
		}
		writeJSON(w, http.StatusOK, SearchAnswer{Query: text, SearchResults: *res})
	})
}
