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
	Lang      string      // the interface's language, set by render
	// Alternates are the page in each interface language, for hreflang
	// links (empty without a canonical address); Langs link the page the
	// reader is on in each language, for the language switcher.
	Alternates []langLink
	Langs      []langLink
	Site       *habeas.SiteSettings
	Page       any
}

// pages holds, for each interface language, one template set per page,
// each the layout plus the page.
type pages struct {
	sets map[string]map[string]*template.Template
}

var pageNames = []string{"home", "people", "person", "organization", "facility", "news", "post", "stats", "search", "text", "error"}

// funcs are the templates' functions in the language of t.
func (t *tr) funcs() template.FuncMap {
	return template.FuncMap{
		"t":                t.T,
		"tn":               t.N,
		"th":               t.H,
		"thn":              t.HN,
		"date":             t.date,
		"since":            t.since,
		"dateText":         t.dateText,
		"dayText":          t.dayText,
		"number":           t.number,
		"month":            t.monthWords,
		"estimate":         t.estimateWords,
		"status":           func(s string) string { return t.code("status", s) },
		"classification":   func(s string) string { return t.code("classification", s) },
		"position":         func(s string) string { return t.code("position", s) },
		"eventKind":        func(s string) string { return t.code("event", s) },
		"facilityKind":     func(s string) string { return t.code("facility_kind", s) },
		"organizationKind": func(s string) string { return t.code("organization_kind", s) },
		"interventionKind": func(s string) string { return t.code("intervention_kind", s) },
		"sourceKind":       func(s string) string { return t.code("source_kind", s) },
		"leftWords":        func(s string) string { return t.code("left", s) },
		"languageName":     func(s string) string { return t.code("language", s) },
		"alertTitle":       func(a habeas.PublicAlert) string { return t.code("alert_title", a.Rule) },
		"country":          t.country,
		"sentence":         t.sentenceWords,
		"sent":             t.interventionSent,
		"answer":           t.interventionAnswer,
		"onDate":           t.onDate,
		"postTime":         t.postTime,
		"languageOwn":      languageOwn,
		"lang":             safeLang,
		"localURL":         localURL,
		"externalURL":      externalURL,
		"detained":         habeas.Detained,
		"paragraphs":       paragraphs,
		"coordinates":      coordinates,
		"firstPage":        func(f peopleForm) string { return peopleURL(f, "") },
		"inexact":          inexactDate,
		"lines":            lines,
		"field":            newFormField,
		"isEn":             func() bool { return t.Lang == "en" },
		"pageLang":         func() string { return t.Lang },
		"cited":            func(text habeas.TextIn, c cites) citedText { return citedText{text, c} },
	}
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

func parsePages(stylesheet string, trs map[string]*tr) (*pages, error) {
	p := &pages{sets: map[string]map[string]*template.Template{}}
	for lang, t := range trs {
		layout, err := template.New("layout.html").Funcs(t.funcs()).ParseFS(templateFiles, "templates/layout.html", "templates/cites.html", "templates/forms.html")
		if err != nil {
			return nil, fmt.Errorf("web: parse layout: %w", err)
		}
		p.sets[lang] = map[string]*template.Template{}
		for _, name := range pageNames {
			set, err := layout.Clone()
			if err == nil {
				set, err = set.ParseFS(templateFiles, "templates/"+name+".html")
			}
			if err != nil {
				return nil, fmt.Errorf("web: parse %s page: %w", name, err)
			}
			p.sets[lang][name] = set
		}
	}
	return p, nil
}

var bufPool = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// render writes page name with the layout in the reader's language,
// compressed when the reader accepts it, with an ETag (see package
// reply). The page is rendered in full first, so a template error becomes
// a clean 500 instead of half a page.
func (s *Server) render(w http.ResponseWriter, r *http.Request, status int, name string, v *view) {
	v.Banner = s.banner
	v.Site = s.site(r.Context())
	v.Lang = langOf(r)
	s.head(v, s.tr(r))
	v.Langs = s.langLinks(r, v.Lang, v.Canonical == "")
	v.Stylesheet = s.static.path
	buf := bufPool.Get().(*bytes.Buffer)
	buf.Reset()
	defer bufPool.Put(buf)
	if err := s.pages.sets[v.Lang][name].ExecuteTemplate(buf, "layout", v); err != nil {
		s.log.Error("render page", "page", name, "err", redact(err.Error(), r.PathValue("slug")))
		if name == "error" {
			http.Error(w, "Internal error.", http.StatusInternalServerError)
			return
		}
		s.renderError(w, r, http.StatusInternalServerError, "")
		return
	}
	h := w.Header()
	h.Set("Content-Language", v.Lang)
	reply.AddVary(h, "Accept-Language") // the language: see withLang
	reply.AddVary(h, "Cookie")
	reply.Write(w, r, status, "text/html; charset=utf-8", buf.Bytes())
}

// langLinks links the page the reader is on in each interface language.
// An error page, which has no address of its own, links "?lang=az": the
// same address in the browser, and the same bytes whatever address was
// asked for (a hidden record answers exactly as a missing one).
func (s *Server) langLinks(r *http.Request, current string, errorPage bool) []langLink {
	out := make([]langLink, len(siteLangs))
	for i, l := range siteLangs {
		href := "?lang=" + l
		if !errorPage {
			href = withLangParam(r.URL.RequestURI(), l)
		}
		out[i] = langLink{Lang: l, Name: languageOwn(l), Href: href, Current: l == current}
	}
	return out
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
	t := s.tr(r)
	p := errorPage{Status: status, Message: message, Kept: kept}
	switch {
	case status == http.StatusNotFound:
		p.Heading = t.T("error_404")
	case status == http.StatusMethodNotAllowed:
		p.Heading = t.T("error_405")
		if p.Message == "" {
			p.Message = t.T("error_405_message", "Method", r.Method)
		}
	case status == http.StatusTooManyRequests:
		p.Heading = t.T("error_429")
	case status == http.StatusForbidden:
		p.Heading = t.T("error_403")
	case status == http.StatusRequestEntityTooLarge:
		p.Heading = t.T("error_413")
		if p.Message == "" {
			p.Message = t.T("error_413_message")
		}
	case status >= 400 && status < 500:
		p.Heading = t.T("error_4xx")
		if p.Message == "" {
			p.Message = http.StatusText(status) + "."
		}
	default:
		p.Heading = t.T("error_5xx")
	}
	w.Header().Set("Cache-Control", "no-store")
	s.render(w, r, status, "error", &view{Title: p.Heading, Page: p})
}
