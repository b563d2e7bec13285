package atom

import (
	"encoding/xml"
	"strings"
	"testing"
	"time"
)

func TestMarshal(t *testing.T) {
	may7 := time.Date(2025, 5, 7, 9, 30, 0, 0, time.FixedZone("AZT", 4*3600))
	may15 := time.Date(2025, 5, 15, 0, 0, 0, 0, time.UTC)
	f := &Feed{ID: "https://habeas.example.org/feeds/alerts.atom", Title: "Alerts", Self: "https://habeas.example.org/feeds/alerts.atom",
		Alternate: "https://habeas.example.org/", Author: "Example NGO", Lang: "en",
		Entries: []Entry{
			{ID: "tag:habeas.example.org,2025:alert/1", Title: "No news of Elvin Mustafayev for 8 days", Updated: may15,
				Link: "https://habeas.example.org/people/elvin-mustafayev", Summary: "No news since about 7 May 2025 <script>alert(1)</script>",
				HTML: `<p>Held at <a href="/facilities/x">Colony &amp; No. 3</a></p>`, Categories: []string{"no_news"}},
			{ID: "tag:habeas.example.org,2025:alert/2", Title: "Hunger strike\x00 day 10", Updated: may7, Published: may7,
				Link: "https://habeas.example.org/people/elvin-mustafayev"},
		}}
	out, err := Marshal(f)
	if err != nil {
		t.Fatal(err)
	}
	var back struct {
		Lang    string `xml:"lang,attr"`
		ID      string `xml:"id"`
		Updated string `xml:"updated"`
		Links   []struct {
			Rel  string `xml:"rel,attr"`
			Href string `xml:"href,attr"`
		} `xml:"link"`
		Entries []struct {
			Title     string `xml:"title"`
			Updated   string `xml:"updated"`
			Published string `xml:"published"`
			Summary   string `xml:"summary"`
			Content   struct {
				Type string `xml:"type,attr"`
				Text string `xml:",chardata"`
			} `xml:"content"`
		} `xml:"entry"`
	}
	if err := xml.Unmarshal(out, &back); err != nil {
		t.Fatalf("the feed is not XML: %v\n%s", err, out)
	}
	if !strings.Contains(string(out), `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">`) {
		t.Errorf("no Atom namespace or xml:lang on the feed:\n%s", out)
	}
	if back.Lang != "en" || back.ID != f.ID || back.Updated != "2025-05-15T00:00:00Z" {
		t.Errorf("feed: lang %q id %q updated %q (want the newest entry's time in UTC)", back.Lang, back.ID, back.Updated)
	}
	if len(back.Links) != 2 || back.Links[0].Rel != "self" || back.Links[1].Rel != "alternate" {
		t.Errorf("links: %+v", back.Links)
	}
	if len(back.Entries) != 2 {
		t.Fatalf("entries: %d", len(back.Entries))
	}
	e := back.Entries[0]
	if e.Summary != "No news since about 7 May 2025 <script>alert(1)</script>" || strings.Contains(string(out), "<script>") {
		t.Errorf("the summary is not escaped text: %q", e.Summary)
	}
	if e.Content.Type != "html" || e.Content.Text != f.Entries[0].HTML {
		t.Errorf("content: %+v", e.Content)
	}
	if e2 := back.Entries[1]; e2.Updated != "2025-05-07T05:30:00Z" || e2.Published != e2.Updated || strings.ContainsRune(e2.Title, 0) {
		t.Errorf("second entry: %+v (times in UTC; no NUL in XML)", e2)
	}
}

func TestMarshalRefusesIncompleteFeeds(t *testing.T) {
	now := time.Date(2025, 5, 15, 0, 0, 0, 0, time.UTC)
	ok := Entry{ID: "tag:x,2025:1", Title: "t", Updated: now, Link: "https://x/1"}
	for name, f := range map[string]*Feed{
		"no id":                   {Title: "t", Self: "https://x/f", Updated: now},
		"no title":                {ID: "https://x/f", Self: "https://x/f", Updated: now},
		"no self link":            {ID: "https://x/f", Title: "t", Updated: now},
		"empty and no updated":    {ID: "https://x/f", Title: "t", Self: "https://x/f"},
		"entry without a link":    {ID: "https://x/f", Title: "t", Self: "https://x/f", Entries: []Entry{{ID: "1", Title: "t", Updated: now}}},
		"entry without a time":    {ID: "https://x/f", Title: "t", Self: "https://x/f", Entries: []Entry{{ID: "1", Title: "t", Link: "https://x/1"}}},
		"second entry without id": {ID: "https://x/f", Title: "t", Self: "https://x/f", Entries: []Entry{ok, {Title: "t", Updated: now, Link: "https://x/1"}}},
	} {
		if _, err := Marshal(f); err == nil {
			t.Errorf("%s: written", name)
		}
	}
	if _, err := Marshal(&Feed{ID: "https://x/f", Title: "t", Self: "https://x/f", Updated: now}); err != nil {
		t.Errorf("an empty feed with its updated time: %v", err)
	}
}
