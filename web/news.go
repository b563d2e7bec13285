package web

import (
	"context"
	"encoding/json"
	"html/template"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"codeberg.org/habeas/habeas"
	"codeberg.org/habeas/habeas/internal/atom"
	"codeberg.org/habeas/habeas/internal/reply"
	"codeberg.org/habeas/habeas/markup"
	"codeberg.org/habeas/habeas/media"
)

// languageNames name the languages of posts, in English and in their own
// words (for a link to a translation, which is read in that language).
var languageNames = map[string]struct{ English, Own string }{
	"en": {"English", "English"},
	"az": {"Azerbaijani", "Azərbaycanca"},
	"ru": {"Russian", "Русский"},
}

func languageOwn(code string) string { return languageNames[code].Own }

// newsShown is how many posts a person's or organization's page lists.
const newsShown = 5

// newsPerPage is how many posts a page of /news lists.
const newsPerPage = 20

// newsItem is a post on a list: in the language asked for where it has a
// translation, else the original with a note that it is not translated.
type newsItem struct {
	habeas.Post
	Summary      string
	Untranslated string // the language it is not yet translated into
}

type newsPage struct {
	Items    []newsItem
	Lang     string // "" every language
	Tag      string
	Next     string // the next page's address
	Langs    []string
	Filtered bool
	Heading  string
}

// news is /news: the published posts, newest first, each once: as
// written, or with ?lang= in that language where it is translated (else
// as written, marked "not yet translated"); ?tag= those with a tag.
func (s *Server) news(w http.ResponseWriter, r *http.Request) {
	t := s.tr(r)
	if len(r.URL.RawQuery) > maxQuery {
		s.renderError(w, r, http.StatusBadRequest, t.T("bad_long_address"))
		return
	}
	q, err := habeas.ParseQuery(r.URL.RawQuery)
	if err != nil {
		s.renderError(w, r, http.StatusBadRequest, t.T("news_malformed"))
		return
	}
	for k := range q {
		if k != "lang" && k != "tag" && k != "cursor" {
			s.renderError(w, r, http.StatusBadRequest, t.T("news_no_filter", "Name", clip(k, 40)))
			return
		}
	}
	p := &newsPage{Lang: q.Get("lang"), Tag: q.Get("tag"), Langs: habeas.PostLanguages}
	if p.Lang != "" && !slices.Contains(habeas.PostLanguages, p.Lang) {
		s.renderError(w, r, http.StatusBadRequest, t.T("news_unknown_language", "Choices", strings.Join(habeas.PostLanguages, ", ")))
		return
	}
	if p.Tag != "" && (!habeas.IsSlug(p.Tag) || len(p.Tag) > 50) {
		s.renderError(w, r, http.StatusBadRequest, t.T("news_bad_tag"))
		return
	}
	cursor := q.Get("cursor")
	if len(cursor) > maxCursor {
		s.renderError(w, r, http.StatusBadRequest, t.T("news_no_page"))
		return
	}
	p.Filtered = p.Lang != "" || p.Tag != ""
	ctx := r.Context()
	f := habeas.PostFilter{Tag: p.Tag, Originals: true, ListOptions: habeas.ListOptions{Limit: newsPerPage, Cursor: cursor}}
	page, err := s.store.ListPosts(ctx, public, f)
	if habeas.ErrorCode(err) == habeas.EINVALID {
		s.renderError(w, r, http.StatusBadRequest, t.T("news_no_page"))
		return
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if p.Items, err = s.inLanguage(ctx, page.Items, p.Lang); err != nil {
		s.fail(w, r, err)
		return
	}
	if page.NextCursor != "" {
		p.Next = newsURL(p.Lang, p.Tag, page.NextCursor)
	}
	title := t.T("nav_news")
	switch {
	case p.Tag != "" && p.Lang != "":
		title = t.T("news_title_tag_language", "Tag", p.Tag, "Language", t.code("language", p.Lang))
	case p.Tag != "":
		title = t.T("news_title_tag", "Tag", p.Tag)
	case p.Lang != "":
		title = t.T("news_title_language", "Language", t.code("language", p.Lang))
	}
	p.Heading = title
	if cursor != "" {
		title += t.T("news_title_earlier")
	}
	s.render(w, r, http.StatusOK, "news", &view{Title: title, Nav: "news", Canonical: newsURL(p.Lang, p.Tag, cursor),
		Description: t.T("news_description"), Page: p})
}

// inLanguage turns posts into list items, each in lang where it has a
// translation the public may read ("" keeps each as it is).
func (s *Server) inLanguage(ctx context.Context, posts []habeas.Post, lang string) ([]newsItem, error) {
	items := make([]newsItem, 0, len(posts))
	var tr map[int64][]habeas.Post
	if lang != "" {
		ids := make([]int64, len(posts))
		for i, p := range posts {
			ids[i] = p.ID
		}
		var err error
		if tr, err = s.store.Translations(ctx, public, ids, lang); err != nil {
			return nil, err
		}
	}
	for _, p := range posts {
		it := newsItem{Post: p}
		switch {
		case lang == "" || p.Lang == lang:
		case len(tr[p.ID]) > 0:
			it.Post = tr[p.ID][0]
		default:
			it.Untranslated = lang
		}
		it.Summary = it.Post.Summary
		if it.Summary == "" {
			it.Summary = clip(markup.Text(it.Post.Body), 280)
		}
		items = append(items, it)
	}
	return items, nil
}

func newsURL(lang, tag, cursor string) string {
	v := url.Values{}
	if lang != "" {
		v.Set("lang", lang)
	}
	if tag != "" {
		v.Set("tag", tag)
	}
	if cursor != "" {
		v.Set("cursor", cursor)
	}
	if len(v) == 0 {
		return "/news"
	}
	return "/news?" + v.Encode()
}

// postPage is the data of a post's page.
type postPage struct {
	Post     *habeas.Post
	Body     template.HTML
	Quotes   []quoteEntry
	People   []*habeas.Person
	Orgs     []*habeas.Organization
	Versions []habeas.Post
	Facts    *personPage // the live fact box, nil when none is public
	Cover    *cover      // nil when the post has none the public may see
	// ContentLang is the post's language when the interface speaks
	// another: the post's own words are marked as in it.
	ContentLang string
	Cites       cites
	Sources     []numberedSource
	// Comments are the approved comments, oldest first: the first
	// commentsShown, and MoreComments says there are others.
	Comments     []habeas.Comment
	MoreComments bool
	// Form is the comment form, as the reader filled it in when it was
	// refused; CommentSent says a comment was just taken.
	Form        inputForm
	CommentSent bool
}

type quoteEntry struct {
	habeas.PullQuote
	Cites cites
}

// post is /news/{slug}: the post, its approved comments and the form to
// add one (?comment=pending thanks the reader who just did).
func (s *Server) post(w http.ResponseWriter, r *http.Request) {
	slug := r.PathValue("slug")
	if !habeas.IsSlug(slug) {
		s.notFound(w, r)
		return
	}
	p, v, err := s.loadPost(r.Context(), s.tr(r), slug)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p.CommentSent = formNotice(r, "comment", "pending")
	s.render(w, r, http.StatusOK, "post", v)
}

// loadPost reads what a post's page shows, as the public may see it.
func (s *Server) loadPost(ctx context.Context, t *tr, slug string) (*postPage, *view, error) {
	post, err := s.store.PostBySlug(ctx, public, slug)
	if err != nil {
		return nil, nil, err
	}
	p := &postPage{Post: post, Body: markup.HTML(post.Body)}
	if p.Cover, err = s.cover(ctx, post); err != nil {
		return nil, nil, err
	}
	if post.Lang != t.Lang {
		p.ContentLang = post.Lang
	}
	if p.Versions, err = s.store.PostVersions(ctx, public, post); err != nil {
		return nil, nil, err
	}
	for _, id := range post.PersonIDs {
		if person, err := s.store.Person(ctx, public, id); err == nil {
			p.People = append(p.People, person)
		} else if habeas.ErrorCode(err) != habeas.ENOTFOUND {
			return nil, nil, err
		}
	}
	for _, id := range post.OrganizationIDs {
		if o, err := s.store.Organization(ctx, public, id); err == nil {
			p.Orgs = append(p.Orgs, o)
		} else if habeas.ErrorCode(err) != habeas.ENOTFOUND {
			return nil, nil, err
		}
	}
	if post.FactPersonID != 0 {
		person, err := s.store.Person(ctx, public, post.FactPersonID)
		if err == nil {
			p.Facts, err = s.loadPerson(ctx, t, person.Slug)
		}
		if err != nil && habeas.ErrorCode(err) != habeas.ENOTFOUND {
			return nil, nil, err
		}
	}
	ids := slices.Clone(post.SourceIDs)
	for _, q := range post.Quotes {
		ids = append(ids, q.SourceIDs...)
	}
	ct, err := newCiter(ctx, s.store, ids)
	if err != nil {
		return nil, nil, err
	}
	// A quote is set apart only with a speaker and a source the reader may
	// see: nobody is shown saying what no source says they said.
	for _, q := range post.Quotes {
		c := ct.cite(q.SourceIDs, 0)
		if len(c.Numbers) > 0 {
			p.Quotes = append(p.Quotes, quoteEntry{PullQuote: q, Cites: c})
		}
	}
	p.Cites = ct.cite(post.SourceIDs, post.WithheldSources)
	p.Sources = ct.list
	// The public reads approved comments alone: the store returns no other.
	comments, err := s.store.ListComments(ctx, public, habeas.CommentFilter{PostID: post.ID,
		ListOptions: habeas.ListOptions{Limit: commentsShown}})
	if err != nil {
		return nil, nil, err
	}
	p.Comments, p.MoreComments = comments.Items, comments.NextCursor != ""
	desc := post.Summary
	if desc == "" {
		desc = markup.Text(post.Body)
	}
	ld, err := s.postJSONLD(post, p.Cover, clip(desc, 300))
	if err != nil {
		return nil, nil, err
	}
	return p, &view{Title: post.Title, Nav: "news", Description: clip(desc, 200),
		Canonical: "/news/" + post.Slug, OGType: "article", JSONLD: ld, Page: p}, nil
}

// commentsShown is how many approved comments a post's page shows, the
// first ones.
const commentsShown = 200

// articleLD is the schema.org NewsArticle of a post's page.
type articleLD struct {
	Context       string   `json:"@context"`
	Type          string   `json:"@type"`
	Headline      string   `json:"headline"`
	Description   string   `json:"description,omitempty"`
	InLanguage    string   `json:"inLanguage"`
	DatePublished string   `json:"datePublished"`
	DateModified  string   `json:"dateModified"`
	Author        *orgLD   `json:"author,omitempty"`
	Image         string   `json:"image,omitempty"`
	URL           string   `json:"url,omitempty"`
	Keywords      []string `json:"keywords,omitempty"`
}

func (s *Server) postJSONLD(p *habeas.Post, c *cover, description string) (template.JS, error) {
	ld := articleLD{Context: "https://schema.org", Type: "NewsArticle", Headline: p.Title, Description: description,
		InLanguage: p.Lang, DatePublished: p.PublishAt.UTC().Format(time.RFC3339),
		DateModified: later(p.UpdatedAt, p.PublishAt).UTC().Format(time.RFC3339), Keywords: p.Tags}
	if p.Author != "" {
		ld.Author = &orgLD{Type: "Person", Name: p.Author}
	}
	if s.baseURL != "" {
		ld.URL = s.baseURL + "/news/" + p.Slug
		if c != nil {
			ld.Image = s.baseURL + c.URL
		}
	}
	b, err := json.Marshal(ld)
	return template.JS(b), err
}

// newsFeed is /feeds/news.atom[?lang=]: the latest published posts, in a
// language where one is asked for (each post in it where translated).
func (s *Server) newsFeed(w http.ResponseWriter, r *http.Request) {
	q, err := habeas.ParseQuery(r.URL.RawQuery)
	lang := q.Get("lang")
	if err != nil || len(q) > 1 || (len(q) == 1 && q.Get("lang") == "") || (lang != "" && !slices.Contains(habeas.PostLanguages, lang)) {
		s.renderError(w, r, http.StatusBadRequest, "This feed takes one setting, lang: one of "+strings.Join(habeas.PostLanguages, ", ")+".")
		return
	}
	ctx := r.Context()
	page, err := s.store.ListPosts(ctx, public, habeas.PostFilter{Originals: true, ListOptions: habeas.ListOptions{Limit: newsPerPage}})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	items, err := s.inLanguage(ctx, page.Items, lang)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	base := s.origin(r)
	self := base + "/feeds/news.atom"
	alt := base + "/news"
	feedLang := "en"
	if lang != "" {
		self += "?lang=" + lang
		alt += "?lang=" + lang
		feedLang = lang
	}
	f := &atom.Feed{ID: self, Title: "News: people detained for political reasons", Self: self, Alternate: alt,
		Subtitle: "News posts about people detained for political reasons.", Author: s.site(r.Context()).Name, Lang: feedLang, Updated: s.clock.Now()}
	if len(items) > 0 {
		f.Updated = time.Time{} // the newest entry's
	}
	for _, it := range items {
		e := atom.Entry{ID: base + "/news/" + it.Slug, Title: it.Title, Updated: later(it.UpdatedAt, it.PublishAt),
			Published: it.PublishAt, Link: base + "/news/" + it.Slug, Summary: it.Summary, Categories: it.Tags,
			Author: it.Author, HTML: string(markup.HTML(it.Body))}
		if it.Lang != feedLang {
			e.Lang = it.Lang
		}
		if it.Untranslated != "" {
			t := s.trs[feedLang]
			e.Summary = t.T("news_feed_untranslated", "Language", t.code("language", it.Untranslated)) + " " + e.Summary
		}
		f.Entries = append(f.Entries, e)
	}
	b, err := atom.Marshal(f)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	reply.Write(w, r, http.StatusOK, atom.ContentType, b)
}

// postTime writes when a post was published: "15 May 2025", in a <time>.
func (t *tr) postTime(at time.Time) template.HTML {
	at = at.UTC()
	return template.HTML(`<time datetime="` + at.Format(time.RFC3339) + `">` + template.HTMLEscapeString(t.dayText(at)) + `</time>`)
}

// later returns the later of two times.
func later(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

// personFeed is /people/{slug}/feed.atom: the public facts of the
// person's timeline, newest first, each an entry linked to its place on
// the person's page, updated when the fact is.
func (s *Server) personFeed(w http.ResponseWriter, r *http.Request) {
	slug := r.PathValue("slug")
	if !habeas.IsSlug(slug) || r.URL.RawQuery != "" {
		s.notFound(w, r)
		return
	}
	// Feeds speak English: a feed reader asks for no language.
	t := s.trs["en"]
	p, err := s.loadPerson(r.Context(), t, slug)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	base := s.origin(r)
	page := base + "/people/" + p.Person.Slug
	f := &atom.Feed{ID: page + "/feed.atom", Title: p.Name + ": news of the case", Self: page + "/feed.atom", Alternate: page,
		Subtitle: "What is publicly known of " + p.Name + "’s detention, each fact with its sources.", Author: s.site(r.Context()).Name,
		Lang: "en", Updated: later(p.Person.UpdatedAt, p.Person.CreatedAt)}
	sources := map[int]string{}
	for _, src := range p.Sources {
		sources[src.N] = src.Title
	}
	for i := len(p.Timeline) - 1; i >= 0; i-- {
		e := p.Timeline[i]
		text := e.Summary
		if e.Quote != "" && e.Speaker != "" && e.Cites.Sourced() {
			text = strings.TrimSpace(text + " " + e.Speaker + ": “" + e.Quote + "”")
		}
		var cited []string
		for _, n := range e.Cites.Numbers {
			cited = append(cited, sources[n])
		}
		switch {
		case len(cited) > 0:
			text += " (Sources: " + strings.Join(cited, "; ") + ".)"
		case e.Cites.Withheld > 0:
			text += " (Source not public.)"
		default:
			text += " (Unsourced.)"
		}
		f.Entries = append(f.Entries, atom.Entry{ID: page + "#event-" + strconv.FormatInt(e.ID, 10),
			Title: t.dateText(e.Date) + " — " + t.code("event", e.Kind), Updated: later(e.UpdatedAt, e.CreatedAt),
			Published: e.CreatedAt, Link: page + "#event-" + strconv.FormatInt(e.ID, 10), Summary: text})
	}
	b, err := atom.Marshal(f)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	reply.Write(w, r, http.StatusOK, atom.ContentType, b)
}

// cover is a post's cover image as its page shows it.
type cover struct {
	URL, Alt, Caption string
	Width, Height     int // of a copy from the media store; 0 for an address
}

// cover returns the post's cover: its file of the media store while the
// file is public and an image (the large copy), else the address on this
// site it names, else nil.
func (s *Server) cover(ctx context.Context, p *habeas.Post) (*cover, error) {
	if p.CoverMediaID != 0 {
		m, err := s.store.Media(ctx, public, p.CoverMediaID)
		if habeas.ErrorCode(err) == habeas.ENOTFOUND || err == nil && !media.IsImage(m.ContentType) {
			return nil, nil
		} else if err != nil {
			return nil, err
		}
		w, h := media.ScaledSize(m.Width, m.Height, media.Widths[media.Large])
		return &cover{URL: mediaURL(m, media.Large), Alt: p.CoverAlt, Caption: p.CoverCaption, Width: w, Height: h}, nil
	}
	if localURL(p.CoverURL) {
		return &cover{URL: p.CoverURL, Alt: p.CoverAlt, Caption: p.CoverCaption}, nil
	}
	return nil, nil
}
