package api

import (
	"context"
	"net/http"
	"strconv"

	"codeberg.org/habeas/habeas"
)

// resource wires the five operations of one collection to a service. The
// handlers decide nothing about access: every write goes to the service
// with the acting user, and the service decides inside its transaction.
type resource[T any] struct {
	path string // "/api/v1/people"
	get  func(ctx context.Context, a habeas.Access, id int64) (*T, error)
	// bySlug, when set, lets GET name the record by its slug instead of
	// its id (/api/v1/people/elvin-mustafayev), as the site's addresses do.
	bySlug func(ctx context.Context, a habeas.Access, slug string) (*T, error)
	list   func(r *http.Request, q *query) (habeas.Page[T], error) // nil when listed otherwise
	create func(ctx context.Context, u *habeas.User, v *T) error
	update func(ctx context.Context, u *habeas.User, v *T) error
	delete func(ctx context.Context, u *habeas.User, id int64) error
	id     func(v *T) *int64
	// created, when set, makes the body of a 201 from the stored record.
	created func(r *http.Request, v *T) (any, error)
}

func register[T any](s *Server, res resource[T]) {
	item := res.path + "/{id}"
	if res.list != nil {
		s.handle("GET", res.path, func(w http.ResponseWriter, r *http.Request) {
			page, err := res.list(r, newQuery(r))
			if err != nil {
				s.error(w, r, err)
				return
			}
			writeJSON(w, http.StatusOK, page)
		})
	}
	s.handle("GET", item, func(w http.ResponseWriter, r *http.Request) {
		var v *T
		id, err := pathID(r)
		switch slug := r.PathValue("id"); {
		case err == nil:
			var a habeas.Access
			if a, err = s.recordAccess(r, res.path, id); err == nil {
				v, err = res.get(r.Context(), a, id)
			}
		case res.bySlug != nil && habeas.IsSlug(slug):
			// Filtered by visibility like the id: a hidden record's
			// slug answers as a missing one's.
			v, err = res.bySlug(r.Context(), access(r), slug)
		case res.bySlug != nil:
			err = &habeas.Error{Code: habeas.EBADREQUEST, Message: "invalid id",
				Fields: map[string]string{"id": "must be a positive whole number or a slug (lower-case letters, digits and hyphens)"}}
		}
		if err != nil {
			s.error(w, r, err)
			return
		}
		writeJSON(w, http.StatusOK, v)
	})
	if res.create != nil { // else created otherwise (an upload)
		s.handle("POST", res.path, func(w http.ResponseWriter, r *http.Request) { create(s, res, w, r) })
	}
	s.handle("PUT", item, func(w http.ResponseWriter, r *http.Request) {
		var v T
		id, err := pathID(r)
		if err == nil {
			err = s.decodeWrite(w, r, &v, true)
		}
		if err != nil {
			s.error(w, r, err)
			return
		}
		*res.id(&v) = id
		if err := res.update(r.Context(), userOf(r), &v); err != nil {
			s.error(w, r, err)
			return
		}
		writeFresh(s, w, r, res, id, http.StatusOK)
	})
	s.handle("DELETE", item, func(w http.ResponseWriter, r *http.Request) {
		id, err := pathID(r)
		if err == nil {
			err = res.delete(r.Context(), userOf(r), id)
		}
		if err != nil {
			s.error(w, r, err)
			return
		}
		w.WriteHeader(http.StatusNoContent)
	})
}

// decodeWrite reads the body of a write. A request that could never write
// (no token, or a role that only reads) is answered so before its body is
// read; the service decides everything else.
func (s *Server) decodeWrite(w http.ResponseWriter, r *http.Request, v any, needVisibility bool) error {
	if err := habeas.MayWrite(userOf(r)); err != nil {
		return err
	}
	return decode(w, r, v, needVisibility)
}

// writeFresh answers a write with the record as stored, read back at the
// writer's access.
func writeFresh[T any](s *Server, w http.ResponseWriter, r *http.Request, res resource[T], id int64, status int) {
	a, err := s.recordAccess(r, res.path, id)
	var v *T
	if err == nil {
		v, err = res.get(r.Context(), a, id)
	}
	if err != nil {
		s.error(w, r, err)
		return
	}
	writeJSON(w, status, v)
}

func pathID(r *http.Request) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, &habeas.Error{Code: habeas.EBADREQUEST, Message: "invalid id",
			Fields: map[string]string{"id": "must be a positive whole number"}}
	}
	return id, nil
}

// checked runs f only when the parameters read so far are valid. A filter
// value the store finds invalid is a bad request, like any bad parameter.
func checked[T any](q *query, f func() (habeas.Page[T], error)) (habeas.Page[T], error) {
	if err := q.err(); err != nil {
		return habeas.Page[T]{}, err
	}
	page, err := f()
	if habeas.ErrorCode(err) == habeas.EINVALID {
		err = &habeas.Error{Code: habeas.EBADREQUEST, Message: "invalid query parameters", Fields: habeas.ErrorFields(err)}
	}
	return page, err
}

func (s *Server) registerResources() {
	s.registerPeople()
	s.registerAssignments()
	s.registerOrganizations()
	s.registerMemberships()
	s.registerFacilities()
	s.registerPosts()
	s.registerComments()
	s.registerTips()
	s.registerCases()
	s.registerSources()
	s.registerInterventions()
	s.registerEvents()
	s.registerAlerts()
	s.registerWebhooks()
	s.registerStats()
	s.registerSearch()
	s.registerSettings()
	s.registerInstanceThresholds()
	s.registerMedia()
	s.handle("POST", "/api/v1/imports", s.importCSV)
	s.registerAudit()
}

// create answers a POST of a new record: 201 with the record as stored.
func create[T any](s *Server, res resource[T], w http.ResponseWriter, r *http.Request) {
	var v T
	if err := s.decodeWrite(w, r, &v, true); err != nil {
		s.error(w, r, err)
		return
	}
	*res.id(&v) = 0
	if err := res.create(r.Context(), userOf(r), &v); err != nil {
		s.error(w, r, err)
		return
	}
	w.Header().Set("Location", res.path+"/"+strconv.FormatInt(*res.id(&v), 10))
	if res.created != nil {
		body, err := res.created(r, &v)
		if err != nil {
			s.error(w, r, err)
			return
		}
		writeJSON(w, http.StatusCreated, body)
		return
	}
	writeFresh(s, w, r, res, *res.id(&v), http.StatusCreated)
}
