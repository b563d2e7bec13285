package web

import (
	"context"
	"embed"
	"fmt"
	"html"
	"html/template"
	"io/fs"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/BurntSushi/toml"
	"github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/collate"
	"golang.org/x/text/language"
	"golang.org/x/text/message"

	"codeberg.org/habeas/habeas/internal/reply"
)

// The site speaks the languages of its message catalogues, one TOML file
// each in locales/ (see docs/translating.md): translators edit those files
// and nothing else. A message missing from a catalogue shows in English;
// a test fails when a catalogue lacks a key the pages use.

//go:embed locales/*.toml
var localeFiles embed.FS

// siteLangs are the interface languages, English first: it is the one every
// message exists in, and the one a reader gets when nothing says otherwise.
var siteLangs = []string{"en", "az", "ru"}

var langMatcher = language.NewMatcher([]language.Tag{language.English, language.Azerbaijani, language.Russian})

// langCookie keeps the language a reader chose with ?lang=.
const langCookie = "lang"

// tr writes the site's words in one language.
type tr struct {
	Lang string
	loc  *i18n.Localizer
	num  *message.Printer
	// byName orders the countries the catalogue names as a reader of
	// the language expects them in a list (Çin after Belarus, not after
	// Vyetnam), by the language's collation.
	byName []string
}

// loadCatalogues reads every catalogue of fsys (locales/*.toml).
func loadCatalogues(fsys fs.FS) (*i18n.Bundle, map[string]*tr, error) {
	bundle := i18n.NewBundle(language.English)
	bundle.RegisterUnmarshalFunc("toml", toml.Unmarshal)
	trs := map[string]*tr{}
	for _, lang := range siteLangs {
		if _, err := bundle.LoadMessageFileFS(fsys, "locales/"+lang+".toml"); err != nil {
			return nil, nil, fmt.Errorf("web: message catalogue %s: %w", lang, err)
		}
		t := &tr{Lang: lang, loc: i18n.NewLocalizer(bundle, lang, "en"), num: message.NewPrinter(language.Make(lang))}
		t.byName = slices.Clone(countryCodes)
		c := collate.New(language.Make(lang))
		slices.SortFunc(t.byName, func(a, b string) int { return c.CompareString(t.country(a), t.country(b)) })
		trs[lang] = t
	}
	return bundle, trs, nil
}

// data turns key-value pairs into a message's template data.
func (t *tr) data(pairs []any, escape bool) map[string]any {
	m := make(map[string]any, len(pairs)/2+1)
	for i := 0; i+1 < len(pairs); i += 2 {
		k, _ := pairs[i].(string)
		v := pairs[i+1]
		switch x := v.(type) {
		case template.HTML:
			v = string(x) // markup made by this package: kept as it is
		case string:
			if escape {
				v = html.EscapeString(x)
			}
		case int:
			v = strconv.Itoa(x) // a year, say: a count is passed as number writes it
		}
		m[k] = v
	}
	return m
}

func (t *tr) localize(id string, count any, d map[string]any) string {
	s, err := t.loc.Localize(&i18n.LocalizeConfig{MessageID: id, TemplateData: d, PluralCount: count})
	if err != nil && s == "" {
		return id // shows, and the catalogue test names it
	}
	return s
}

// T returns message id with the given key-value pairs filled in.
func (t *tr) T(id string, pairs ...any) string { return t.localize(id, nil, t.data(pairs, false)) }

// N returns message id in the plural form for n, with n as {{.Count}},
// written as numbers are in the language.
func (t *tr) N(id string, n int, pairs ...any) string {
	d := t.data(pairs, false)
	d["Count"] = t.number(n)
	return t.localize(id, n, d)
}

// H is T for a message that holds markup: the values are escaped, except
// markup this package made (template.HTML).
func (t *tr) H(id string, pairs ...any) template.HTML {
	return template.HTML(t.localize(id, nil, t.data(pairs, true)))
}

// HN is N for a message that holds markup.
func (t *tr) HN(id string, n int, pairs ...any) template.HTML {
	d := t.data(pairs, true)
	d["Count"] = t.number(n)
	return template.HTML(t.localize(id, n, d))
}

// code returns the words for a stable code of the domain (kind + "_" +
// code in the catalogue); a code without words, a value added later, is
// shown as it is, never dropped.
func (t *tr) code(kind, code string) string {
	id := kind + "_" + code
	// A message missing in t's language comes back in English, with an
	// error; one missing everywhere comes back empty.
	s, _ := t.loc.Localize(&i18n.LocalizeConfig{MessageID: id})
	if s == "" {
		return strings.ReplaceAll(code, "_", " ")
	}
	return s
}

// number writes n with the language's thousands separator: 1,234 in
// English, 1.234 in Azerbaijani, 1 234 in Russian.
func (t *tr) number(n int) string { return t.num.Sprintf("%d", n) }

type langKey struct{}

// withLang picks the reader's language: ?lang= (which the reader's choice
// in the language links sets, and which is kept in a cookie), else the
// cookie, else the browser's Accept-Language, else English.
func (s *Server) withLang(w http.ResponseWriter, r *http.Request) *http.Request {
	lang := ""
	asked := r.URL.Query().Get("lang")
	if slices.Contains(siteLangs, asked) {
		lang = asked
		if c, err := r.Cookie(langCookie); err != nil || c.Value != asked {
			http.SetCookie(w, &http.Cookie{Name: langCookie, Value: asked, Path: "/", MaxAge: 365 * 24 * 3600,
				HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: strings.HasPrefix(s.baseURL, "https:")})
		}
	} else if c, err := r.Cookie(langCookie); err == nil && slices.Contains(siteLangs, c.Value) {
		lang = c.Value
	} else if al := r.Header.Get("Accept-Language"); al != "" && len(al) < 512 {
		tags, _, err := language.ParseAcceptLanguage(al)
		if err == nil && len(tags) > 0 {
			_, i, conf := langMatcher.Match(tags...)
			if conf != language.No {
				lang = siteLangs[i]
			}
		}
	}
	if lang == "" {
		lang = "en"
	}
	h := w.Header()
	reply.AddVary(h, "Accept-Language")
	reply.AddVary(h, "Cookie")
	return r.WithContext(context.WithValue(r.Context(), langKey{}, lang))
}

// lang returns the language withLang picked for r.
func langOf(r *http.Request) string {
	if l, ok := r.Context().Value(langKey{}).(string); ok {
		return l
	}
	return "en"
}

// tr returns the words of the reader's language.
func (s *Server) tr(r *http.Request) *tr { return s.trs[langOf(r)] }

// withLangParam returns the address u (a path with or without a query)
// with lang= set to lang, or removed when lang is "".
func withLangParam(u, lang string) string {
	p, err := url.Parse(u)
	if err != nil {
		return u
	}
	q := p.Query()
	if lang == "" {
		q.Del("lang")
	} else {
		q.Set("lang", lang)
	}
	p.RawQuery = q.Encode()
	return p.String()
}

// langLink is a link to the page in another interface language.
type langLink struct {
	Lang, Name, Href string
	Current          bool
}
