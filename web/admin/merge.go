package admin

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"codeberg.org/habeas/habeas"
)

// mergePage asks before folding a duplicate into a person: both records
// side by side, and what the merge will move.
type mergePage struct {
	Caller              *caller
	Survivor, Duplicate *habeas.Person
	Problem             string
}

func (s *Server) mergeIDs(r *http.Request) (survivor, duplicate int64, ok bool) {
	survivor, ok = pathID(r)
	d, err := strconv.ParseInt(strings.TrimSpace(r.FormValue("duplicate")), 10, 64)
	return survivor, d, ok && err == nil && d > 0
}

// mergeConfirm shows the two records side by side.
func (s *Server) mergeConfirm(w http.ResponseWriter, r *http.Request, c *caller) {
	sid, did, ok := s.mergeIDs(r)
	if !ok {
		s.fail(w, r, http.StatusBadRequest, "Give the number of the record to merge into this one.")
		return
	}
	ctx := r.Context()
	p := &mergePage{Caller: c}
	var err error
	if p.Survivor, err = s.svc.Person(ctx, c.Access(), sid); err == nil {
		p.Duplicate, err = s.svc.Person(ctx, c.Access(), did)
	}
	if err != nil {
		s.refused(w, r, err)
		return
	}
	if sid == did {
		s.fail(w, r, http.StatusBadRequest, "A record cannot be merged into itself.")
		return
	}
	s.render(w, r, http.StatusOK, "merge", view{Title: "Merge two records", Nav: "people", User: c, Page: p})
}

// merge folds the duplicate into the person, through the store's guarded
// merge, and offers to undo it.
func (s *Server) merge(w http.ResponseWriter, r *http.Request, c *caller) {
	sid, did, ok := s.mergeIDs(r)
	if !ok {
		s.fail(w, r, http.StatusBadRequest, "Give the number of the record to merge into this one.")
		return
	}
	m, err := s.svc.MergePeople(r.Context(), c.User, sid, did)
	if err != nil {
		s.refused(w, r, err)
		return
	}
	http.Redirect(w, r, fmt.Sprintf("/admin/people/%d?merged=%d", sid, m.ID), http.StatusSeeOther)
}

func (s *Server) undoMerge(w http.ResponseWriter, r *http.Request, c *caller) {
	id, ok := pathID(r)
	if !ok {
		s.notFound(w, r)
		return
	}
	if err := s.svc.UndoMerge(r.Context(), c.User, id); err != nil {
		s.refused(w, r, err)
		return
	}
	back := "/admin/people"
	if p, err := strconv.ParseInt(r.PostFormValue("person"), 10, 64); err == nil && p > 0 {
		back = fmt.Sprintf("/admin/people/%d?unmerged=1", p)
	}
	http.Redirect(w, r, back, http.StatusSeeOther)
}
