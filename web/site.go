package web

import (
	"context"
	"net/http"
	"sync"
	"time"

	"codeberg.org/habeas/habeas"
	"codeberg.org/habeas/habeas/markup"
)

// siteTTL bounds how long the site's settings are kept when nothing is
// written through this process: another serve process may change them.
const siteTTL = time.Minute

// siteCache keeps the site's settings, read on every page.
type siteCache struct {
	mu       sync.Mutex
	gen      uint64
	read     time.Time
	settings *habeas.SiteSettings
}

// site returns the site's settings; the defaults when they cannot be read,
// so that a page still shows (the error is logged).
func (s *Server) site(ctx context.Context) *habeas.SiteSettings {
	c := &s.siteCache
	gen, now := s.store.Generation(), s.clock.Now()
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.settings != nil && c.gen == gen && now.Sub(c.read) < siteTTL && !now.Before(c.read) {
		return c.settings
	}
	set, err := s.store.Settings(ctx)
	if err != nil {
		if ctx.Err() == nil { // a reader gone is no error
			s.log.Error("read site settings", "err", err)
		}
		if c.settings != nil {
			return c.settings
		}
		return habeas.DefaultSettings()
	}
	c.settings, c.gen, c.read = set, gen, now
	return set
}

// textPage is the data of a page of the site's own text (about, contact).
type textPage struct {
	Heading string
	Body    any
}

// about and contact show the pages the site's admins wrote; a site that
// has none answers 404.
func (s *Server) about(w http.ResponseWriter, r *http.Request) {
	s.textPage(w, r, s.tr(r).T("footer_about"), "/about", s.site(r.Context()).About)
}

func (s *Server) contact(w http.ResponseWriter, r *http.Request) {
	s.textPage(w, r, s.tr(r).T("footer_contact"), "/contact", s.site(r.Context()).Contact)
}

func (s *Server) textPage(w http.ResponseWriter, r *http.Request, heading, path, text string) {
	if text == "" {
		s.renderError(w, r, http.StatusNotFound, "")
		return
	}
	s.render(w, r, http.StatusOK, "text", &view{Title: heading, Canonical: path, Description: clip(markup.Text(text), 200),
		Page: textPage{Heading: heading, Body: markup.HTML(text)}})
}
