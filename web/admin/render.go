package admin

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"codeberg.org/habeas/habeas"
	"codeberg.org/habeas/habeas/alerts"
)

// view is what the layout needs; Page is the page's own data.
type view struct {
	Title string
	Nav   string
	Site  string
	User  *caller // nil on the login pages
	Page  any
	CSS   string
	// Notice says what the request before did, as a page after a delete.
	Notice string
}

var pageNames = []string{"login", "code", "setup", "codes", "link", "dashboard", "people", "person", "case", "account", "users", "inbox", "sources", "caseform", "merge", "posts", "post", "organizations", "organization", "facilities", "facility", "intervention", "event", "membership", "history", "audit", "error", "source", "delete", "alerts", "alert", "estimates", "estimate", "settings", "webhooks", "webhook", "media", "medium", "import"}

var funcs = template.FuncMap{
	"visibility": func(v habeas.Visibility) string { return v.String() },
	"when": func(t time.Time) string {
		if t.IsZero() {
			return ""
		}
		return t.UTC().Format("2 Jan 2006 15:04 UTC")
	},
	"kindLabel":      spaced,
	"answerStatuses": func() []string { return habeas.AnswerStatuses },
	"sortLabel": func(s string) string {
		return map[string]string{"name": "by name", "news": "longest without news first", "detention": "longest detained first"}[s]
	},
	"hours": func() []int {
		h := make([]int, 24)
		for i := range h {
			h[i] = i
		}
		return h
	},
	"idText": func(id int64) string {
		if id == 0 {
			return ""
		}
		return strconv.FormatInt(id, 10)
	},
	"historyOf": func(kind string) bool { return historyBack[kind] != "" },
	"join":      strings.Join,
	"days": func(n int) string {
		if n < 0 {
			return "—"
		}
		return fmt.Sprint(n)
	},
	"field":      func(name, label, value, err string) formField { return formField{name, label, value, err} },
	"translated": newTranslatedField,
	"yearText": func(y int) string {
		if y == 0 {
			return ""
		}
		return fmt.Sprint(y)
	},
	"idsText": func(ids []int64) string {
		s := make([]string, len(ids))
		for i, id := range ids {
			s[i] = fmt.Sprint(id)
		}
		return strings.Join(s, ", ")
	},
	"coord": func(f *float64) string {
		if f == nil {
			return ""
		}
		return strconv.FormatFloat(*f, 'f', -1, 64)
	},
	"itoa":      strconv.Itoa,
	"hashStart": func(h string) string { return h[:min(12, len(h))] },
	"bytesText": func(n int64) string {
		switch {
		case n >= 1<<20:
			return strconv.FormatFloat(float64(n)/(1<<20), 'f', 1, 64) + " MB"
		case n >= 1<<10:
			return strconv.FormatInt(n>>10, 10) + " KB"
		}
		return strconv.FormatInt(n, 10) + " bytes"
	},
	"numText": func(n int64) string {
		if n == 0 {
			return ""
		}
		return fmt.Sprint(n)
	},
	"mulf": func(f float64) float64 { return f * 100 },
	// dayText writes an EDTF date in words: 16 May 2025, May 2025.
	"dayText":   dateWords,
	"ruleTitle": alerts.Title,
}

// formField is one labelled text field with its error.
type formField struct{ Name, Label, Value, Error string }

// translatedField is the language of a text (a biography, a description)
// and its translations, for the "translations" template: the fields
// name_lang and name_translations.az …, as the domain names them.
type translatedField struct {
	Name, Label, Lang, LangError, Error string
	Languages                           []translation
}

type translation struct{ Code, Label, Text, Error string }

var languageLabels = map[string]string{"en": "English", "az": "Azerbaijani", "ru": "Russian"}

func newTranslatedField(name, label, lang string, texts habeas.Translations, errs map[string]string) translatedField {
	f := translatedField{Name: name, Label: label, Lang: lang, LangError: errs[name+"_lang"], Error: errs[name+"_translations"]}
	for _, l := range habeas.PostLanguages {
		f.Languages = append(f.Languages, translation{Code: l, Label: languageLabels[l], Text: texts[l],
			Error: errs[name+"_translations."+l]})
	}
	return f
}

// readTranslations reads what the "translations" template shows: the
// language of the text name and its translations (an empty one is none).
func readTranslations(f url.Values, name string) (string, habeas.Translations) {
	var tr habeas.Translations
	for _, l := range habeas.PostLanguages {
		if v := strings.TrimSpace(f.Get(name + "_translations." + l)); v != "" {
			if tr == nil {
				tr = habeas.Translations{}
			}
			tr[l] = v
		}
	}
	return f.Get(name + "_lang"), tr
}

var cssVersion string

func (s *Server) parse() error {
	css, err := files.ReadFile("admin.css")
	if err != nil {
		return err
	}
	h := sha256.Sum256(css)
	cssVersion = hex.EncodeToString(h[:6])
	s.pages = map[string]*template.Template{}
	for _, name := range pageNames {
		t, err := template.New(name).Funcs(funcs).ParseFS(files, "templates/layout.html", "templates/"+name+".html")
		if err != nil {
			return fmt.Errorf("admin: parse %s: %w", name, err)
		}
		s.pages[name] = t
	}
	return nil
}

func (s *Server) stylesheet(w http.ResponseWriter, r *http.Request) {
	css, _ := files.ReadFile("admin.css")
	w.Header().Set("Content-Type", "text/css; charset=utf-8")
	if r.URL.Query().Get("v") == cssVersion {
		w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
	}
	w.Write(css)
}

// render writes page name with status.
func (s *Server) render(w http.ResponseWriter, r *http.Request, status int, name string, v view) {
	site := "habeas"
	if st, err := s.svc.Settings(r.Context()); err == nil && st.Name != "" {
		site = st.Name
	}
	v.Site = site
	if r.Method == http.MethodGet {
		v.Notice = deletedNotice[r.URL.Query().Get("deleted")]
	}
	v.CSS = "/admin/admin.css?v=" + cssVersion
	var b bytes.Buffer
	if err := s.pages[name].ExecuteTemplate(&b, "layout", v); err != nil {
		s.log.Error("render workspace page", "page", name, "err", err)
		http.Error(w, "the page could not be made", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	w.Write(b.Bytes())
}

type errorPage struct{ Message string }

// fail answers with the workspace's error page.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, status int, msg string) {
	s.render(w, r, status, "error", view{Title: http.StatusText(status), Page: errorPage{msg}})
}

func (s *Server) notFound(w http.ResponseWriter, r *http.Request) {
	s.fail(w, r, http.StatusNotFound, "There is no such page in the workspace, or your account may not see it.")
}

// serverError logs a fault (without the request's data) and says so.
func (s *Server) serverError(w http.ResponseWriter, r *http.Request, err error) {
	s.log.Error("workspace", "path", r.URL.Path, "err", err)
	s.fail(w, r, http.StatusInternalServerError, "Something went wrong on the server. Nothing you sent was lost if the page says so; otherwise try again.")
}

// refused answers a refused action: its message, with the status its code means.
func (s *Server) refused(w http.ResponseWriter, r *http.Request, err error) {
	if !failed(err) {
		s.serverError(w, r, err)
		return
	}
	s.fail(w, r, habeas.HTTPStatus(habeas.ErrorCode(err)), habeas.ErrorMessage(err))
}
