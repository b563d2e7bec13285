package admin

import (
	"net/http"
	"net/url"
	"strconv"
	"time"

	"codeberg.org/habeas/habeas"
	"codeberg.org/habeas/habeas/alerts"
	"codeberg.org/habeas/habeas/internal/atom"
	"codeberg.org/habeas/habeas/internal/reply"
)

// A staff member's private feed of alerts, for a feed reader: the alerts
// they may read, unresolved first, at its own address that carries a token
// (a feed reader sends no cookie, and seldom a header). The address is
// made on the account page, shown once, and replaced or stopped there.
// What a feed reader fetches may be kept on a service elsewhere: the feed
// never carries a confidential alert, whatever the account's grant.

// feedAlerts is how many alerts the private feed carries.
const feedAlerts = 100

// staffFeed is /admin/feeds/alerts.atom?token=….
func (s *Server) staffFeed(w http.ResponseWriter, r *http.Request) {
	token := r.URL.Query().Get("token")
	u, err := s.svc.UserByFeedToken(r.Context(), token)
	if err != nil {
		if failed(err) {
			w.Header().Set("Content-Type", "text/plain; charset=utf-8")
			w.WriteHeader(habeas.HTTPStatus(habeas.ErrorCode(err)))
			w.Write([]byte(habeas.ErrorMessage(err) + ": make a new one on your account page\n"))
			return
		}
		s.serverError(w, r, err)
		return
	}
	a, assigned := u.ListAccess()
	a = min(a, habeas.Internal)
	page, err := s.svc.ListAlerts(r.Context(), a, habeas.AlertFilter{AssignedTo: assigned, ListOptions: habeas.ListOptions{Limit: feedAlerts}})
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	names, err := s.personNames(r.Context(), a, alertPeople(page.Items))
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	base := s.origin(r)
	site := "habeas"
	if st, err := s.svc.Settings(r.Context()); err == nil && st.Name != "" {
		site = st.Name
	}
	f := &atom.Feed{ID: base + "/admin/feeds/alerts", Title: site + ": open alerts (staff)",
		Subtitle: "The alerts of the silence clock you may read, up to internal ones.",
		// Its own address is the one the reader already holds.
		Self:      base + "/admin/feeds/alerts.atom?token=" + url.QueryEscape(token),
		Alternate: base + "/admin/alerts", Author: site, Lang: "en", Updated: s.clock.Now()}
	if len(page.Items) > 0 {
		f.Updated = time.Time{} // the newest entry's
	}
	for _, al := range page.Items {
		who := names[al.PersonID]
		if who == "" {
			who = "A case"
		}
		f.Entries = append(f.Entries, atom.Entry{
			ID:         base + "/admin/alerts/" + strconv.FormatInt(al.ID, 10),
			Title:      who + ": " + alerts.Title(al.Rule) + " (" + al.Severity + ", " + al.State + ")",
			Updated:    al.UpdatedAt,
			Published:  al.OpenedAt,
			Link:       base + "/admin/alerts/" + strconv.FormatInt(al.ID, 10),
			Summary:    al.Message,
			Categories: []string{al.Rule, al.Severity},
		})
	}
	b, err := atom.Marshal(f)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	reply.Write(w, r, http.StatusOK, atom.ContentType, b)
}

// feedLink makes the caller's private feed anew, or stops it.
func (s *Server) feedLink(w http.ResponseWriter, r *http.Request, c *caller) {
	p, err := s.accountData(r, c)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	if r.PostFormValue("action") == "stop" {
		if err := s.svc.StopFeed(r.Context(), c.ID); err != nil {
			s.serverError(w, r, err)
			return
		}
		http.Redirect(w, r, "/admin/account?done=feed-stopped", http.StatusSeeOther)
		return
	}
	token, err := s.svc.NewFeedToken(r.Context(), c.ID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	p.FeedURL = s.origin(r) + "/admin/feeds/alerts.atom?token=" + token
	p.FeedMade = s.clock.Now()
	s.render(w, r, http.StatusOK, "account", view{Title: "Your account", Nav: "account", User: c, Page: p})
}

// origin is the site's origin for absolute addresses: the configured
// one, else the request's host.
func (s *Server) origin(r *http.Request) string { return reply.Origin(r, s.baseURL) }
