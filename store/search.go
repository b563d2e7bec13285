package store

import (
	"context"
	"fmt"
	"strings"

	"codeberg.org/habeas/habeas"
	"codeberg.org/habeas/habeas/markup"
	"codeberg.org/habeas/habeas/search"
)

// Search finds what the reader may see for the query text (see
// search.Parse: one it cannot search is refused, EINVALID on field q),
// each hit with its snippet: people by their names (as the
// people list's q does: every name in every script), and cases, events and
// posts by their words through the search index, at most limit of each
// kind, newest first; kind ("" for all) narrows it to one kind.
func (s *Store) Search(ctx context.Context, a habeas.Access, text, kind string, limit int) (*habeas.SearchResults, error) {
	q, err := search.Parse(text)
	if err != nil {
		return nil, err
	}
	res := &habeas.SearchResults{People: []habeas.SearchHit{}, Cases: []habeas.SearchHit{}, Events: []habeas.SearchHit{},
		Posts: []habeas.SearchHit{}, More: map[string]bool{}}
	want := func(k string) bool { return kind == "" || kind == k }
	expr := q.FTS5()
	if s.dialect == Postgres {
		expr = q.TSQuery()
	}
	if want(habeas.HitPerson) {
		page, err := s.ListPeople(ctx, a, habeas.PeopleFilter{Q: q.Text, ListOptions: habeas.ListOptions{Limit: limit + 1}})
		if err != nil && habeas.ErrorCode(err) != habeas.EINVALID { // a query no name can match finds no one
			return nil, err
		}
		for _, p := range page.Items {
			res.People = append(res.People, habeas.SearchHit{Kind: habeas.HitPerson, ID: p.ID, Title: p.Name, Slug: p.Slug})
		}
	}
	// Hits on cases and events are titled with their person's name.
	type about struct {
		hit    habeas.SearchHit
		person int64
	}
	var cases, events []about
	if want(habeas.HitCase) {
		cases, err = queryAll(ctx, s, s.q.SearchCases, func(r scanner) (about, error) {
			x := about{hit: habeas.SearchHit{Kind: habeas.HitCase}}
			var court, charges string
			err := r.Scan(&x.hit.ID, &court, &charges, &x.person, &x.hit.Slug)
			x.hit.Text = strings.Join(nonEmpty(charges, court), "; ")
			return x, err
		}, a, expr, limit+1)
		if err != nil {
			return nil, fmt.Errorf("search cases: %w", err)
		}
	}
	if want(habeas.HitEvent) {
		events, err = queryAll(ctx, s, s.q.SearchEvents, func(r scanner) (about, error) {
			x := about{hit: habeas.SearchHit{Kind: habeas.HitEvent}}
			var summary, quote, speaker string
			err := r.Scan(&x.hit.ID, &x.hit.EventKind, &x.hit.Date, &summary, &quote, &speaker, &x.person, &x.hit.Slug)
			x.hit.Text = strings.Join(nonEmpty(summary, quote, speaker), " — ")
			return x, err
		}, a, expr, limit+1)
		if err != nil {
			return nil, fmt.Errorf("search events: %w", err)
		}
	}
	if want(habeas.HitPost) {
		res.Posts, err = queryAll(ctx, s, s.q.SearchPosts, func(r scanner) (habeas.SearchHit, error) {
			h := habeas.SearchHit{Kind: habeas.HitPost}
			var summary, body string
			err := r.Scan(&h.ID, &h.Slug, &h.Title, &summary, &body)
			h.Text = strings.Join(nonEmpty(summary, body), "\n")
			return h, err
		}, a, expr, limit+1, s.postTime(s.clock.Now()))
		if err != nil {
			return nil, fmt.Errorf("search posts: %w", err)
		}
	}
	names := map[int64]string{}
	for _, t := range []struct {
		from []about
		into *[]habeas.SearchHit
	}{{cases, &res.Cases}, {events, &res.Events}} {
		for _, x := range t.from {
			name, ok := names[x.person]
			if !ok {
				p, err := s.Person(ctx, a, x.person)
				if err != nil {
					return nil, fmt.Errorf("search: %w", err)
				}
				name = p.DisplayName()
				names[x.person] = name
			}
			x.hit.Title = name
			*t.into = append(*t.into, x.hit)
		}
	}
	for kind, list := range map[string]*[]habeas.SearchHit{habeas.HitPerson: &res.People, habeas.HitCase: &res.Cases,
		habeas.HitEvent: &res.Events, habeas.HitPost: &res.Posts} {
		if len(*list) > limit {
			res.More[kind] = true
			*list = (*list)[:limit]
		}
		if *list == nil {
			*list = []habeas.SearchHit{}
		}
		for i := range *list {
			h := &(*list)[i]
			text := h.Text
			if h.Kind == habeas.HitPost {
				text = markup.Text(text) // the words a reader reads, not the Markdown
			}
			if h.Snippet = search.Snippet(q, text); h.Snippet == nil {
				h.Snippet = []habeas.Segment{}
			}
		}
	}
	return res, nil
}

// nonEmpty returns the texts that are not empty.
func nonEmpty(texts ...string) []string {
	var out []string
	for _, t := range texts {
		if t != "" {
			out = append(out, t)
		}
	}
	return out
}
