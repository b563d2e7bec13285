package store

import (
	"strings"
	"testing"
)

// Every query exists in both dialects, so no code path works on one only.
func TestQueriesExistInBothDialects(t *testing.T) {
	lite, err := loadQueries(SQLite)
	if err != nil {
		t.Fatal(err)
	}
	pg, err := loadQueries(Postgres)
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range lite.names() {
		if _, ok := pg[n]; !ok {
			t.Errorf("query %s exists for sqlite only", n)
		}
	}
	for _, n := range pg.names() {
		if _, ok := lite[n]; !ok {
			t.Errorf("query %s exists for postgres only", n)
		}
	}
	if len(lite) < 50 {
		t.Errorf("only %d queries loaded: is the parser dropping some?", len(lite))
	}
	for n, q := range pg {
		if strings.Contains(q, "?1") {
			t.Errorf("postgres query %s uses a SQLite placeholder", n)
		}
	}
}

func TestParseQueriesRejectsDuplicates(t *testing.T) {
	q := queries{}
	err := parseQueries(q, "x.sql", "-- name: A\nSELECT 1;\n-- name: A\nSELECT 2;\n")
	if err == nil || !strings.Contains(err.Error(), "defined twice") {
		t.Fatalf("err = %v, want defined twice", err)
	}
}
