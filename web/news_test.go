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

// TestNews: the seed post as the demo publishes it, laid out like the
// original, in its languages, on the people's pages and in the feed; and
// what is not public stays out.
func TestNews(t *testing.T) {
	storetest.ForEach(t, clock, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		if err := demo.Load(ctx, s); err != nil {
			t.Fatal(err)
		}
		internal := addNonPublic(t, s)
		h, err := web.New(web.Config{Store: s, Clock: clock})
		if err != nil {
			t.Fatal(err)
		}
		title := "Relatives of Elvin Mustafayev Concerned After 8 Days Without News"
		ruTitle := "Родные Эльвина Мустафаева обеспокоены: 8 дней без вестей"

		list := expect(t, get(t, h, "/news"), 200, title, "IHR · 2 min read", "About hidden things")
		refuse(t, list, ruTitle, "Draft", "Scheduled") // each post once, in the language it was written in
		ru := expect(t, get(t, h, "/news?lang=ru"), 200, ruTitle, "ещё не переведено на русский", "<title>Новости, язык: русский — IHR</title>")
		refuse(t, ru, "<h2 lang=\"en\"><a href=\"/news/"+demo.NewsSlug+"\">")
		expect(t, get(t, h, "/news?lang=az"), 200, title, "hələ tərcümə edilməyib: Azərbaycan dili")
		tagged := expect(t, get(t, h, "/news?tag=hunger-strike"), 200, title)
		refuse(t, tagged, "About hidden things")
		expect(t, get(t, h, "/news?tag=no-such-tag"), 200, "No news matches.")

		post := expect(t, get(t, h, "/news/"+demo.NewsSlug), 200,
			"<h1>"+title+"</h1>", "By IHR · <time datetime=\"2025-05-15T00:00:00Z\">15 May 2025</time> · 2 min read",
			"<p>So far, neither the Penitentiary Service nor any other official body has responded to inquiries about his situation.</p>",
			// The quote is set apart with its speaker and its source.
			"<blockquote><p>As I was leaving the store, four men violently attacked me.",
			"— Elvin Mustafayev, as reported in", `href="#source-1"`,
			// The live fact box, hedged as the person page is.
			`<h2 id="facts-h">Elvin Mustafayev today</h2>`, "of hunger strike if it continues", "<span class=\"figure\">8</span> <span class=\"label\">days without news",
			`hreflang="ru"`, `<meta property="og:type" content="article">`, `"@type":"NewsArticle"`, `"datePublished":"2025-05-15T00:00:00Z"`,
			`<a href="/people/tofig-yagublu">Tofig Yagublu</a>`, `<a href="/organizations/workers-table">`)
		refuse(t, post, "QZX")
		// The post is marked as Russian within a page in the reader's
		// language, which is Russian when the reader asks for it.
		expect(t, get(t, h, "/news/"+demo.NewsSlug+"-ru"), 200, `<html lang="en">`, `<h1 lang="ru">`+ruTitle+"</h1>", "— Эльвин Мустафаев",
			`hreflang="en"`)
		expect(t, get(t, h, "/news/"+demo.NewsSlug+"-ru?lang=ru"), 200, `<html lang="ru">`, "<h1>"+ruTitle+"</h1>")

		// A post about hidden things shows none of them: no link to the
		// internal person, no fact box, no quote whose only source is hidden.
		hidden := expect(t, get(t, h, "/news/about-hidden-things"), 200, "A post whose links are not all public.",
			`<a href="/people/elvin-mustafayev">Elvin Mustafayev</a>`, "source not public")
		refuse(t, hidden, "QZX", "Words only a hidden source reports.", "facts-h", "<blockquote>")

		for _, path := range []string{"/news/draft-post", "/news/scheduled-post", "/news/no-such-post"} {
			expect(t, get(t, h, path), 404)
		}
		for path, why := range map[string]string{
			"/news?lang=de":    "Unknown language",
			"/news?colour=red": "no “colour” filter",
			"/news?cursor=abc": "does not exist",
			"/news?tag=Hunger": "A tag is lowercase",
			"/news?lang=en;":   "malformed",
		} {
			expect(t, get(t, h, path), 400, why)
		}

		// The people and the union list their news.
		expect(t, get(t, h, "/people/"+demo.PersonSlug), 200, `<h2 id="news-h">News</h2>`, `<a href="/news/`+demo.NewsSlug+`">`)
		expect(t, get(t, h, "/organizations/"+demo.OrganizationSlug), 200, `<a href="/news/`+demo.NewsSlug+`">`)

		// The feed, in English and in Russian.
		for lang, want := range map[string]string{"": title, "ru": ruTitle} {
			path := "/feeds/news.atom"
			if lang != "" {
				path += "?lang=" + lang
			}
			body := expect(t, get(t, h, path), 200)
			var feed struct {
				Lang    string `xml:"lang,attr"`
				Entries []struct {
					Title   string `xml:"title"`
					Content string `xml:"content"`
				} `xml:"entry"`
			}
			if err := xml.Unmarshal([]byte(body), &feed); err != nil {
				t.Fatalf("%s does not parse: %v", path, err)
			}
			if len(feed.Entries) != 2 || (feed.Entries[0].Title != want && feed.Entries[1].Title != want) {
				t.Errorf("%s: entries %+v, want %q among them", path, feed.Entries, want)
			}
			refuse(t, body, "QZX", "Scheduled", "Draft")
			for _, e := range feed.Entries {
				if !strings.Contains(e.Content, "<p>") {
					t.Errorf("%s: entry %q carries no text", path, e.Title)
				}
			}
		}
		expect(t, get(t, h, "/feeds/news.atom?lang=de"), 400)

		// The person's feed: every public fact, newest first, with its sources.
		body := expect(t, get(t, h, "/people/"+demo.PersonSlug+"/feed.atom"), 200,
			"6 May 2025 — Hunger strike begins", "Sources: Relatives of Elvin Mustafayev Concerned After 8 Days Without News",
			"An appeal was lodged. (Unsourced.)", "/people/elvin-mustafayev#event-")
		refuse(t, body, "QZX")
		var pf struct {
			Entries []struct {
				Title string `xml:"title"`
			} `xml:"entry"`
		}
		if err := xml.Unmarshal([]byte(body), &pf); err != nil || len(pf.Entries) < 8 || !strings.HasPrefix(pf.Entries[0].Title, "15 May 2025") {
			t.Errorf("the person's feed: %v %+v", err, pf.Entries)
		}
		expect(t, get(t, h, "/people/"+internal+"/feed.atom"), 404)

		// A later write is seen at once: the fact box is live.
		elvin, _ := s.PersonBySlug(ctx, habeas.Public, demo.PersonSlug)
		c, _ := s.CurrentCase(ctx, habeas.Public, elvin.ID)
		if err := s.CreateEvent(ctx, habeas.Operator, &habeas.Event{CaseID: c.ID, Kind: habeas.EventCall, Date: "2025-05-15",
			Summary: "He called his family."}); err != nil {
			t.Fatal(err)
		}
		expect(t, get(t, h, "/news/"+demo.NewsSlug), 200, "<span class=\"figure\">0</span> <span class=\"label\">days without news")
	})
}
