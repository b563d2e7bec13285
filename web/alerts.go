package web

import (
	"net/http"
	"strconv"
	"time"

	"codeberg.org/habeas/habeas"
	"codeberg.org/habeas/habeas/alerts"
	"codeberg.org/habeas/habeas/internal/atom"
	"codeberg.org/habeas/habeas/internal/reply"
)

func alertTitle(a habeas.PublicAlert) string { return alerts.Title(a.Rule) }

// feedAlerts is how many published alerts the feed carries.
const feedAlerts = 200

// alertsFeed is /feeds/alerts.atom: the alerts staff published, as the
// public timeline shows them, one entry per alert, updated when its public
// wording changes.
func (s *Server) alertsFeed(w http.ResponseWriter, r *http.Request) {
	list, err := s.store.PublicAlerts(r.Context(), 0, feedAlerts)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	base := s.origin(r)
	f := &atom.Feed{ID: base + "/feeds/alerts.atom", Title: "Urgent: alerts on people detained for political reasons",
		Subtitle: "Days without news, hunger strikes, inquiries nobody answers: the alerts we publish.",
		Self:     base + "/feeds/alerts.atom", Alternate: base + "/", Author: s.site(r.Context()).Name, Lang: "en",
		Updated: s.clock.Now()}
	if len(list) > 0 {
		f.Updated = time.Time{} // the newest entry's
	}
	for _, a := range list {
		f.Entries = append(f.Entries, atom.Entry{
			ID:         base + "/alerts/" + strconv.FormatInt(a.ID, 10),
			Title:      a.Person + ": " + alertTitle(a),
			Updated:    a.UpdatedAt,
			Published:  a.OpenedAt,
			Link:       base + "/people/" + a.PersonSlug,
			Summary:    a.Message,
			Categories: []string{a.Rule, a.Severity},
		})
	}
	b, err := atom.Marshal(f)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	reply.Write(w, r, http.StatusOK, atom.ContentType, b)
}

// origin is the site's public origin: the configured one, else the
// request's host (feeds need absolute addresses), else the default.
func (s *Server) origin(r *http.Request) string { return reply.Origin(r, s.baseURL) }
