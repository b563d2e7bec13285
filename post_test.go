package habeas

import (
	"strings"
	"testing"
	"time"
)

func validPost() Post {
	return Post{Slug: "eight-days-without-news", Lang: "en", Title: "8 days without news", Body: "Text.",
		State: PostPublished, Visibility: Public}
}

func TestPostValidation(t *testing.T) {
	tests := []struct {
		name  string
		edit  func(p *Post)
		field string // "" when valid
	}{
		{"valid", func(p *Post) {}, ""},
		{"draft may be internal", func(p *Post) { p.State = PostDraft; p.Visibility = Internal }, ""},
		{"published must be public", func(p *Post) { p.Visibility = Internal }, "state"},
		{"unknown state", func(p *Post) { p.State = "live" }, "state"},
		{"unknown language", func(p *Post) { p.Lang = "de" }, "lang"},
		{"empty title", func(p *Post) { p.Title = " " }, "title"},
		{"empty body", func(p *Post) { p.Body = "" }, "body"},
		{"bad slug", func(p *Post) { p.Slug = "Eight Days" }, "slug"},
		{"cover from another site", func(p *Post) { p.CoverURL = "https://example.org/a.jpg"; p.CoverAlt = "x" }, "cover_url"},
		{"cover without alt", func(p *Post) { p.CoverURL = "/media/1.jpg" }, "cover_alt"},
		{"caption without cover", func(p *Post) { p.CoverCaption = "In court" }, "cover_url"},
		{"cover from the media store", func(p *Post) { p.CoverMediaID = 3; p.CoverAlt = "His mother outside the court" }, ""},
		{"media cover without alt", func(p *Post) { p.CoverMediaID = 3 }, "cover_alt"},
		{"two covers", func(p *Post) { p.CoverMediaID = 3; p.CoverURL = "/media/1.jpg"; p.CoverAlt = "x" }, "cover_media_id"},
		{"negative media id", func(p *Post) { p.CoverMediaID = -1; p.CoverAlt = "x" }, "cover_media_id"},
		{"quote without source", func(p *Post) { p.Quotes = []PullQuote{{Text: "We insist.", Speaker: "Relatives"}} }, "quotes[0].source_ids"},
		{"quote without speaker", func(p *Post) { p.Quotes = []PullQuote{{Text: "We insist.", SourceIDs: []int64{1}}} }, "quotes[0].speaker"},
		{"quote with speaker and source", func(p *Post) {
			p.Quotes = []PullQuote{{Text: "We insist.", Speaker: "Relatives", SourceIDs: []int64{1}}}
		}, ""},
		{"bad tag", func(p *Post) { p.Tags = []string{"Hunger Strike"} }, "tags[0]"},
		{"person listed twice", func(p *Post) { p.PersonIDs = []int64{3, 3} }, "person_ids"},
		{"negative case id", func(p *Post) { p.CaseIDs = []int64{-1} }, "case_ids"},
		{"negative translation", func(p *Post) { p.TranslationOf = -4 }, "translation_of"},
		{"confidential draft", func(p *Post) { p.State = PostDraft; p.Visibility = Confidential }, "visibility"},
		{"bad visibility", func(p *Post) { p.Visibility = Visibility(9) }, "visibility"},
		{"huge title", func(p *Post) { p.Title = strings.Repeat("a", 301) }, "title"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := validPost()
			tt.edit(&p)
			err := p.Validate()
			if tt.field == "" {
				if err != nil {
					t.Fatalf("Validate() = %v, want nil", err)
				}
				return
			}
			if _, ok := ErrorFields(err)[tt.field]; !ok {
				t.Fatalf("Validate() = %v, want a problem with %s", err, tt.field)
			}
		})
	}
}

func TestPostStateAt(t *testing.T) {
	now := time.Date(2025, 5, 15, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		state string
		at    time.Time
		want  string
	}{
		{PostPublished, now.Add(-time.Hour), PostPublished},
		{PostPublished, now, PostPublished},
		{PostPublished, now.Add(time.Minute), PostScheduled},
		{PostDraft, now.Add(-time.Hour), PostDraft},
		{PostDraft, now.Add(time.Hour), PostDraft},
	}
	for _, tt := range tests {
		p := Post{State: tt.state, PublishAt: tt.at}
		if got := p.StateAt(now); got != tt.want {
			t.Errorf("%s at %v: StateAt = %s, want %s", tt.state, tt.at.Sub(now), got, tt.want)
		}
	}
}

func TestReadingMinutes(t *testing.T) {
	tests := []struct {
		words, want int
	}{{0, 1}, {1, 1}, {237, 1}, {238, 2}, {475, 2}, {476, 3}}
	for _, tt := range tests {
		// The title counts too: one word, "Title".
		p := Post{Title: "Title", Body: strings.Repeat("word ", tt.words)}
		if got := p.ReadingTime(); got != tt.want {
			t.Errorf("%d words: ReadingMinutes = %d, want %d", tt.words+1, got, tt.want)
		}
	}
}
