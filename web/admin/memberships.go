package admin

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"codeberg.org/habeas/habeas"
)

// A person's memberships of organizations: listed and added on the
// person's page, each edited on its own.

func (s *Server) membershipPage(w http.ResponseWriter, r *http.Request, c *caller) {
	id, ok := pathID(r)
	if !ok {
		s.notFound(w, r)
		return
	}
	_, m, err := fileRecord(s, r, c, "membership", id, s.svc.Membership)
	if err != nil {
		s.refused(w, r, err)
		return
	}
	f := &recordForm[habeas.Membership]{Caller: c, Record: *m, Saved: r.URL.Query().Get("saved") != ""}
	s.render(w, r, http.StatusOK, "membership", view{Title: "Membership", Nav: "people", User: c, Page: f})
}

// saveMembership adds a membership to the person in the path
// (/admin/people/{id}/memberships) or changes the one in the path
// (/admin/memberships/{id}).
func (s *Server) saveMembership(w http.ResponseWriter, r *http.Request, c *caller) {
	ctx := r.Context()
	id, ok := pathID(r)
	if !ok {
		s.notFound(w, r)
		return
	}
	existing := strings.HasPrefix(r.URL.Path, "/admin/memberships/")
	m := habeas.Membership{PersonID: id}
	if existing {
		_, old, err := fileRecord(s, r, c, "membership", id, s.svc.Membership)
		if err != nil {
			s.refused(w, r, err)
			return
		}
		m = *old
	}
	f := r.PostForm
	bad := map[string]string{}
	org, err := strconv.ParseInt(strings.TrimSpace(f.Get("organization_id")), 10, 64)
	if err != nil || org <= 0 {
		bad["organization_id"] = "the organization's number, as its page shows it"
	}
	m.OrganizationID = org
	m.Role, m.Since, m.Until = strings.TrimSpace(f.Get("role")), strings.TrimSpace(f.Get("since")), strings.TrimSpace(f.Get("until"))
	m.SourceIDs = ids(f.Get("source_ids"), bad, "source_ids")
	if err := m.Visibility.UnmarshalText([]byte(f.Get("visibility"))); err != nil {
		bad["visibility"] = "choose who may see this membership"
	}
	err = nil
	if len(bad) == 0 {
		if existing {
			err = s.svc.UpdateMembership(ctx, c.User, &m)
		} else {
			err = s.svc.CreateMembership(ctx, c.User, &m)
		}
		if err == nil {
			http.Redirect(w, r, fmt.Sprintf("/admin/memberships/%d?saved=1", m.ID), http.StatusSeeOther)
			return
		}
		if !failed(err) {
			s.serverError(w, r, err)
			return
		}
		if _, badPerson := habeas.ErrorFields(err)["person_id"]; badPerson && !existing {
			s.refused(w, r, habeas.Errorf(habeas.ENOTFOUND, "person %d not found", id))
			return
		}
	}
	form := &recordForm[habeas.Membership]{Caller: c, Record: m, Errors: bad,
		Problem: "The membership was not saved: see the fields marked below."}
	if err != nil {
		form.Problem, form.Errors = problem(err, form.Problem)
	}
	s.render(w, r, statusOf(err), "membership", view{Title: "Membership", Nav: "people", User: c, Page: form})
}
