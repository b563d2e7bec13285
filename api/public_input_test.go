package api

import (
	"context"
	"strings"
	"testing"

	"codeberg.org/habeas/habeas"
	"codeberg.org/habeas/habeas/demo"
	"codeberg.org/habeas/habeas/store"
	"codeberg.org/habeas/habeas/store/storetest"
)

// Comments through the API: the public reads the approved comments of the
// posts it may read, and nothing else, in the words of a missing record;
// staff read the queue; editors and admins moderate. Tips: staff with the
// grant alone, a tip answered to others as a missing one.
func TestCommentsAndTipsThroughTheAPI(t *testing.T) {
	storetest.ForEach(t, clock, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		f := newFixture(t, st)
		granted := habeas.User{Email: "granted-viewer@example.org", Role: habeas.RoleViewer, Confidential: true}
		if err := st.CreateUser(ctx, &granted); err != nil {
			t.Fatal(err)
		}
		tok, err := st.CreateToken(ctx, granted.ID)
		if err != nil {
			t.Fatal(err)
		}
		f.tokens["viewer+confidential"] = tok
		post, err := st.PostBySlug(ctx, habeas.Public, demo.NewsSlug)
		if err != nil {
			t.Fatal(err)
		}
		f.ids["post"] = post.ID
		v := &habeas.Visitor{Address: "203.0.113.5:1000"}
		shown := &habeas.Comment{Name: "Approved reader", Text: "APPROVED-TEXT"}
		held := &habeas.Comment{Name: "Pending reader", Text: "PENDING-TEXT"}
		for _, c := range []*habeas.Comment{shown, held} {
			if err := st.SubmitComment(ctx, v, demo.NewsSlug, c); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := st.ModerateComment(ctx, habeas.Operator, shown.ID, habeas.CommentApproved); err != nil {
			t.Fatal(err)
		}
		f.ids["shown"], f.ids["held"] = shown.ID, held.ID
		// An approved comment of a draft: the public never reads it.
		draft := &habeas.Post{Lang: "en", Title: "A draft", Body: "Draft.", State: habeas.PostDraft, Visibility: habeas.Public}
		if err := st.CreatePost(ctx, habeas.Operator, draft); err != nil {
			t.Fatal(err)
		}
		onDraft := &habeas.Comment{PostID: draft.ID, Text: "ON-DRAFT-TEXT", Status: habeas.CommentApproved}
		if err := st.InBatch(ctx, habeas.Operator, func(b habeas.Batch) error { return b.CreateComment(onDraft) }); err != nil {
			t.Fatal(err)
		}
		f.ids["draft"], f.ids["ondraft"] = draft.ID, onDraft.ID

		type call struct {
			who, method, path, body string
			status                  int
			want, refuse            []string
		}
		check := func(c call) string {
			t.Helper()
			status, body, _ := f.do(c.who, c.method, c.path, c.body)
			if status != c.status {
				t.Errorf("%s %s as %q: %d, want %d: %s", c.method, c.path, c.who, status, c.status, body)
			}
			for _, w := range c.want {
				if !strings.Contains(body, w) {
					t.Errorf("%s %s as %q lacks %s: %s", c.method, c.path, c.who, w, body)
				}
			}
			for _, w := range c.refuse {
				if strings.Contains(body, w) {
					t.Errorf("%s %s as %q holds %s: %s", c.method, c.path, c.who, w, body)
				}
			}
			return body
		}
		for _, c := range []call{
			{"", "GET", "/api/v1/posts/{post}/comments", "", 200, []string{"APPROVED-TEXT", `"status":"approved"`}, []string{"PENDING-TEXT", "ON-DRAFT"}},
			{"", "GET", "/api/v1/posts/{post}/comments?status=approved", "", 200, []string{"APPROVED-TEXT"}, []string{"PENDING-TEXT"}},
			{"", "GET", "/api/v1/posts/{post}/comments?status=pending", "", 401, []string{"moderation queue is for staff"}, []string{"PENDING-TEXT"}},
			{"", "GET", "/api/v1/posts/{post}", "", 200, nil, []string{"PENDING-TEXT"}},
			{"", "GET", "/api/v1/comments/{shown}", "", 200, []string{"APPROVED-TEXT"}, nil},
			{"viewer", "GET", "/api/v1/posts/{post}/comments?status=pending", "", 200, []string{"PENDING-TEXT"}, []string{"APPROVED-TEXT"}},
			{"viewer", "GET", "/api/v1/posts/{post}/comments", "", 200, []string{"PENDING-TEXT", "APPROVED-TEXT"}, nil},
			{"viewer", "GET", "/api/v1/posts/{post}/comments?status=published", "", 400, []string{`"status"`}, nil},
			{"viewer", "GET", "/api/v1/posts/{draft}/comments", "", 200, []string{"ON-DRAFT-TEXT"}, nil},
			{"viewer", "PATCH", "/api/v1/comments/{held}", `{"status":"approved"}`, 403, nil, nil},
			{"", "PATCH", "/api/v1/comments/{held}", `{"status":"approved"}`, 401, nil, nil},
			{"editor", "PATCH", "/api/v1/comments/{held}", `{"status":"published"}`, 422, []string{`"status"`}, nil},
			{"editor", "PATCH", "/api/v1/comments/{held}", `{"status":"approved","text":"rewritten"}`, 400, nil, nil},
		} {
			check(c)
		}
		// What the public may not read answers as what does not exist.
		missing := func(path string) string {
			_, body, _ := f.do("", "GET", path, "")
			return body
		}
		for hidden, absent := range map[string]string{
			"/api/v1/comments/{held}":        "/api/v1/comments/999999",
			"/api/v1/comments/{ondraft}":     "/api/v1/comments/999999",
			"/api/v1/posts/{draft}/comments": "/api/v1/posts/999999/comments",
		} {
			status, body, _ := f.do("", "GET", hidden, "")
			ids := []string{f.expand("{held}"), f.expand("{ondraft}"), f.expand("{draft}")}
			for _, id := range ids {
				body = strings.ReplaceAll(body, " "+id+" ", " 999999 ")
			}
			if status != 404 || body != missing(absent) {
				t.Errorf("%s: %d %s, want as %s: %s", hidden, status, body, absent, missing(absent))
			}
		}
		check(call{"editor", "PATCH", "/api/v1/comments/{held}", `{"status":"approved"}`, 200, []string{`"status":"approved"`, "PENDING-TEXT"}, nil})
		check(call{"", "GET", "/api/v1/posts/{post}/comments", "", 200, []string{"PENDING-TEXT"}, nil})
		check(call{"editor", "PATCH", "/api/v1/comments/{held}", `{"status":"removed"}`, 200, nil, nil})
		check(call{"", "GET", "/api/v1/posts/{post}/comments", "", 200, nil, []string{"PENDING-TEXT"}})
		check(call{"editor", "DELETE", "/api/v1/comments/{held}", "", 204, nil, nil})
		check(call{"viewer", "GET", "/api/v1/comments/{held}", "", 404, nil, nil})

		tip := &habeas.Tip{Name: "A relative", Contact: "relative@example.org", Text: "TIP-TEXT"}
		if err := st.SubmitTip(ctx, v, demo.PersonSlug, tip); err != nil {
			t.Fatal(err)
		}
		f.ids["tip"] = tip.ID
		for _, c := range []call{
			{"", "GET", "/api/v1/tips", "", 401, nil, []string{"TIP-TEXT"}},
			{"", "GET", "/api/v1/tips/{tip}", "", 401, nil, []string{"TIP-TEXT"}},
			{"", "GET", "/api/v1/tips/999999", "", 401, nil, nil},
			{"viewer", "GET", "/api/v1/tips", "", 403, []string{"no confidential access"}, []string{"TIP-TEXT"}},
			{"editor", "GET", "/api/v1/tips/{tip}", "", 404, nil, []string{"TIP-TEXT"}},
			{"editor", "PATCH", "/api/v1/tips/{tip}", `{"status":"handled"}`, 404, nil, []string{"TIP-TEXT"}},
			{"admin", "GET", "/api/v1/tips", "", 200, []string{"TIP-TEXT", "relative@example.org", `"status":"new"`}, nil},
			{"admin", "GET", "/api/v1/tips?person_id={person}&status=new", "", 200, []string{"TIP-TEXT"}, nil},
			{"admin", "GET", "/api/v1/tips?status=handled", "", 200, nil, []string{"TIP-TEXT"}},
			{"admin", "GET", "/api/v1/tips?status=read", "", 400, nil, nil},
			{"viewer+confidential", "GET", "/api/v1/tips/{tip}", "", 200, []string{"TIP-TEXT"}, nil},
			{"viewer+confidential", "PATCH", "/api/v1/tips/{tip}", `{"status":"handled"}`, 403, nil, nil},
			{"admin", "PATCH", "/api/v1/tips/{tip}", `{"status":"done"}`, 422, nil, nil},
			{"admin", "PATCH", "/api/v1/tips/{tip}", `{"status":"archived"}`, 200, []string{`"status":"archived"`, "TIP-TEXT"}, nil},
		} {
			check(c)
		}
		_, hidden, _ := f.do("editor", "GET", "/api/v1/tips/{tip}", "")
		_, absent, _ := f.do("editor", "GET", "/api/v1/tips/999999", "")
		if strings.Replace(hidden, f.expand("{tip}"), "999999", 1) != absent {
			t.Errorf("a tip hidden from an editor: %s; a missing one: %s", hidden, absent)
		}
	})
}
