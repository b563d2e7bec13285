package store_test

import (
	"context"
	"slices"
	"testing"

	"codeberg.org/habeas/habeas"
	"codeberg.org/habeas/habeas/demo"
	"codeberg.org/habeas/habeas/store"
	"codeberg.org/habeas/habeas/store/storetest"
)

// Search finds what each reader may see by its words in any spelling,
// follows every change of what a record says or who may see it, and never
// keeps sealed text in its index.
func TestSearch(t *testing.T) {
	storetest.ForEach(t, clock, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		op := habeas.Operator
		must := func(err error) {
			t.Helper()
			if err != nil {
				t.Fatal(err)
			}
		}
		must(demo.Load(ctx, s))
		elvin, err := s.PersonBySlug(ctx, habeas.Public, demo.PersonSlug)
		must(err)
		c, err := s.CurrentCase(ctx, habeas.Public, elvin.ID)
		must(err)
		internal := &habeas.Event{CaseID: c.ID, Kind: habeas.EventNews, Date: "2025-05-14", Summary: "A visit by Zarbaliyev, kept internal.",
			Visibility: habeas.Internal}
		secret := &habeas.Event{CaseID: c.ID, Kind: habeas.EventNews, Date: "2025-05-14", Summary: "Source Qorxmazov says he is alive.",
			Visibility: habeas.Confidential}
		must(s.CreateEvent(ctx, op, internal))
		must(s.CreateEvent(ctx, op, secret))
		draft := &habeas.Post{Lang: "en", Title: "Hunger strike draft", Body: "Not yet out: Zarbaliyev.", State: habeas.PostDraft, Visibility: habeas.Public}
		must(s.CreatePost(ctx, op, draft))

		find := func(a habeas.Access, q string) *habeas.SearchResults {
			t.Helper()
			res, err := s.Search(ctx, a, q, "", 10)
			must(err)
			return res
		}
		ids := func(hits []habeas.SearchHit) []int64 {
			var out []int64
			for _, h := range hits {
				out = append(out, h.ID)
			}
			return out
		}
		titles := func(hits []habeas.SearchHit) []string {
			var out []string
			for _, h := range hits {
				out = append(out, h.Title)
			}
			return out
		}
		// A name in three spellings, by person and in the post's words.
		for _, q := range []string{"Mammadov", "Məmmədov", "Мамедов", "mammad"} {
			res := find(habeas.Public, q)
			if !slices.Contains(titles(res.People), "Afieddin Mammadov") {
				t.Errorf("%q finds people %v; want Afieddin Mammadov", q, titles(res.People))
			}
			if !slices.ContainsFunc(res.Posts, func(h habeas.SearchHit) bool { return h.Slug == demo.NewsSlug }) {
				t.Errorf("%q finds posts %v; want the seed post", q, titles(res.Posts))
			}
		}
		// Words of a timeline, as a phrase and by prefix; the hit names its person.
		for _, q := range []string{`"hunger strike"`, "hung stri", "Correctional"} {
			res := find(habeas.Public, q)
			if len(res.Events) == 0 || res.Events[0].Title != "Elvin Mustafayev" || res.Events[0].Slug != demo.PersonSlug {
				t.Errorf("%q finds events %+v; want Elvin Mustafayev's", q, res.Events)
			}
		}
		if res := find(habeas.Public, `"strike hunger"`); len(res.Events) != 0 {
			t.Errorf("a phrase in the wrong order finds %+v", res.Events)
		}
		if res := find(habeas.Public, "drug trafficking"); len(res.Cases)+len(res.Events) == 0 {
			t.Error("the charge finds nothing")
		}
		// Internal words: staff only; the draft too.
		if res := find(habeas.Public, "Zarbaliyev"); len(res.Events)+len(res.Posts) != 0 {
			t.Errorf("the public finds internal words: %+v %+v", res.Events, res.Posts)
		}
		if res := find(habeas.Internal, "Zarbaliyev"); !slices.Equal(ids(res.Events), []int64{internal.ID}) || !slices.Equal(ids(res.Posts), []int64{draft.ID}) {
			t.Errorf("staff find %v and %v; want the internal event and the draft", ids(res.Events), ids(res.Posts))
		}
		// Sealed text is never in the index, not even for those who may read it.
		if res := find(habeas.Confidential, "Qorxmazov"); len(res.Events) != 0 {
			t.Errorf("a confidential event is searchable: %+v", res.Events)
		}
		// An event made confidential leaves the index; another edited loses its old words.
		internal.Visibility = habeas.Confidential
		must(s.UpdateEvent(ctx, op, internal))
		if res := find(habeas.Confidential, "Zarbaliyev"); len(res.Events) != 0 {
			t.Errorf("an event sealed since is still found: %+v", res.Events)
		}
		internal.Visibility, internal.Summary = habeas.Public, "A visit by his lawyer."
		must(s.UpdateEvent(ctx, op, internal))
		if res := find(habeas.Public, "lawyer"); !slices.Contains(ids(res.Events), internal.ID) {
			t.Errorf("the edited words are not found: %v", ids(res.Events))
		}
		must(s.DeleteEvent(ctx, op, internal.ID))
		if res := find(habeas.Public, "lawyer"); slices.Contains(ids(res.Events), internal.ID) {
			t.Error("a deleted event is still found")
		}
		// A person made internal takes their timeline out of public search.
		elvin, err = s.PersonBySlug(ctx, habeas.Confidential, demo.PersonSlug)
		must(err)
		elvin.Visibility = habeas.Internal
		must(s.UpdatePerson(ctx, op, elvin))
		if res := find(habeas.Public, "hunger"); len(res.Events) != 0 || slices.Contains(titles(res.People), "Elvin Mustafayev") {
			t.Errorf("the public finds an internal person's timeline: %+v", res.Events)
		}
		if res := find(habeas.Internal, "hunger"); len(res.Events) == 0 {
			t.Error("staff no longer find the timeline")
		}
		// Deleting the person leaves nothing of them in the index.
		must(s.DeletePerson(ctx, op, elvin.ID))
		if res := find(habeas.Confidential, "hunger"); len(res.Events) != 0 {
			t.Errorf("a deleted person's events are found: %+v", res.Events)
		}
	})
}
