package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"codeberg.org/habeas/habeas"
)

// Posts are public or internal (a draft shared among staff), never
// confidential, so every writer may see every post; the public sees a post
// only once it is published and its time has come, on the store's clock.

func (s *Store) postCiting() citing {
	return citing{"post", s.q.InsertPostSource, s.q.DeletePostSources, s.q.HiddenCitationsOfPost, s.q.PostCitations}
}

// postTime is a post's time as stored: whole seconds, so that SQLite's
// text order is time order and a post shows at the second it was set for.
func (s *Store) postTime(t time.Time) any { return s.timeArg(t.UTC().Truncate(time.Second)) }

// CreatePost stores a new post as u.
func (s *Store) CreatePost(ctx context.Context, u *habeas.User, p *habeas.Post) error {
	if err := p.Validate(); err != nil {
		return err
	}
	return s.createRecord(ctx, u, "post", p, &p.ID, func(w *wtx) error { return w.createPost(p) })
}

// createPost writes a new post in the write transaction (see CreatePost).
func (w *wtx) createPost(p *habeas.Post) error {
	s, ctx := w.s, w.ctx
	// A post refers to people, cases and sources a batch may still hold
	// back (see held.go), and its statements name none of their tables.
	if err := s.flushHeld(ctx, w.tx); err != nil {
		return err
	}
	if err := w.checkPost(p, 0); err != nil {
		return err
	}
	slug, err := s.uniqueSlug(ctx, w.tx, s.q.PostSlugTaken, p.Slug, p.Title, 0)
	if err != nil {
		return err
	}
	created, updated := w.stamps(p.CreatedAt, p.UpdatedAt)
	if p.PublishAt.IsZero() {
		p.PublishAt = created
	}
	quotes, err := json.Marshal(nonNil(p.Quotes))
	if err != nil {
		return err
	}
	err = w.stmt(s.q.InsertPost).QueryRowContext(ctx, slug, p.Lang, nullID(p.TranslationOf), p.Title, p.Summary, p.Body,
		p.Author, p.CoverURL, p.CoverAlt, p.CoverCaption, string(quotes), nullID(p.FactPersonID), p.State,
		s.postTime(p.PublishAt), p.Visibility, s.timeArg(created), s.timeArg(updated), nullID(p.CoverMediaID)).Scan(&p.ID)
	if err != nil {
		return postConflict(mapError(err, "create post"))
	}
	p.Slug, p.CreatedAt, p.UpdatedAt = slug, created, updated
	p.PublishAt = p.PublishAt.UTC().Truncate(time.Second)
	w.know(s.q.PostAt, p.ID, true)
	w.reindex(indexPosts, p.ID)
	return w.writePostLinks(p, false)
}

// UpdatePost replaces a post's fields as u. A zero PublishAt keeps the
// time of a post already published, and is now for a draft published now.
func (s *Store) UpdatePost(ctx context.Context, u *habeas.User, p *habeas.Post) error {
	if err := p.Validate(); err != nil {
		return err
	}
	return changeRecord(s, ctx, u, habeas.AuditUpdate, "post", p.ID, s.Post, p, func(w *wtx) error {
		if err := w.target("post", s.q.PostAt, p.ID); err != nil {
			return err
		}
		if err := w.checkPost(p, p.ID); err != nil {
			return err
		}
		var was struct {
			orig        int64
			lang, state string
			at          time.Time
		}
		// Only the state and time matter here; the query reads all four.
		if err := w.stmt(s.q.PostForWrite).QueryRowContext(ctx, p.ID).Scan(&was.orig, &was.lang, &was.state, dbTime{&was.at}); err != nil {
			return fmt.Errorf("post %d: %w", p.ID, err)
		}
		slug, err := s.uniqueSlug(ctx, w.tx, s.q.PostSlugTaken, p.Slug, p.Title, p.ID)
		if err != nil {
			return err
		}
		now := s.clock.Now().UTC()
		if p.PublishAt.IsZero() {
			p.PublishAt = now
			if was.state == habeas.PostPublished {
				p.PublishAt = was.at
			}
		}
		quotes, err := json.Marshal(nonNil(p.Quotes))
		if err != nil {
			return err
		}
		cover, coverAlt, coverCaption, err := w.coverToWrite(p)
		if err != nil {
			return err
		}
		res, err := w.stmt(s.q.UpdatePost).ExecContext(ctx, p.ID, slug, p.Lang, nullID(p.TranslationOf), p.Title, p.Summary,
			p.Body, p.Author, p.CoverURL, coverAlt, coverCaption, string(quotes), nullID(p.FactPersonID), p.State,
			s.postTime(p.PublishAt), p.Visibility, s.timeArg(now), nullID(cover))
		if err := expectOne(res, err, "post", p.ID); err != nil {
			return postConflict(mapError(err, "update post"))
		}
		p.Slug, p.UpdatedAt = slug, now
		p.PublishAt = p.PublishAt.UTC().Truncate(time.Second)
		w.reindex(indexPosts, p.ID)
		return w.writePostLinks(p, true)
	})
}

// postConflict words the one unique key a post write can break besides its
// slug: a second translation into one language.
func postConflict(err error) error {
	var he *habeas.Error
	if errors.As(err, &he) && he.Code == habeas.ECONFLICT && strings.Contains(he.Message, "same key") {
		return habeas.Errorf(habeas.ECONFLICT, "the post already has a translation into this language: change that one")
	}
	return err
}

// checkPost refuses what a post refers to that is missing or hidden from
// the writer, in the words for both, and a translation of a translation.
func (w *wtx) checkPost(p *habeas.Post, id int64) error {
	s := w.s
	if err := w.mayLeave("visibility", p.Visibility); err != nil {
		return err
	}
	pr := habeas.Problems{}
	if p.TranslationOf != 0 {
		if err := w.ref(pr, "translation_of", "post", s.q.PostAt, p.TranslationOf); err != nil {
			return err
		}
		if _, bad := pr["translation_of"]; !bad {
			var orig int64
			var lang, state string
			var at time.Time
			if err := w.stmt(s.q.PostForWrite).QueryRowContext(w.ctx, p.TranslationOf).Scan(&orig, &lang, &state, dbTime{&at}); err != nil {
				return fmt.Errorf("post %d: %w", p.TranslationOf, err)
			}
			switch {
			case p.TranslationOf == id:
				pr.Add("translation_of", "a post cannot translate itself")
			case orig != 0:
				pr.Add("translation_of", fmt.Sprintf("post %d is itself a translation: name its original, post %d", p.TranslationOf, orig))
			case lang == p.Lang:
				pr.Add("lang", "a translation must be in another language than its original ("+lang+")")
			}
		}
		if id != 0 {
			var n int
			if err := w.stmt(s.q.TranslationCount).QueryRowContext(w.ctx, id).Scan(&n); err != nil {
				return fmt.Errorf("translations of post %d: %w", id, err)
			}
			if n > 0 {
				pr.Add("translation_of", fmt.Sprintf("this post has %d translations of its own: it stays an original", n))
			}
		}
	}
	for _, c := range []struct {
		field, what string
		q           query
		ids         []int64
	}{
		{"person_ids", "person", s.q.GetPerson, p.PersonIDs},
		{"organization_ids", "organization", s.q.GetOrganization, p.OrganizationIDs},
		{"case_ids", "case", s.q.GetCase, p.CaseIDs},
		{"fact_person_id", "person", s.q.GetPerson, []int64{p.FactPersonID}},
	} {
		for _, rid := range c.ids {
			if err := w.ref(pr, c.field, c.what, c.q, rid); err != nil {
				return err
			}
		}
	}
	if err := w.checkImage(pr, "cover_media_id", p.CoverMediaID); err != nil {
		return err
	}
	if err := w.checkSources(pr, p.SourceIDs); err != nil {
		return err
	}
	for i, q := range p.Quotes {
		qp := habeas.Problems{}
		if err := w.checkSources(qp, q.SourceIDs); err != nil {
			return err
		}
		for _, m := range qp {
			pr.Add("quotes["+strconv.Itoa(i)+"].source_ids", m)
		}
	}
	return pr.Err("post")
}

// writePostLinks writes a post's tags, sources and links (replacing them
// on an update).
func (w *wtx) writePostLinks(p *habeas.Post, replace bool) error {
	s := w.s
	if replace {
		for _, q := range []query{s.q.DeletePostTags, s.q.DeletePostPeople, s.q.DeletePostOrganizations, s.q.DeletePostCases} {
			if err := w.exec(q, p.ID); err != nil {
				return err
			}
		}
		if err := w.recite(s.postCiting(), p.ID, p.SourceIDs); err != nil {
			return err
		}
	} else if err := w.cite(s.postCiting(), p.ID, p.SourceIDs); err != nil {
		return err
	}
	for _, t := range p.Tags {
		if err := w.exec(s.q.InsertPostTag, p.ID, t); err != nil {
			return mapError(err, "tag post")
		}
	}
	for _, l := range []struct {
		q   query
		ids []int64
	}{{s.q.InsertPostPerson, p.PersonIDs}, {s.q.InsertPostOrganization, p.OrganizationIDs}, {s.q.InsertPostCase, p.CaseIDs}} {
		for i, id := range l.ids {
			if err := w.exec(l.q, p.ID, id, i); err != nil {
				return mapError(err, "link post")
			}
		}
	}
	return nil
}

// DeletePost deletes a post as u; an original with translations stays
// until they are deleted.
func (s *Store) DeletePost(ctx context.Context, u *habeas.User, id int64) error {
	return changeRecord(s, ctx, u, habeas.AuditDelete, "post", id, s.Post, nil, func(w *wtx) error {
		if err := w.target("post", s.q.PostAt, id); err != nil {
			return err
		}
		var n int
		if err := w.stmt(s.q.TranslationCount).QueryRowContext(ctx, id).Scan(&n); err != nil {
			return fmt.Errorf("translations of post %d: %w", id, err)
		}
		if n > 0 {
			return habeas.Errorf(habeas.ECONFLICT, "post %d has %d translations: delete them first", id, n)
		}
		res, err := w.stmt(s.q.DeletePost).ExecContext(ctx, id)
		w.reindex(indexPosts, id)
		return mapError(expectOne(res, err, "post", id), "delete post")
	})
}

// Post returns the post with id if the reader may see it now.
func (s *Store) Post(ctx context.Context, a habeas.Access, id int64) (*habeas.Post, error) {
	return s.getPost(ctx, s.q.GetPost, a, id)
}

// PostBySlug returns the post with slug if the reader may see it now.
func (s *Store) PostBySlug(ctx context.Context, a habeas.Access, slug string) (*habeas.Post, error) {
	return s.getPost(ctx, s.q.GetPostBySlug, a, slug)
}

func (s *Store) getPost(ctx context.Context, q query, a habeas.Access, key any) (*habeas.Post, error) {
	p, _, err := s.scanPost(s.read(q).QueryRowContext(ctx, a, key, s.postTime(s.clock.Now())))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, notFound("post", key)
	} else if err != nil {
		return nil, fmt.Errorf("load post %v: %w", key, err)
	}
	ps := []habeas.Post{p}
	if err := s.attachPosts(ctx, a, ps); err != nil {
		return nil, err
	}
	return &ps[0], nil
}

func (s *Store) scanPost(r scanner) (habeas.Post, int64, error) {
	var p habeas.Post
	var quotes string
	err := r.Scan(&p.ID, &p.Slug, &p.Lang, &p.TranslationOf, &p.Title, &p.Summary, &p.Body, &p.Author, &p.CoverURL,
		&p.CoverAlt, &p.CoverCaption, &quotes, &p.FactPersonID, &p.State, dbTime{&p.PublishAt}, &p.Visibility,
		dbTime{&p.CreatedAt}, dbTime{&p.UpdatedAt}, &p.CoverMediaID)
	if err != nil {
		return p, 0, err
	}
	if err := json.Unmarshal([]byte(quotes), &p.Quotes); err != nil {
		return p, 0, fmt.Errorf("quotes of post %d: %w", p.ID, err)
	}
	p.ReadingMinutes = p.ReadingTime()
	return p, p.ID, nil
}

// attachPosts fills in the posts' tags, sources and links as the reader
// may see them: a link to a record they may not see is left out, a source
// they may not see is counted as withheld, and a pull quote keeps only the
// sources they may see — the pages show a quote only with one.
func (s *Store) attachPosts(ctx context.Context, a habeas.Access, ps []habeas.Post) error {
	if len(ps) == 0 {
		return nil
	}
	at := map[int64]int{}
	ids := make([]int64, len(ps))
	var quoted []int64
	for i := range ps {
		ids[i], at[ps[i].ID] = ps[i].ID, i
		p := &ps[i]
		p.Tags, p.PersonIDs, p.OrganizationIDs, p.CaseIDs, p.SourceIDs = []string{}, []int64{}, []int64{}, []int64{}, []int64{}
		p.Quotes = nonNil(p.Quotes)
		for _, q := range p.Quotes {
			quoted = append(quoted, q.SourceIDs...)
		}
	}
	list, _ := json.Marshal(ids)
	rows, err := s.read(s.q.TagsOfPosts).QueryContext(ctx, string(list))
	if err != nil {
		return fmt.Errorf("tags of posts: %w", err)
	}
	for rows.Next() {
		var id int64
		var tag string
		if err := rows.Scan(&id, &tag); err != nil {
			rows.Close()
			return fmt.Errorf("tags of posts: %w", err)
		}
		ps[at[id]].Tags = append(ps[at[id]].Tags, tag)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("tags of posts: %w", err)
	}
	rows, err = s.read(s.q.LinksOfPosts).QueryContext(ctx, a, string(list))
	if err != nil {
		return fmt.Errorf("links of posts: %w", err)
	}
	for rows.Next() {
		var kind string
		var id, rid int64
		var pos int
		if err := rows.Scan(&kind, &id, &rid, &pos); err != nil {
			rows.Close()
			return fmt.Errorf("links of posts: %w", err)
		}
		p := &ps[at[id]]
		switch kind {
		case "person":
			p.PersonIDs = append(p.PersonIDs, rid)
		case "organization":
			p.OrganizationIDs = append(p.OrganizationIDs, rid)
		case "case":
			p.CaseIDs = append(p.CaseIDs, rid)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("links of posts: %w", err)
	}
	// The fact box is a person's: shown only to a reader who may see them.
	var facts []int64
	for _, p := range ps {
		if p.FactPersonID != 0 {
			facts = append(facts, p.FactPersonID)
		}
	}
	if len(facts) > 0 {
		seen, err := s.visibleIDs(ctx, s.q.VisiblePeopleIDs, a, facts)
		if err != nil {
			return err
		}
		for i := range ps {
			if !seen[ps[i].FactPersonID] {
				ps[i].FactPersonID = 0
			}
		}
	}
	if len(quoted) > 0 {
		seen, err := s.visibleIDs(ctx, s.q.VisibleSourceIDsAt, a, quoted)
		if err != nil {
			return err
		}
		for i := range ps {
			for j, q := range ps[i].Quotes {
				keep := []int64{}
				for _, id := range q.SourceIDs {
					if seen[id] {
						keep = append(keep, id)
					}
				}
				ps[i].Quotes[j].SourceIDs = keep
			}
		}
	}
	return s.attachCitations(ctx, a, s.postCiting(), len(ps), func(i int) int64 { return ps[i].ID },
		func(i int, ids []int64, n int) { ps[i].SourceIDs, ps[i].WithheldSources = ids, n })
}

// visibleIDs runs a query of the ids of a JSON array ($2) the reader ($1
// access) may see.
func (s *Store) visibleIDs(ctx context.Context, q query, a habeas.Access, ids []int64) (map[int64]bool, error) {
	list, _ := json.Marshal(ids)
	found, err := scanIDs(s.read(q).QueryContext(ctx, a, string(list)))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", q, err)
	}
	seen := make(map[int64]bool, len(found))
	for _, id := range found {
		seen[id] = true
	}
	return seen, nil
}

// ListPosts returns a page of the posts the reader may see now, newest
// first.
func (s *Store) ListPosts(ctx context.Context, a habeas.Access, f habeas.PostFilter) (habeas.Page[habeas.Post], error) {
	page := habeas.Page[habeas.Post]{Items: []habeas.Post{}}
	afterAt, afterID := time.Date(9999, 12, 31, 0, 0, 0, 0, time.UTC), int64(1<<62)
	if f.Cursor != "" {
		t, id, ok := strings.Cut(f.Cursor, "_")
		sec, err1 := strconv.ParseInt(t, 10, 64)
		n, err2 := strconv.ParseInt(id, 10, 64)
		if !ok || err1 != nil || err2 != nil || n <= 0 {
			return page, habeas.Errorf(habeas.EINVALID, "cursor %q is not one this list gave", f.Cursor)
		}
		afterAt, afterID = time.Unix(sec, 0).UTC(), n
	}
	state := f.State
	if a == habeas.Public {
		state = ""
	}
	originals := 0
	if f.Originals {
		originals = 1
	}
	limit := limitOf(f.ListOptions)
	rows, err := s.read(s.q.ListPosts).QueryContext(ctx, a, s.postTime(s.clock.Now()), f.Lang, f.Tag, f.PersonID,
		f.OrganizationID, originals, state, s.postTime(afterAt), afterID, limit)
	if err != nil {
		return page, fmt.Errorf("list posts: %w", err)
	}
	for rows.Next() {
		p, _, err := s.scanPost(rows)
		if err != nil {
			rows.Close()
			return page, fmt.Errorf("list posts: %w", err)
		}
		page.Items = append(page.Items, p)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return page, fmt.Errorf("list posts: %w", err)
	}
	if n := len(page.Items); n == limit {
		last := page.Items[n-1]
		page.NextCursor = strconv.FormatInt(last.PublishAt.Unix(), 10) + "_" + strconv.FormatInt(last.ID, 10)
	}
	return page, s.attachPosts(ctx, a, page.Items)
}

// PostVersions returns the other languages of a post the reader may see
// now: its original and the original's translations, but not the post
// itself.
func (s *Store) PostVersions(ctx context.Context, a habeas.Access, p *habeas.Post) ([]habeas.Post, error) {
	orig := p.TranslationOf
	out := []habeas.Post{}
	if orig == 0 {
		orig = p.ID
	} else if o, err := s.Post(ctx, a, orig); err == nil {
		out = append(out, *o)
	} else if habeas.ErrorCode(err) != habeas.ENOTFOUND {
		return nil, err
	}
	tr, err := s.Translations(ctx, a, []int64{orig}, "")
	if err != nil {
		return nil, err
	}
	for _, t := range tr[orig] {
		if t.ID != p.ID {
			out = append(out, t)
		}
	}
	return out, nil
}

// Translations returns, for each original of ids, its translations into
// lang ("" every language) that the reader may see now.
func (s *Store) Translations(ctx context.Context, a habeas.Access, ids []int64, lang string) (map[int64][]habeas.Post, error) {
	out := map[int64][]habeas.Post{}
	if len(ids) == 0 {
		return out, nil
	}
	list, _ := json.Marshal(ids)
	rows, err := s.read(s.q.TranslationsOfPosts).QueryContext(ctx, a, string(list), lang, s.postTime(s.clock.Now()))
	if err != nil {
		return nil, fmt.Errorf("translations: %w", err)
	}
	var all []habeas.Post
	for rows.Next() {
		p, _, err := s.scanPost(rows)
		if err != nil {
			rows.Close()
			return nil, fmt.Errorf("translations: %w", err)
		}
		all = append(all, p)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("translations: %w", err)
	}
	if err := s.attachPosts(ctx, a, all); err != nil {
		return nil, err
	}
	for _, p := range all {
		out[p.TranslationOf] = append(out[p.TranslationOf], p)
	}
	return out, nil
}

// nonNil returns v, or an empty slice for nil (a JSON list, never null).
func nonNil[T any](v []T) []T {
	if v == nil {
		return []T{}
	}
	return v
}
