package store

import (
	"context"
	"fmt"
	"strings"

	"codeberg.org/habeas/habeas"
)

// SetRekeyBatch sets how many rows rotation reads at a time, so tests
// cross batch boundaries with a few rows; it returns a function restoring
// the old size.
func SetRekeyBatch(n int) (restore func()) {
	old := rekeyBatch
	rekeyBatch = n
	return func() { rekeyBatch = old }
}

// RedactErr is redactErr, for tests.
var RedactErr = redactErr

// SetBulkRelistAt sets how many people a write relists before it may
// build the lists' indexes anew, so tests take that way with a few; it
// returns a function restoring the old number.
func SetBulkRelistAt(n int64) (restore func()) {
	old := bulkRelistAt
	bulkRelistAt = n
	return func() { bulkRelistAt = old }
}

// ListIndexes returns the definitions of the indexes relistBulk makes anew.
func (s *Store) ListIndexes(ctx context.Context) ([]string, error) {
	var all []string
	for _, table := range listTables {
		_, defs, err := s.listIndexes(ctx, s.reader, table)
		if err != nil {
			return nil, err
		}
		all = append(all, defs...)
	}
	return all, nil
}

// ExecForTest runs one statement on the writer, to put a database in a
// state no method makes (a migration forgotten, say).
func (s *Store) ExecForTest(ctx context.Context, q string) error {
	_, err := s.writer.ExecContext(ctx, q)
	return err
}

// PlanForTest returns what SQLite's EXPLAIN QUERY PLAN says of a query, one
// step a line.
func (s *Store) PlanForTest(ctx context.Context, text string, args ...any) (string, error) {
	rows, err := s.reader.QueryContext(ctx, "EXPLAIN QUERY PLAN "+text, args...)
	if err != nil {
		return "", err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var id, parent, unused int
		var detail string
		if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
			return "", err
		}
		out = append(out, detail)
	}
	return strings.Join(out, "\n"), rows.Err()
}

// PeopleListSQL is the query of the first page of the public people list.
func PeopleListSQL(f habeas.PeopleFilter, sortBy string) (string, []any) {
	return peopleListSQL(habeas.Public, f, sortBy, "", 0, 50, nil)
}

// QuerySQL returns the SQL of the named query (MembersOfOrganization, MemberCounts).
func (s *Store) QuerySQL(name string) string {
	for _, q := range s.q.all() {
		if q.name == name {
			return q.sql
		}
	}
	return ""
}

// NameIndexRows returns every row of name_keys and name_words as text,
// sorted.
func (s *Store) NameIndexRows(ctx context.Context) ([]string, error) {
	var out []string
	for _, q := range []string{"SELECT 'k', key, person_id, visibility FROM name_keys", "SELECT 'w', word, person_id, visibility FROM name_words"} {
		rows, err := s.reader.QueryContext(ctx, q+" ORDER BY 2, 3, 4")
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var kind, key string
			var id, vis int64
			if err := rows.Scan(&kind, &key, &id, &vis); err != nil {
				rows.Close()
				return nil, err
			}
			out = append(out, fmt.Sprintf("%s %s %d %d", kind, key, id, vis))
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// RewindNameIndex puts the database back at migration 0007 as far as names
// go: name_words dropped, name_keys left with what is in it plus a key of
// the old kind that no name of today gives, the migration unrecorded.
func (s *Store) RewindNameIndex(ctx context.Context) error {
	for _, q := range []string{"DROP TABLE name_words",
		"INSERT INTO name_keys (key, person_id, visibility) SELECT 's:stale', MIN(id), 0 FROM people",
		"DELETE FROM schema_migrations WHERE version = 8"} {
		if _, err := s.writer.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("%s: %w", q, err)
		}
	}
	return nil
}

// RewindDueDays takes the database back to before migration 0022, which
// added interventions.due_day.
func (s *Store) RewindDueDays(ctx context.Context) error {
	for _, q := range []string{"DROP INDEX interventions_due_day", "ALTER TABLE interventions DROP COLUMN due_day",
		"DELETE FROM schema_migrations WHERE version = 22"} {
		if _, err := s.writer.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("%s: %w", q, err)
		}
	}
	return nil
}

// SetFreshStatsAfter sets how many cases a batch touches before it
// refreshes PostgreSQL's statistics; it returns a function restoring it.
func SetFreshStatsAfter(n int) (restore func()) {
	old := freshStatsAfter
	freshStatsAfter = n
	return func() { freshStatsAfter = old }
}
