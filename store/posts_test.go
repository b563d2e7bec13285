package store_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"codeberg.org/habeas/habeas"
	"codeberg.org/habeas/habeas/store"
	"codeberg.org/habeas/habeas/store/storetest"
)

// TestPostsShowWhenTheirTimeComes follows posts from draft to scheduled to
// published, as the public and as staff see them, with what they link to
// seen at each reader's access.
func TestPostsShowWhenTheirTimeComes(t *testing.T) {
	clk := &movingClock{}
	clk.Set("2025-05-15")
	storetest.ForEach(t, clk, func(t *testing.T, s *store.Store) {
		clk.Set("2025-05-15")
		ctx := context.Background()
		op := habeas.Operator
		must := func(err error) {
			t.Helper()
			if err != nil {
				t.Fatal(err)
			}
		}
		public := &habeas.Person{Country: "AZ", Names: []habeas.PersonName{{Name: "Elvin Example", Kind: habeas.NamePrimary}}}
		hidden := &habeas.Person{Country: "AZ", Visibility: habeas.Internal, Names: []habeas.PersonName{{Name: "Internal Example", Kind: habeas.NamePrimary}}}
		must(s.CreatePerson(ctx, op, public))
		must(s.CreatePerson(ctx, op, hidden))
		src := &habeas.Source{Kind: "article", Title: "The news post", Reliability: "reliable"}
		note := &habeas.Source{Kind: "testimony", Title: "A call with the family", Reliability: "reliable", Visibility: habeas.Internal}
		must(s.CreateSource(ctx, op, src))
		must(s.CreateSource(ctx, op, note))

		post := &habeas.Post{Lang: "en", Title: "8 days without news", Body: "No news since **7 May**.", State: habeas.PostDraft,
			Visibility: habeas.Public, Tags: []string{"hunger-strike"}, PersonIDs: []int64{hidden.ID, public.ID},
			FactPersonID: hidden.ID, SourceIDs: []int64{src.ID, note.ID},
			Quotes: []habeas.PullQuote{{Text: "We insist.", Speaker: "The family", SourceIDs: []int64{note.ID}}}}
		must(s.CreatePost(ctx, op, post))
		if post.Slug != "8-days-without-news" {
			t.Errorf("slug = %q, want one made from the title", post.Slug)
		}
		if _, err := s.PostBySlug(ctx, habeas.Public, post.Slug); habeas.ErrorCode(err) != habeas.ENOTFOUND {
			t.Fatalf("the public reads a draft: %v", err)
		}
		if p, err := s.Post(ctx, habeas.Internal, post.ID); err != nil || p.State != habeas.PostDraft {
			t.Fatalf("staff cannot read the draft: %v %+v", err, p)
		}

		// Published for tomorrow: scheduled, still unseen.
		post.State, post.PublishAt = habeas.PostPublished, time.Date(2025, 5, 16, 9, 0, 0, 0, time.UTC)
		must(s.UpdatePost(ctx, op, post))
		if page, err := s.ListPosts(ctx, habeas.Public, habeas.PostFilter{}); err != nil || len(page.Items) != 0 {
			t.Fatalf("the public lists a scheduled post: %v %+v", err, page.Items)
		}
		clk.Set("2025-05-16") // 10:00, an hour after its time
		p, err := s.PostBySlug(ctx, habeas.Public, post.Slug)
		must(err)
		if !slices.Equal(p.PersonIDs, []int64{public.ID}) {
			t.Errorf("the public sees links to %v, want only the public person %d", p.PersonIDs, public.ID)
		}
		if p.FactPersonID != 0 {
			t.Errorf("the public gets the fact box of an internal person")
		}
		if !slices.Equal(p.SourceIDs, []int64{src.ID}) || p.WithheldSources != 1 {
			t.Errorf("the public sees sources %v (%d withheld), want %d and one withheld", p.SourceIDs, p.WithheldSources, src.ID)
		}
		if len(p.Quotes) != 1 || len(p.Quotes[0].SourceIDs) != 0 {
			t.Errorf("the public sees the quote's internal source: %+v", p.Quotes)
		}
		if p.ReadingMinutes != 1 || p.StateAt(clk.Now()) != habeas.PostPublished {
			t.Errorf("reading time %d, state %s", p.ReadingMinutes, p.StateAt(clk.Now()))
		}
		staff, err := s.Post(ctx, habeas.Internal, post.ID)
		must(err)
		if !slices.Equal(staff.PersonIDs, []int64{hidden.ID, public.ID}) || staff.FactPersonID != hidden.ID ||
			!slices.Equal(staff.Quotes[0].SourceIDs, []int64{note.ID}) {
			t.Errorf("staff see %+v", staff)
		}
		// An update with no time keeps the one it was published at.
		post.PublishAt = time.Time{}
		post.Title = "Eight days without news"
		must(s.UpdatePost(ctx, op, post))
		if again, _ := s.Post(ctx, habeas.Public, post.ID); again == nil || !again.PublishAt.Equal(p.PublishAt) {
			t.Errorf("an edit moved the publication time: %+v", again)
		}

		// Lists by tag, person and language.
		other := &habeas.Post{Lang: "en", Title: "Another", Body: "Text.", State: habeas.PostPublished, Visibility: habeas.Public}
		must(s.CreatePost(ctx, op, other))
		for _, tt := range []struct {
			f    habeas.PostFilter
			want []int64
		}{
			{habeas.PostFilter{}, []int64{other.ID, post.ID}},
			{habeas.PostFilter{Tag: "hunger-strike"}, []int64{post.ID}},
			{habeas.PostFilter{PersonID: public.ID}, []int64{post.ID}},
			{habeas.PostFilter{Lang: "ru"}, nil},
			{habeas.PostFilter{State: habeas.PostDraft}, []int64{other.ID, post.ID}}, // the public's state filter is ignored
		} {
			page, err := s.ListPosts(ctx, habeas.Public, tt.f)
			must(err)
			var got []int64
			for _, p := range page.Items {
				got = append(got, p.ID)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("ListPosts(%+v) = %v, want %v", tt.f, got, tt.want)
			}
		}
		// Paging, newest first, to the end.
		first, err := s.ListPosts(ctx, habeas.Public, habeas.PostFilter{ListOptions: habeas.ListOptions{Limit: 1}})
		must(err)
		second, err := s.ListPosts(ctx, habeas.Public, habeas.PostFilter{ListOptions: habeas.ListOptions{Limit: 1, Cursor: first.NextCursor}})
		must(err)
		if len(first.Items) != 1 || first.Items[0].ID != other.ID || len(second.Items) != 1 || second.Items[0].ID != post.ID {
			t.Errorf("pages: %+v then %+v", first.Items, second.Items)
		}
		if _, err := s.ListPosts(ctx, habeas.Public, habeas.PostFilter{ListOptions: habeas.ListOptions{Cursor: "x"}}); habeas.ErrorCode(err) != habeas.EINVALID {
			t.Errorf("a forged cursor: %v", err)
		}

		// Translations: one per language, of an original only.
		ru := &habeas.Post{Lang: "ru", TranslationOf: post.ID, Title: "Восемь дней без новостей", Body: "Текст.",
			State: habeas.PostPublished, Visibility: habeas.Public}
		must(s.CreatePost(ctx, op, ru))
		versions, err := s.PostVersions(ctx, habeas.Public, ru)
		must(err)
		if len(versions) != 1 || versions[0].ID != post.ID {
			t.Errorf("versions of the translation: %+v", versions)
		}
		if page, _ := s.ListPosts(ctx, habeas.Public, habeas.PostFilter{Originals: true}); len(page.Items) != 2 {
			t.Errorf("originals: %d posts, want 2", len(page.Items))
		}
		tr, err := s.Translations(ctx, habeas.Public, []int64{post.ID, other.ID}, "ru")
		must(err)
		if len(tr[post.ID]) != 1 || tr[post.ID][0].ID != ru.ID || len(tr[other.ID]) != 0 {
			t.Errorf("translations into Russian: %+v", tr)
		}
		if err := s.DeletePost(ctx, op, post.ID); habeas.ErrorCode(err) != habeas.ECONFLICT {
			t.Errorf("deleting an original with a translation: %v", err)
		}

		// Merging the person moves the news to the survivor.
		dup := &habeas.Person{Country: "AZ", Names: []habeas.PersonName{{Name: "Elvin Exampel", Kind: habeas.NamePrimary}}}
		must(s.CreatePerson(ctx, op, dup))
		other.PersonIDs, other.FactPersonID = []int64{dup.ID}, dup.ID
		must(s.UpdatePost(ctx, op, other))
		_, err = s.MergePeople(ctx, op, public.ID, dup.ID)
		must(err)
		moved, err := s.Post(ctx, habeas.Public, other.ID)
		must(err)
		if !slices.Equal(moved.PersonIDs, []int64{public.ID}) || moved.FactPersonID != public.ID {
			t.Errorf("after the merge the post is about %v (fact box %d), want %d", moved.PersonIDs, moved.FactPersonID, public.ID)
		}
	})
}

// TestRefusedPostWritesChangeNothing: each bad write is refused with the
// field at fault, and the posts are as they were.
func TestRefusedPostWritesChangeNothing(t *testing.T) {
	storetest.ForEach(t, habeas.FixedClock{T: time.Date(2025, 5, 15, 10, 0, 0, 0, time.UTC)}, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		op := habeas.Operator
		editor := &habeas.User{Email: "editor@example.org", Name: "Editor", Role: habeas.RoleEditor}
		viewer := &habeas.User{Email: "viewer@example.org", Role: habeas.RoleViewer}
		secret := &habeas.Person{Country: "AZ", Visibility: habeas.Confidential, Names: []habeas.PersonName{{Name: "Sealed Example", Kind: habeas.NamePrimary}}}
		if err := s.CreatePerson(ctx, op, secret); err != nil {
			t.Fatal(err)
		}
		witness := &habeas.Source{Kind: "testimony", Title: "A witness", Reliability: "reliable", Visibility: habeas.Confidential}
		if err := s.CreateSource(ctx, op, witness); err != nil {
			t.Fatal(err)
		}
		orig := &habeas.Post{Lang: "en", Title: "Original", Body: "Text.", State: habeas.PostPublished, Visibility: habeas.Public}
		if err := s.CreatePost(ctx, op, orig); err != nil {
			t.Fatal(err)
		}
		tr := &habeas.Post{Lang: "az", TranslationOf: orig.ID, Title: "Tərcümə", Body: "Mətn.", State: habeas.PostDraft, Visibility: habeas.Public}
		if err := s.CreatePost(ctx, op, tr); err != nil {
			t.Fatal(err)
		}
		base := func() *habeas.Post {
			return &habeas.Post{Lang: "en", Title: "New", Body: "Text.", State: habeas.PostDraft, Visibility: habeas.Public}
		}
		before := counts(t, s)
		for _, tt := range []struct {
			name  string
			u     *habeas.User
			edit  func(p *habeas.Post)
			code  string
			field string
		}{
			{"a viewer writes", viewer, func(p *habeas.Post) {}, habeas.EFORBIDDEN, ""},
			{"anonymous writes", nil, func(p *habeas.Post) {}, habeas.EUNAUTHORIZED, ""},
			{"published while internal", editor, func(p *habeas.Post) { p.State, p.Visibility = habeas.PostPublished, habeas.Internal }, habeas.EINVALID, "state"},
			{"about a sealed person", editor, func(p *habeas.Post) { p.PersonIDs = []int64{secret.ID} }, habeas.EINVALID, "person_ids"},
			{"fact box of a sealed person", editor, func(p *habeas.Post) { p.FactPersonID = secret.ID }, habeas.EINVALID, "fact_person_id"},
			{"about no one", editor, func(p *habeas.Post) { p.OrganizationIDs = []int64{999999} }, habeas.EINVALID, "organization_ids"},
			{"citing a sealed source", editor, func(p *habeas.Post) { p.SourceIDs = []int64{witness.ID} }, habeas.EINVALID, "source_ids"},
			{"quoting a sealed source", editor, func(p *habeas.Post) {
				p.Quotes = []habeas.PullQuote{{Text: "x", Speaker: "y", SourceIDs: []int64{witness.ID}}}
			}, habeas.EINVALID, "quotes[0].source_ids"},
			{"translation of a translation", editor, func(p *habeas.Post) { p.Lang, p.TranslationOf = "ru", tr.ID }, habeas.EINVALID, "translation_of"},
			{"translation in its original's language", editor, func(p *habeas.Post) { p.TranslationOf = orig.ID }, habeas.EINVALID, "lang"},
			{"a second translation into Azerbaijani", editor, func(p *habeas.Post) { p.Lang, p.TranslationOf = "az", orig.ID }, habeas.ECONFLICT, ""},
			{"translation of a missing post", editor, func(p *habeas.Post) { p.Lang, p.TranslationOf = "ru", 999999 }, habeas.EINVALID, "translation_of"},
			{"slug taken", editor, func(p *habeas.Post) { p.Slug = orig.Slug }, habeas.ECONFLICT, ""},
			{"confidential", op, func(p *habeas.Post) { p.Visibility = habeas.Confidential }, habeas.EINVALID, "visibility"},
		} {
			t.Run(tt.name, func(t *testing.T) {
				p := base()
				tt.edit(p)
				err := s.CreatePost(ctx, tt.u, p)
				if habeas.ErrorCode(err) != tt.code {
					t.Fatalf("CreatePost = %v, want %s", err, tt.code)
				}
				if _, ok := habeas.ErrorFields(err)[tt.field]; tt.field != "" && !ok {
					t.Errorf("CreatePost = %v, want a problem with %s", err, tt.field)
				}
				// The same change made to an existing post is refused too.
				up := base()
				tt.edit(up)
				up.ID, up.Slug = orig.ID, orig.Slug
				if tt.field == "translation_of" || tt.field == "lang" || tt.code == habeas.ECONFLICT {
					return // an original's own translation rules differ; covered below
				}
				if err := s.UpdatePost(ctx, tt.u, up); habeas.ErrorCode(err) != tt.code {
					t.Errorf("UpdatePost = %v, want %s", err, tt.code)
				}
			})
		}
		orig.Lang, orig.TranslationOf = "ru", tr.ID
		if err := s.UpdatePost(ctx, editor, orig); habeas.ErrorCode(err) != habeas.EINVALID {
			t.Errorf("an original with translations made a translation: %v", err)
		}
		if err := s.DeletePost(ctx, editor, 999999); habeas.ErrorCode(err) != habeas.ENOTFOUND {
			t.Errorf("deleting a missing post: %v", err)
		}
		if after := counts(t, s); after != before {
			t.Errorf("refused writes changed the database:\n%s\n%s", before, after)
		}
		got, err := s.Post(ctx, habeas.Internal, orig.ID)
		if err != nil || got.Title != "Original" || got.Lang != "en" || got.TranslationOf != 0 {
			t.Errorf("the original changed: %v %+v", err, got)
		}
	})
}
