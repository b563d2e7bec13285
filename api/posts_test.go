package api

import (
	"strings"
	"testing"

	"codeberg.org/habeas/habeas/store"
	"codeberg.org/habeas/habeas/store/storetest"
)

// A draft is staff's alone, a scheduled post shows nobody outside until its
// time, and the public's state filter cannot reach drafts.
func TestPostsThroughTheAPI(t *testing.T) {
	storetest.ForEach(t, clock, func(t *testing.T, st *store.Store) {
		f := newFixture(t, st)
		draft := `{"lang":"en","slug":"draft-news","title":"Draft news","body":"Not yet.","state":"draft","visibility":"public"}`
		if s, b, _ := f.do("editor", "POST", "/api/v1/posts", draft); s != 201 {
			t.Fatalf("create draft: %d %s", s, b)
		}
		later := `{"lang":"en","slug":"later-news","title":"Later news","body":"Tomorrow.","state":"published","publish_at":"2099-01-01T00:00:00Z","visibility":"public"}`
		if s, b, _ := f.do("editor", "POST", "/api/v1/posts", later); s != 201 {
			t.Fatalf("create scheduled: %d %s", s, b)
		}
		for _, path := range []string{"/api/v1/posts/draft-news", "/api/v1/posts/later-news"} {
			if s, b, _ := f.do("", "GET", path, ""); s != 404 {
				t.Errorf("anonymous %s: %d %s", path, s, b)
			}
			if s, b, _ := f.do("viewer", "GET", path, ""); s != 200 {
				t.Errorf("staff %s: %d %s", path, s, b)
			}
		}
		if s, b, _ := f.do("", "GET", "/api/v1/posts?state=draft", ""); s != 200 || strings.Contains(b, "draft-news") || strings.Contains(b, "later-news") {
			t.Errorf("anonymous list of drafts: %d %s", s, b)
		}
		if s, b, _ := f.do("viewer", "GET", "/api/v1/posts?state=draft", ""); s != 200 || !strings.Contains(b, "draft-news") || strings.Contains(b, "later-news") {
			t.Errorf("staff list of drafts: %d %s", s, b)
		}
		// Publishing an internal post is refused, naming the field.
		bad := strings.Replace(strings.Replace(draft, `"draft"`, `"published"`, 1), `"public"`, `"internal"`, 1)
		if s, b, _ := f.do("editor", "POST", "/api/v1/posts", strings.Replace(bad, "draft-news", "other", 1)); s != 422 || !strings.Contains(b, `"state"`) {
			t.Errorf("published internal post: %d %s", s, b)
		}
		// The reading time is computed from the text.
		if s, b, _ := f.do("editor", "GET", "/api/v1/posts/draft-news", ""); s != 200 || !strings.Contains(b, `"reading_minutes":1`) {
			t.Errorf("reading time: %d %s", s, b)
		}
	})
}
