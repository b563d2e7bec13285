package store

import (
	"errors"
	"io/fs"
	"maps"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"
)

// questionPlaceholder matches SQLite's ?N placeholders, which PostgreSQL
// does not accept. Every query is written with $N, which both bind by
// ordinal.
var questionPlaceholder = regexp.MustCompile(`\?[0-9]`)

// minQueries is how many queries the store has: the two dialects' copies
// defined 95 names, the same on both, before they became one set.
const minQueries = 95

// overrides returns the queries of queries/<d>/*.sql alone.
func overrides(t *testing.T, d Dialect) querySQL {
	t.Helper()
	o := querySQL{}
	if err := readQueryDir(files, "queries/"+string(d), o); err != nil && !errors.Is(err, fs.ErrNotExist) {
		t.Fatal(err)
	}
	return o
}

// An override replaces a base query: one with no base would be a query of
// one dialect only, and one equal to its base is a second copy to drift.
func TestEveryOverrideHasABase(t *testing.T) {
	base := querySQL{}
	if err := readQueryDir(files, "queries", base); err != nil {
		t.Fatal(err)
	}
	for _, d := range []Dialect{SQLite, Postgres} {
		for n, sql := range overrides(t, d) {
			b, ok := base[n]
			if !ok {
				t.Errorf("%s override %s has no base query", d, n)
			} else if b == sql {
				t.Errorf("%s override %s is the same as its base query", d, n)
			}
		}
	}
}

func TestNoBaseQueryUsesQuestionPlaceholders(t *testing.T) {
	base := querySQL{}
	if err := readQueryDir(files, "queries", base); err != nil {
		t.Fatal(err)
	}
	for n, q := range base {
		if questionPlaceholder.MatchString(q) {
			t.Errorf("base query %s uses a ?N placeholder; write $N", n)
		}
	}
}

// Every query exists in both dialects, so no code path works on one only.
func TestQueriesExistInBothDialects(t *testing.T) {
	lite, err := loadQueriesFS(files, SQLite)
	if err != nil {
		t.Fatal(err)
	}
	pg, err := loadQueriesFS(files, Postgres)
	if err != nil {
		t.Fatal(err)
	}
	if a, b := strings.Join(lite.names(), ","), strings.Join(pg.names(), ","); a != b {
		t.Errorf("the dialects load different queries:\nsqlite   %s\npostgres %s", a, b)
	}
	if len(lite) < minQueries {
		t.Errorf("only %d queries loaded, want %d: is the parser dropping some?", len(lite), minQueries)
	}
	for n, q := range pg {
		if questionPlaceholder.MatchString(q) {
			t.Errorf("postgres query %s uses a SQLite placeholder", n)
		}
	}
}

func TestLoadQueriesRejectsOverrideWithoutBase(t *testing.T) {
	fsys := fstest.MapFS{
		"queries/a.sql":          {Data: []byte("-- name: A\nSELECT 1;\n")},
		"queries/postgres/a.sql": {Data: []byte("-- name: A\nSELECT 2;\n-- name: B\nSELECT 3;\n")},
	}
	if _, err := loadQueriesFS(fsys, Postgres); err == nil || !strings.Contains(err.Error(), "query B overrides no query") {
		t.Fatalf("err = %v, want B overrides no query", err)
	}
	q, err := loadQueriesFS(fsys, SQLite) // no overrides for sqlite here
	if err != nil || q["A"] != "SELECT 1;" {
		t.Fatalf("sqlite: %v, %v; want the base query", q, err)
	}
	fsys["queries/postgres/a.sql"] = &fstest.MapFile{Data: []byte("-- name: A\nSELECT 2;\n")}
	if q, err := loadQueriesFS(fsys, Postgres); err != nil || q["A"] != "SELECT 2;" {
		t.Fatalf("postgres: %v, %v; want the override", q, err)
	}
}

// The queries struct and the SQL files agree, in both directions and in
// both dialects: every field has SQL and every named query has a field, and
// each field is bound to its own name, its own SQL and its own index.
func TestQueriesStructMatchesFiles(t *testing.T) {
	n := reflect.TypeFor[queries]().NumField()
	for _, d := range []Dialect{SQLite, Postgres} {
		sql, err := loadQueriesFS(files, d)
		if err != nil {
			t.Fatal(err)
		}
		fields := map[string]bool{}
		for i := range n {
			fields[reflect.TypeFor[queries]().Field(i).Name] = true
		}
		for name := range sql {
			if !fields[name] {
				t.Errorf("%s: query %s has no field in the queries struct", d, name)
			}
		}
		for name := range fields {
			if _, ok := sql[name]; !ok {
				t.Errorf("%s: field queries.%s has no SQL", d, name)
			}
		}
		qs, err := loadQueries(d)
		if err != nil {
			t.Fatal(err)
		}
		all := qs.all()
		if len(all) != n || len(all) != len(sql) {
			t.Fatalf("%s: %d queries bound, %d fields, %d in the files", d, len(all), n, len(sql))
		}
		for i, q := range all {
			if q.i != i || q.sql != sql[q.name] || q.name != reflect.TypeFor[queries]().Field(i).Name {
				t.Errorf("%s: field %d bound to %+v", d, i, q)
			}
		}
		if qs.GetPerson.name != "GetPerson" || qs.GetPerson.sql != sql["GetPerson"] {
			t.Errorf("%s: GetPerson bound to %+v", d, qs.GetPerson)
		}
	}
}

func TestBindRejectsMismatches(t *testing.T) {
	sql := querySQL{}
	for _, q := range mustLoad(t, SQLite).all() {
		sql[q.name] = q.sql
	}
	if _, err := bind(sql); err != nil {
		t.Fatalf("complete set: %v", err)
	}
	extra := maps.Clone(sql)
	extra["GetPersn"] = "SELECT 1"
	if _, err := bind(extra); err == nil || !strings.Contains(err.Error(), "GetPersn is defined in SQL but has no field") {
		t.Errorf("extra query: err = %v", err)
	}
	missing := maps.Clone(sql)
	delete(missing, "GetPerson")
	if _, err := bind(missing); err == nil || !strings.Contains(err.Error(), "GetPerson has no SQL") {
		t.Errorf("missing query: err = %v", err)
	}
}

func mustLoad(t *testing.T, d Dialect) *queries {
	t.Helper()
	qs, err := loadQueries(d)
	if err != nil {
		t.Fatal(err)
	}
	return qs
}

func TestParseQueriesRejectsDuplicates(t *testing.T) {
	q := querySQL{}
	err := parseQueries(q, "x.sql", "-- name: A\nSELECT 1;\n-- name: A\nSELECT 2;\n")
	if err == nil || !strings.Contains(err.Error(), "defined twice") {
		t.Fatalf("err = %v, want defined twice", err)
	}
}

// A LIKE without an ESCAPE clause would let a user's % or _ match anything:
// every LIKE declares ESCAPE '\' and is fed a value escaped by likeEscape.
func TestEveryLikeEscapes(t *testing.T) {
	like := regexp.MustCompile(`(?i)\bI?LIKE\b`)
	for _, d := range []Dialect{SQLite, Postgres} {
		q, err := loadQueriesFS(files, d)
		if err != nil {
			t.Fatal(err)
		}
		for n, sql := range q {
			if l, e := len(like.FindAllString(sql, -1)), strings.Count(sql, `ESCAPE '\'`); l != e {
				t.Errorf("%s query %s: %d LIKE, %d ESCAPE '\\'", d, n, l, e)
			}
		}
	}
}

func TestLikeEscape(t *testing.T) {
	for in, want := range map[string]string{
		"":           "",
		"drug":       "drug",
		"100%":       `100\%`,
		"a_b":        `a\_b`,
		`back\slash`: `back\\slash`,
		`\%_`:        `\\\%\_`,
	} {
		if got := likeEscape(in); got != want {
			t.Errorf("likeEscape(%q) = %q, want %q", in, got, want)
		}
	}
}
