package web_test

import (
	"context"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"codeberg.org/habeas/habeas"
	"codeberg.org/habeas/habeas/demo"
	"codeberg.org/habeas/habeas/web"
)

// The interface speaks the reader's language: the one chosen with ?lang=
// (kept in a cookie), else the cookie's, else the browser's; every answer
// says which, and varies with what picked it.
func TestInterfaceLanguage(t *testing.T) {
	_, h := newDemoSite(t, web.Config{BaseURL: "https://site.example"})
	page := "/people/" + demo.PersonSlug
	for _, tc := range []struct {
		name   string
		path   string
		header []string
		want   string
		cookie string // the cookie the answer sets, "" for none
	}{
		{"nothing said", page, nil, "en", ""},
		{"?lang=ru", page + "?lang=ru", nil, "ru", "ru"},
		{"?lang=az", page + "?lang=az", nil, "az", "az"},
		{"cookie", page, []string{"Cookie", "lang=az"}, "az", ""},
		{"?lang= over the cookie", page + "?lang=ru", []string{"Cookie", "lang=az"}, "ru", "ru"},
		{"the cookie already says it", page + "?lang=ru", []string{"Cookie", "lang=ru"}, "ru", ""},
		{"Accept-Language", page, []string{"Accept-Language", "ru-RU,ru;q=0.9,en;q=0.5"}, "ru", ""},
		{"Accept-Language az-Latn-AZ", page, []string{"Accept-Language", "az-Latn-AZ"}, "az", ""},
		{"a language the site lacks", page, []string{"Accept-Language", "fr-FR,fr;q=0.9"}, "en", ""},
		{"cookie over Accept-Language", page, []string{"Cookie", "lang=ru", "Accept-Language", "az"}, "ru", ""},
		{"a cookie of no language", page, []string{"Cookie", "lang=xx", "Accept-Language", "az"}, "az", ""},
		{"?lang= of no language", page + "?lang=fr", []string{"Accept-Language", "ru"}, "ru", ""},
		{"a hostile Accept-Language", page, []string{"Accept-Language", strings.Repeat("ru;q=0.1,", 200)}, "en", ""},
	} {
		w := get(t, h, tc.path, tc.header...)
		body := w.Body.String()
		if w.Code != 200 || !strings.Contains(body, `<html lang="`+tc.want+`">`) || w.Header().Get("Content-Language") != tc.want {
			t.Errorf("%s: %d, Content-Language %q, want %s", tc.name, w.Code, w.Header().Get("Content-Language"), tc.want)
		}
		vary := w.Header().Get("Vary")
		if !strings.Contains(vary, "Accept-Language") || !strings.Contains(vary, "Cookie") {
			t.Errorf("%s: Vary %q", tc.name, vary)
		}
		set := w.Header().Get("Set-Cookie")
		switch {
		case tc.cookie == "" && set != "":
			t.Errorf("%s: sets %q", tc.name, set)
		case tc.cookie != "" && (!strings.HasPrefix(set, "lang="+tc.cookie+";") || !strings.Contains(set, "HttpOnly") ||
			!strings.Contains(set, "SameSite=Lax") || !strings.Contains(set, "Secure")):
			t.Errorf("%s: sets %q, want lang=%s, HttpOnly, SameSite=Lax, Secure", tc.name, set, tc.cookie)
		}
	}

	// Three languages, three pages: the microcache keeps each apart, and
	// the same address answers each reader in theirs.
	bodies := map[string]string{}
	for _, lang := range []string{"en", "az", "ru", "en"} {
		w := get(t, h, page, "Accept-Language", lang)
		if b, seen := bodies[lang]; seen && b != w.Body.String() {
			t.Errorf("%s: a second reading differs", lang)
		}
		bodies[lang] = w.Body.String()
	}
	if bodies["en"] == bodies["az"] || bodies["en"] == bodies["ru"] || bodies["az"] == bodies["ru"] {
		t.Fatal("two languages got the same page")
	}

	// Each page links itself in every language, for readers and crawlers.
	ru := bodies["ru"]
	holds(t, ru,
		`<link rel="canonical" href="https://site.example`+page+`?lang=ru">`,
		`<link rel="alternate" hreflang="en" href="https://site.example`+page+`">`,
		`<link rel="alternate" hreflang="az" href="https://site.example`+page+`?lang=az">`,
		`<link rel="alternate" hreflang="x-default" href="https://site.example`+page+`">`,
		`<strong lang="ru" aria-current="true">Русский</strong>`,
		`<a href="`+page+`?lang=az" lang="az" hreflang="az" rel="alternate">Azərbaycanca</a>`,
		// The name in the page's script, where the person has one.
		"<h1>Эльвин Мустафаев</h1>", `<p class="names">`, "Elvin Mustafayev",
		// Dates in the page's language.
		"мая 2025")
	holds(t, bodies["en"], `<link rel="canonical" href="https://site.example`+page+`">`, "<h1>Elvin Mustafayev</h1>")
	holds(t, bodies["az"], "<h1>Elvin Mustafayev</h1>", "may 2025")

	// The words are the page's language's, not English under its tag.
	holds(t, ru, ">Дело<", ">Хроника<", ">Источники<", "Сообщите нам", "без новостей")
	holds(t, bodies["az"], ">İş<", ">Xronologiya<", ">Mənbələr<", "Bizə məlumat göndərin", "xəbərsiz")
	for _, lang := range []string{"az", "ru"} {
		for _, english := range []string{">The case<", ">Timeline<", ">Sources<", "days without news", "Send us information", ">People<", "unsourced"} {
			if strings.Contains(bodies[lang], english) {
				t.Errorf("the %s page still says %q", lang, english)
			}
		}
	}

	// A link in the switcher keeps the rest of the address.
	list := get(t, h, "/people?status=sentenced&sort=news", "Accept-Language", "ru").Body.String()

	// Countries are listed as the language orders them: Китай before
	// КНДР, Çin between Belarus and Eritreya, not after Vyetnam.
	inOrder(t, list, ">Казахстан<", ">Китай<", ">КНДР<")
	inOrder(t, get(t, h, "/people", "Accept-Language", "az").Body.String(), ">Belarus<", ">Çin<", ">Eritreya<", ">İran<", ">Özbəkistan<", ">Şimali Koreya<", ">Vyetnam<")
	holds(t, list, `href="/people?lang=az&amp;sort=news&amp;status=sentenced"`)

	// Lists name people as their own pages do: in the page's script where
	// the person has a name in it.
	for _, at := range []string{"/people", "/people?status=sentenced&sort=news", "/organizations/workers-table",
		"/facilities/correctional-facility-no-3", "/"} {
		ru := get(t, h, at, "Accept-Language", "ru").Body.String()
		holds(t, ru, "Эльвин Мустафаев</a>")
		if strings.Contains(ru, "Elvin Mustafayev</a>") {
			t.Errorf("%s in Russian links Elvin Mustafayev by his Latin name", at)
		}
		holds(t, get(t, h, at, "Accept-Language", "en").Body.String(), "Elvin Mustafayev</a>")
	}

	// Revalidation works per language: the Russian tag answers 304 to a
	// Russian reader, and the English page to an English one.
	tag := get(t, h, page, "Accept-Language", "ru").Header().Get("ETag")
	if w := get(t, h, page, "Accept-Language", "ru", "If-None-Match", tag); w.Code != http.StatusNotModified {
		t.Errorf("Russian revalidation: %d", w.Code)
	}
	if w := get(t, h, page, "If-None-Match", tag); w.Code != 200 || !strings.Contains(w.Body.String(), `<html lang="en">`) {
		t.Errorf("the Russian tag validated the English page: %d", w.Code)
	}
}

var htmlLang = regexp.MustCompile(`<html lang="(\w+)">`)

// Every page type speaks each language, error pages included; an error
// page's language links stay the same whatever address was asked for.
func TestEveryPageInEveryLanguage(t *testing.T) {
	_, h := newDemoSite(t, web.Config{})
	for _, lang := range []string{"en", "az", "ru"} {
		for _, path := range []string{"/", "/people", "/people?status=sentenced", "/people/" + demo.PersonSlug,
			"/organizations/" + demo.OrganizationSlug, "/facilities/" + demo.FacilitySlug, "/news", "/news/" + demo.NewsSlug,
			"/stats", "/search?q=Mustafa", "/no-such-page"} {
			w := get(t, h, path, "Accept-Language", lang)
			m := htmlLang.FindStringSubmatch(w.Body.String())
			if m == nil || m[1] != lang {
				t.Errorf("%s in %s: %d, %v", path, lang, w.Code, m)
			}
			if err := wellFormed(w.Body.String()); err != nil {
				t.Errorf("%s in %s: %v", path, lang, err)
			}
		}
		if a, b := get(t, h, "/people/no-one", "Accept-Language", lang), get(t, h, "/people/someone-else", "Accept-Language", lang); a.Body.String() != b.Body.String() {
			t.Errorf("%s: two missing pages answer differently", lang)
		}
	}
}

// inOrder fails unless body holds each of parts, in that order.
func inOrder(t *testing.T, body string, parts ...string) {
	t.Helper()
	at := -1
	for _, p := range parts {
		i := strings.Index(body, p)
		if i < 0 {
			t.Errorf("body lacks %q", p)
			return
		}
		if i < at {
			t.Errorf("%q comes before %q, want after: %v", p, parts[0], parts)
		}
		at = i
	}
}

// A biography or a description shows in the page's language where it has
// a translation; else as written, in its language's own lang attribute,
// under a visible "not yet translated". A place's description shows the
// same way, and a text with no translation says so on every page but its
// own language's.
func TestTextsInTheirTranslations(t *testing.T) {
	s, h := newDemoSite(t, web.Config{BaseURL: "https://site.example"})
	ctx := context.Background()
	f, err := s.FacilityBySlug(ctx, habeas.Confidential, demo.FacilitySlug)
	if err != nil {
		t.Fatal(err)
	}
	f.Description = "Известно только по названию."
	f.DescriptionLang = "ru"
	if err := s.UpdateFacility(ctx, habeas.Operator, f); err != nil {
		t.Fatal(err)
	}
	person, org, place := "/people/"+demo.PersonSlug, "/organizations/"+demo.OrganizationSlug, "/facilities/"+demo.FacilitySlug
	bioEn, bioRu := "Elvin Mustafayev is a detained member", "Эльвин Мустафаев — задержанный член"
	orgEn, orgRu := "According to IHR’s post of 15 May 2025", "Согласно публикации IHR от 15 мая 2025 года"
	for _, tc := range []struct {
		path, lang string
		holds      []string
		lacks      []string
	}{
		{person, "en", []string{"<p>" + bioEn}, []string{bioRu, "Not yet translated"}},
		{person, "ru", []string{"<p>" + bioRu}, []string{bioEn, "Ещё не переведено"}},
		{person, "az", []string{`<p class="note">Hələ tərcümə edilməyib: Azərbaycan dili. Mətn yazıldığı dildə verilir: ingilis dili.</p>`,
			`<p><span lang="en">` + bioEn}, []string{bioRu}},
		{org, "en", []string{"<p>" + orgEn}, []string{orgRu, "Not yet translated"}},
		{org, "ru", []string{"<p>" + orgRu}, []string{orgEn}},
		{org, "az", []string{`<span lang="en">` + orgEn, "Hələ tərcümə edilməyib"}, []string{orgRu}},
		{place, "ru", []string{`<h2 id="about-h">Об этом месте</h2>`, "<p>Известно только по названию."}, []string{"Ещё не переведено"}},
		{place, "en", []string{`<p class="note">Not yet translated into English: shown as written, in Russian.</p>`,
			`<p><span lang="ru">Известно только по названию.</span>`}, nil},
	} {
		body := get(t, h, tc.path, "Accept-Language", tc.lang).Body.String()
		holds(t, body, tc.holds...)
		for _, no := range tc.lacks {
			if strings.Contains(body, no) {
				t.Errorf("%s in %s says %q", tc.path, tc.lang, no)
			}
		}
	}
	// The description for link previews is the translated text.
	holds(t, get(t, h, org, "Accept-Language", "ru").Body.String(), `<meta name="description" content="`+orgRu)
}
