package admin

import (
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"

	"codeberg.org/habeas/habeas"
	"codeberg.org/habeas/habeas/media"
)

// Evidence files: listed, taken in (JPEG, PNG, WebP, PDF), described and
// withdrawn. The store checks each file by its bytes, hashes it and keeps
// the original byte for byte; an image's copies carry no metadata. Who
// took in, viewed and downloaded each file is in the audit chain.

// mediaPage is the list of files or one file, with its form.
type mediaPage struct {
	Caller  *caller
	List    []habeas.Media
	Next    string
	Record  habeas.Media
	Errors  map[string]string
	Problem string
	Saved   bool
	Added   bool
}

func (p *mediaPage) Err(field string) string { return p.Errors[field] }

// IsImage says the file has copies to show.
func (p *mediaPage) IsImage() bool {
	return p.Record.ContentType != media.PDF && p.Record.ContentType != ""
}

func (s *Server) mediaList(w http.ResponseWriter, r *http.Request, c *caller) {
	page, err := s.svc.ListMedia(r.Context(), c.Access(), habeas.ListOptions{Limit: 100, Cursor: r.URL.Query().Get("cursor")})
	if err != nil {
		s.refused(w, r, err)
		return
	}
	p := &mediaPage{Caller: c, List: page.Items, Record: habeas.Media{Visibility: habeas.Internal}}
	if page.NextCursor != "" {
		p.Next = "/admin/media?cursor=" + page.NextCursor
	}
	s.render(w, r, http.StatusOK, "media", view{Title: "Evidence files", Nav: "media", User: c, Page: p})
}

func (s *Server) mediaPage(w http.ResponseWriter, r *http.Request, c *caller) {
	id, ok := pathID(r)
	if !ok {
		s.notFound(w, r)
		return
	}
	m, err := s.svc.Media(r.Context(), c.Access(), id)
	if err != nil {
		s.refused(w, r, err)
		return
	}
	q := r.URL.Query()
	p := &mediaPage{Caller: c, Record: *m, Saved: q.Get("saved") != "", Added: q.Get("added") != ""}
	s.render(w, r, http.StatusOK, "medium", view{Title: "Evidence file " + strconv.FormatInt(id, 10), Nav: "media", User: c, Page: p})
}

// uploadMedia takes in a file (multipart: file, alt, caption, visibility).
func (s *Server) uploadMedia(w http.ResponseWriter, r *http.Request, c *caller) {
	m := habeas.Media{Alt: strings.TrimSpace(r.PostFormValue("alt")), Caption: strings.TrimSpace(r.PostFormValue("caption"))}
	bad := map[string]string{}
	if err := m.Visibility.UnmarshalText([]byte(r.PostFormValue("visibility"))); err != nil {
		bad["visibility"] = "choose who may see the file"
	}
	var data []byte
	file, head, err := r.FormFile("file")
	if err != nil {
		bad["file"] = "choose a file: JPEG, PNG, WebP or PDF, at most 20 MB"
	} else {
		defer file.Close()
		m.Filename = head.Filename
		if data, err = io.ReadAll(io.LimitReader(file, media.MaxBytes+1)); err != nil {
			bad["file"] = "the file could not be read: send it again"
		}
	}
	if len(bad) == 0 {
		if err = s.svc.CreateMedia(r.Context(), c.User, &m, data); err == nil {
			http.Redirect(w, r, fmt.Sprintf("/admin/media/%d?added=1", m.ID), http.StatusSeeOther)
			return
		}
		if !failed(err) {
			s.serverError(w, r, err)
			return
		}
	}
	page, lerr := s.svc.ListMedia(r.Context(), c.Access(), habeas.ListOptions{Limit: 100})
	if lerr != nil {
		s.refused(w, r, lerr)
		return
	}
	p := &mediaPage{Caller: c, List: page.Items, Record: m, Errors: bad, Problem: "The file was not taken in: see the fields marked below."}
	if len(bad) == 0 {
		p.Problem, p.Errors = problem(err, p.Problem)
	}
	status := statusOf(err)
	if len(bad) > 0 {
		status = http.StatusUnprocessableEntity
	}
	s.render(w, r, status, "media", view{Title: "Evidence files", Nav: "media", User: c, Page: p})
}

// saveMedia changes a file's alt text, caption and visibility; its bytes
// never change.
func (s *Server) saveMedia(w http.ResponseWriter, r *http.Request, c *caller) {
	id, ok := pathID(r)
	if !ok {
		s.notFound(w, r)
		return
	}
	old, err := s.svc.Media(r.Context(), c.Access(), id)
	if err != nil {
		s.refused(w, r, err)
		return
	}
	m := *old
	m.Alt, m.Caption = strings.TrimSpace(r.PostFormValue("alt")), strings.TrimSpace(r.PostFormValue("caption"))
	bad := map[string]string{}
	if err := m.Visibility.UnmarshalText([]byte(r.PostFormValue("visibility"))); err != nil {
		bad["visibility"] = "choose who may see the file"
	}
	if len(bad) == 0 {
		if err = s.svc.UpdateMedia(r.Context(), c.User, &m); err == nil {
			http.Redirect(w, r, fmt.Sprintf("/admin/media/%d?saved=1", id), http.StatusSeeOther)
			return
		}
		if !failed(err) {
			s.serverError(w, r, err)
			return
		}
	}
	p := &mediaPage{Caller: c, Record: m, Errors: bad, Problem: "The file was not saved: see the fields marked below."}
	if len(bad) == 0 {
		p.Problem, p.Errors = problem(err, p.Problem)
	}
	status := statusOf(err)
	if len(bad) > 0 {
		status = http.StatusUnprocessableEntity
	}
	s.render(w, r, status, "medium", view{Title: "Evidence file " + strconv.FormatInt(id, 10), Nav: "media", User: c, Page: p})
}
