package store_test

import (
	"bytes"
	"context"
	"database/sql"
	"os"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"codeberg.org/habeas/habeas"
	"codeberg.org/habeas/habeas/store"
	"codeberg.org/habeas/habeas/store/storetest"
)

var visitor = &habeas.Visitor{Address: "192.0.2.10:51234"}

// publicInputWorld is a published post, posts the public may not read, a
// public person and an internal one.
type publicInputWorld struct {
	post, draft, scheduled, internalPerson, person string
}

func newPublicInputWorld(t *testing.T, s *store.Store) publicInputWorld {
	t.Helper()
	ctx := context.Background()
	op := habeas.Operator
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	pub := &habeas.Post{Lang: "en", Title: "Eight days without news", Body: "No news.", State: habeas.PostPublished, Visibility: habeas.Public}
	draft := &habeas.Post{Lang: "en", Title: "A draft", Body: "Not yet.", State: habeas.PostDraft, Visibility: habeas.Internal}
	later := &habeas.Post{Lang: "en", Title: "Tomorrow", Body: "Not yet.", State: habeas.PostPublished, Visibility: habeas.Public,
		PublishAt: clock.Now().Add(24 * time.Hour)}
	for _, p := range []*habeas.Post{pub, draft, later} {
		must(s.CreatePost(ctx, op, p))
	}
	person := newPerson("Elvin Example", habeas.Public)
	hidden := newPerson("Internal Example", habeas.Internal)
	must(s.CreatePerson(ctx, op, person))
	must(s.CreatePerson(ctx, op, hidden))
	return publicInputWorld{post: pub.Slug, draft: draft.Slug, scheduled: later.Slug, person: person.Slug, internalPerson: hidden.Slug}
}

// A visitor's comment is pending, seen by staff and by no reader of the
// public until an editor approves it; spam and removed comments leave the
// public's sight again; a post the public may not read takes no comment.
func TestCommentsArePendingUntilApproved(t *testing.T) {
	storetest.ForEach(t, clock, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		w := newPublicInputWorld(t, s)
		c := &habeas.Comment{Name: "A reader", Text: "Free him.\nNow.", Status: habeas.CommentApproved}
		if err := s.SubmitComment(ctx, visitor, w.post, c); err != nil {
			t.Fatal(err)
		}
		if c.Status != habeas.CommentPending || c.ID == 0 || c.PostID == 0 {
			t.Fatalf("submitted comment: %+v, want a pending one with ids", c)
		}
		shown := func(a habeas.Access) int {
			t.Helper()
			page, err := s.ListComments(ctx, a, habeas.CommentFilter{PostID: c.PostID})
			if err != nil {
				t.Fatal(err)
			}
			return len(page.Items)
		}
		if n := shown(habeas.Public); n != 0 {
			t.Errorf("the public sees %d pending comments", n)
		}
		if _, err := s.Comment(ctx, habeas.Public, c.ID); habeas.ErrorCode(err) != habeas.ENOTFOUND {
			t.Errorf("the public reads a pending comment: %v", err)
		}
		if n := shown(habeas.Internal); n != 1 {
			t.Errorf("staff see %d comments, want 1", n)
		}
		// Asking for pending comments does not show them to the public.
		page, err := s.ListComments(ctx, habeas.Public, habeas.CommentFilter{Status: habeas.CommentPending})
		if err != nil || len(page.Items) != 0 {
			t.Errorf("the public asked for pending comments: %v, %v", page.Items, err)
		}

		viewer := &habeas.User{Role: habeas.RoleViewer}
		if _, err := s.ModerateComment(ctx, viewer, c.ID, habeas.CommentApproved); habeas.ErrorCode(err) != habeas.EFORBIDDEN {
			t.Errorf("a viewer moderated: %v", err)
		}
		editor := &habeas.User{Role: habeas.RoleEditor}
		got, err := s.ModerateComment(ctx, editor, c.ID, habeas.CommentApproved)
		if err != nil || got.Status != habeas.CommentApproved || got.Text != "Free him.\nNow." {
			t.Fatalf("approve: %+v, %v", got, err)
		}
		if n := shown(habeas.Public); n != 1 {
			t.Errorf("the public sees %d approved comments, want 1", n)
		}
		for _, status := range []string{habeas.CommentSpam, habeas.CommentRemoved, habeas.CommentPending} {
			if _, err := s.ModerateComment(ctx, editor, c.ID, status); err != nil {
				t.Fatal(err)
			}
			if n := shown(habeas.Public); n != 0 {
				t.Errorf("the public sees a comment marked %s", status)
			}
		}
		if _, err := s.ModerateComment(ctx, editor, c.ID, "published"); habeas.ErrorCode(err) != habeas.EINVALID {
			t.Errorf("an unknown status: %v", err)
		}
		if _, err := s.ModerateComment(ctx, editor, 999999, habeas.CommentApproved); habeas.ErrorCode(err) != habeas.ENOTFOUND {
			t.Errorf("a missing comment: %v", err)
		}

		// Drafts, scheduled posts and missing ones take no comment, alike,
		// and nothing is written.
		before, _ := s.Fingerprint(ctx)
		for _, slug := range []string{w.draft, w.scheduled, "no-such-post"} {
			err := s.SubmitComment(ctx, visitor, slug, &habeas.Comment{Text: "Hello"})
			if habeas.ErrorCode(err) != habeas.ENOTFOUND || habeas.ErrorMessage(err) != "post "+slug+" not found" {
				t.Errorf("comment on %s: %v, want not found", slug, err)
			}
		}
		if after, _ := s.Fingerprint(ctx); after != before {
			t.Error("a refused comment changed the database")
		}

		if err := s.DeleteComment(ctx, editor, c.ID); err != nil {
			t.Fatal(err)
		}
		if n := shown(habeas.Internal); n != 0 {
			t.Errorf("a deleted comment is still listed")
		}
	})
}

// The rate limits are kept in the database: two stores (two serve
// processes) sharing it count one client's comments and tips together,
// and a refused one changes nothing.
func TestRateLimitsHoldAcrossStores(t *testing.T) {
	for _, d := range storetest.Backends() {
		t.Run(string(d), func(t *testing.T) {
			ctx := context.Background()
			dsn := storetest.DSN(t, d)
			key := storetest.Key()
			open := func() *store.Store {
				s, err := store.Open(ctx, store.Config{DSN: dsn, Key: key, Clock: clock})
				if err != nil {
					t.Fatal(err)
				}
				t.Cleanup(func() { s.Close() })
				if _, err := s.Migrate(ctx); err != nil {
					t.Fatal(err)
				}
				return s
			}
			a, b := open(), open()
			w := newPublicInputWorld(t, a)
			stores := []*store.Store{a, b}
			for i := range habeas.CommentsPerHour {
				if err := stores[i%2].SubmitComment(ctx, visitor, w.post, &habeas.Comment{Text: "Comment"}); err != nil {
					t.Fatalf("comment %d: %v", i+1, err)
				}
			}
			before, _ := a.Fingerprint(ctx)
			for _, s := range stores {
				err := s.SubmitComment(ctx, visitor, w.post, &habeas.Comment{Text: "One too many"})
				if habeas.ErrorCode(err) != habeas.ERATELIMITED {
					t.Fatalf("comment over the limit: %v, want rate limited", err)
				}
				if r := habeas.RetryAfter(err); r <= 0 || r > time.Hour {
					t.Errorf("retry after %v", r)
				}
			}
			if after, _ := a.Fingerprint(ctx); after != before {
				t.Error("a comment over the limit changed the database")
			}
			// Another client, and another port of the same one.
			if err := b.SubmitComment(ctx, &habeas.Visitor{Address: "198.51.100.7:4000"}, w.post, &habeas.Comment{Text: "Mine"}); err != nil {
				t.Errorf("another client: %v", err)
			}
			if err := b.SubmitComment(ctx, &habeas.Visitor{Address: "192.0.2.10:60000"}, w.post, &habeas.Comment{Text: "Again"}); habeas.ErrorCode(err) != habeas.ERATELIMITED {
				t.Errorf("the same client from another port: %v", err)
			}
			// An IPv6 client is its /64.
			for i, addr := range []string{"[2001:db8:1:2::1]:1", "[2001:db8:1:2::2]:1", "[2001:db8:1:2:ffff::3]:1"} {
				err := stores[i%2].SubmitTip(ctx, &habeas.Visitor{Address: addr}, w.person, &habeas.Tip{Text: "Tip"})
				if err != nil {
					t.Fatalf("tip %d: %v", i+1, err)
				}
			}
			err := a.SubmitTip(ctx, &habeas.Visitor{Address: "[2001:db8:1:2::99]:1"}, w.person, &habeas.Tip{Text: "Tip"})
			if habeas.ErrorCode(err) != habeas.ERATELIMITED {
				t.Errorf("a fourth tip from one /64: %v", err)
			}
			// Comments and tips are counted apart.
			if err := a.SubmitTip(ctx, visitor, w.person, &habeas.Tip{Text: "Tip"}); err != nil {
				t.Errorf("a tip from a client with its comments used up: %v", err)
			}
			// Twenty at once, from one client, through both stores: exactly
			// the limit is taken, the others refused, none fails otherwise.
			racer := &habeas.Visitor{Address: "198.51.100.200:9"}
			results := make(chan error, 20)
			var wg sync.WaitGroup
			for i := range 20 {
				wg.Add(1)
				go func() {
					defer wg.Done()
					results <- stores[i%2].SubmitComment(ctx, racer, w.post, &habeas.Comment{Text: "At once"})
				}()
			}
			wg.Wait()
			close(results)
			taken := 0
			for err := range results {
				switch habeas.ErrorCode(err) {
				case "":
					taken++
				case habeas.ERATELIMITED:
				default:
					t.Errorf("a comment sent at once with others: %v", err)
				}
			}
			if taken != habeas.CommentsPerHour {
				t.Errorf("%d of 20 comments sent at once were taken, want %d", taken, habeas.CommentsPerHour)
			}
			// The database holds no address, only keyed hashes.
			for _, addr := range []string{"192.0.2.10", "198.51.100.7", "2001:db8:1:2"} {
				if raw := rawContains(t, d, dsn, addr); raw {
					t.Errorf("the database holds the address %s", addr)
				}
			}
		})
	}
}

// A tip is sealed at rest: neither the database file nor a query of its
// columns shows its text, contact or name. Only a reader with the
// confidential grant reads it; to anyone else it is missing.
func TestTipsAreSealedAndConfidential(t *testing.T) {
	for _, d := range storetest.Backends() {
		t.Run(string(d), func(t *testing.T) {
			ctx := context.Background()
			dsn := storetest.DSN(t, d)
			s, err := store.Open(ctx, store.Config{DSN: dsn, Key: storetest.Key(), Clock: clock})
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			if _, err := s.Migrate(ctx); err != nil {
				t.Fatal(err)
			}
			w := newPublicInputWorld(t, s)
			tip := &habeas.Tip{Name: "Leyla Qasimova", Contact: "leyla-tip@example.org",
				Text: "He was moved to Colony 17 on Tuesday night", Status: habeas.TipHandled}
			if err := s.SubmitTip(ctx, visitor, w.person, tip); err != nil {
				t.Fatal(err)
			}
			if tip.Status != habeas.TipNew || tip.PersonID == 0 {
				t.Errorf("submitted tip: %+v", tip)
			}
			// The check reads what is in clear: the post's title.
			if !rawContains(t, d, dsn, "Eight days without news") {
				t.Fatal("the raw database does not show even the post title: the check reads nothing")
			}
			for _, secret := range []string{"Colony 17", "Leyla Qasimova", "leyla-tip@example.org"} {
				if rawContains(t, d, dsn, secret) {
					t.Errorf("%q is readable in the database", secret)
				}
			}
			for _, a := range []habeas.Access{habeas.Public, habeas.Internal} {
				if _, err := s.Tip(ctx, a, tip.ID); habeas.ErrorCode(err) != habeas.ENOTFOUND || habeas.ErrorMessage(err) != "tip "+itoa(tip.ID)+" not found" {
					t.Errorf("a reader at %s reads a tip: %v", a, err)
				}
				if page, err := s.ListTips(ctx, a, habeas.TipFilter{}); err != nil || len(page.Items) != 0 {
					t.Errorf("a reader at %s lists %d tips (%v)", a, len(page.Items), err)
				}
			}
			got, err := s.Tip(ctx, habeas.Confidential, tip.ID)
			if err != nil || got.Text != tip.Text || got.Contact != tip.Contact || got.Name != tip.Name {
				t.Fatalf("the tip as staff with the grant read it: %+v, %v", got, err)
			}
			editor := &habeas.User{Role: habeas.RoleEditor}
			_, hidden := s.SetTipStatus(ctx, editor, tip.ID, habeas.TipHandled)
			_, missing := s.SetTipStatus(ctx, editor, 999999, habeas.TipHandled)
			if habeas.ErrorCode(hidden) != habeas.ENOTFOUND || strings.Replace(hidden.Error(), itoa(tip.ID), "999999", 1) != missing.Error() {
				t.Errorf("an editor without the grant marks a tip: %v (a missing one: %v)", hidden, missing)
			}
			granted := &habeas.User{Role: habeas.RoleEditor, Confidential: true}
			if got, err := s.SetTipStatus(ctx, granted, tip.ID, habeas.TipArchived); err != nil || got.Status != habeas.TipArchived {
				t.Errorf("archive: %+v, %v", got, err)
			}
			if _, err := s.SetTipStatus(ctx, granted, tip.ID, "done"); habeas.ErrorCode(err) != habeas.EINVALID {
				t.Errorf("an unknown status: %v", err)
			}
			page, err := s.ListTips(ctx, habeas.Confidential, habeas.TipFilter{Status: habeas.TipArchived})
			if err != nil || len(page.Items) != 1 || page.Items[0].Text != tip.Text {
				t.Errorf("archived tips: %+v, %v", page.Items, err)
			}
			// A person the public may not see takes no tip, as a missing one.
			before, _ := s.Fingerprint(ctx)
			for _, slug := range []string{w.internalPerson, "no-such-person"} {
				err := s.SubmitTip(ctx, visitor, slug, &habeas.Tip{Text: "Hello"})
				if habeas.ErrorCode(err) != habeas.ENOTFOUND || habeas.ErrorMessage(err) != "person "+slug+" not found" {
					t.Errorf("tip about %s: %v", slug, err)
				}
			}
			if after, _ := s.Fingerprint(ctx); after != before {
				t.Error("a refused tip changed the database")
			}
			// Key rotation re-seals tips: they still open.
			if err := s.RotateKey(ctx, storetest.Key()); err != nil {
				t.Fatal(err)
			}
			if got, err := s.Tip(ctx, habeas.Confidential, tip.ID); err != nil || got.Text != tip.Text {
				t.Errorf("after rotation: %+v, %v", got, err)
			}
		})
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// rawContains reports whether the bytes of the database hold s: for
// SQLite its file and its write-ahead log, read as they are on disk; for
// PostgreSQL every text column of every table of the habeas schema.
func rawContains(t *testing.T, d store.Dialect, dsn, s string) bool {
	t.Helper()
	if d == store.SQLite {
		for _, f := range []string{dsn, dsn + "-wal"} {
			b, err := os.ReadFile(f)
			if err != nil && !os.IsNotExist(err) {
				t.Fatal(err)
			}
			if bytes.Contains(b, []byte(s)) {
				return true
			}
		}
		return false
	}
	db, err := sql.Open("pgx", dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	rows, err := db.Query(`SELECT table_name, column_name FROM information_schema.columns
		WHERE table_schema = 'public' AND data_type IN ('text', 'bytea')`)
	if err != nil {
		t.Fatal(err)
	}
	var cols [][2]string
	for rows.Next() {
		var tb, c string
		rows.Scan(&tb, &c)
		cols = append(cols, [2]string{tb, c})
	}
	rows.Close()
	for _, c := range cols {
		var n int
		q := `SELECT COUNT(*) FROM "` + c[0] + `" WHERE position($1 in "` + c[1] + `"::text) > 0`
		if err := db.QueryRow(q, s).Scan(&n); err != nil {
			t.Fatalf("%s.%s: %v", c[0], c[1], err)
		}
		if n > 0 {
			return true
		}
	}
	return false
}
