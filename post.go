package habeas

import (
	"strings"
	"time"
	"unicode"
)

// Post languages: the languages of the public site.
var PostLanguages = []string{"en", "az", "ru"}

// Post states. A published post shows from its PublishAt on; before, it is
// scheduled. Drafts never show to the public.
const (
	PostDraft     = "draft"
	PostPublished = "published"
	// PostScheduled is what a published post is before its time; it is
	// never stored.
	PostScheduled = "scheduled"
)

// PostStates are the states a writer sets.
var PostStates = []string{PostDraft, PostPublished}

// Post is a news post: an article like the seed, with its links to the
// people, organizations and cases it is about.
type Post struct {
	ID   int64  `json:"id"`
	Slug string `json:"slug"`
	Lang string `json:"lang"` // one of PostLanguages
	// TranslationOf is the id of the post this one translates (0: an
	// original). Each original has at most one translation per language.
	TranslationOf int64  `json:"translation_of,omitempty"`
	Title         string `json:"title"`
	Summary       string `json:"summary,omitempty"` // plain text, for lists, feeds and link previews
	Body          string `json:"body"`              // Markdown
	Author        string `json:"author,omitempty"`
	// The cover image: a path on this site, with its alternative text
	// (required with an image) and caption.
	CoverURL string `json:"cover_url,omitempty"`
	// CoverMediaID is a cover from the media store (an image), instead of
	// CoverURL: a reader sees it only if they may see the file, and the
	// public site shows it only while the file is public.
	CoverMediaID int64       `json:"cover_media_id,omitempty"`
	CoverAlt     string      `json:"cover_alt,omitempty"`
	CoverCaption string      `json:"cover_caption,omitempty"`
	Quotes       []PullQuote `json:"quotes"`
	Tags         []string    `json:"tags"`
	// FactPersonID, when set, shows the person's live fact box (status,
	// days detained, days without news) beside the post.
	FactPersonID    int64   `json:"fact_person_id,omitempty"`
	PersonIDs       []int64 `json:"person_ids"`
	OrganizationIDs []int64 `json:"organization_ids"`
	CaseIDs         []int64 `json:"case_ids"`
	SourceIDs       []int64 `json:"source_ids"`
	WithheldSources int     `json:"withheld_sources,omitempty"`
	State           string  `json:"state"` // draft or published
	// PublishAt is when a published post shows; zero on a write means now.
	PublishAt  time.Time  `json:"publish_at"`
	Visibility Visibility `json:"visibility"`
	// ReadingMinutes is computed from the text (read only).
	ReadingMinutes int       `json:"reading_minutes"`
	CreatedAt      time.Time `json:"created_at"`
	UpdatedAt      time.Time `json:"updated_at"`
}

// PullQuote is a statement set apart from a post's text: only with its
// speaker and at least one source, since nobody may be quoted saying what
// no source says they said.
type PullQuote struct {
	Text      string  `json:"text"`
	Speaker   string  `json:"speaker"`
	SourceIDs []int64 `json:"source_ids"`
}

// PostFilter selects posts, newest first.
type PostFilter struct {
	Lang           string
	Tag            string
	PersonID       int64
	OrganizationID int64
	// Originals leaves out translations (a list in one language shows
	// each post once, in that language where it has one).
	Originals bool
	// State is draft or published ("" any); staff only, since the
	// public sees published posts alone.
	State string
	ListOptions
}

var tagRE = slugRE

// Validate checks the post's fields (not that what it refers to exists:
// the store does).
func (p *Post) Validate() error {
	pr := Problems{}
	validSlug(pr, "slug", p.Slug, false)
	validEnum(pr, "lang", p.Lang, PostLanguages)
	if p.TranslationOf < 0 {
		pr.Add("translation_of", "must be a post id")
	}
	validText(pr, "title", p.Title, 1, 300)
	validText(pr, "summary", p.Summary, 0, 1000)
	validText(pr, "body", p.Body, 1, 200000)
	validText(pr, "author", p.Author, 0, 200)
	validLocalURL(pr, "cover_url", p.CoverURL)
	validText(pr, "cover_alt", p.CoverAlt, 0, 500)
	validText(pr, "cover_caption", p.CoverCaption, 0, 1000)
	hasCover := p.CoverURL != "" || p.CoverMediaID != 0
	switch {
	case p.CoverMediaID < 0:
		pr.Add("cover_media_id", "must be a media id")
	case p.CoverURL != "" && p.CoverMediaID != 0:
		pr.Add("cover_media_id", "a post has one cover: a file of the media store or an address (cover_url), not both")
	}
	if hasCover && strings.TrimSpace(p.CoverAlt) == "" {
		pr.Add("cover_alt", "is required with a cover image: say what it shows, for readers who cannot see it")
	}
	if !hasCover && (p.CoverAlt != "" || p.CoverCaption != "") {
		pr.Add("cover_url", "is required with a cover text or caption (or a cover_media_id)")
	}
	if len(p.Quotes) > 20 {
		pr.Add("quotes", "at most 20 pull quotes")
	}
	for i, q := range p.Quotes {
		f := "quotes[" + itoa(i) + "]"
		validText(pr, f+".text", q.Text, 1, 1000)
		validText(pr, f+".speaker", q.Speaker, 1, 200)
		if len(q.SourceIDs) == 0 {
			pr.Add(f+".source_ids", "a quote needs at least one source that reports it")
		}
		validSources(pr, f+".source_ids", q.SourceIDs)
	}
	if len(p.Tags) > 20 {
		pr.Add("tags", "at most 20 tags")
	}
	for i, t := range p.Tags {
		if !tagRE.MatchString(t) || len(t) > 50 {
			pr.Add("tags["+itoa(i)+"]", "must be lowercase letters a-z, digits and single hyphens, at most 50 characters")
		}
	}
	validIDs(pr, "person_ids", p.PersonIDs, "person")
	validIDs(pr, "organization_ids", p.OrganizationIDs, "organization")
	validIDs(pr, "case_ids", p.CaseIDs, "case")
	if p.FactPersonID < 0 {
		pr.Add("fact_person_id", "must be a person id")
	}
	validSources(pr, "source_ids", p.SourceIDs)
	validEnum(pr, "state", p.State, PostStates)
	validVisibility(pr, "visibility", p.Visibility)
	if p.Visibility == Confidential {
		pr.Add("visibility", "a post is public or internal: confidential facts belong on the case file, sealed there")
	}
	if p.State == PostPublished && p.Visibility != Public {
		pr.Add("state", "only a public post can be published")
	}
	return pr.Err("post")
}

// validIDs checks a list of at most 50 ids of records of one kind.
func validIDs(pr Problems, field string, ids []int64, what string) {
	if len(ids) > 50 {
		pr.Add(field, "at most 50")
	}
	seen := map[int64]bool{}
	for _, id := range ids {
		if id <= 0 {
			pr.Add(field, "must be "+what+" ids")
			return
		}
		if seen[id] {
			pr.Add(field, what+" "+itoa(int(id))+" is listed twice")
			return
		}
		seen[id] = true
	}
}

// StateAt is the post's state as readers see it at now: draft, scheduled
// (published, before its time) or published.
func (p *Post) StateAt(now time.Time) string {
	if p.State == PostPublished && p.PublishAt.After(now) {
		return PostScheduled
	}
	return p.State
}

// ReadingTime is how long the post takes to read, in whole minutes
// rounded up, at least one: at 238 words a minute, the average adult
// silent reading rate of non-fiction (Brysbaert 2019, a meta-analysis of
// 190 studies).
func (p *Post) ReadingTime() int {
	words := 0
	for _, part := range []string{p.Title, p.Body} {
		words += len(strings.FieldsFunc(part, func(r rune) bool { return unicode.IsSpace(r) }))
	}
	return max(1, (words+wordsPerMinute-1)/wordsPerMinute)
}

const wordsPerMinute = 238
