package web_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"codeberg.org/habeas/habeas"
	"codeberg.org/habeas/habeas/demo"
	"codeberg.org/habeas/habeas/store"
	"codeberg.org/habeas/habeas/store/storetest"
	"codeberg.org/habeas/habeas/web"
)

// newDemoSite is the public site over a fresh store holding the demo.
func newDemoSite(t *testing.T, cfg web.Config) (*store.Store, http.Handler) {
	t.Helper()
	st := storetest.New(t, store.SQLite, clock)
	if err := demo.Load(context.Background(), st); err != nil {
		t.Fatal(err)
	}
	cfg.Store, cfg.Clock = st, clock
	h, err := web.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return st, h
}

func do(t *testing.T, h http.Handler, method, path string, header ...string) *httptest.ResponseRecorder {
	t.Helper()
	r := httptest.NewRequest(method, "/", nil)
	r.URL.Path, r.URL.RawQuery, _ = strings.Cut(path, "?")
	r.RequestURI = path
	for i := 0; i+1 < len(header); i += 2 {
		r.Header.Set(header[i], header[i+1])
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w
}

// Another spelling of a page's address leads to the canonical one, keeping
// the query; a hidden record's address answers exactly as a missing one's;
// no address makes the site send a reader to another origin.
func TestCanonicalRedirects(t *testing.T) {
	st, h := newDemoSite(t, web.Config{})
	hidden := &habeas.Person{Country: "AZ", Slug: "hidden-person", Visibility: habeas.Internal,
		Names: []habeas.PersonName{{Name: "Hidden Person", Kind: habeas.NamePrimary}}}
	if err := st.CreatePerson(context.Background(), habeas.Operator, hidden); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ path, to string }{
		{"/people/Elvin-Mustafayev", "/people/elvin-mustafayev"},
		{"/people/elvin-mustafayev/", "/people/elvin-mustafayev"},
		{"/people/ELVIN-MUSTAFAYEV/?lang=ru", "/people/elvin-mustafayev?lang=ru"},
		{"/People/elvin-mustafayev", "/people/elvin-mustafayev"},
		{"/people/", "/people"},
		{"/PEOPLE?status=sentenced", "/people?status=sentenced"},
		{"/organizations/Workers-Table/", "/organizations/workers-table"},
		{"/facilities/Correctional-Facility-No-3", "/facilities/correctional-facility-no-3"},
		{"/people/No-One", "/people/no-one"},
		{"/people/Hidden-Person", "/people/hidden-person"},
	} {
		w := do(t, h, "GET", tc.path)
		if w.Code != http.StatusMovedPermanently || w.Header().Get("Location") != tc.to {
			t.Errorf("%s: %d to %q, want 301 to %q", tc.path, w.Code, w.Header().Get("Location"), tc.to)
		}
	}
	// Missing and hidden end alike.
	missing, hid := do(t, h, "GET", "/people/no-one"), do(t, h, "GET", "/people/hidden-person")
	if missing.Code != 404 || hid.Code != 404 || missing.Body.String() != hid.Body.String() {
		t.Errorf("missing %d and hidden %d answer differently", missing.Code, hid.Code)
	}
	// Paths that look like another origin, encoded or not, never lead there.
	for _, path := range []string{"//evil.example/", "//evil.example/people/Elvin-Mustafayev", "/people/%2F%2Fevil.example",
		"/\\evil.example/", "/people/..//evil.example", "///evil.example/people", "/people/Elvin-Mustafayev/?next=//evil.example",
		"/people/\u212Alvin"} {
		w := do(t, h, "GET", path)
		loc := w.Header().Get("Location")
		if w.Code/100 == 3 && (!strings.HasPrefix(loc, "/") || strings.HasPrefix(loc, "//") || strings.HasPrefix(loc, "/\\")) {
			t.Errorf("%s: %d to %q, another origin", path, w.Code, loc)
		}
		// As a browser resolves it (a backslash counts as a slash).
		if u, err := url.Parse("https://site.test" + strings.ReplaceAll(path, "\\", "/")); err == nil && loc != "" {
			if to, err := u.Parse(strings.ReplaceAll(loc, "\\", "/")); err != nil || to.Host != "site.test" {
				t.Errorf("%s: redirects to %q, off the site", path, loc)
			}
		}
	}
	if w := do(t, h, "GET", "/people/\u212Alvin"); w.Code != 404 {
		t.Errorf("a Kelvin sign is not a k: %d to %q", w.Code, w.Header().Get("Location"))
	}
}

// A method no page takes gets the site's own error page, not plain text.
func TestMethodNotAllowedIsTheSitesPage(t *testing.T) {
	_, h := newDemoSite(t, web.Config{})
	for _, tc := range []struct{ method, path string }{
		{"POST", "/"}, {"POST", "/people"}, {"PUT", "/people/" + demo.PersonSlug}, {"DELETE", "/organizations/" + demo.OrganizationSlug},
		{"PATCH", "/facilities/" + demo.FacilitySlug}, {"POST", "/static/style.css"}, {"OPTIONS", "/no/such/page"},
	} {
		w := do(t, h, tc.method, tc.path)
		body := expect(t, w, http.StatusMethodNotAllowed, "<!DOCTYPE html>", "This address cannot take that request",
			tc.method+" is not allowed here", `href="/people"`, "— IHR</title>")
		if allow := w.Header().Get("Allow"); !strings.Contains(allow, "GET") {
			t.Errorf("%s %s: Allow %q", tc.method, tc.path, allow)
		}
		if ct := w.Header().Get("Content-Type"); ct != "text/html; charset=utf-8" {
			t.Errorf("%s %s: Content-Type %q", tc.method, tc.path, ct)
		}
		if w.Header().Get("Content-Security-Policy") == "" {
			t.Errorf("%s %s: no CSP", tc.method, tc.path)
		}
		refuse(t, body, "Method Not Allowed\n")
	}
}

// Every page and static file has an entity tag per representation; a
// reader who holds it gets 304 and no body; any other tag gets the page.
func TestEntityTags(t *testing.T) {
	_, h := newDemoSite(t, web.Config{})
	css := stylesheetLink.FindStringSubmatch(get(t, h, "/").Body.String())[1]
	for _, path := range []string{"/", "/people", "/people?status=sentenced", "/people/" + demo.PersonSlug,
		"/organizations/" + demo.OrganizationSlug, "/facilities/" + demo.FacilitySlug, css, "/robots.txt"} {
		plain, gz := get(t, h, path), get(t, h, path, "Accept-Encoding", "gzip")
		tag, gzTag := plain.Header().Get("ETag"), gz.Header().Get("ETag")
		if plain.Code != 200 || tag == "" || !strings.HasPrefix(tag, `"`) {
			t.Errorf("%s: %d, ETag %q", path, plain.Code, tag)
			continue
		}
		if gz.Header().Get("Content-Encoding") == "gzip" && gzTag == tag {
			t.Errorf("%s: gzip and identity share the tag %s", path, tag)
		}
		if !strings.Contains(gz.Header().Get("Vary"), "Accept-Encoding") {
			t.Errorf("%s: Vary %q", path, gz.Header().Get("Vary"))
		}
		for _, inm := range []string{tag, "W/" + tag, `"other", ` + tag, "*"} {
			w := get(t, h, path, "If-None-Match", inm)
			if w.Code != http.StatusNotModified || w.Body.Len() != 0 || w.Header().Get("ETag") != tag {
				t.Errorf("%s If-None-Match %s: %d, %d bytes, ETag %q; want 304, none, %s", path, inm, w.Code, w.Body.Len(), w.Header().Get("ETag"), tag)
			}
		}
		w := get(t, h, path, "If-None-Match", gzTag, "Accept-Encoding", "gzip")
		if w.Code != http.StatusNotModified || w.Header().Get("Content-Encoding") != "" {
			t.Errorf("%s gzip revalidated: %d, Content-Encoding %q", path, w.Code, w.Header().Get("Content-Encoding"))
		}
		if gzTag != tag {
			// The identity tag does not validate the gzipped page, nor the reverse.
			if w := get(t, h, path, "If-None-Match", tag, "Accept-Encoding", "gzip"); w.Code != 200 {
				t.Errorf("%s: the identity tag validated the gzipped page (%d)", path, w.Code)
			}
			if w := get(t, h, path, "If-None-Match", gzTag); w.Code != 200 {
				t.Errorf("%s: the gzip tag validated the identity page (%d)", path, w.Code)
			}
		}
		if w := get(t, h, path, "If-None-Match", `"not-it"`); w.Code != 200 || w.Body.String() != plain.Body.String() {
			t.Errorf("%s: another tag got %d", path, w.Code)
		}
	}
	// An error is never a 304, whatever the reader holds.
	if w := get(t, h, "/people/no-one", "If-None-Match", "*"); w.Code != 404 || w.Header().Get("ETag") != "" {
		t.Errorf("missing page with If-None-Match *: %d, ETag %q", w.Code, w.Header().Get("ETag"))
	}
}

// The page cache and entity tags agree: after a change, a reader holding
// the old tag gets the new page with a new tag, never a 304 for stale
// content; the new tag is answered 304 from the cache.
func TestEntityTagsFollowChanges(t *testing.T) {
	st, h := newDemoSite(t, web.Config{})
	ctx := context.Background()
	page := "/people/" + demo.PersonSlug
	for _, enc := range []string{"", "gzip"} {
		first := get(t, h, page, "Accept-Encoding", enc)
		old := first.Header().Get("ETag")
		// Answered from the cache now: still 304 for the tag held.
		if w := get(t, h, page, "Accept-Encoding", enc, "If-None-Match", old); w.Code != 304 {
			t.Fatalf("%q: cached page not revalidated: %d", enc, w.Code)
		}
		p, err := st.PersonBySlug(ctx, habeas.Confidential, demo.PersonSlug)
		if err != nil {
			t.Fatal(err)
		}
		p.Occupation = "Occupation " + enc + " changed"
		if err := st.UpdatePerson(ctx, habeas.Operator, p); err != nil {
			t.Fatal(err)
		}
		w := get(t, h, page, "Accept-Encoding", enc, "If-None-Match", old)
		body := w.Body.String()
		if enc == "gzip" {
			body = gunzip(t, w.Body.Bytes())
		}
		if w.Code != 200 || !strings.Contains(body, p.Occupation) {
			t.Fatalf("%q: after a change, the old tag got %d (changed page: %v)", enc, w.Code, strings.Contains(body, p.Occupation))
		}
		fresh := w.Header().Get("ETag")
		if fresh == "" || fresh == old {
			t.Errorf("%q: tag %q after the change, was %q", enc, fresh, old)
		}
		if w := get(t, h, page, "Accept-Encoding", enc, "If-None-Match", fresh); w.Code != 304 {
			t.Errorf("%q: new tag not revalidated: %d", enc, w.Code)
		}
	}
}
