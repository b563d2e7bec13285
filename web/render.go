package web

import (
	"bytes"
	"compress/gzip"
	"embed"
	"fmt"
	"html/template"
	"net/http"
	"strconv"
	"strings"
	"sync"

	"codeberg.org/habeas/habeas"
)

//go:embed templates/*.html
var templateFiles embed.FS

// view is what the layout needs; Page is the page's own data.
type view struct {
	Title       string
	Description string
	Nav         string // the current section: "home" or "people"
	Banner      string
	Stylesheet  string
	Page        any
}

// pages holds one template set per page, each the layout plus the page.
type pages struct {
	sets map[string]*template.Template
}

var pageNames = []string{"home", "people", "person", "organization", "facility", "error"}

var funcs = template.FuncMap{
	"date":             date,
	"dateText":         dateText,
	"number":           number,
	"status":           func(s string) string { return wordsFor(statusWords, s) },
	"classification":   func(s string) string { return wordsFor(classificationWords, s) },
	"position":         func(s string) string { return wordsFor(positionWords, s) },
	"eventKind":        func(s string) string { return wordsFor(eventWords, s) },
	"facilityKind":     func(s string) string { return wordsFor(facilityKindWords, s) },
	"organizationKind": func(s string) string { return wordsFor(organizationKindWords, s) },
	"interventionKind": func(s string) string { return wordsFor(interventionKindWords, s) },
	"sourceKind":       func(s string) string { return wordsFor(sourceKindWords, s) },
	"country":          countryName,
	"sentence":         sentenceWords,
	"lang":             safeLang,
	"localURL":         localURL,
	"externalURL":      externalURL,
	"detained":         habeas.Detained,
	"plural":           plural,
	"paragraphs":       paragraphs,
	"coordinates":      coordinates,
	"firstPage":        func(f peopleForm) string { return peopleURL(f, "") },
	"sent":             interventionSent,
	"answer":           interventionAnswer,
	"onDate":           onDate,
	"inexact":          inexactDate,
	"leftWords":        func(kind string) string { return wordsFor(leftWords, kind) },
}

func parsePages(stylesheet string) (*pages, error) {
	layout, err := template.New("layout.html").Funcs(funcs).ParseFS(templateFiles, "templates/layout.html", "templates/cites.html")
	if err != nil {
		return nil, fmt.Errorf("web: parse layout: %w", err)
	}
	p := &pages{sets: map[string]*template.Template{}}
	for _, name := range pageNames {
		t, err := layout.Clone()
		if err == nil {
			t, err = t.ParseFS(templateFiles, "templates/"+name+".html")
		}
		if err != nil {
			return nil, fmt.Errorf("web: parse %s page: %w", name, err)
		}
		p.sets[name] = t
	}
	return p, nil
}

var bufPool = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// render writes page name with the layout, compressed when the reader
// accepts it. The page is rendered in full first, so a template error
// becomes a clean 500 instead of half a page.
func (s *Server) render(w http.ResponseWriter, r *http.Request, status int, name string, v *view) {
	v.Banner = s.banner
	v.Stylesheet = s.static.path
	buf := bufPool.Get().(*bytes.Buffer)
	buf.Reset()
	defer bufPool.Put(buf)
	if err := s.pages.sets[name].ExecuteTemplate(buf, "layout", v); err != nil {
		s.log.Error("render page", "page", name, "err", redact(err.Error(), r.PathValue("slug")))
		if name == "error" {
			http.Error(w, "Internal error.", http.StatusInternalServerError)
			return
		}
		s.renderError(w, r, http.StatusInternalServerError, "")
		return
	}
	s.writeBody(w, r, status, "text/html; charset=utf-8", buf.Bytes())
}

var gzipPool = sync.Pool{New: func() any {
	zw, _ := gzip.NewWriterLevel(nil, gzip.DefaultCompression)
	return zw
}}

// writeBody writes body, gzipped when the reader accepts it and it is
// worth it.
func (s *Server) writeBody(w http.ResponseWriter, r *http.Request, status int, contentType string, body []byte) {
	h := w.Header()
	h.Set("Content-Type", contentType)
	h.Set("Vary", "Accept-Encoding")
	if len(body) > 512 && acceptsGzip(r) {
		zbuf := bufPool.Get().(*bytes.Buffer)
		zbuf.Reset()
		defer bufPool.Put(zbuf)
		zw := gzipPool.Get().(*gzip.Writer)
		zw.Reset(zbuf)
		zw.Write(body)
		zw.Close()
		gzipPool.Put(zw)
		body = zbuf.Bytes()
		h.Set("Content-Encoding", "gzip")
	}
	h.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		w.Write(body)
	}
}

// acceptsGzip reports whether the request's Accept-Encoding allows gzip.
func acceptsGzip(r *http.Request) bool {
	for _, line := range r.Header.Values("Accept-Encoding") {
		for part := range strings.SplitSeq(line, ",") {
			name, params, _ := strings.Cut(part, ";")
			name = strings.ToLower(strings.TrimSpace(name))
			if name != "gzip" && name != "x-gzip" && name != "*" {
				continue
			}
			q := strings.ReplaceAll(strings.ToLower(params), " ", "")
			if strings.HasPrefix(q, "q=") {
				if v, err := strconv.ParseFloat(q[2:], 64); err == nil && v == 0 {
					return false
				}
			}
			return true
		}
	}
	return false
}

// errorPage is the data of the error page.
type errorPage struct {
	Status  int
	Heading string
	Message string
}

// renderError writes the error page for status; message, when given, says
// what was wrong with the request.
func (s *Server) renderError(w http.ResponseWriter, r *http.Request, status int, message string) {
	p := errorPage{Status: status, Message: message}
	switch {
	case status == http.StatusNotFound:
		p.Heading = "Page not found"
	case status >= 400 && status < 500:
		p.Heading = "This request cannot be answered"
	default:
		p.Heading = "Something went wrong on our side"
	}
	w.Header().Set("Cache-Control", "no-store")
	s.render(w, r, status, "error", &view{Title: p.Heading, Page: p})
}
