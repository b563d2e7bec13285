// Package web serves habeas's public site: server-rendered HTML pages that
// are complete without JavaScript, load nothing from another origin, and
// show only what the store returns for public access.
package web

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"slices"
	"strings"
	"time"

	"codeberg.org/habeas/habeas"
	"codeberg.org/habeas/habeas/internal/reply"
)

// Config is what the public site needs to run.
type Config struct {
	Store Store
	Clock habeas.Clock
	// Banner, when not empty, is shown on every page (the demo says which
	// day its data describes).
	Banner string
	// BaseURL is the site's public origin (https://habeas.example.org),
	// for absolute canonical links and og:url; "" for canonical paths.
	BaseURL string
	Logger  *slog.Logger
}

// Server is the public site. It is an http.Handler.
type Server struct {
	store  Store
	clock  habeas.Clock
	banner string
	// baseURL is the public origin without a trailing slash, or "".
	baseURL string
	log     *slog.Logger
	pages   *pages
	// trs write the site's words, one per interface language.
	trs    map[string]*tr
	static *stylesheet
	mux    *http.ServeMux
	cache  *pageCache
	// choices are the organizations and facilities the people list's
	// form offers, read once per store generation.
	choices choiceCache
	// siteCache keeps the site's own settings.
	siteCache siteCache
	// crossOrigin refuses form posts from other sites (see readForm).
	crossOrigin *http.CrossOriginProtection
}

// public is the access of every reader of the public site.
const public = habeas.Public

// New parses the templates and prepares the stylesheet.
func New(cfg Config) (*Server, error) {
	if cfg.Store == nil {
		return nil, errors.New("web: a store is required")
	}
	if cfg.Clock == nil {
		return nil, errors.New("web: a clock is required")
	}
	base, err := parseBaseURL(cfg.BaseURL)
	if err != nil {
		return nil, err
	}
	s := &Server{store: cfg.Store, clock: cfg.Clock, banner: cfg.Banner, baseURL: base, log: cfg.Logger,
		crossOrigin: http.NewCrossOriginProtection()}
	if base != "" {
		// Behind a proxy that rewrites Host, the site's own origin is still
		// its own.
		if err := s.crossOrigin.AddTrustedOrigin(base); err != nil {
			return nil, fmt.Errorf("web: base URL: %w", err)
		}
	}
	if s.log == nil {
		s.log = slog.New(slog.DiscardHandler)
	}
	s.static = newStylesheet()
	if _, s.trs, err = loadCatalogues(localeFiles); err != nil {
		return nil, err
	}
	if s.pages, err = parsePages(s.static.path, s.trs); err != nil {
		return nil, err
	}
	s.mux = http.NewServeMux()
	s.routes()
	s.cache = newPageCache(cfg.Clock, cfg.Store.Generation)
	return s, nil
}

func (s *Server) routes() {
	s.mux.HandleFunc("GET /{$}", s.home)
	s.mux.HandleFunc("GET /people", s.peopleList)
	s.mux.HandleFunc("GET /people/{slug}", s.person)
	s.mux.HandleFunc("GET /people/{slug}/feed.atom", s.personFeed)
	s.mux.HandleFunc("GET /organizations/{slug}", s.organization)
	s.mux.HandleFunc("GET /facilities/{slug}", s.facility)
	s.mux.HandleFunc("GET /feeds/alerts.atom", s.alertsFeed)
	s.mux.HandleFunc("GET /news", s.news)
	s.mux.HandleFunc("GET /news/{slug}", s.post)
	s.mux.HandleFunc("POST /news/{slug}/comments", s.postComment)
	s.mux.HandleFunc("POST /people/{slug}/tips", s.postTip)
	s.mux.HandleFunc("GET /feeds/news.atom", s.newsFeed)
	s.mux.HandleFunc("GET /search", s.search)
	s.mux.HandleFunc("GET /about", s.about)
	s.mux.HandleFunc("GET /contact", s.contact)
	s.mux.HandleFunc("GET /stats", s.stats)
	s.mux.HandleFunc("GET /stats/{file}", s.statsCSV)
	s.mux.HandleFunc("GET /healthz", s.healthz)
	s.mux.HandleFunc("GET /static/{file}", s.serveStatic)
	s.mux.HandleFunc("GET /media/{id}/{variant}", s.serveMedia)
	s.mux.HandleFunc("GET /robots.txt", s.robots)
	s.mux.HandleFunc("GET /sitemap.xml", s.sitemap)
	s.mux.HandleFunc("GET /sitemaps/{file}", s.sitemapPart)
	s.mux.HandleFunc("GET /", s.notFound)
}

// securityHeaders go on every response, keys already in canonical form.
var securityHeaders = http.Header{
	"Content-Security-Policy": {"default-src 'none'; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"},
	"X-Content-Type-Options":  {"nosniff"},
	"Referrer-Policy":         {"no-referrer"},
	"X-Frame-Options":         {"DENY"},
}

// ServeHTTP sets the security headers every response carries, then routes.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	for k, v := range securityHeaders {
		h[k] = v // shared, never changed: no copy per response
	}
	if !strings.HasPrefix(r.URL.Path, "/static/") && !strings.HasPrefix(r.URL.Path, "/media/") {
		// The request with the reader's language is a copy: the route's
		// pattern goes back to the caller's, which /metrics counts by.
		orig := r
		r = s.withLang(w, r)
		defer func() { orig.Pattern = r.Pattern }()
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		// Every GET has a route (the catch-all): only other methods can
		// find none. The mux's own answer is plain text; ours is the
		// site's error page, with the Allow header the mux would send.
		s.methodNotAllowed(w, r)
		return
	}
	if cacheable(r) {
		// The route's pattern, for the request counts of /metrics, also
		// when the answer comes from the cache and no route runs.
		_, r.Pattern = s.mux.Handler(r)
		s.cache.serve(w, r, s.mux)
		return
	}
	s.mux.ServeHTTP(w, r)
}

// methodNotAllowed answers a request no route takes with the site's
// error page: 405 with the mux's Allow header, or whatever else the mux
// would answer.
func (s *Server) methodNotAllowed(w http.ResponseWriter, r *http.Request) {
	if _, pattern := s.mux.Handler(r); pattern != "" {
		s.mux.ServeHTTP(w, r)
		return
	}
	rec := &recorder{header: http.Header{}, status: http.StatusOK}
	s.mux.ServeHTTP(rec, r)
	if allow := rec.header.Get("Allow"); allow != "" {
		w.Header().Set("Allow", allow)
	}
	s.renderError(w, r, rec.status, "")
}

// healthz answers 200 when the database answers.
func (s *Server) healthz(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
	defer cancel()
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	if err := s.store.Ping(ctx); err != nil {
		s.log.Error("health check failed", "err", err)
		w.WriteHeader(http.StatusServiceUnavailable)
		w.Write([]byte("database unavailable\n"))
		return
	}
	w.Write([]byte("ok\n"))
}

// robotsTxt is robots.txt but for the sitemap's line, which must name
// an absolute address.
var robotsTxt = []byte("User-agent: *\nDisallow: /admin/\nDisallow: /api/\nAllow: /\n")

// robots lets search engines index the public site, being found is part
// of the protection it gives, but not the staff workspace or the API.
func (s *Server) robots(w http.ResponseWriter, r *http.Request) {
	b := append(slices.Clip(robotsTxt), "Sitemap: "+s.origin(r)+"/sitemap.xml\n"...)
	reply.Write(w, r, http.StatusOK, "text/plain; charset=utf-8", b)
}

// notFound answers 404, unless the address is another spelling of a
// canonical one: then it redirects there (301).
func (s *Server) notFound(w http.ResponseWriter, r *http.Request) {
	if to, ok := canonicalPath(r.URL.Path); ok {
		if r.URL.RawQuery != "" {
			to += "?" + r.URL.RawQuery
		}
		// Built from a fixed prefix and a checked slug: always a path on
		// this site, never "//elsewhere".
		w.Header().Set("Location", to)
		w.WriteHeader(http.StatusMovedPermanently)
		return
	}
	s.renderError(w, r, http.StatusNotFound, "")
}

// canonicalPath returns the canonical form of the address of a list or of
// a person, organization or facility written with capitals or a trailing
// slash (/people/Elvin-Mustafayev/ is /people/elvin-mustafayev), and
// whether p was such a variant. Whether the record exists is not asked:
// a missing record and a hidden one redirect alike, then answer 404 alike.
func canonicalPath(p string) (string, bool) {
	lower := strings.TrimRight(asciiLower(p), "/")
	to := ""
	if lower == "/people" {
		to = lower
	}
	for _, prefix := range []string{"/people/", "/organizations/", "/facilities/"} {
		if slug, ok := strings.CutPrefix(lower, prefix); ok && habeas.IsSlug(slug) {
			to = prefix + slug
		}
	}
	return to, to != "" && to != p
}

// asciiLower lowers A–Z only: slugs are ASCII, and other letters must not
// turn into them (the Kelvin sign lowers to "k").
func asciiLower(s string) string {
	return strings.Map(func(r rune) rune {
		if 'A' <= r && r <= 'Z' {
			return r + ('a' - 'A')
		}
		return r
	}, s)
}

// fail answers with the page for err, its status from the one table of
// error codes (habeas.HTTPStatus): 404 for a record that does not exist or
// is not public, 400 for a bad request, and 500 for anything else, whose
// details go to the log only. A public page's only input is its address,
// so input that breaks a rule is a bad request here, as in the API's
// query strings.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, err error) {
	code := habeas.ErrorCode(err)
	if code == habeas.EINVALID {
		code = habeas.EBADREQUEST
	}
	switch status := habeas.HTTPStatus(code); {
	case status == http.StatusNotFound:
		s.renderError(w, r, status, "")
	case status < http.StatusInternalServerError:
		s.renderError(w, r, status, userMessage(err))
	default:
		msg := redact(err.Error(), r.PathValue("slug"))
		if errors.Is(err, context.Canceled) || errors.Is(r.Context().Err(), context.Canceled) {
			// The reader went away: not our fault. The page is still an
			// error, never an empty 200 the page cache would keep.
			s.log.Debug("public page cancelled: reader gone", "route", r.Pattern, "err", msg)
		} else {
			s.log.Error("public page failed", "route", r.Pattern, "err", msg)
		}
		s.renderError(w, r, status, "")
	}
}

// userMessage returns the message of a habeas error with its per-field
// reasons, which are written for users.
func userMessage(err error) string {
	var e *habeas.Error
	if errors.As(err, &e) {
		return e.Error()
	}
	return habeas.ErrorMessage(err)
}

// redact keeps a slug (a person's name) out of the logs.
func redact(msg, slug string) string {
	if slug == "" {
		return msg
	}
	return strings.ReplaceAll(msg, slug, "{slug}")
}
