package web_test

import (
	"context"
	"encoding/xml"
	"strings"
	"testing"

	"codeberg.org/habeas/habeas"
	"codeberg.org/habeas/habeas/demo"
	"codeberg.org/habeas/habeas/store"
	"codeberg.org/habeas/habeas/store/storetest"
	"codeberg.org/habeas/habeas/web"
)

// TestPublicAlerts: the alerts staff published show on the home page's
// urgent list, on the person's page and in /feeds/alerts.atom, worded from
// the public timeline alone; an unpublished alert shows nowhere, and one
// staff stop publishing leaves at once.
func TestPublicAlerts(t *testing.T) {
	storetest.ForEach(t, clock, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		if err := demo.Load(ctx, s); err != nil {
			t.Fatal(err)
		}
		h, err := web.New(web.Config{Store: s, Clock: clock})
		if err != nil {
			t.Fatal(err)
		}
		silence := "No news for about 8 days, since around 7 May 2025"
		strike := "Day 10 of a hunger strike begun on 6 May 2025, if it continues."
		unpublished := "No family or lawyer contact"

		home := expect(t, get(t, h, "/"), 200, `<h2 id="urgent-h">Urgent</h2>`, silence, strike,
			`<a href="/people/elvin-mustafayev">Elvin Mustafayev</a>`)
		if i, j := strings.Index(home, silence), strings.Index(home, strike); i < 0 || j < i {
			t.Errorf("the critical silence is not listed first")
		}
		refuse(t, home, unpublished)
		person := expect(t, get(t, h, "/people/elvin-mustafayev"), 200, `<h2 id="alerts-h">Alerts</h2>`, silence, strike)
		refuse(t, person, unpublished)

		w := get(t, h, "/feeds/alerts.atom")
		body := expect(t, w, 200, silence)
		if ct := w.Header().Get("Content-Type"); !strings.HasPrefix(ct, "application/atom+xml") {
			t.Errorf("feed content type %q", ct)
		}
		var feed struct {
			XMLName xml.Name `xml:"http://www.w3.org/2005/Atom feed"`
			Entries []struct {
				ID      string `xml:"id"`
				Title   string `xml:"title"`
				Summary string `xml:"summary"`
				Link    struct {
					Href string `xml:"href,attr"`
				} `xml:"link"`
			} `xml:"entry"`
		}
		if err := xml.Unmarshal([]byte(body), &feed); err != nil {
			t.Fatalf("the feed does not parse: %v", err)
		}
		if len(feed.Entries) != 3 || feed.Entries[0].Title != "Elvin Mustafayev: No news" ||
			!strings.HasSuffix(feed.Entries[0].Link.Href, "/people/elvin-mustafayev") {
			t.Errorf("feed entries: %+v", feed.Entries)
		}
		refuse(t, body, unpublished)

		// Staff stop publishing the strike: it leaves every public page.
		p, _ := s.PersonBySlug(ctx, habeas.Public, demo.PersonSlug)
		c, _ := s.CurrentCase(ctx, habeas.Public, p.ID)
		page, err := s.ListAlerts(ctx, habeas.Confidential, habeas.AlertFilter{CaseID: c.ID, Rule: "hunger_strike"})
		if err != nil || len(page.Items) != 1 {
			t.Fatalf("strike alert: %+v, %v", page, err)
		}
		if _, err := s.PublishAlert(ctx, habeas.Operator, page.Items[0].ID, false); err != nil {
			t.Fatal(err)
		}
		for _, path := range []string{"/", "/people/elvin-mustafayev", "/feeds/alerts.atom"} {
			refuse(t, expect(t, get(t, h, path), 200, silence), strike)
		}
	})
}
