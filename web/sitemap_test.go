package web_test

import (
	"encoding/xml"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"codeberg.org/habeas/habeas/demo"
)

// testSitemap walks the sitemap index and every file it names: each lists
// public pages that answer, and none the public may not see.
func testSitemap(t *testing.T, h http.Handler, internalSlug string) {
	var idx struct {
		Locs []string `xml:"sitemap>loc"`
	}
	body := expect(t, get(t, h, "/sitemap.xml"), 200, `<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">`)
	if err := xml.Unmarshal([]byte(body), &idx); err != nil {
		t.Fatalf("index: %v", err)
	}
	var pages []string
	for _, loc := range idx.Locs {
		u, err := url.Parse(loc)
		if err != nil || u.Host == "" {
			t.Fatalf("index names %q, not an absolute address", loc)
		}
		var set struct {
			URLs []struct {
				Loc     string `xml:"loc"`
				LastMod string `xml:"lastmod"`
			} `xml:"url"`
		}
		body := expect(t, get(t, h, u.Path), 200, `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">`)
		if err := xml.Unmarshal([]byte(body), &set); err != nil {
			t.Fatalf("%s: %v", u.Path, err)
		}
		for _, e := range set.URLs {
			p, err := url.Parse(e.Loc)
			if err != nil || p.Host == "" {
				t.Fatalf("%s lists %q, not an absolute address", u.Path, e.Loc)
			}
			pages = append(pages, p.Path)
		}
	}
	for _, want := range []string{"/", "/people", "/news", "/stats", "/people/" + demo.PersonSlug, "/organizations/" + demo.OrganizationSlug,
		"/facilities/" + demo.FacilitySlug, "/news/" + demo.NewsSlug, "/news/about-hidden-things"} {
		if !slices.Contains(pages, want) {
			t.Errorf("the sitemaps lack %s; they list %v", want, pages)
		}
	}
	for _, p := range pages {
		if p == "/people/"+internalSlug || p == "/news/draft-post" || p == "/news/scheduled-post" || strings.Contains(p, "qzx") {
			t.Errorf("the sitemaps list %s, which the public may not see", p)
		}
		if w := get(t, h, p); w.Code != 200 {
			t.Errorf("the sitemaps list %s, which answers %d", p, w.Code)
		}
	}
	for _, bad := range []string{"/sitemaps/people-x.xml", "/sitemaps/people-01.xml", "/sitemaps/people-99.xml",
		"/sitemaps/people--1.xml", "/sitemaps/secrets-0.xml", "/sitemaps/pages.json", "/sitemaps/people.xml"} {
		expect(t, get(t, h, bad), 404)
	}
	expect(t, get(t, h, "/robots.txt"), 200, "Sitemap: http://example.com/sitemap.xml")
}
