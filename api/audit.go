package api

import (
	"net/http"
	"slices"
	"time"

	"codeberg.org/habeas/habeas"
)

// historyKinds maps the collections whose records have a history to the
// kind the audit log names them by.
var historyKinds = []struct{ collection, kind string }{
	{"people", "person"}, {"organizations", "organization"}, {"memberships", "membership"},
	{"facilities", "facility"}, {"cases", "case"}, {"events", "event"}, {"interventions", "intervention"},
	{"sources", "source"}, {"posts", "post"}, {"estimates", "estimate"}, {"comments", "comment"},
	{"tips", "tip"}, {"alerts", "alert"}, {"webhooks", "webhook"},
}

// The audit log: the history of one record for staff, the whole log,
// filtered, for admins. It is registered after the resources, and a
// collection has a history route only where it has a record route.
func (s *Server) registerAudit() {
	st := s.cfg.Services
	s.handle("GET", "/api/v1/audit", func(w http.ResponseWriter, r *http.Request) {
		q := newQuery(r)
		f := habeas.AuditFilter{Actor: q.str("actor"), Action: q.str("action"), Kind: q.str("kind"),
			RecordID: q.id("record_id"), Since: auditTime(q, "since"), Until: auditTime(q, "until"), ListOptions: q.page()}
		page, err := checked(q, func() (habeas.Page[habeas.AuditEntry], error) { return st.AuditLog(r.Context(), userOf(r), f) })
		if err != nil {
			s.error(w, r, err)
			return
		}
		writeJSON(w, http.StatusOK, page)
	})
	for _, hk := range historyKinds {
		if !slices.Contains(s.routes, route{"GET", "/api/v1/" + hk.collection + "/{id}"}) {
			continue
		}
		kind := hk.kind
		s.handle("GET", "/api/v1/"+hk.collection+"/{id}/history", func(w http.ResponseWriter, r *http.Request) {
			id, err := pathID(r)
			if err == nil {
				err = newQuery(r).err()
			}
			var h []habeas.AuditEntry
			if err == nil {
				h, err = st.History(r.Context(), userOf(r), kind, id)
			}
			if err != nil {
				s.error(w, r, err)
				return
			}
			writeJSON(w, http.StatusOK, History{Items: h})
		})
	}
}

// History is the answer of a record's history: its audit entries, oldest first.
type History struct {
	Items []habeas.AuditEntry `json:"items"`
}

// auditTime reads a time as RFC 3339 or a day (YYYY-MM-DD, its start in UTC).
func auditTime(q *query, name string) time.Time {
	v := q.str(name)
	if v == "" {
		return time.Time{}
	}
	if t, err := time.Parse(time.RFC3339, v); err == nil {
		return t
	}
	if t, err := time.Parse(time.DateOnly, v); err == nil {
		return t
	}
	q.pr.Add(name, "must be a day (2025-05-15) or a time in RFC 3339 (2025-05-15T10:00:00Z)")
	return time.Time{}
}
