package web_test

import (
	"context"
	"testing"

	"codeberg.org/habeas/habeas"
	"codeberg.org/habeas/habeas/store"
	"codeberg.org/habeas/habeas/store/storetest"
	"codeberg.org/habeas/habeas/web"
)

// A group publishes under its own name: the header, every title, link
// previews and feeds say it, with its about page; habeas is only
// "powered by".
func TestSiteSettings(t *testing.T) {
	storetest.ForEach(t, clock, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		h, err := web.New(web.Config{Store: s, Clock: clock})
		if err != nil {
			t.Fatal(err)
		}
		// Unset: the site is called habeas, and has no about page.
		expect(t, get(t, h, "/"), 200, "<title>People detained for political reasons — habeas</title>", `<a class="brand" href="/">habeas</a>`)
		expect(t, get(t, h, "/about"), 404)

		set := &habeas.SiteSettings{Name: "Justice for Them", Tagline: "Political prisoners in the South Caucasus",
			LogoURL: "/static/logo.png", About: "We are **volunteers**.\n\n<script>alert(1)</script>", Languages: []string{"en", "ru"}}
		if err := s.UpdateSettings(ctx, &habeas.User{Role: habeas.RoleEditor}, set); habeas.ErrorCode(err) != habeas.EFORBIDDEN {
			t.Fatalf("an editor changed the settings: %v", err)
		}
		if err := s.UpdateSettings(ctx, habeas.Operator, set); err != nil {
			t.Fatal(err)
		}
		body := expect(t, get(t, h, "/"), 200, "<title>People detained for political reasons — Justice for Them</title>",
			`<meta property="og:site_name" content="Justice for Them">`, `<img src="/static/logo.png" alt="" height="32"> Justice for Them</a>`,
			`<span class="tagline">Political prisoners in the South Caucasus</span>`, `<a href="/about">About</a>`, `Powered by habeas`,
			`content="Justice for Them: Political prisoners in the South Caucasus"`)
		refuse(t, body, `<a href="/contact">`)
		about := expect(t, get(t, h, "/about"), 200, "<title>About — Justice for Them</title>", "We are <strong>volunteers</strong>.")
		refuse(t, about, "<script>alert")
		expect(t, get(t, h, "/contact"), 404)
		expect(t, get(t, h, "/feeds/news.atom"), 200, "<name>Justice for Them</name>")

		for _, tc := range []struct {
			set   habeas.SiteSettings
			field string
		}{
			{habeas.SiteSettings{Name: "", Languages: []string{"en"}}, "name"},
			{habeas.SiteSettings{Name: "X", Languages: nil}, "languages"},
			{habeas.SiteSettings{Name: "X", Languages: []string{"de"}}, "languages"},
			{habeas.SiteSettings{Name: "X", Languages: []string{"en", "en"}}, "languages"},
			{habeas.SiteSettings{Name: "X", Languages: []string{"en"}, LogoURL: "https://elsewhere.example/logo.png"}, "logo_url"},
			{habeas.SiteSettings{Name: "X", Languages: []string{"en"}, DefaultCountry: "Azerbaijan"}, "default_country"},
		} {
			before, err := s.Fingerprint(ctx)
			if err != nil {
				t.Fatal(err)
			}
			err = s.UpdateSettings(ctx, habeas.Operator, &tc.set)
			if _, ok := habeas.ErrorFields(err)[tc.field]; !ok {
				t.Errorf("%+v: %v; want a problem with %s", tc.set, err, tc.field)
			}
			if after, _ := s.Fingerprint(ctx); after != before {
				t.Errorf("%+v: a refused change of the settings changed the database", tc.set)
			}
		}
	})
}
