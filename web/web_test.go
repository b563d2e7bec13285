package web_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/xml"
	"fmt"
	"html"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"codeberg.org/habeas/habeas"
	"codeberg.org/habeas/habeas/demo"
	"codeberg.org/habeas/habeas/store"
	"codeberg.org/habeas/habeas/store/storetest"
	"codeberg.org/habeas/habeas/web"
)

var _ web.Store = (*store.Store)(nil)

var clock = habeas.FixedClock{T: demo.AsOf}

// secret marks every non-public record the tests add; it must never appear
// on a public page.
const secret = "QZX-not-for-the-public"

// TestPublicSite runs the whole site against the demo data on every backend.
func TestPublicSite(t *testing.T) {
	storetest.ForEach(t, clock, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		if err := demo.Load(ctx, s); err != nil {
			t.Fatalf("load demo: %v", err)
		}
		internalSlug := addNonPublic(t, s)
		h, err := web.New(web.Config{Store: s, Clock: clock, Banner: "Demo data as of 15 May 2025"})
		if err != nil {
			t.Fatal(err)
		}
		t.Run("home", func(t *testing.T) { testHome(t, h) })
		t.Run("person", func(t *testing.T) { testPerson(t, h) })
		t.Run("organization", func(t *testing.T) { testOrganization(t, h) })
		t.Run("facility", func(t *testing.T) { testFacility(t, h) })
		t.Run("people filters", func(t *testing.T) { testPeopleFilters(t, h) })
		t.Run("bad filters", func(t *testing.T) { testBadFilters(t, h) })
		t.Run("not found", func(t *testing.T) { testNotFound(t, h, internalSlug) })
		t.Run("nothing non-public", func(t *testing.T) { testNothingNonPublic(t, h) })
		t.Run("every page", func(t *testing.T) { testEveryPage(t, h) })
		t.Run("stylesheet", func(t *testing.T) { testStylesheet(t, h) })
		t.Run("gzip", func(t *testing.T) { testGzip(t, h) })
		t.Run("healthz", func(t *testing.T) { expect(t, get(t, h, "/healthz"), 200, "ok") })
		t.Run("robots", func(t *testing.T) {
			expect(t, get(t, h, "/robots.txt"), 200, "User-agent: *", "Disallow: /admin/", "Disallow: /api/")
		})
		t.Run("sitemap", func(t *testing.T) { testSitemap(t, h, internalSlug) })
		t.Run("stats", func(t *testing.T) { testStats(t, h) })
		t.Run("search", func(t *testing.T) { testSearchPage(t, h) })
		t.Run("search by name", func(t *testing.T) { testSearchByName(t, h) })
		t.Run("merged address", func(t *testing.T) { testMergedAddress(t, s, h) }) // merges: after the others
		t.Run("other detentions", func(t *testing.T) { testOtherDetentions(t, s, h) })
		t.Run("paging", func(t *testing.T) { testPaging(t, s, h) }) // adds people: keep last
	})
}

// addNonPublic adds internal records of every kind the pages touch, each
// carrying secret, and returns the slug of an internal person.
func addNonPublic(t *testing.T, s *store.Store) string {
	t.Helper()
	ctx := context.Background()
	must := func(what string, err error) {
		t.Helper()
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}
	elvin, err := s.PersonBySlug(ctx, habeas.Confidential, demo.PersonSlug)
	must("elvin", err)
	elvin.InternalNotes = "person note " + secret
	must("update person", s.UpdatePerson(ctx, habeas.Operator, elvin))
	cases, err := s.ListCases(ctx, habeas.Confidential, habeas.CaseFilter{PersonID: elvin.ID})
	must("cases", err)
	c := cases.Items[0]
	c.InternalNotes = "case note " + secret
	must("update case", s.UpdateCase(ctx, habeas.Operator, &c))

	// Internal news would stop the public silence clock if it leaked.
	must("internal event", s.CreateEvent(ctx, habeas.Operator, &habeas.Event{CaseID: c.ID, Kind: habeas.EventNews, Date: "2025-05-14",
		Summary: "event " + secret, Visibility: habeas.Internal}))
	hidden := &habeas.Source{Kind: "testimony", Title: "source " + secret, Reliability: "reliable",
		Identity: "identity " + secret, Visibility: habeas.Confidential}
	must("hidden source", s.CreateSource(ctx, habeas.Operator, hidden))
	must("statement", s.CreateEvent(ctx, habeas.Operator, &habeas.Event{CaseID: c.ID, Kind: habeas.EventStatement, Date: "2025-05-12",
		Quote: "We will not stop asking where he is.", Speaker: "A colleague", SourceIDs: []int64{hidden.ID}}))
	must("unsourced", s.CreateEvent(ctx, habeas.Operator, &habeas.Event{CaseID: c.ID, Kind: habeas.EventAppeal, Date: "2024-03",
		Summary: "An appeal was lodged."}))
	must("internal intervention", s.CreateIntervention(ctx, habeas.Operator, &habeas.Intervention{CaseID: c.ID, Kind: "letter",
		Sender: "sender " + secret, Recipient: "Ombudsman", AnswerStatus: "none", Visibility: habeas.Internal}))

	p := &habeas.Person{Country: "AZ", Visibility: habeas.Internal, InternalNotes: secret,
		Names: []habeas.PersonName{{Name: "Person " + secret, Kind: habeas.NamePrimary}}}
	must("internal person", s.CreatePerson(ctx, habeas.Operator, p))
	must("internal case", s.CreateCase(ctx, habeas.Operator, &habeas.Case{PersonID: p.ID, Country: "AZ", Status: habeas.StatusDetained,
		Charges: []habeas.Charge{}, Classification: "not_assessed", Position: "unknown"}))
	union, err := s.OrganizationBySlug(ctx, habeas.Confidential, demo.OrganizationSlug)
	must("union", err)
	must("internal membership", s.CreateMembership(ctx, habeas.Operator, &habeas.Membership{PersonID: p.ID, OrganizationID: union.ID, Role: "member"}))
	must("internal organization", s.CreateOrganization(ctx, habeas.Operator, &habeas.Organization{Name: "Organization " + secret,
		Kind: "ngo", Country: "AZ", Visibility: habeas.Internal}))
	must("internal facility", s.CreateFacility(ctx, habeas.Operator, &habeas.Facility{Name: "Facility " + secret, Kind: "prison",
		Country: "AZ", Visibility: habeas.Internal}))
	// Posts: a draft, one scheduled for later, and a published one about
	// the internal person, citing and quoting the hidden source.
	must("draft post", s.CreatePost(ctx, habeas.Operator, &habeas.Post{Slug: "draft-post", Lang: "en", Title: "Draft " + secret,
		Body: "Draft " + secret, State: habeas.PostDraft, Visibility: habeas.Internal}))
	must("scheduled post", s.CreatePost(ctx, habeas.Operator, &habeas.Post{Slug: "scheduled-post", Lang: "en", Title: "Scheduled " + secret,
		Body: "Scheduled " + secret, State: habeas.PostPublished, Visibility: habeas.Public, PublishAt: demo.AsOf.AddDate(0, 0, 1)}))
	must("post", s.CreatePost(ctx, habeas.Operator, &habeas.Post{Slug: "about-hidden-things", Lang: "en", Title: "About hidden things",
		Body: "A post whose links are not all public.", State: habeas.PostPublished, Visibility: habeas.Public,
		PersonIDs: []int64{p.ID, elvin.ID}, FactPersonID: p.ID, SourceIDs: []int64{hidden.ID},
		Quotes: []habeas.PullQuote{{Text: "Words only a hidden source reports.", Speaker: "Someone", SourceIDs: []int64{hidden.ID}}}}))
	// An internal estimate, and a public one whose only source is hidden.
	must("internal estimate", s.CreateEstimate(ctx, habeas.Operator, &habeas.Estimate{Country: "AZ", Count: 999,
		Qualifier: habeas.EstimateAtLeast, Of: "political_prisoner", By: "estimate " + secret, AsOf: "2025-05",
		SourceIDs: []int64{hidden.ID}, Visibility: habeas.Internal}))
	must("estimate citing a hidden source", s.CreateEstimate(ctx, habeas.Operator, &habeas.Estimate{Country: "AZ", Count: 12,
		Qualifier: habeas.EstimateExactly, Of: "prisoner_of_conscience", By: "a lawyers’ network", AsOf: "2024",
		SourceIDs: []int64{hidden.ID}}))
	return p.Slug
}

func get(t *testing.T, h http.Handler, path string, header ...string) *httptest.ResponseRecorder {
	t.Helper()
	r := httptest.NewRequest("GET", path, nil)
	for i := 0; i+1 < len(header); i += 2 {
		r.Header.Set(header[i], header[i+1])
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w
}

// expect checks the status and that the body holds every want.
func expect(t *testing.T, w *httptest.ResponseRecorder, status int, want ...string) string {
	t.Helper()
	body := w.Body.String()
	if w.Code != status {
		t.Errorf("status %d, want %d; body:\n%s", w.Code, status, clipped(body))
	}
	for _, s := range want {
		if !strings.Contains(body, s) {
			t.Errorf("body lacks %q:\n%s", s, clipped(body))
		}
	}
	return body
}

func holds(t *testing.T, body string, wanted ...string) {
	t.Helper()
	for _, s := range wanted {
		if !strings.Contains(body, s) {
			t.Errorf("body lacks %q:\n%s", s, clipped(body))
		}
	}
}

func refuse(t *testing.T, body string, unwanted ...string) {
	t.Helper()
	for _, s := range unwanted {
		if strings.Contains(body, s) {
			t.Errorf("body holds %q, which it must not", s)
		}
	}
}

func clipped(s string) string {
	if len(s) > 3000 {
		return s[:3000] + "…"
	}
	return s
}

func testHome(t *testing.T, h http.Handler) {
	body := expect(t, get(t, h, "/"), 200, "<title>", "habeas", `href="/people"`, "Demo data as of 15 May 2025")
	// Five people detained (the four union members and Tofig Yagublu), one
	// whose whereabouts are unknown, one reported on hunger strike (the
	// last news of him is days old: "on hunger strike" would claim more).
	for _, want := range [][2]string{{"5", "people detained"}, {"1", "whereabouts unknown"}, {"1", "reported on hunger strike"}} {
		re := regexp.MustCompile(`<span class="figure">` + want[0] + `</span> <span class="label">` + want[1])
		if !re.MatchString(body) {
			t.Errorf("home lacks the counter %s %s", want[0], want[1])
		}
	}
}

func testPerson(t *testing.T, h http.Handler) {
	body := expect(t, get(t, h, "/people/"+demo.PersonSlug), 200,
		"<title>Elvin Mustafayev — IHR</title>", "<h1>Elvin Mustafayev</h1>", `lang="ru"`, "Эльвин Мустафаев",
		"Whereabouts unknown since some day between 6 and 14 May 2025.",
		"three years", `<time datetime="2024-01-31">31 January 2024</time>`, "Baku Serious Crimes Court",
		"drug trafficking", "Denies the charges", "<blockquote><p>“As I was leaving the store, four men violently attacked me.",
		"at least", "days in detention", "days to expected release", "August 2026",
		`href="/organizations/workers-table"`, "Last known place", `href="/facilities/correctional-facility-no-3"`,
		`<a href="#source-1">`, `<li id="source-1">`, `<li id="source-2">`, "Relatives of Elvin Mustafayev Concerned After 8 Days Without News",
		"Relatives and colleagues asked the Penitentiary Service in May 2025. <strong class=\"flag\">No answer so far.</strong>",
		"<blockquote><p>We will not stop asking where he is.</p><footer>— A colleague</footer></blockquote>",
		"source not public", "unsourced", "Taken to an undisclosed place")
	m := regexp.MustCompile(`<span class="figure">(\d+)</span> <span class="label">days without news`).FindStringSubmatch(body)
	if m == nil {
		t.Fatal("no days-without-news figure")
	}
	if n, _ := strconv.Atoi(m[1]); n < 8 {
		t.Errorf("days without news = %d, want 8 or more", n)
	}
	// The strike's day count is hedged: the last news is of about 7 May,
	// nobody has said since that it goes on.
	hedged := regexp.MustCompile(`<span class="figure">Day 10</span> <span class="label">of hunger strike if it continues</span> ` +
		`<span class="note">began 6 May 2025 — no news since around 7 May 2025</span>`)
	if !hedged.MatchString(body) {
		t.Errorf("the hunger strike card is not hedged:\n%s", clipped(body[strings.Index(body, `<ul class="figures">`):]))
	}
	testTimeline(t, body)
}

// testTimeline checks the person page's timeline: in casefile.Sorted
// order, each date worded as the post gives it. The transfer, known only as
// some day between the strike's start (6 May) and the union's statement
// (14 May), comes after "6 May 2025 — Hunger strike begins", not above it
// as a month would.
func testTimeline(t *testing.T, body string) {
	t.Helper()
	i := strings.Index(body, `<ol class="timeline">`)
	if i < 0 {
		t.Fatal("no timeline")
	}
	tl := body[i:]
	tl = tl[:strings.Index(tl, "</ol>")]
	when := regexp.MustCompile(`<p class="when">(.*?) <span class="kind">(.*?)</span></p>`).FindAllStringSubmatch(tl, -1)
	var got []string
	for _, m := range when {
		got = append(got, regexp.MustCompile(`<[^>]+>`).ReplaceAllString(m[1], "")+" — "+m[2])
	}
	want := []string{
		"August 2023 — Arrest",
		"31 January 2024 — Verdict",
		"March 2024 — Appeal", // added by the test
		"6 May 2025 — Hunger strike begins",
		"between 6 and 14 May 2025 — Transfer",
		"around 7 May 2025 — News",
		"12 May 2025 — Statement", // added by the test
		"14 May 2025 — Statement",
		"15 May 2025 — Statement",
	}
	if !slices.Equal(got, want) {
		t.Errorf("timeline:\n got %q\nwant %q", got, want)
	}
	if !strings.Contains(tl, `<time datetime="2025-05-06">6 May 2025</time> <span class="kind">Hunger strike begins`) {
		t.Error("the strike's start is not a machine-readable day")
	}
}

func testOrganization(t *testing.T, h http.Handler) {
	expect(t, get(t, h, "/organizations/"+demo.OrganizationSlug), 200,
		"Workers’ Table", `<span class="figure">4</span> members detained now`, "Trade union", "2022",
		`href="/people/elvin-mustafayev"`, "Afieddin Mammadov", "chairman", "Aykhan Israfilov", "Mohyaddin Orujov",
		"Whereabouts unknown")
}

func testFacility(t *testing.T, h http.Handler) {
	body := expect(t, get(t, h, "/facilities/"+demo.FacilitySlug), 200,
		"<h1>Correctional Facility No. 3</h1>", "Azerbaijan", "Address for letters",
		"We do not know a postal address")
	// The post names the place, not its kind.
	refuse(t, body, "Penal colony")
	// Elvin was taken from there to an unknown place: held there before,
	// not now.
	now, before := strings.Index(body, `id="held-h"`), strings.Index(body, `id="former-h"`)
	if now < 0 || before < now {
		t.Fatal("no lists of those held here now and before")
	}
	refuse(t, body[now:before], `href="/people/elvin-mustafayev"`)
	holds(t, body[before:], `href="/people/elvin-mustafayev"`, "known to be held here on")
}

// names returns the people linked from a people list, in order.
func names(body string) []string {
	var out []string
	for _, m := range regexp.MustCompile(`<p class="who"><a href="/people/[a-z0-9-]+">([^<]+)</a>`).FindAllStringSubmatch(body, -1) {
		out = append(out, html.UnescapeString(m[1]))
	}
	return out
}

func testPeopleFilters(t *testing.T, h http.Handler) {
	all := names(expect(t, get(t, h, "/people"), 200, `<form method="get" action="/people">`))
	if len(all) != 5 {
		t.Errorf("people = %v, want the 5 public demo people", all)
	}
	cases := []struct {
		query string
		want  []string
	}{
		{"status=sentenced", []string{"Elvin Mustafayev"}},
		{"organization=workers-table", []string{"Afieddin Mammadov", "Aykhan Israfilov", "Elvin Mustafayev", "Mohyaddin Orujov"}},
		{"charge=drug", []string{"Elvin Mustafayev"}},
		{"country=az&classification=not_assessed&status=detained", []string{"Afieddin Mammadov", "Aykhan Israfilov", "Mohyaddin Orujov", "Tofig Yagublu"}},
		{"facility=" + demo.FacilitySlug, nil},
		{"sort=news", nil},
	}
	for _, c := range cases {
		body := expect(t, get(t, h, "/people?"+c.query), 200)
		got := names(body)
		if c.want != nil && strings.Join(got, "|") != strings.Join(c.want, "|") {
			t.Errorf("%s: people = %v, want %v", c.query, got, c.want)
		}
		// The others have no news and no arrest date: only Elvin has a silence to count.
		if c.query == "sort=news" && (len(got) != 5 || got[0] != "Elvin Mustafayev") {
			t.Errorf("sort=news: people = %v, want Elvin Mustafayev first of 5", got)
		}
	}
	body := expect(t, get(t, h, "/people?status=sentenced"), 200, `<option value="sentenced" selected>`, "Whereabouts unknown")
	refuse(t, body, "Tofig Yagublu")
}

func testBadFilters(t *testing.T, h http.Handler) {
	for query, want := range map[string]string{
		"status=free":                        "Unknown status",
		"classification=hero":                "Unknown classification",
		"sort=random":                        "Unknown order",
		"country=Azerbaijan":                 "two-letter country code",
		"organization=no-such-union":         "We have no organization named “no-such-union”",
		"organization=%3Cscript%3E":          "We have no organization named “&lt;script&gt;”",
		"facility=nowhere":                   "We have no place of detention named",
		"cursor=not-a-cursor":                "invalid cursor",
		"charge=" + strings.Repeat("x", 300): "too long",
		"charge=%00":                         "control character",
		"charge=%FF":                         "not valid text",
	} {
		body := expect(t, get(t, h, "/people?"+query), 400, want, `role="alert"`, `<details class="filters" open>`)
		refuse(t, body, "<script>", `<p class="who">`)
	}
	// A pair that does not parse is refused, naming it: dropping it would
	// answer a list that looks filtered but is not.
	for query, want := range map[string]string{
		"country=BY;":                 "malformed at “country”",
		"status=detained&q=100%":      "malformed at “q”",
		"country=AZ;status=sentenced": "malformed at “country”",
	} {
		body := expect(t, get(t, h, "/people?"+query), 400, want, `role="alert"`)
		refuse(t, body, `<p class="who">`)
	}
}

func testNotFound(t *testing.T, h http.Handler, internalSlug string) {
	for _, path := range []string{"/people/no-one", "/people/" + internalSlug, "/organizations/none", "/facilities/none",
		"/no/such/page", "/static/style.0000.css", "/people/Bad%20Slug"} {
		body := expect(t, get(t, h, path), 404, "Page not found", `href="/people"`, "<main")
		refuse(t, body, secret)
	}
}

// pages lists the public pages the tests read.
var pages = []string{"/", "/people", "/people?sort=news", "/people?sort=detention", "/people?organization=workers-table",
	"/people/" + demo.PersonSlug, "/people/tofig-yagublu", "/organizations/" + demo.OrganizationSlug,
	"/facilities/" + demo.FacilitySlug, "/no/such/page", "/people?status=bad",
	"/news", "/news?lang=en", "/news?tag=hunger-strike", "/news/" + demo.NewsSlug, "/news/about-hidden-things", "/news?lang=de",
	"/stats", "/stats?on=2024-01-01", "/stats?on=2024-02-30",
	"/search", "/search?q=Mammadov", "/search?q=person+note", "/search?q=not-for-the-public", "/search?q=%22hunger+strike%22&kind=event", "/search?q=%22"}

func testNothingNonPublic(t *testing.T, h http.Handler) {
	for _, p := range pages {
		w := get(t, h, p)
		refuse(t, w.Body.String(), secret, "QZX")
	}
	body := get(t, h, "/people/"+demo.PersonSlug).Body.String()
	if !regexp.MustCompile(`<span class="figure">8</span> <span class="label">days without news`).MatchString(body) {
		t.Error("an internal news event changed the public days-without-news figure")
	}
	body = get(t, h, "/organizations/"+demo.OrganizationSlug).Body.String()
	if !strings.Contains(body, `<span class="figure">4</span>`) {
		t.Error("an internal member is counted on the organization page")
	}
}

var (
	thirdParty = regexp.MustCompile(`(?i)<(?:link|script|img|iframe|source|video|audio)\b[^>]*\b(?:src|href|srcset)\s*=\s*"(?:https?:)?//`)
	anyScript  = regexp.MustCompile(`(?i)<script|\son[a-z]+=`)
)

func testEveryPage(t *testing.T, h http.Handler) {
	for _, p := range pages {
		w := get(t, h, p)
		body := w.Body.String()
		for name, want := range map[string]string{
			"Content-Security-Policy": "default-src 'none'; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
			"X-Content-Type-Options":  "nosniff",
			"Referrer-Policy":         "no-referrer",
			"X-Frame-Options":         "DENY",
			"Content-Type":            "text/html; charset=utf-8",
		} {
			if got := w.Header().Get(name); got != want {
				t.Errorf("%s: %s = %q, want %q", p, name, got, want)
			}
		}
		for _, want := range []string{"<!DOCTYPE html>", `<html lang="en">`, `<a class="skip" href="#main">`, `<main id="main"`,
			`<nav aria-label="Main">`, "— IHR</title>", `<footer class="site">`, `role="note"`} {
			if !strings.Contains(body, want) {
				t.Errorf("%s lacks %q", p, want)
			}
		}
		if strings.Count(body, "<h1") != 1 {
			t.Errorf("%s has %d h1 headings, want 1", p, strings.Count(body, "<h1"))
		}
		if m := thirdParty.FindString(body); m != "" {
			t.Errorf("%s loads from another origin: %s", p, m)
		}
		// schema.org data is JSON, not script: the CSP runs no script at all.
		if m := anyScript.FindString(strings.ReplaceAll(body, `<script type="application/ld+json">`, "")); m != "" {
			t.Errorf("%s has script: %s", p, m)
		}
		if err := wellFormed(body); err != nil {
			t.Errorf("%s: %v", p, err)
		}
	}
	// Headers on the other responses too.
	for _, p := range []string{"/healthz", "/static/x.css"} {
		if w := get(t, h, p); w.Header().Get("Content-Security-Policy") == "" || w.Header().Get("X-Frame-Options") != "DENY" {
			t.Errorf("%s lacks the security headers", p)
		}
	}
}

// wellFormed checks that every element is closed in order (void elements
// aside): a rough check; the Nu HTML Checker does the real one.
func wellFormed(body string) error {
	d := xml.NewDecoder(strings.NewReader(body))
	d.Strict = false
	d.AutoClose = xml.HTMLAutoClose
	d.Entity = xml.HTMLEntity
	var stack []string
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		} else if err != nil {
			return fmt.Errorf("line %d: %v", d.InputOffset(), err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			stack = append(stack, tok.Name.Local)
		case xml.EndElement:
			if len(stack) == 0 || stack[len(stack)-1] != tok.Name.Local {
				return fmt.Errorf("at byte %d: </%s> closes %v", d.InputOffset(), tok.Name.Local, stack)
			}
			stack = stack[:len(stack)-1]
		}
	}
	if len(stack) != 0 {
		return fmt.Errorf("unclosed elements %v", stack)
	}
	return nil
}

var stylesheetLink = regexp.MustCompile(`<link rel="stylesheet" href="(/static/style\.[0-9a-f]+\.css)">`)

func testStylesheet(t *testing.T, h http.Handler) {
	m := stylesheetLink.FindStringSubmatch(get(t, h, "/").Body.String())
	if m == nil {
		t.Fatal("no hashed stylesheet link")
	}
	w := get(t, h, m[1])
	expect(t, w, 200, "--bg")
	if ct := w.Header().Get("Content-Type"); ct != "text/css; charset=utf-8" {
		t.Errorf("stylesheet Content-Type %q", ct)
	}
	if cc := w.Header().Get("Cache-Control"); !strings.Contains(cc, "immutable") {
		t.Errorf("stylesheet Cache-Control %q, want immutable", cc)
	}
	gz := get(t, h, m[1], "Accept-Encoding", "gzip")
	if gz.Header().Get("Content-Encoding") != "gzip" || gunzip(t, gz.Body.Bytes()) != w.Body.String() {
		t.Error("stylesheet not served gzipped")
	}
}

func gunzip(t *testing.T, b []byte) string {
	t.Helper()
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("gunzip: %v", err)
	}
	out, err := io.ReadAll(zr)
	if err != nil {
		t.Fatalf("gunzip: %v", err)
	}
	return string(out)
}

func testGzip(t *testing.T, h http.Handler) {
	path := "/people/" + demo.PersonSlug
	plain := get(t, h, path)
	w := get(t, h, path, "Accept-Encoding", "br, gzip;q=0.8")
	if w.Header().Get("Content-Encoding") != "gzip" || !strings.Contains(w.Header().Get("Vary"), "Accept-Encoding") {
		t.Fatalf("no gzip: headers %v", w.Header())
	}
	if got := gunzip(t, w.Body.Bytes()); got != plain.Body.String() {
		t.Error("gzipped page differs from the plain one")
	}
	if off := get(t, h, path, "Accept-Encoding", "gzip;q=0"); off.Header().Get("Content-Encoding") != "" {
		t.Error("gzip sent though refused with q=0")
	}
	css := get(t, h, stylesheetLink.FindStringSubmatch(plain.Body.String())[1], "Accept-Encoding", "gzip")
	if total := w.Body.Len() + css.Body.Len(); total > 40*1024 {
		t.Errorf("person page weighs %d bytes compressed with its stylesheet, want under 40 KB", total)
	}
}

func testPaging(t *testing.T, s *store.Store, h http.Handler) {
	ctx := context.Background()
	for i := range 55 {
		p := &habeas.Person{Country: "AZ", Names: []habeas.PersonName{{Name: fmt.Sprintf("Paged Person %02d", i), Kind: habeas.NamePrimary}}}
		if err := s.CreatePerson(ctx, habeas.Operator, p); err != nil {
			t.Fatal(err)
		}
	}
	next := regexp.MustCompile(`<a href="([^"]+)" rel="next">Next page</a>`)
	seen := map[string]bool{}
	path, pagesRead := "/people?country=AZ", 0
	for path != "" {
		body := expect(t, get(t, h, path), 200)
		pagesRead++
		for _, n := range names(body) {
			if seen[n] {
				t.Errorf("%s listed twice", n)
			}
			seen[n] = true
		}
		path = ""
		if m := next.FindStringSubmatch(body); m != nil {
			path = html.UnescapeString(m[1])
			if !strings.Contains(path, "country=AZ") || !strings.Contains(path, "cursor=") {
				t.Errorf("next page link %q loses the filters", path)
			}
			if !strings.Contains(expect(t, get(t, h, path), 200), "First page") {
				t.Error("a later page lacks the link to the first")
			}
		}
		if pagesRead > 5 {
			t.Fatal("paging does not end")
		}
	}
	if len(seen) != 60 || pagesRead != 2 {
		t.Errorf("read %d people on %d pages, want 60 on 2", len(seen), pagesRead)
	}
}

func TestStoreFailures(t *testing.T) {
	// A real store whose database has gone away.
	var logs bytes.Buffer
	st := storetest.New(t, store.SQLite, clock)
	if err := demo.Load(context.Background(), st); err != nil {
		t.Fatal(err)
	}
	st.Close()
	h, err := web.New(web.Config{Store: st, Clock: clock, Logger: slogTo(&logs)})
	if err != nil {
		t.Fatal(err)
	}
	expect(t, get(t, h, "/healthz"), 503)
	for _, p := range []string{"/", "/people/elvin-mustafayev"} {
		body := expect(t, get(t, h, p), 500, "Something went wrong on our side")
		refuse(t, body, "database is closed", "sql:")
	}
	if !strings.Contains(logs.String(), "database is closed") {
		t.Error("the error was not logged")
	}
	if strings.Contains(logs.String(), "elvin-mustafayev") {
		t.Error("the log holds the person's slug")
	}
	if _, err := web.New(web.Config{Clock: clock}); err == nil {
		t.Error("New without a store succeeded")
	}
}

func slogTo(w io.Writer) *slog.Logger { return slog.New(slog.NewTextHandler(w, nil)) }

// TestKnownPlace covers a person whose place of detention is known: the
// letter address on their page and on the facility's, and the list of
// those held there.
func TestKnownPlace(t *testing.T) {
	storetest.ForEach(t, clock, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		lat, lon := 40.4093, 49.8671
		f := &habeas.Facility{Name: "Baku Pre-trial Detention Centre No. 1", Kind: "pre_trial", Country: "AZ",
			Region: "Baku", Address: "Zabrat settlement\nBaku AZ1104", Latitude: &lat, Longitude: &lon}
		p := &habeas.Person{Country: "AZ", Gender: "female", BirthYear: 1990, Occupation: "Journalist",
			Names: []habeas.PersonName{{Name: "Sevinj Example", Kind: habeas.NamePrimary},
				{Name: "Sev", Kind: habeas.NameAlias}}}
		if err := s.CreateFacility(ctx, habeas.Operator, f); err != nil {
			t.Fatal(err)
		}
		if err := s.CreatePerson(ctx, habeas.Operator, p); err != nil {
			t.Fatal(err)
		}
		c := &habeas.Case{PersonID: p.ID, Country: "AZ", Status: habeas.StatusPretrial, ArrestDate: "2025-04-01",
			Charges: []habeas.Charge{{Article: "206.3.2", Text: "smuggling"}}, FacilityID: f.ID,
			Classification: "political_prisoner", ClassifiedBy: "Union for Freedom of Political Prisoners", ClassifiedOn: "2025-04-20",
			Position: "denies"}
		if err := s.CreateCase(ctx, habeas.Operator, c); err != nil {
			t.Fatal(err)
		}
		if err := s.CreateIntervention(ctx, habeas.Operator, &habeas.Intervention{CaseID: c.ID, Kind: "appeal", Sender: "Her lawyer",
			Recipient: "Prosecutor General", SentOn: "2025-04-10", DueOn: "2025-06-10", AnswerStatus: "none"}); err != nil {
			t.Fatal(err)
		}
		h, err := web.New(web.Config{Store: s, Clock: clock})
		if err != nil {
			t.Fatal(err)
		}
		body := expect(t, get(t, h, "/people/"+p.Slug), 200, "How to write to her", "Zabrat settlement", "Baku AZ1104",
			`href="/facilities/`+f.Slug+`"`, "Also known as", "Sev", "born 1990", "Journalist", "In pre-trial detention",
			"Article 206.3.2: smuggling", "Political prisoner, assessed by Union for Freedom of Political Prisoners on",
			`<time datetime="2025-04-20">20 April 2025</time>`, "44</span> <span class=\"label\">days in detention",
			"Her lawyer appealed to the Prosecutor General on 10 April 2025. An answer is due by 10 June 2025.")
		refuse(t, body, "Whereabouts unknown", "at least", `<strong class="flag">No answer</strong>`)
		expect(t, get(t, h, "/facilities/"+f.Slug), 200, "Pre-trial detention centre", "Baku, Azerbaijan",
			"Zabrat settlement", "40.4093° N, 49.8671° E", `href="/people/`+p.Slug+`"`, "Held here now")
		expect(t, get(t, h, "/people?facility="+f.Slug), 200, "Sevinj Example", "Filtered: place: Baku Pre-trial")
		expect(t, get(t, h, "/people"), 200, `<a href="/facilities/`+f.Slug+`">Baku Pre-trial Detention Centre No. 1</a>`)
	})
}

// The public search finds a person by any spelling of their name.
func testSearchByName(t *testing.T, h http.Handler) {
	for _, q := range []string{"Мустафаев", "Mustafaev", "ELVIN%20MUSTAFAYEV", "Mustafayev%2C%20Elvin"} {
		body := expect(t, get(t, h, "/people?q="+q), 200, "Elvin Mustafayev")
		refuse(t, body, "Tofig Yagublu", "Afieddin Mammadov")
	}
	body := expect(t, get(t, h, "/people?q=Yaqublu"), 200, "Tofig Yagublu")
	refuse(t, body, "Elvin Mustafayev")
	expect(t, get(t, h, "/people?q=Zzyzx%20Qwerty"), 200, "No one")
	expect(t, get(t, h, "/people?q="+strings.Repeat("a", 300)), 400)
}

// A person merged into another keeps their address: it leads to the survivor.
func testMergedAddress(t *testing.T, s *store.Store, h http.Handler) {
	ctx := context.Background()
	dup := &habeas.Person{Country: "AZ", Slug: "mustafaev-elvin", Names: []habeas.PersonName{{Name: "Mustafaev Elvin", Kind: habeas.NamePrimary}}}
	if err := s.CreatePerson(ctx, habeas.Operator, dup); err != nil {
		t.Fatal(err)
	}
	elvin, _ := s.PersonBySlug(ctx, habeas.Public, demo.PersonSlug)
	if _, err := s.MergePeople(ctx, habeas.Operator, elvin.ID, dup.ID); err != nil {
		t.Fatal(err)
	}
	w := get(t, h, "/people/mustafaev-elvin")
	if w.Code != http.StatusMovedPermanently || w.Header().Get("Location") != "/people/"+demo.PersonSlug {
		t.Errorf("old address: %d to %q", w.Code, w.Header().Get("Location"))
	}
}

// A person detained more than once shows the other detentions too.
func testOtherDetentions(t *testing.T, s *store.Store, h http.Handler) {
	ctx := context.Background()
	ty, err := s.PersonBySlug(ctx, habeas.Public, "tofig-yagublu")
	if err != nil {
		t.Fatal(err)
	}
	earlier := &habeas.Case{PersonID: ty.ID, Country: "AZ", Status: habeas.StatusReleased, ArrestDate: "2013-02",
		Charges: []habeas.Charge{{Text: "organising mass disorder"}}, Court: "Shaki Serious Crimes Court",
		Classification: "political_prisoner", Position: "denies"}
	if err := s.CreateCase(ctx, habeas.Operator, earlier); err != nil {
		t.Fatal(err)
	}
	// Entered last, the old case is still not the current one: he is held
	// in the demo's case now.
	body := expect(t, get(t, h, "/people/tofig-yagublu"), 200, "Other detentions", `Arrested <time datetime="2013-02">February 2013</time> · Released`, "Shaki Serious Crimes Court")
	current := body[:strings.Index(body, "Other detentions")]
	refuse(t, current, "Shaki Serious Crimes Court")
	list := expect(t, get(t, h, "/people?status=released"), 200)
	refuse(t, list, "Tofig Yagublu")
}

// failingStore is a real store whose people counts fail with err.
type failingStore struct {
	web.Store
	err func(ctx context.Context) error
}

func (f failingStore) PeopleCounts(ctx context.Context, a habeas.Access) (int, int, int, error) {
	return 0, 0, 0, f.err(ctx)
}

// A page's status comes from the one table of error codes; only our own
// faults are logged as errors.
func TestErrorStatuses(t *testing.T) {
	st := storetest.New(t, store.SQLite, clock)
	tests := []struct {
		err    error
		status int
		logged bool
	}{
		{habeas.Errorf(habeas.ENOTFOUND, "no such thing"), 404, false},
		{habeas.Errorf(habeas.EBADREQUEST, "bad address"), 400, false},
		{habeas.Errorf(habeas.EINVALID, "bad filter"), 400, false},
		{habeas.Errorf(habeas.ECONFLICT, "taken"), 409, false},
		{habeas.Errorf(habeas.EINTERNAL, "broken"), 500, true},
		{fmt.Errorf("disk on fire"), 500, true},
	}
	for _, tc := range tests {
		var logs bytes.Buffer
		h, err := web.New(web.Config{Store: failingStore{st, func(context.Context) error { return tc.err }}, Clock: clock, Logger: slogTo(&logs)})
		if err != nil {
			t.Fatal(err)
		}
		w := get(t, h, "/")
		if w.Code != tc.status {
			t.Errorf("%v: status %d, want %d", tc.err, w.Code, tc.status)
		}
		if got := strings.Contains(logs.String(), "level=ERROR"); got != tc.logged {
			t.Errorf("%v: logged %v, want %v: %s", tc.err, got, tc.logged, logs.String())
		}
	}
}

// A reader who hangs up is not an error to log, and the page left behind
// is never an empty 200 for the page cache to serve to the next reader.
func TestReaderGone(t *testing.T) {
	st := storetest.New(t, store.SQLite, clock)
	if err := demo.Load(context.Background(), st); err != nil {
		t.Fatal(err)
	}
	for _, format := range []string{"count people: %w", "count people: %v"} { // wrapped or not, as drivers do
		var logs bytes.Buffer
		calls := 0
		fs := failingStore{st, func(ctx context.Context) error {
			calls++
			if ctx.Err() != nil {
				return fmt.Errorf(format, ctx.Err())
			}
			return nil
		}}
		h, err := web.New(web.Config{Store: fs, Clock: clock, Logger: slogTo(&logs)})
		if err != nil {
			t.Fatal(err)
		}
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		w := httptest.NewRecorder()
		h.ServeHTTP(w, httptest.NewRequest("GET", "/", nil).WithContext(ctx))
		if w.Code == 200 {
			t.Errorf("%s: a cancelled page answered 200", format)
		}
		if strings.Contains(logs.String(), "level=ERROR") {
			t.Errorf("%s: a reader gone was logged as an error: %s", format, logs.String())
		}
		expect(t, get(t, h, "/"), 200, "People detained")
		if calls != 2 {
			t.Errorf("%s: the page after a cancelled one came from the cache (%d store calls)", format, calls)
		}
	}
}

// An organization with more members than a page holds shows the first of
// them by name, says how many there are, and leads to the people list,
// which pages through everyone; the page stays small.
func TestLargeOrganizationPage(t *testing.T) {
	st := storetest.New(t, store.SQLite, clock)
	ctx := context.Background()
	org := &habeas.Organization{Name: "Big Union", Kind: "trade_union", Country: "AZ", Visibility: habeas.Public}
	if err := st.CreateOrganization(ctx, habeas.Operator, org); err != nil {
		t.Fatal(err)
	}
	err := st.InBatch(ctx, habeas.Operator, func(b habeas.Batch) error {
		for i := range 250 {
			p := &habeas.Person{Country: "AZ", Visibility: habeas.Public,
				Names: []habeas.PersonName{{Name: fmt.Sprintf("Member %03d", i), Kind: habeas.NamePrimary}}}
			if err := b.CreatePerson(p); err != nil {
				return err
			}
			if err := b.CreateMembership(&habeas.Membership{PersonID: p.ID, OrganizationID: org.ID, Visibility: habeas.Public}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := st.VerifyLists(ctx); err != nil { // 250 people listed in one statement over their ids
		t.Fatal(err)
	}
	h, err := web.New(web.Config{Store: st, Clock: clock})
	if err != nil {
		t.Fatal(err)
	}
	body := expect(t, get(t, h, "/organizations/"+org.Slug), 200, "Member 000", "Member 099",
		"The first 100 of 250 current members", `href="/people?organization=`+org.Slug+`"`)
	refuse(t, body, "Member 100")
	expect(t, get(t, h, "/people?organization="+org.Slug), 200, "Member 000", `rel="next"`)
}

// Past a few dozen places, the form of the people list asks for a name
// instead of offering them all: the reader types it as they know it, and
// a name that fits several records lists them, one link each. Only
// public records are found, and a new one as soon as it is written.
func TestFilterFormFindsPlacesByName(t *testing.T) {
	st := storetest.New(t, store.SQLite, clock)
	ctx := context.Background()
	err := st.InBatch(ctx, habeas.Operator, func(b habeas.Batch) error {
		for i := range habeas.MaxLimit + 100 {
			f := &habeas.Facility{Name: fmt.Sprintf("Colony No. %d", i+1), Kind: "colony", Country: "AZ", Visibility: habeas.Public}
			if err := b.CreateFacility(f); err != nil {
				return err
			}
		}
		if err := b.CreateFacility(&habeas.Facility{Name: "Investigative Isolator No. 1", Kind: "pre_trial", Country: "AZ", Visibility: habeas.Public}); err != nil {
			return err
		}
		return b.CreateFacility(&habeas.Facility{Name: "Secret Site", Kind: "unknown", Country: "AZ", Visibility: habeas.Internal})
	})
	if err != nil {
		t.Fatal(err)
	}
	h, err := web.New(web.Config{Store: st, Clock: clock})
	if err != nil {
		t.Fatal(err)
	}
	body := expect(t, get(t, h, "/people"), 200, `<input id="f-facility" name="facility" type="search"`)
	refuse(t, body, ">Colony No. 1<", "Secret Site")
	if len(body) > 20000 {
		t.Errorf("the people list is %d bytes with 600 places", len(body))
	}

	for _, c := range []struct {
		query  string
		status int
		want   []string
		refuse []string
	}{
		// The links of the site name a place by its slug.
		{"facility=colony-no-599", 200, []string{"place: Colony No. 599", `value="Colony No. 599"`}, nil},
		// As typed: the names machinery reads other ways of writing it.
		{"facility=Colony+No.+599", 200, []string{"place: Colony No. 599"}, nil},
		{"facility=colony+%23599", 200, []string{"place: Colony No. 599"}, nil},
		{"facility=SIZO-1", 200, []string{"place: Investigative Isolator No. 1"}, nil},
		{"facility=%D0%A1%D0%98%D0%97%D0%9E+%E2%84%961", 200, []string{"place: Investigative Isolator No. 1"}, nil}, // СИЗО №1
		// Part of a name that fits many: some named, the rest counted.
		{"facility=colon", 400, []string{"Several places of detention fit “colon”", `href="/people?facility=colony-no-1"`, "more: type more of the name"}, nil},
		// Different numbers are never the same place.
		{"facility=Colony+No.+601", 400, []string{"We have no place of detention named “Colony No. 601”"}, nil},
		// Internal places are not found, by name or slug.
		{"facility=Secret+Site", 400, []string{"We have no place of detention named"}, []string{"place: Secret"}},
		{"facility=secret-site", 400, []string{"We have no place of detention named"}, nil},
	} {
		t.Run(c.query, func(t *testing.T) {
			body := expect(t, get(t, h, "/people?"+c.query), c.status, c.want...)
			if i := strings.Index(body, "role=\"alert\""); i > 0 && t.Failed() {
				t.Log(body[i:min(len(body), i+600)])
			}
			refuse(t, body, c.refuse...)
		})
	}

	if err := st.CreateFacility(ctx, habeas.Operator, &habeas.Facility{Name: "Colony No. 700", Kind: "colony", Country: "AZ", Visibility: habeas.Public}); err != nil {
		t.Fatal(err)
	}
	expect(t, get(t, h, "/people?facility=Colony+No.+700&sort=news"), 200, "place: Colony No. 700")
}
