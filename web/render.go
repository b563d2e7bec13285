package web

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"net/http"
	"sync"

	"codeberg.org/habeas/habeas"
	"codeberg.org/habeas/habeas/internal/reply"
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
	// Canonical is the page's own address, a path (/people?status=sentenced);
	// render makes it absolute when the site has a base URL. Empty on
	// error pages, which have none.
	Canonical string
	OGType    string      // Open Graph type: "website" unless set ("profile")
	OGURL     string      // set by render, with a base URL
	JSONLD    template.JS // schema.org data, JSON; empty for none
	Lang      string      // the page's language: "en" unless set
	Site      *habeas.SiteSettings
	Page      any
}

// pages holds one template set per page, each the layout plus the page.
type pages struct {
	sets map[string]*template.Template
}

var pageNames = []string{"home", "people", "person", "organization", "facility", "news", "post", "stats", "search", "text", "error"}

var funcs = template.FuncMap{
	"date":             date,
	"since":            since,
	"dateText":         dateText,
	"number":           number,
	"month":            monthWords,
	"estimate":         estimateWords,
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
	"alertTitle":       alertTitle,
	"languageName":     languageName,
	"languageOwn":      languageOwn,
	"postTime":         postTime,
	"lines":            lines,
	"field":            newFormField,
}

// formField is one field of a public form, for the "field" and "area"
// templates.
type formField struct {
	ID, Name, Label, Hint, Value, Error string
	Required                            bool
}

func newFormField(id, name, label, hint, value, err string, required bool) formField {
	return formField{ID: id, Name: name, Label: label, Hint: hint, Value: value, Error: err, Required: required}
}

func parsePages(stylesheet string) (*pages, error) {
	layout, err := template.New("layout.html").Funcs(funcs).ParseFS(templateFiles, "templates/layout.html", "templates/cites.html", "templates/forms.html")
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
// accepts it, with an ETag (see package reply). The page is rendered in full first, so a template error
// becomes a clean 500 instead of half a page.
func (s *Server) render(w http.ResponseWriter, r *http.Request, status int, name string, v *view) {
	v.Banner = s.banner
	v.Site = s.site(r.Context())
	s.head(v)
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
	reply.Write(w, r, status, "text/html; charset=utf-8", buf.Bytes())
}

// errorPage is the data of the error page.
type errorPage struct {
	Status  int
	Heading string
	Message string
	// Kept is what a visitor wrote in a form that was not taken, for
	// them to copy and send later.
	Kept string
}

// renderError writes the error page for status; message, when given, says
// what was wrong with the request.
func (s *Server) renderError(w http.ResponseWriter, r *http.Request, status int, message string) {
	s.renderErrorKeeping(w, r, status, message, "")
}

// renderErrorKeeping is renderError for a form not taken: the page shows
// what the visitor wrote, kept, for them to copy.
func (s *Server) renderErrorKeeping(w http.ResponseWriter, r *http.Request, status int, message, kept string) {
	p := errorPage{Status: status, Message: message, Kept: kept}
	switch {
	case status == http.StatusNotFound:
		p.Heading = "Page not found"
	case status == http.StatusMethodNotAllowed:
		p.Heading = "This address cannot take that request"
		if p.Message == "" {
			p.Message = "The pages of this site can only be read (" + r.Method + " is not allowed here). Follow a link or type the address in your browser."
		}
	case status == http.StatusTooManyRequests:
		p.Heading = "Please wait before sending more"
	case status == http.StatusForbidden:
		p.Heading = "This form was sent from elsewhere"
	case status == http.StatusRequestEntityTooLarge:
		p.Heading = "What was sent is too large"
		if p.Message == "" {
			p.Message = "The request is larger than this address accepts."
		}
	case status >= 400 && status < 500:
		p.Heading = "This request cannot be answered"
		if p.Message == "" {
			p.Message = http.StatusText(status) + "."
		}
	default:
		p.Heading = "Something went wrong on our side"
	}
	w.Header().Set("Cache-Control", "no-store")
	s.render(w, r, status, "error", &view{Title: p.Heading, Page: p})
}
