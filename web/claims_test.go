package web_test

import (
	"context"
	"regexp"
	"strings"
	"testing"

	"codeberg.org/habeas/habeas"
	"codeberg.org/habeas/habeas/demo"
	"codeberg.org/habeas/habeas/store"
	"codeberg.org/habeas/habeas/store/storetest"
	"codeberg.org/habeas/habeas/web"
)

// facts returns the fact-bearing parts of a person's, organization's or
// facility's page: the header's meta and status lines, the lead and the
// paragraphs about them, each fact of the case, each membership and other
// detention, and each person held at a facility before.
func facts(body string) []string {
	var out []string
	for _, re := range []*regexp.Regexp{
		regexp.MustCompile(`(?s)<p class="(?:meta|status-line|lead)">.*?</p>`),
		regexp.MustCompile(`(?s)<dd>.*?</dd>`),
		regexp.MustCompile(`(?s)<section aria-labelledby="about-h">.*?</section>`),
		regexp.MustCompile(`(?s)<section aria-labelledby="(?:orgs|earlier|members|former)-h">.*?</section>`),
	} {
		for _, m := range re.FindAllString(body, -1) {
			if strings.HasPrefix(m, "<section") {
				for _, li := range regexp.MustCompile(`(?s)<(?:li|p)>.*?</(?:li|p)>`).FindAllString(m, -1) {
					if !strings.Contains(li, "We document no") {
						out = append(out, li)
					}
				}
				continue
			}
			out = append(out, m)
		}
	}
	return out
}

// TestDemoClaims reads the demo as a journalist would: every fact of the
// five people, the organization and the facility cites the news post, in
// the post's words; nothing a source paraphrases is set as a quote.
func TestDemoClaims(t *testing.T) {
	storetest.ForEach(t, clock, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		if err := demo.Load(ctx, s); err != nil {
			t.Fatal(err)
		}
		h, err := web.New(web.Config{Store: s, Clock: clock})
		if err != nil {
			t.Fatal(err)
		}
		list := expect(t, get(t, h, "/people"), 200)
		slugs := regexp.MustCompile(`<p class="who"><a href="/people/([a-z0-9-]+)">`).FindAllStringSubmatch(list, -1)
		if len(slugs) != 5 {
			t.Fatalf("the people list links %d people; want the demo's five", len(slugs))
		}
		pages := map[string]string{}
		for _, m := range slugs {
			pages[m[1]] = expect(t, get(t, h, "/people/"+m[1]), 200)
		}
		pages["organization"] = expect(t, get(t, h, "/organizations/"+demo.OrganizationSlug), 200)
		pages["facility"] = expect(t, get(t, h, "/facilities/"+demo.FacilitySlug), 200)
		for name, body := range pages {
			fs := facts(body)
			if len(fs) < 2 {
				t.Errorf("%s: found %d facts; the test reads the page wrongly", name, len(fs))
			}
			for _, f := range fs {
				if !strings.Contains(f, `<span class="cites"><a href="#source-1">`) {
					t.Errorf("%s: a fact without its source: %s", name, f)
				}
			}
			if strings.Contains(body, `class="unsourced"`) {
				t.Errorf("%s: the demo cites the post for every fact, yet the page says unsourced", name)
			}
			if !strings.Contains(body, `<li id="source-1">Relatives of Elvin Mustafayev Concerned After 8 Days Without News — IHR`) {
				t.Errorf("%s: the page does not list the post as source 1", name)
			}
		}
		for _, slug := range []string{"afieddin-mammadov", "aykhan-israfilov", "mohyaddin-orujov"} {
			body := pages[slug]
			refuse(t, body, "<blockquote", "<figure")
			holds(t, body, "According to IHR’s post of 15 May 2025", "they all insist the accusations are fabricated and politically motivated")
		}
		holds(t, pages["afieddin-mammadov"], "Afieddin Mammadov, its chairman, is one of four members")
		holds(t, pages["tofig-yagublu"], "Named in IHR’s post of 15 May 2025, “Relatives of Elvin Mustafayev Concerned After 8 Days Without News”")
		holds(t, pages[demo.PersonSlug], `</blockquote><figcaption>— Elvin Mustafayev, as quoted in <span class="cites"><a href="#source-1">`)
		refuse(t, pages[demo.PersonSlug], "Trade unionist")
		refuse(t, pages["facility"], "Penal colony")
		holds(t, pages["facility"], "<dt>Kind of place</dt><dd>Not known to us",
			"Elvin Mustafayev</a> <span class=\"status\">known to be held here on 6 May 2025 · moved to an undisclosed place between 6 and 14 May 2025")
	})
}

// TestCitationMarks covers a record's facts with and without sources: a
// linked source sends no referrer and gives no endorsement, a fact with no
// source says so, and words with a speaker but no source are no quote.
func TestCitationMarks(t *testing.T) {
	storetest.ForEach(t, clock, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		linked := &habeas.Source{Kind: "url", Title: "A report on the web", URL: "https://example.org/report", Reliability: "reliable"}
		if err := s.CreateSource(ctx, habeas.Operator, linked); err != nil {
			t.Fatal(err)
		}
		cited := &habeas.Person{Country: "AZ", Bio: "A journalist.", SourceIDs: []int64{linked.ID},
			Names: []habeas.PersonName{{Name: "Ada Cited", Kind: habeas.NamePrimary}}}
		bare := &habeas.Person{Country: "AZ", Bio: "A poet.",
			Names: []habeas.PersonName{{Name: "Bea Bare", Kind: habeas.NamePrimary}}}
		for _, p := range []*habeas.Person{cited, bare} {
			if err := s.CreatePerson(ctx, habeas.Operator, p); err != nil {
				t.Fatal(err)
			}
			c := &habeas.Case{PersonID: p.ID, Country: "AZ", Status: habeas.StatusDetained, ArrestDate: "2025-04-01",
				Charges: []habeas.Charge{{Text: "hooliganism"}}, Classification: "not_assessed", Position: "denies",
				PositionNote: "I did nothing wrong.", SourceIDs: p.SourceIDs}
			if err := s.CreateCase(ctx, habeas.Operator, c); err != nil {
				t.Fatal(err)
			}
			if err := s.CreateEvent(ctx, habeas.Operator, &habeas.Event{CaseID: c.ID, Kind: habeas.EventStatement,
				Date: "2025-04-05", Quote: "Free them all.", Speaker: "A colleague", SourceIDs: p.SourceIDs}); err != nil {
				t.Fatal(err)
			}
		}
		h, err := web.New(web.Config{Store: s, Clock: clock})
		if err != nil {
			t.Fatal(err)
		}
		body := expect(t, get(t, h, "/people/"+cited.Slug), 200,
			`<a href="https://example.org/report" rel="noopener noreferrer nofollow" referrerpolicy="no-referrer">A report on the web</a>`,
			"<blockquote><p>Free them all.</p><footer>— A colleague</footer></blockquote>",
			`<blockquote><p>I did nothing wrong.</p></blockquote><figcaption>— Ada Cited, as quoted in`)
		refuse(t, body, `class="unsourced"`)
		body = expect(t, get(t, h, "/people/"+bare.Slug), 200, "A colleague: “Free them all.”",
			"Bea Bare’s position, in the words we recorded: I did nothing wrong.")
		refuse(t, body, "<blockquote")
		fs := facts(body)
		if len(fs) < 4 {
			t.Fatalf("found %d facts; the test reads the page wrongly", len(fs))
		}
		for _, f := range fs {
			if !strings.Contains(f, `<span class="unsourced">unsourced</span>`) {
				t.Errorf("a fact with no source that does not say so: %s", f)
			}
		}
	})
}

// TestPeopleListWords covers the people list read by someone who does not
// know the database: no empty cells, the person page's "at least", and the
// two kinds of not knowing where someone is told apart in words.
func TestPeopleListWords(t *testing.T) {
	storetest.ForEach(t, clock, func(t *testing.T, s *store.Store) {
		if err := demo.Load(context.Background(), s); err != nil {
			t.Fatal(err)
		}
		h, err := web.New(web.Config{Store: s, Clock: clock})
		if err != nil {
			t.Fatal(err)
		}
		body := expect(t, get(t, h, "/people"), 200,
			"the authorities moved the person to a place they have not disclosed",
			"the person is held, but we have not learned where",
			`<strong class="flag">Whereabouts unknown</strong> <span class="muted">moved to an undisclosed place</span>`,
			`<p class="where">Place not known to us</p>`,
			// Arrested in August 2023: the day is not known.
			`<p class="num held">at least <strong>`,
			// The last news came "around 7 May": the silence has lasted
			// 8 days at the least, as his page says.
			`<p class="num news">at least <strong>8</strong> days without news</p>`)
		if m := regexp.MustCompile(`<p class="[^"]*">\s*</p>`).FindString(body); m != "" {
			t.Errorf("the list has an empty cell: %s", m)
		}
		refuse(t, body, "Place of detention not known")

		// News on a known day: the list says how long, with no hedge, at
		// once (the write brings the list up to date).
		ctx := context.Background()
		p, err := s.PersonBySlug(ctx, habeas.Public, demo.PersonSlug)
		if err != nil {
			t.Fatal(err)
		}
		c, err := s.CurrentCase(ctx, habeas.Public, p.ID)
		if err != nil {
			t.Fatal(err)
		}
		news := &habeas.Event{CaseID: c.ID, Kind: habeas.EventNews, Date: "2025-05-12", Visibility: habeas.Public, SourceIDs: []int64{}}
		if err := s.CreateEvent(ctx, habeas.Operator, news); err != nil {
			t.Fatal(err)
		}
		body = expect(t, get(t, h, "/people?sort=news"), 200, `<p class="num news"><strong>3</strong> days without news</p>`)
		refuse(t, body, `at least <strong>3</strong> days without news`)
	})
}

// TestFacilityHistory covers a facility's page: who is held there now, who
// was held there before with the dates their timeline gives, and never a
// person or an event the public may not see.
func TestFacilityHistory(t *testing.T) {
	storetest.ForEach(t, clock, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		post := &habeas.Source{Kind: "article", Title: "A post", Reliability: "reliable"}
		if err := s.CreateSource(ctx, habeas.Operator, post); err != nil {
			t.Fatal(err)
		}
		here := &habeas.Facility{Name: "Prison No. 1", Kind: "prison", Country: "AZ", Region: "Baku", SourceIDs: []int64{post.ID}}
		there := &habeas.Facility{Name: "Prison No. 2", Kind: "prison", Country: "AZ"}
		for _, f := range []*habeas.Facility{here, there} {
			if err := s.CreateFacility(ctx, habeas.Operator, f); err != nil {
				t.Fatal(err)
			}
		}
		add := func(name string, v habeas.Visibility, moveAway bool) {
			t.Helper()
			p := &habeas.Person{Country: "AZ", Visibility: v, Names: []habeas.PersonName{{Name: name, Kind: habeas.NamePrimary}}}
			if err := s.CreatePerson(ctx, habeas.Operator, p); err != nil {
				t.Fatal(err)
			}
			c := &habeas.Case{PersonID: p.ID, Country: "AZ", Status: habeas.StatusDetained, ArrestDate: "2024-01-10",
				Charges: []habeas.Charge{}, Classification: "not_assessed", Position: "denies", Visibility: v}
			if err := s.CreateCase(ctx, habeas.Operator, c); err != nil {
				t.Fatal(err)
			}
			events := []habeas.Event{{Kind: habeas.EventTransfer, Date: "2024-03-01", FacilityID: here.ID, SourceIDs: []int64{post.ID}}}
			if moveAway {
				events = append(events, habeas.Event{Kind: habeas.EventTransfer, Date: "2024-06-05", FacilityID: there.ID, SourceIDs: []int64{}})
			}
			for _, e := range events {
				e.CaseID, e.Visibility = c.ID, v
				if err := s.CreateEvent(ctx, habeas.Operator, &e); err != nil {
					t.Fatal(err)
				}
			}
		}
		add("Ada Moved", habeas.Public, true)
		add("Bea Stays", habeas.Public, false)
		add("Cem "+secret, habeas.Internal, true)
		h, err := web.New(web.Config{Store: s, Clock: clock})
		if err != nil {
			t.Fatal(err)
		}
		body := expect(t, get(t, h, "/facilities/"+here.Slug), 200, "<dt>Where</dt><dd>Baku, Azerbaijan", "<dd>Prison")
		now, before := strings.Index(body, `id="held-h"`), strings.Index(body, `id="former-h"`)
		if now < 0 || before < now {
			t.Fatal("no lists of those held here now and before")
		}
		holds(t, body[now:before], "Bea Stays")
		refuse(t, body[now:before], "Ada Moved")
		holds(t, body[before:], "Ada Moved", `known to be held here on 1 March 2024 · moved elsewhere on 5 June 2024</span> <span class="cites"><a href="#source-1">`)
		refuse(t, body[before:], "Bea Stays")
		refuse(t, body, secret)
		expect(t, get(t, h, "/facilities/"+here.Slug+"?before=nonsense"), 400)
	})
}
