package importer_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"codeberg.org/habeas/habeas"
	"codeberg.org/habeas/habeas/importer"
	"codeberg.org/habeas/habeas/store"
	"codeberg.org/habeas/habeas/store/storetest"
)

var clock = habeas.FixedClock{T: time.Date(2025, 5, 15, 12, 0, 0, 0, time.UTC)}

// export writes an export folder: file name → lines.
func export(t *testing.T, files map[string][]string) string {
	t.Helper()
	dir := t.TempDir()
	write := func(name, text string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	write(importer.Manifest, `{"format":"habeas-export","version":1}`)
	for name, lines := range files {
		write(name, strings.Join(lines, "\n")+"\n")
	}
	return dir
}

// good is a small export that refers across every file.
func good() map[string][]string {
	return map[string][]string{
		"facilities.jsonl":    {`{"id":7,"name":"Penal Colony No. 2","kind":"colony","country":"AZ","visibility":"public"}`},
		"organizations.jsonl": {`{"id":3,"name":"Oil Workers' Union","kind":"trade_union","country":"AZ","visibility":"public"}`},
		"sources.jsonl":       {`{"id":5,"kind":"article","title":"News post","url":"https://example.org/post","reliability":"reliable","visibility":"public"}`},
		"people.jsonl": {
			`{"id":10,"names":[{"name":"Elvin Mustafayev","kind":"primary","visibility":"public"}],"country":"AZ","visibility":"public"}`,
			`{"id":11,"names":[{"name":"Anar Aliyev","kind":"primary","visibility":"public"},{"name":"Анар Алиев","kind":"transliteration","visibility":"internal"}],"country":"AZ","visibility":"internal"}`,
		},
		"memberships.jsonl": {`{"id":1,"person_id":10,"organization_id":3,"role":"member","visibility":"public"}`},
		"cases.jsonl": {`{"id":20,"person_id":10,"country":"AZ","status":"detained","arrest_date":"2025-01-10","charges":[{"article":"234.4.3","text":"drug trafficking"}],` +
			`"sentence":{},"facility_id":7,"classification":"political_prisoner","position":"denies","visibility":"public"}`},
		"events.jsonl": {
			`{"id":1,"case_id":20,"kind":"arrest","date":"2025-01-10","source_ids":[5],"visibility":"public"}`,
			`{"id":2,"case_id":20,"kind":"hunger_strike_start","date":"2025-05-06","facility_id":7,"source_ids":[5],"visibility":"public"}`,
		},
		"interventions.jsonl": {`{"id":1,"case_id":20,"kind":"inquiry","sender":"Relatives","recipient":"Prosecutor","sent_on":"2025-05-08","answer_status":"none","source_ids":[5],"visibility":"public"}`},
	}
}

func TestImportAnExport(t *testing.T) {
	storetest.ForEach(t, clock, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		dir := export(t, good())

		before, _ := s.Fingerprint(ctx)
		rep, err := importer.ImportDir(ctx, s, habeas.Operator, dir, importer.Options{DryRun: true})
		if err != nil {
			t.Fatal(err)
		}
		if after, _ := s.Fingerprint(ctx); after != before {
			t.Error("a dry run changed the database")
		}
		if rep.Total() != 10 || rep.Created["events.jsonl"] != 2 {
			t.Errorf("dry run would create %v, want 10 records with 2 events", rep.Created)
		}

		if _, err := importer.ImportDir(ctx, s, habeas.Operator, dir, importer.Options{}); err != nil {
			t.Fatal(err)
		}
		page, err := s.ListPeople(ctx, habeas.Public, habeas.PeopleFilter{})
		if err != nil {
			t.Fatal(err)
		}
		if len(page.Items) != 1 || page.Items[0].Name != "Elvin Mustafayev" || page.Items[0].FacilityName != "Penal Colony No. 2" {
			t.Fatalf("public list after import: %+v", page.Items)
		}
		held, _, strike, err := s.PeopleCounts(ctx, habeas.Public)
		if err != nil || held != 1 || strike != 1 {
			t.Errorf("counts: held %d, on hunger strike %d (%v); want 1 and 1", held, strike, err)
		}
		staff, _ := s.ListPeople(ctx, habeas.Internal, habeas.PeopleFilter{})
		if len(staff.Items) != 2 {
			t.Errorf("staff see %d people, want 2", len(staff.Items))
		}
		c, err := s.CurrentCase(ctx, habeas.Public, page.Items[0].ID)
		if err != nil {
			t.Fatal(err)
		}
		tl, _ := s.Timeline(ctx, habeas.Public, c.ID)
		if len(tl) != 2 || len(tl[1].SourceIDs) != 1 {
			t.Errorf("timeline %+v: want 2 events citing the source", tl)
		}
		if err := s.VerifyLists(ctx); err != nil {
			t.Error(err)
		}
	})
}

// A bad export names every bad record as file:line: field: reason, and
// imports nothing at all, not even its good records.
func TestBadExportImportsNothing(t *testing.T) {
	tests := []struct {
		name  string
		edit  func(f map[string][]string)
		wants []string
	}{
		{"unknown field", func(f map[string][]string) {
			f["people.jsonl"][0] = strings.Replace(f["people.jsonl"][0], `"country"`, `"nickname":"x","country"`, 1)
		}, []string{"people.jsonl:1: nickname: unknown field", "cases.jsonl:1: person_id: record 10 of people.jsonl is refused"}},
		{"no visibility", func(f map[string][]string) {
			f["facilities.jsonl"][0] = strings.Replace(f["facilities.jsonl"][0], `,"visibility":"public"`, ``, 1)
		}, []string{"facilities.jsonl:1: visibility: is required"}},
		{"null visibility of a name", func(f map[string][]string) {
			f["people.jsonl"][1] = strings.Replace(f["people.jsonl"][1], `"visibility":"internal"}]`, `"visibility":null}]`, 1)
		}, []string{"people.jsonl:2: names[1].visibility: is required"}},
		{"reference to nothing", func(f map[string][]string) {
			f["events.jsonl"][1] = strings.Replace(f["events.jsonl"][1], `"case_id":20`, `"case_id":99`, 1)
		}, []string{"events.jsonl:2: case_id: no record with id 99 in cases.jsonl"}},
		{"duplicate id", func(f map[string][]string) {
			f["people.jsonl"][1] = strings.Replace(f["people.jsonl"][1], `"id":11`, `"id":10`, 1)
		}, []string{"people.jsonl:2: id: 10 is the id of an earlier record of people.jsonl"}},
		{"duplicate id of an event", func(f map[string][]string) {
			f["events.jsonl"] = append(f["events.jsonl"], `{"id":1,"case_id":20,"kind":"news","date":"2025-05-01","visibility":"public"}`)
		}, []string{"events.jsonl:3: id: 1 is the id of an earlier record of events.jsonl"}},
		{"an event id far beyond the others", func(f map[string][]string) {
			f["events.jsonl"] = append(f["events.jsonl"], `{"id":900000000000,"case_id":20,"kind":"news","date":"2025-05-01","visibility":"public"}`,
				`{"id":900000000000,"case_id":20,"kind":"news","date":"2025-05-02","visibility":"public"}`)
		}, []string{"events.jsonl:4: id: 900000000000 is the id of an earlier record of events.jsonl"}},
		{"release before the arrest", func(f map[string][]string) {
			f["events.jsonl"] = append(f["events.jsonl"], `{"id":3,"case_id":20,"kind":"release","date":"2020-01-01","visibility":"public"}`)
		}, []string{"events.jsonl:3: date:"}},
		{"an event in the future", func(f map[string][]string) {
			f["events.jsonl"] = append(f["events.jsonl"], `{"id":3,"case_id":20,"kind":"release","date":"2099-01-01","visibility":"public"}`)
		}, []string{"events.jsonl:3: date:"}},
		{"not JSON", func(f map[string][]string) {
			f["sources.jsonl"] = append(f["sources.jsonl"], `{"id":6,"kind":`)
		}, []string{"sources.jsonl:2: not a JSON object"}},
	}
	storetest.ForEach(t, clock, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		for _, tc := range tests {
			files := good()
			tc.edit(files)
			before, _ := s.Fingerprint(ctx)
			rep, err := importer.ImportDir(ctx, s, habeas.Operator, export(t, files), importer.Options{})
			if !errors.Is(err, importer.ErrProblems) {
				t.Errorf("%s: err %v, want problems", tc.name, err)
				continue
			}
			got := strings.Join(rep.Problems, "\n")
			for _, w := range tc.wants {
				if !strings.Contains(got, w) {
					t.Errorf("%s: problems\n%s\nwant a line with %q", tc.name, got, w)
				}
			}
			if after, _ := s.Fingerprint(ctx); after != before {
				t.Errorf("%s: a refused import changed the database", tc.name)
			}
		}
	})
}

// An export written by a writer who may not see confidential records is
// refused where it would create them; nothing is imported.
func TestImportChecksTheWritersAccess(t *testing.T) {
	storetest.ForEach(t, clock, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		files := good()
		files["people.jsonl"][1] = strings.ReplaceAll(files["people.jsonl"][1], `"internal"`, `"confidential"`)
		before, _ := s.Fingerprint(ctx)
		editor := &habeas.User{Role: habeas.RoleEditor}
		rep, err := importer.ImportDir(ctx, s, editor, export(t, files), importer.Options{})
		if !errors.Is(err, importer.ErrProblems) || !strings.Contains(strings.Join(rep.Problems, "\n"), "people.jsonl:2") {
			t.Fatalf("err %v, problems %q: want people.jsonl:2 refused", err, rep.Problems)
		}
		if after, _ := s.Fingerprint(ctx); after != before {
			t.Error("a refused import changed the database")
		}
		viewer := &habeas.User{Role: habeas.RoleViewer}
		if _, err := importer.ImportDir(ctx, s, viewer, export(t, good()), importer.Options{}); habeas.ErrorCode(err) != habeas.EFORBIDDEN {
			t.Errorf("a viewer's import: err %v, want forbidden", err)
		}
	})
}
