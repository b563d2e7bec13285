package api

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"codeberg.org/habeas/habeas"
	"codeberg.org/habeas/habeas/store"
	"codeberg.org/habeas/habeas/store/storetest"
)

// An import through the API is previewed, then confirmed: the preview
// changes nothing and says what the import will do; the confirmed import
// does exactly that; a confirm that no longer fits what the data became
// (the same list again) is refused and changes nothing.
func TestImportPreviewThenConfirm(t *testing.T) {
	storetest.ForEach(t, clock, func(t *testing.T, st *store.Store) {
		f := newFixture(t, st)
		ctx := context.Background()
		csv := []string{"Content-Type", "text/csv; charset=utf-8"}
		list := "name,country,arrest_date,status,facility,visibility\n" +
			"Anar Quliyev,AZ,12.03.2024,detained,Penal Colony No. 2,public\n" +
			"Leyla Həsənova,AZ,Jan 2024,pre_trial,,internal\n"

		before, _ := st.Fingerprint(ctx)
		status, body, _ := f.do("editor", "POST", "/api/v1/imports?dry_run=true", list, csv...)
		if status != 200 {
			t.Fatalf("preview: %d %s", status, body)
		}
		var preview ImportReport
		if err := json.Unmarshal([]byte(body), &preview); err != nil {
			t.Fatal(err)
		}
		if !preview.DryRun || preview.Confirm == "" || len(preview.Problems) != 0 {
			t.Fatalf("preview %+v: want a dry run with a confirm token", preview)
		}
		if after, _ := st.Fingerprint(ctx); after != before {
			t.Fatal("the preview changed the database")
		}

		for _, tc := range []struct {
			name, who, query string
			want             int
		}{
			{"no confirm token", "editor", "", 400},
			{"another token", "editor", "?confirm=0123456789abcdef0123456789abcdef", 409},
			{"someone else's token", "admin", "?confirm=" + preview.Confirm, 409},
			{"a reader", "viewer", "?confirm=" + preview.Confirm, 403},
			{"anonymous", "", "?confirm=" + preview.Confirm, 401},
			{"an unknown parameter", "editor", "?confirm=" + preview.Confirm + "&force=1", 400},
		} {
			status, body, _ := f.do(tc.who, "POST", "/api/v1/imports"+tc.query, list, csv...)
			if status != tc.want {
				t.Errorf("%s: %d %s, want %d", tc.name, status, body, tc.want)
			}
			if after, _ := st.Fingerprint(ctx); after != before {
				t.Fatalf("%s: refused, but the database changed", tc.name)
			}
		}

		status, body, _ = f.do("editor", "POST", "/api/v1/imports?confirm="+preview.Confirm, list, csv...)
		if status != 201 {
			t.Fatalf("confirm: %d %s", status, body)
		}
		var done ImportReport
		json.Unmarshal([]byte(body), &done)
		if done.DryRun || !sameCounts(done, preview) {
			t.Errorf("the import did %+v, the preview said %+v", done, preview)
		}
		page, err := st.ListPeople(ctx, habeas.Internal, habeas.PeopleFilter{Q: "Leyla Hasanova"})
		if err != nil || len(page.Items) != 1 {
			t.Fatalf("the imported internal person: %+v %v", page.Items, err)
		}
		if pub, _ := st.ListPeople(ctx, habeas.Public, habeas.PeopleFilter{Q: "Leyla Hasanova"}); len(pub.Items) != 0 {
			t.Error("a row imported as internal is public")
		}

		// The same list and token again: the rows are there now, so the
		// import would not do what was previewed.
		mid, _ := st.Fingerprint(ctx)
		if status, body, _ := f.do("editor", "POST", "/api/v1/imports?confirm="+preview.Confirm, list, csv...); status != 409 {
			t.Errorf("a stale confirm: %d %s, want 409", status, body)
		}
		if after, _ := st.Fingerprint(ctx); after != mid {
			t.Error("a stale confirm changed the database")
		}
	})
}

func sameCounts(a, b ImportReport) bool {
	ja, _ := json.Marshal([]any{a.Created, a.Unchanged, a.Skipped, a.Duplicates, a.Matches, a.Preview})
	jb, _ := json.Marshal([]any{b.Created, b.Unchanged, b.Skipped, b.Duplicates, b.Matches, b.Preview})
	return string(ja) == string(jb)
}

// Bad lists get clear answers and change nothing: bad rows (422, each
// named file:line: column: reason), something that is no list in the
// flat layout, another media type, a body over the limit.
func TestImportRefusesBadLists(t *testing.T) {
	storetest.ForEach(t, clock, func(t *testing.T, st *store.Store) {
		f := newFixture(t, st)
		ctx := context.Background()
		csv := []string{"Content-Type", "text/csv"}
		before, _ := st.Fingerprint(ctx)
		for _, tc := range []struct {
			name, body string
			header     []string
			want       int
			says       string
		}{
			{"bad rows", "name,country,arrest_date,status\nGood Person,AZ,2024-01-31,detained\n,AZ,2024-02-30,detained\nOther,XX,,\n", csv, 422, "upload.csv:3:"},
			{"no header of the flat layout", "hello,world\n1,2\n", csv, 422, "upload.csv"},
			{"JSON", `{"name":"x"}`, []string{"Content-Type", "application/json"}, 415, "text/csv"},
			{"formula in a name stays text", "name,country\n\"=HYPERLINK(\"\"http://x\"\"),A\",AZ\n", csv, 200, `"created"`},
			{"too large", "name,country\n" + strings.Repeat("Some Person,AZ\n", MaxImportBytes/15+1), csv, 413, "32 MB"},
		} {
			status, body, _ := f.do("editor", "POST", "/api/v1/imports?dry_run=true", tc.body, tc.header...)
			if status != tc.want || !strings.Contains(body, tc.says) {
				t.Errorf("%s: %d %.300s; want %d saying %q", tc.name, status, body, tc.want, tc.says)
			}
			if after, _ := st.Fingerprint(ctx); after != before {
				t.Fatalf("%s: the database changed", tc.name)
			}
		}
	})
}
