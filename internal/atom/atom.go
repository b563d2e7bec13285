// Package atom writes Atom 1.0 feeds (RFC 4287): the alerts feed and the
// news feed share it, so that every feed habeas serves has an id, a title,
// an updated date and entries with links, whatever page builds it.
package atom

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"time"
)

// ContentType is the media type of an Atom feed.
const ContentType = "application/atom+xml; charset=utf-8"

// Feed is one feed. ID, Title, Updated and Self are required; Updated is
// the newest entry's when zero.
type Feed struct {
	ID        string // an IRI that never changes, e.g. the feed's absolute URL
	Title     string
	Subtitle  string
	Updated   time.Time
	Self      string // the feed's own absolute URL
	Alternate string // the HTML page the feed follows, absolute
	Author    string // the organisation publishing it
	Lang      string // xml:lang of the feed, e.g. "en"
	Entries   []Entry
}

// Entry is one entry of a feed. ID, Title, Updated and Link are required.
type Entry struct {
	ID        string
	Title     string
	Updated   time.Time
	Published time.Time // optional
	Link      string    // absolute URL of the entry's page
	Summary   string    // plain text
	// HTML is the entry's content as HTML, already sanitised by the
	// caller; it is escaped into the feed as Atom's type="html" content.
	HTML       string
	Categories []string
	Author     string // optional; the feed's author otherwise
	Lang       string // optional xml:lang, where it differs from the feed's
}

type xmlFeed struct {
	XMLName  xml.Name   `xml:"http://www.w3.org/2005/Atom feed"`
	Lang     string     `xml:"xml:lang,attr,omitempty"`
	ID       string     `xml:"id"`
	Title    xmlText    `xml:"title"`
	Subtitle *xmlText   `xml:"subtitle,omitempty"`
	Updated  string     `xml:"updated"`
	Links    []xmlLink  `xml:"link"`
	Author   *xmlAuthor `xml:"author,omitempty"`
	Entries  []xmlEntry `xml:"entry"`
}

type xmlText struct {
	Type string `xml:"type,attr"`
	Text string `xml:",chardata"`
}

type xmlLink struct {
	Rel  string `xml:"rel,attr"`
	Type string `xml:"type,attr,omitempty"`
	Href string `xml:"href,attr"`
}

type xmlAuthor struct {
	Name string `xml:"name"`
}

type xmlCategory struct {
	Term string `xml:"term,attr"`
}

type xmlEntry struct {
	Lang       string        `xml:"xml:lang,attr,omitempty"`
	ID         string        `xml:"id"`
	Title      xmlText       `xml:"title"`
	Updated    string        `xml:"updated"`
	Published  string        `xml:"published,omitempty"`
	Link       xmlLink       `xml:"link"`
	Author     *xmlAuthor    `xml:"author,omitempty"`
	Categories []xmlCategory `xml:"category"`
	Summary    *xmlText      `xml:"summary,omitempty"`
	Content    *xmlText      `xml:"content,omitempty"`
}

// Marshal writes the feed as an XML document. It refuses a feed that
// lacks what Atom requires instead of writing one readers reject.
func Marshal(f *Feed) ([]byte, error) {
	if f.ID == "" || f.Title == "" || f.Self == "" {
		return nil, errors.New("atom: a feed needs an id, a title and its own URL")
	}
	updated := f.Updated
	for i, e := range f.Entries {
		if e.ID == "" || e.Title == "" || e.Link == "" || e.Updated.IsZero() {
			return nil, fmt.Errorf("atom: entry %d needs an id, a title, a link and an updated time", i)
		}
		if e.Updated.After(updated) {
			updated = e.Updated
		}
	}
	if updated.IsZero() {
		return nil, errors.New("atom: a feed without entries needs an updated time")
	}
	x := xmlFeed{Lang: f.Lang, ID: f.ID, Title: xmlText{"text", f.Title}, Updated: stamp(updated),
		Links: []xmlLink{{Rel: "self", Type: "application/atom+xml", Href: f.Self}}}
	if f.Alternate != "" {
		x.Links = append(x.Links, xmlLink{Rel: "alternate", Type: "text/html", Href: f.Alternate})
	}
	if f.Subtitle != "" {
		x.Subtitle = &xmlText{"text", f.Subtitle}
	}
	if f.Author != "" {
		// RFC 4287 §4.1.1: every entry needs an author, its own or the feed's.
		x.Author = &xmlAuthor{f.Author}
	}
	for _, e := range f.Entries {
		xe := xmlEntry{Lang: e.Lang, ID: e.ID, Title: xmlText{"text", e.Title}, Updated: stamp(e.Updated),
			Link: xmlLink{Rel: "alternate", Type: "text/html", Href: e.Link}}
		if !e.Published.IsZero() {
			xe.Published = stamp(e.Published)
		}
		if e.Author != "" {
			xe.Author = &xmlAuthor{e.Author}
		}
		for _, c := range e.Categories {
			xe.Categories = append(xe.Categories, xmlCategory{c})
		}
		if e.Summary != "" {
			xe.Summary = &xmlText{"text", e.Summary}
		}
		if e.HTML != "" {
			xe.Content = &xmlText{"html", e.HTML}
		}
		x.Entries = append(x.Entries, xe)
	}
	var b bytes.Buffer
	b.WriteString(xml.Header)
	enc := xml.NewEncoder(&b)
	enc.Indent("", " ")
	if err := enc.Encode(x); err != nil {
		return nil, fmt.Errorf("atom: %w", err)
	}
	b.WriteByte('\n')
	return b.Bytes(), nil
}

// stamp writes an RFC 3339 date-time in UTC, to the second.
func stamp(t time.Time) string { return t.UTC().Truncate(time.Second).Format(time.RFC3339) }
