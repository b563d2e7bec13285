// Package admin is the staff workspace under /admin/: logins with a
// second factor, the dashboard, and forms for the records. Its pages are
// server-rendered and complete without JavaScript. It decides nothing
// about access itself: every read passes the user's access to the
// services and every write passes the user, and the store decides.
package admin

import (
	"crypto/sha256"
	"crypto/subtle"
	"embed"
	"encoding/hex"
	"errors"
	"html/template"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"slices"
	"strings"

	"codeberg.org/habeas/habeas"
	"codeberg.org/habeas/habeas/importer"
)

// Services is what the workspace uses.
type Services interface {
	habeas.PersonService
	habeas.CaseService
	habeas.FacilityService
	habeas.OrganizationService
	habeas.SourceService
	habeas.AlertService
	habeas.SettingsService
	habeas.AccountService
	habeas.PostService
	habeas.CommentService
	habeas.TipService
	habeas.MediaService
	habeas.AuditService
	habeas.AssignmentService
	habeas.StatsService
	habeas.WebhookService
	importer.Services
}

// Config configures the workspace.
type Config struct {
	Services Services
	Clock    habeas.Clock
	Logger   *slog.Logger
	// BaseURL is the site's public origin (https://example.org), for the
	// absolute addresses of the private feed; "" takes the request's host.
	BaseURL string
	// Secure marks the session cookie Secure: set it when the site is
	// served over HTTPS (a https base URL), even behind a proxy that
	// speaks plain HTTP to habeas.
	Secure bool
	// Mail tells that a mail server is set up: the account page offers
	// e-mails of alerts.
	Mail bool
}

// Server is the workspace. It is an http.Handler for /admin/.
type Server struct {
	svc         Services
	clock       habeas.Clock
	log         *slog.Logger
	secure      bool
	mux         *http.ServeMux
	pages       map[string]*template.Template
	crossOrigin *http.CrossOriginProtection
	staffRoutes []string
	baseURL     string
	mail        bool
}

//go:embed templates/*.html admin.css
var files embed.FS

// cookieName is the session cookie's name; its path is /admin/, so the
// public site never receives it.
const cookieName = "habeas_session"

// New returns the workspace.
func New(cfg Config) (*Server, error) {
	s := &Server{svc: cfg.Services, clock: cfg.Clock, log: cfg.Logger, secure: cfg.Secure, baseURL: strings.TrimRight(cfg.BaseURL, "/"), mail: cfg.Mail,
		crossOrigin: http.NewCrossOriginProtection()}
	if s.log == nil {
		s.log = slog.New(slog.DiscardHandler)
	}
	if s.clock == nil {
		s.clock = habeas.SystemClock{}
	}
	if err := s.parse(); err != nil {
		return nil, err
	}
	s.mux = http.NewServeMux()
	s.routes()
	return s, nil
}

// page registers a page of the staff: only for a signed-in account (see
// staff), and listed in StaffRoutes.
func (s *Server) page(pattern string, h staffHandler) {
	s.staffRoutes = append(s.staffRoutes, pattern)
	s.mux.HandleFunc(pattern, s.staff(h))
}

// StaffRoutes returns the patterns of every page of the staff, for the
// test that walks them all as every role.
func (s *Server) StaffRoutes() []string { return slices.Clone(s.staffRoutes) }

func (s *Server) routes() {
	m := s.mux
	m.HandleFunc("GET /admin/admin.css", s.stylesheet)
	m.HandleFunc("GET /admin/login", s.loginPage)
	m.HandleFunc("POST /admin/login", s.login)
	m.HandleFunc("GET /admin/login/code", s.codePage)
	m.HandleFunc("POST /admin/login/code", s.code)
	m.HandleFunc("GET /admin/second-factor", s.setupPage)
	m.HandleFunc("GET /admin/second-factor/qr.png", s.setupQR)
	m.HandleFunc("POST /admin/second-factor", s.setup)
	m.HandleFunc("GET /admin/link/{token}", s.linkPage)
	m.HandleFunc("POST /admin/link/{token}", s.link)
	m.HandleFunc("POST /admin/logout", s.logout)
	m.HandleFunc("GET /admin/feeds/alerts.atom", s.staffFeed)

	s.page("GET /admin/{$}", s.dashboard)
	s.page("GET /admin/alerts", s.alertsList)
	s.page("GET /admin/alerts/{id}", s.alertPage)
	s.page("POST /admin/alerts/{id}/{action}", s.alertAction)
	s.page("POST /admin/cases/{id}/thresholds", s.saveThresholds)
	s.page("GET /admin/estimates", s.unscoped(s.estimates))
	s.page("POST /admin/estimates", s.unscoped(s.saveEstimate))
	s.page("GET /admin/estimates/{id}", s.unscoped(s.estimatePage))
	s.page("POST /admin/estimates/{id}", s.unscoped(s.saveEstimate))
	s.page("GET /admin/import", s.importForm)
	s.page("POST /admin/import", s.importList)
	s.page("GET /admin/settings", s.settingsPage)
	s.page("POST /admin/settings", s.saveSettings)
	s.page("POST /admin/settings/thresholds", s.saveInstanceThresholds)
	s.page("GET /admin/webhooks", s.webhooks)
	s.page("POST /admin/webhooks", s.saveWebhook)
	s.page("GET /admin/webhooks/{id}", s.webhookPage)
	s.page("POST /admin/webhooks/{id}", s.saveWebhook)
	s.page("GET /admin/account", s.accountPage)
	s.page("POST /admin/account/password", s.changePassword)
	s.page("POST /admin/account/logout-everywhere", s.logoutEverywhere)
	s.page("POST /admin/account/feed", s.feedLink)
	s.page("POST /admin/account/mail", s.mailSubscription)
	s.page("GET /admin/people", s.people)
	s.page("GET /admin/people/new", s.unscoped(s.newPerson))
	s.page("POST /admin/people", s.createPerson)
	s.page("GET /admin/people/{id}", s.personPage)
	s.page("POST /admin/people/{id}", s.updatePerson)
	s.page("POST /admin/people/{id}/assignees", s.assign)
	s.page("POST /admin/people/{id}/photo", s.unscoped(s.photo))
	s.page("POST /admin/posts/{id}/cover", s.unscoped(s.postCover))
	s.page("GET /admin/media", s.unscoped(s.mediaList))
	s.page("POST /admin/media", s.unscoped(s.uploadMedia))
	s.page("GET /admin/media/{id}", s.unscoped(s.mediaPage))
	s.page("POST /admin/media/{id}", s.unscoped(s.saveMedia))
	s.page("GET /admin/media/{id}/{variant}", s.mediaCopy)
	s.page("GET /admin/people/{id}/merge", s.unscoped(s.mergeConfirm))
	s.page("POST /admin/people/{id}/merge", s.unscoped(s.merge))
	s.page("POST /admin/merges/{id}/undo", s.unscoped(s.undoMerge))
	s.page("GET /admin/people/{id}/cases/new", s.newCase)
	s.page("POST /admin/people/{id}/cases", s.createCase)
	s.page("GET /admin/cases/{id}", s.casePage)
	s.page("GET /admin/cases/{id}/edit", s.editCase)
	s.page("POST /admin/cases/{id}/edit", s.updateCase)
	s.page("GET /admin/cases/{id}/events/new", s.newEvent)
	s.page("POST /admin/cases/{id}/events", s.saveEvent)
	s.page("GET /admin/events/{id}", s.eventPage)
	s.page("POST /admin/events/{id}", s.saveEvent)
	s.page("POST /admin/people/{id}/memberships", s.saveMembership)
	s.page("GET /admin/memberships/{id}", s.membershipPage)
	s.page("POST /admin/memberships/{id}", s.saveMembership)
	s.page("POST /admin/cases/{id}/interventions", s.saveIntervention)
	s.page("GET /admin/interventions/{id}", s.interventionPage)
	s.page("POST /admin/interventions/{id}", s.saveIntervention)
	s.page("GET /admin/sources", s.sources)
	s.page("POST /admin/sources", s.saveSource)
	s.page("GET /admin/sources/{id}", s.sourcePage)
	s.page("POST /admin/sources/{id}", s.saveSource)
	s.page("GET /admin/delete/{kind}/{id}", s.deletePage)
	s.page("POST /admin/delete/{kind}/{id}", s.deleteRecord)
	s.page("POST /admin/cases/{id}/quick", s.quickEvent)
	s.page("GET /admin/organizations", s.organizations)
	s.page("POST /admin/organizations", s.saveOrganization)
	s.page("GET /admin/organizations/{id}", s.organizationPage)
	s.page("POST /admin/organizations/{id}", s.saveOrganization)
	s.page("GET /admin/facilities", s.facilities)
	s.page("POST /admin/facilities", s.saveFacility)
	s.page("GET /admin/facilities/{id}", s.facilityPage)
	s.page("POST /admin/facilities/{id}", s.saveFacility)
	s.page("GET /admin/posts", s.unscoped(s.posts))
	s.page("GET /admin/posts/new", s.unscoped(s.newPost))
	s.page("POST /admin/posts", s.unscoped(s.savePost))
	s.page("GET /admin/posts/{id}", s.unscoped(s.postPage))
	s.page("POST /admin/posts/{id}", s.unscoped(s.savePost))
	s.page("GET /admin/inbox", s.unscoped(s.inbox))
	s.page("POST /admin/comments/{id}", s.unscoped(s.moderate))
	s.page("POST /admin/tips/{id}", s.unscoped(s.markTip))
	s.page("GET /admin/history/{kind}/{id}", s.history)
	s.page("POST /admin/history/{kind}/{id}/restore", s.restore)
	s.page("GET /admin/audit", s.auditLog)
	s.page("GET /admin/users", s.users)
	s.page("POST /admin/users", s.addUser)
	s.page("POST /admin/users/{id}/{action}", s.userAction)
	s.page("POST /admin/second-factor-roles", s.secondFactorRoles)
	m.HandleFunc("/admin/", s.notFound)
}

// ServeHTTP answers a request under /admin/. Nothing of the workspace
// may be kept by a browser's or a proxy's cache, nor framed, nor sent
// with a referrer.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Cache-Control", "no-store")
	h.Set("Content-Security-Policy", "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
	h.Set("X-Frame-Options", "DENY")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "no-referrer")
	if r.Method == http.MethodPost {
		// Every form of the workspace is posted from its own pages.
		if err := s.crossOrigin.Check(r); err != nil {
			s.fail(w, r, http.StatusForbidden, "This form can only be sent from the workspace’s own pages.")
			return
		}
		limit := int64(1 << 20)
		if strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/form-data") {
			limit = maxUpload
		}
		r.Body = http.MaxBytesReader(w, r.Body, limit)
	}
	s.mux.ServeHTTP(w, r)
}

// staffHandler is a page for a logged-in staff member.
type staffHandler func(w http.ResponseWriter, r *http.Request, c *caller)

// caller is who is asking: the user and the session's token.
type caller struct {
	*habeas.User
	token string
}

// CSRF is the form token of the session: a value a page of another site
// cannot know, checked on every post besides the origin check.
func (c *caller) CSRF() string { return csrfOf(c.token) }

func csrfOf(token string) string {
	h := sha256.Sum256([]byte("habeas form\x00" + token))
	return hex.EncodeToString(h[:16])
}

// staff wraps a page that needs a complete login: without one the
// browser goes to the login (and back here after), and a login waiting
// for its second factor goes to that step.
func (s *Server) staff(h staffHandler) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		token := s.token(r)
		u, sess, mustSetUp, err := s.svc.SessionUser(r.Context(), token)
		switch {
		case habeas.ErrorCode(err) == habeas.EUNAUTHORIZED:
			s.clearCookie(w)
			next := r.URL.Path
			if r.Method != http.MethodGet {
				next = "/admin/"
			}
			http.Redirect(w, r, "/admin/login?next="+url.QueryEscape(next), http.StatusSeeOther)
			return
		case err != nil:
			s.serverError(w, r, err)
			return
		case mustSetUp:
			http.Redirect(w, r, "/admin/second-factor", http.StatusSeeOther)
			return
		case !sess.SecondFactor:
			http.Redirect(w, r, "/admin/login/code", http.StatusSeeOther)
			return
		}
		c := &caller{User: u, token: token}
		if r.Method == http.MethodPost && !c.CanWrite() && !strings.HasPrefix(r.URL.Path, "/admin/account/") {
			// A role that only reads is refused before its form is read,
			// as the API refuses it before its body; the store would.
			s.refused(w, r, habeas.MayWrite(c.User))
			return
		}
		if r.Method == http.MethodPost {
			var err error
			if strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/form-data") {
				// Up to 32 MB in memory: a file is at most 20 MB.
				err = r.ParseMultipartForm(32 << 20)
			} else {
				err = r.ParseForm()
			}
			if err != nil {
				s.fail(w, r, http.StatusBadRequest, "The form could not be read.")
				return
			}
			if subtle.ConstantTimeCompare([]byte(r.PostFormValue("csrf")), []byte(c.CSRF())) != 1 {
				s.fail(w, r, http.StatusForbidden, "This form has expired: open the page again and send it from there.")
				return
			}
		}
		h(w, r, c)
	}
}

func (s *Server) token(r *http.Request) string {
	if c, err := r.Cookie(cookieName); err == nil {
		return c.Value
	}
	return ""
}

func (s *Server) setCookie(w http.ResponseWriter, token string) {
	http.SetCookie(w, &http.Cookie{Name: cookieName, Value: token, Path: "/admin/", HttpOnly: true,
		Secure: s.secure, SameSite: http.SameSiteLaxMode, MaxAge: int(habeas.SessionMax.Seconds())})
}

func (s *Server) clearCookie(w http.ResponseWriter) {
	http.SetCookie(w, &http.Cookie{Name: cookieName, Value: "", Path: "/admin/", HttpOnly: true,
		Secure: s.secure, SameSite: http.SameSiteLaxMode, MaxAge: -1})
}

// client is the address the back-off counts, as the connection gives it.
func client(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return ""
	}
	return host
}

// nextPath keeps a post-login destination inside the workspace.
func nextPath(v string) string {
	if strings.HasPrefix(v, "/admin/") && !strings.HasPrefix(v, "//") && !strings.ContainsAny(v, "\\\r\n") {
		return v
	}
	return "/admin/"
}

// failed reports whether err is a refusal the page shows to its user
// (anything with an error code), as opposed to a fault of the server.
func failed(err error) bool {
	var e *habeas.Error
	return errors.As(err, &e)
}
