package admin

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"codeberg.org/habeas/habeas"
)

// entry is an audit entry as a page shows it: what changed, field by
// field, beside who and when.
type entry struct {
	habeas.AuditEntry
	Changes []change
	Detail  string // an installation event's details, as JSON
	// Restore, on a record's history, is the address that puts the
	// record back as this entry left it, and CSRF the form's token.
	Restore, CSRF string
}

type change struct{ Field, Before, After string }

// changes lists the top-level fields whose values differ between before
// and after, each as compact JSON.
func changes(before, after json.RawMessage) []change {
	var b, a map[string]json.RawMessage
	json.Unmarshal(before, &b)
	json.Unmarshal(after, &a)
	var keys []string
	for k := range a {
		keys = append(keys, k)
	}
	for k := range b {
		if _, ok := a[k]; !ok {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	var out []change
	for _, k := range keys {
		if k == "updated_at" || k == "created_at" {
			continue
		}
		if !bytes.Equal(b[k], a[k]) {
			out = append(out, change{k, shown(b[k]), shown(a[k])})
		}
	}
	return out
}

func shown(v json.RawMessage) string {
	if len(v) == 0 {
		return "—"
	}
	s := string(v)
	if len(s) > 600 {
		s = s[:600] + "…"
	}
	return s
}

func entries(es []habeas.AuditEntry) []entry {
	out := make([]entry, len(es))
	for i, e := range es {
		out[i] = entry{AuditEntry: e}
		if e.Kind != "" {
			out[i].Changes = changes(e.Before, e.After)
		} else if len(e.After) > 0 {
			out[i].Detail = shown(e.After)
		}
	}
	return out
}

type historyPage struct {
	Kind    string
	ID      int64
	Back    string
	Entries []entry
	// Restored is the entry the record was just put back to.
	Restored string
}

// historyBack is, for each kind of record whose history the workspace
// shows, the address of its page (the id follows a trailing slash).
var historyBack = map[string]string{"person": "/admin/people/", "case": "/admin/cases/", "source": "/admin/sources/",
	"organization": "/admin/organizations/", "facility": "/admin/facilities/", "post": "/admin/posts/", "event": "/admin/events/",
	"intervention": "/admin/interventions/", "membership": "/admin/memberships/"}

// history is a record's history from the audit chain: who changed what,
// when, before and after. Entries more restricted than the reader are
// listed without their values.
func (s *Server) history(w http.ResponseWriter, r *http.Request, c *caller) {
	kind := r.PathValue("kind")
	back := historyBack[kind]
	id, ok := pathID(r)
	if back == "" || !ok {
		s.notFound(w, r)
		return
	}
	es, err := s.svc.History(r.Context(), c.User, kind, id)
	if err != nil {
		s.refused(w, r, err)
		return
	}
	slices.Reverse(es) // newest first
	if strings.HasSuffix(back, "/") {
		back += r.PathValue("id")
	}
	p := historyPage{Kind: kind, ID: id, Back: back, Entries: entries(es), Restored: r.URL.Query().Get("restored")}
	if c.CanWrite() && slices.Contains(habeas.Restorable, kind) {
		// Every earlier whole version, not the newest: that is the record.
		for i := range p.Entries {
			if e := &p.Entries[i]; i > 0 && !e.Withheld && habeas.Versioned(e.Action) && wholeVersion(e.After, id) {
				e.Restore, e.CSRF = fmt.Sprintf("/admin/history/%s/%d/restore", kind, id), c.CSRF()
			}
		}
	}
	s.render(w, r, http.StatusOK, "history", view{Title: "History of " + kind + " " + r.PathValue("id"), Nav: "people", User: c, Page: p})
}

// wholeVersion says an entry's after holds the whole record id (a creation
// or a change; not an assignment or new alert thresholds).
func wholeVersion(after json.RawMessage, id int64) bool {
	var v struct {
		ID int64 `json:"id"`
	}
	return json.Unmarshal(after, &v) == nil && v.ID == id
}

// restore puts a record back as an entry of its history left it.
func (s *Server) restore(w http.ResponseWriter, r *http.Request, c *caller) {
	kind := r.PathValue("kind")
	id, ok := pathID(r)
	entryID, err := strconv.ParseInt(r.PostFormValue("entry"), 10, 64)
	if !ok || err != nil {
		s.notFound(w, r)
		return
	}
	if err := s.svc.Restore(r.Context(), c.User, kind, id, entryID); err != nil {
		s.refused(w, r, err)
		return
	}
	http.Redirect(w, r, fmt.Sprintf("/admin/history/%s/%d?restored=%d", kind, id, entryID), http.StatusSeeOther)
}

type auditPage struct {
	Filter  habeas.AuditFilter
	Since   string
	Entries []entry
	Next    string
	Actions []string
}

// auditLog is the admins' view of the whole chain, newest first.
func (s *Server) auditLog(w http.ResponseWriter, r *http.Request, c *caller) {
	q := r.URL.Query()
	f := habeas.AuditFilter{Actor: strings.TrimSpace(q.Get("actor")), Action: q.Get("action"), Kind: q.Get("kind"),
		ListOptions: habeas.ListOptions{Limit: 100, Cursor: q.Get("cursor")}}
	p := auditPage{Since: q.Get("since"), Actions: []string{habeas.AuditCreate, habeas.AuditUpdate, habeas.AuditDelete,
		habeas.AuditMerge, habeas.AuditUndoMerge, habeas.AuditImport, habeas.AuditLogin, habeas.AuditLoginFailed,
		habeas.AuditExport, habeas.AuditRoleChange, habeas.AuditKeyRotation, habeas.AuditView}}
	if p.Since != "" {
		t, err := time.Parse(time.DateOnly, p.Since)
		if err != nil {
			s.fail(w, r, http.StatusBadRequest, "The date to start from must be written as 2025-05-15.")
			return
		}
		f.Since = t
	}
	page, err := s.svc.AuditLog(r.Context(), c.User, f)
	if err != nil {
		s.refused(w, r, err)
		return
	}
	p.Filter, p.Entries = f, entries(page.Items)
	if page.NextCursor != "" {
		v := url.Values{"actor": {f.Actor}, "action": {f.Action}, "kind": {f.Kind}, "since": {p.Since}, "cursor": {page.NextCursor}}
		p.Next = "/admin/audit?" + v.Encode()
	}
	s.render(w, r, http.StatusOK, "audit", view{Title: "Audit log", Nav: "audit", User: c, Page: p})
}
