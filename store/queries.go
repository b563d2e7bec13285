package store

import (
	"bufio"
	"errors"
	"fmt"
	"io/fs"
	"sort"
	"strings"
)

// queries maps a query's name to its SQL in the store's dialect.
type queries map[string]string

// loadQueries reads the store's queries for dialect d from the embedded
// files (see loadQueriesFS).
func loadQueries(d Dialect) (queries, error) { return loadQueriesFS(files, d) }

// loadQueriesFS reads the queries written once for both dialects,
// queries/*.sql, then the dialect's overrides, queries/<dialect>/*.sql, each
// of which replaces the base query of the same name. Each query starts with
// a line "-- name: Name" and runs to the next such line. An override with no
// base query is an error: it would be a query of one dialect only.
func loadQueriesFS(fsys fs.FS, d Dialect) (queries, error) {
	q := queries{}
	if err := readQueryDir(fsys, "queries", q); err != nil {
		return nil, err
	}
	dir := "queries/" + string(d)
	over := queries{}
	if err := readQueryDir(fsys, dir, over); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	for _, n := range over.names() {
		if _, ok := q[n]; !ok {
			return nil, fmt.Errorf("%s: query %s overrides no query of queries/*.sql", dir, n)
		}
		q[n] = over[n]
	}
	return q, nil
}

// readQueryDir parses the .sql files directly in dir into q.
func readQueryDir(fsys fs.FS, dir string, q queries) error {
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return fmt.Errorf("read %s: %w", dir, err)
	}
	for _, e := range entries {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".sql") {
			continue
		}
		b, err := fs.ReadFile(fsys, dir+"/"+e.Name())
		if err != nil {
			return err
		}
		if err := parseQueries(q, dir+"/"+e.Name(), string(b)); err != nil {
			return err
		}
	}
	return nil
}
func parseQueries(q queries, file, text string) error {
	var name string
	var body strings.Builder
	flush := func() error {
		if name == "" {
			return nil
		}
		if _, dup := q[name]; dup {
			return fmt.Errorf("%s: query %s defined twice", file, name)
		}
		q[name] = strings.TrimSpace(body.String())
		body.Reset()
		return nil
	}
	sc := bufio.NewScanner(strings.NewReader(text))
	for line := 1; sc.Scan(); line++ {
		t := sc.Text()
		if n, ok := strings.CutPrefix(t, "-- name: "); ok {
			if err := flush(); err != nil {
				return err
			}
			name = strings.TrimSpace(n)
			continue
		}
		if name == "" || strings.HasPrefix(strings.TrimSpace(t), "--") {
			continue
		}
		body.WriteString(t + "\n")
	}
	return flush()
}

// names returns the query names, sorted.
func (q queries) names() []string {
	n := make([]string, 0, len(q))
	for k := range q {
		n = append(n, k)
	}
	sort.Strings(n)
	return n
}
