// Package api serves the JSON API under /api/v1/ and its OpenAPI document
// at /api/openapi.json. Anonymous reads see public data only; writes and
// internal reads need a bearer token of a staff account.
package api

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"strings"

	"codeberg.org/habeas/habeas"
	"codeberg.org/habeas/habeas/internal/reply"
)

// MaxBodyBytes bounds a request body.
const MaxBodyBytes = 1 << 20

// Config is what the API needs.
type Config struct {
	// Services is the storage the API reads and writes through.
	Services habeas.Services
	Clock    habeas.Clock
	Logger   *slog.Logger
}

// Server is the JSON API.
type Server struct {
	cfg    Config
	mux    *http.ServeMux
	routes []route // what is served, for the OpenAPI parity test
}

type route struct{ method, path string }

// New returns the API with every route registered.
func New(cfg Config) *Server {
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	s := &Server{cfg: cfg, mux: http.NewServeMux()}
	s.registerResources()
	s.handle("GET", "/api/openapi.json", s.openAPI)
	return s
}

// handle registers a handler and remembers the route.
func (s *Server) handle(method, path string, h http.HandlerFunc) {
	s.routes = append(s.routes, route{method, path})
	s.mux.HandleFunc(method+" "+path, h)
}

// ServeHTTP authenticates the request, then routes it. Unknown paths and
// methods get JSON errors too.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	outer := r // the request the caller holds, a copy of which is routed
	w.Header().Set("X-Content-Type-Options", "nosniff")
	aw := &apiWriter{ResponseWriter: w, log: s.cfg.Logger, r: r}
	w = aw
	user, err := s.authenticate(r)
	if err != nil {
		w.Header().Set("Cache-Control", "no-store")
		s.error(w, r, err)
		return
	}
	if user != nil {
		ctx := context.WithValue(r.Context(), userKey{}, user)
		r = r.WithContext(habeas.WithAccess(ctx, user.Access()))
		// What a token may read is kept by no cache.
		w.Header().Set("Cache-Control", "no-store")
	} else {
		// Public data: a client may keep it, asking each time whether it
		// changed (its ETag).
		w.Header().Set("Cache-Control", "no-cache")
	}
	reply.AddVary(w.Header(), "Authorization")
	aw.r = r // as routed: its Pattern is set below
	h, pattern := s.mux.Handler(r)
	outer.Pattern = pattern // for the request counts of /metrics
	if pattern == "" {
		// The mux's own 404/405 answers are text; ours are JSON.
		rec := &statusOnly{header: http.Header{}}
		h.ServeHTTP(rec, r)
		if rec.code == http.StatusMethodNotAllowed {
			w.Header().Set("Allow", rec.header.Get("Allow"))
			s.error(w, r, &habeas.Error{Code: habeas.EMETHODNOTALLOWED, Message: r.Method + " is not allowed here"})
			return
		}
		s.error(w, r, habeas.Errorf(habeas.ENOTFOUND, "no such API route: %s", r.URL.Path))
		return
	}
	s.mux.ServeHTTP(w, r)
}

// statusOnly records what the mux would answer, without a body.
type statusOnly struct {
	header http.Header
	code   int
}

func (s *statusOnly) Header() http.Header         { return s.header }
func (s *statusOnly) Write(b []byte) (int, error) { return len(b), nil }
func (s *statusOnly) WriteHeader(code int)        { s.code = code }

type userKey struct{}

// authenticate returns the user of a bearer token; nil without one. A
// token that is given but wrong is an error even for reads, so a client
// never silently sees less than it thinks.
func (s *Server) authenticate(r *http.Request) (*habeas.User, error) {
	h := r.Header.Get("Authorization")
	if h == "" {
		return nil, nil
	}
	// The scheme is case-insensitive (RFC 9110, section 11.1): "bearer x" is
	// the same as "Bearer x".
	scheme, token, ok := strings.Cut(h, " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") {
		return nil, habeas.Errorf(habeas.EUNAUTHORIZED, "the Authorization header must be \"Bearer <token>\"")
	}
	return s.cfg.Services.UserByToken(r.Context(), strings.TrimSpace(token))
}

func userOf(r *http.Request) *habeas.User {
	u, _ := r.Context().Value(userKey{}).(*habeas.User)
	return u
}

// caseFileKinds names the records of case files by their collection's path,
// for recordAccess.
var caseFileKinds = map[string]string{"/api/v1/people": "person", "/api/v1/cases": "case", "/api/v1/events": "event",
	"/api/v1/interventions": "intervention", "/api/v1/memberships": "membership", "/api/v1/alerts": "alert"}

// recordAccess is what the request's reader may see of the record id of
// the collection at path: access(r), and for a volunteer more of the case
// files assigned to them (the store says which, from the database).
func (s *Server) recordAccess(r *http.Request, path string, id int64) (habeas.Access, error) {
	u := userOf(r)
	kind, ok := caseFileKinds[path]
	if !ok || !u.Scoped() {
		return access(r), nil
	}
	return s.cfg.Services.AccessTo(r.Context(), u, kind, id)
}

// access is what the request's reader may see.
func access(r *http.Request) habeas.Access {
	if u := userOf(r); u != nil {
		return u.Access()
	}
	return habeas.Public
}

type errorBody struct {
	Error errorDetail `json:"error"`
}

type errorDetail struct {
	Code    string            `json:"code"`
	Message string            `json:"message"`
	Fields  map[string]string `json:"fields,omitempty"`
}

// error writes err as JSON. Internal errors are logged and not shown.
func (s *Server) error(w http.ResponseWriter, r *http.Request, err error) {
	code := habeas.ErrorCode(err)
	status := habeas.HTTPStatus(code)
	if status == http.StatusInternalServerError {
		var e *habeas.Error
		if !errors.As(err, &e) {
			code = habeas.EINTERNAL
		}
		if gone(r) {
			// The client hung up and the work was cancelled: not our fault.
			s.cfg.Logger.Debug("api: client gone", "method", r.Method, "route", r.Pattern, "err", err)
		} else {
			s.cfg.Logger.Error("api", "method", r.Method, "route", r.Pattern, "err", err)
		}
	}
	if status == http.StatusUnauthorized {
		w.Header().Set("WWW-Authenticate", `Bearer realm="habeas"`)
	}
	writeJSON(w, status, errorBody{errorDetail{Code: code, Message: habeas.ErrorMessage(err), Fields: habeas.ErrorFields(err)}})
}

// gone reports whether the request was cancelled because its client went
// away. The store's error may not wrap context.Canceled, so the request's
// own context is asked too.
func gone(r *http.Request) bool {
	return errors.Is(r.Context().Err(), context.Canceled)
}
