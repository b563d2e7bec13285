package store

import (
	"bufio"
	"fmt"
	"io/fs"
	"sort"
	"strings"
)

// queries maps a query's name to its SQL in the store's dialect.
type queries map[string]string

// loadQueries reads queries/<dialect>/*.sql. Each query starts with a line
// "-- name: Name" and runs to the next such line.
func loadQueries(d Dialect) (queries, error) {
	dir := "queries/" + string(d)
	entries, err := fs.ReadDir(files, dir)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", dir, err)
	}
	q := queries{}
	for _, e := range entries {
		if !strings.HasSuffix(e.Name(), ".sql") {
			continue
		}
		b, err := fs.ReadFile(files, dir+"/"+e.Name())
		if err != nil {
			return nil, err
		}
		if err := parseQueries(q, dir+"/"+e.Name(), string(b)); err != nil {
			return nil, err
		}
	}
	return q, nil
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
