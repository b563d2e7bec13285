package admin

import (
	"context"
	"fmt"
	"net/http"
	"strconv"

	"codeberg.org/habeas/habeas"
)

// Can says whether the caller's role may do p (habeas.Permissions), for
// the templates: a page offers only what the store would accept.
func (c *caller) Can(p string) bool { return c.May(habeas.Permission(p)) }

// fileAccess is what the caller may read of the record kind/id of a case
// file and of everything of its person. A volunteer's case files are the
// people assigned to them: any other is answered as missing, as the
// store answers their writes.
func (s *Server) fileAccess(r *http.Request, c *caller, kind string, id int64) (habeas.Access, error) {
	a, err := s.svc.AccessTo(r.Context(), c.User, kind, id)
	if err == nil && c.Scoped() && a < c.Grant() {
		err = habeas.Errorf(habeas.ENOTFOUND, "%s %d not found", kind, id)
	}
	return a, err
}

// fileRecord reads the record kind/id of a case file with get, at what the
// caller may read of it (see fileAccess), and returns that access too, for
// the records of its person read after it.
func fileRecord[T any](s *Server, r *http.Request, c *caller, kind string, id int64,
	get func(context.Context, habeas.Access, int64) (*T, error)) (habeas.Access, *T, error) {
	a, err := s.fileAccess(r, c, kind, id)
	if err != nil {
		return a, nil, err
	}
	v, err := get(r.Context(), a, id)
	return a, v, err
}

// unscoped keeps a page from volunteers: it is not part of a case file
// (the news, the inbox, merging).
func (s *Server) unscoped(h staffHandler) staffHandler {
	return func(w http.ResponseWriter, r *http.Request, c *caller) {
		if c.Scoped() {
			s.refused(w, r, habeas.Forbidden(c.User, habeas.ReadInternal))
			return
		}
		h(w, r, c)
	}
}

// assign gives the person's case file to a volunteer, or takes it back.
func (s *Server) assign(w http.ResponseWriter, r *http.Request, c *caller) {
	id, ok := pathID(r)
	volunteer, err := strconv.ParseInt(r.PostFormValue("user"), 10, 64)
	if !ok || err != nil {
		s.fail(w, r, http.StatusUnprocessableEntity, "Choose a volunteer.")
		return
	}
	if r.PostFormValue("action") == "unassign" {
		_, err = s.svc.Unassign(r.Context(), c.User, volunteer, id)
	} else {
		_, err = s.svc.Assign(r.Context(), c.User, volunteer, id)
	}
	if reason := habeas.ErrorFields(err)["user_id"]; reason != "" {
		s.fail(w, r, http.StatusUnprocessableEntity, "The file was not assigned: "+reason+".")
		return
	}
	if err != nil {
		s.refused(w, r, err)
		return
	}
	http.Redirect(w, r, fmt.Sprintf("/admin/people/%d?saved=1", id), http.StatusSeeOther)
}
