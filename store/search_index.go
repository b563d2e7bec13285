package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"codeberg.org/habeas/habeas"
	"codeberg.org/habeas/habeas/search"
)

// The search index (migration 0016): one table per kind of record, each
// row a record's words as search.Tokens gives them. Every write that
// changes what a case, an event or a post says marks it (w.reindex); the
// write rewrites the rows of the marked records just before it commits,
// so the index never says what the records no longer say.

// Kinds of indexed record, each with its index table.
const (
	indexCases  = "search_cases"
	indexEvents = "search_events"
	indexPosts  = "search_posts"
)

var indexTables = []string{indexCases, indexEvents, indexPosts}

// indexChunk is how many records are read for the index at a time.
const indexChunk = 500

// reindex marks a record whose words the write changed, or deleted.
func (w *wtx) reindex(table string, id int64) {
	if w.indexing == nil {
		w.indexing = map[string]map[int64]bool{}
	}
	if w.indexing[table] == nil {
		w.indexing[table] = map[int64]bool{}
	}
	w.indexing[table][id] = true
}

// flushIndex rewrites the index rows of the records the write marked.
func (w *wtx) flushIndex() error {
	if len(w.indexing) == 0 {
		return nil
	}
	if err := w.s.flushHeld(w.ctx, w.tx); err != nil {
		return err
	}
	for _, table := range indexTables {
		ids := w.indexing[table]
		if len(ids) == 0 {
			continue
		}
		sorted := slices.Sorted(func(yield func(int64) bool) {
			for id := range ids {
				if !yield(id) {
					return
				}
			}
		})
		for len(sorted) > 0 {
			n := min(len(sorted), indexChunk)
			if err := w.s.indexRecords(w.ctx, w.tx, table, sorted[:n]); err != nil {
				return err
			}
			sorted = sorted[n:]
		}
	}
	w.indexing = nil
	return nil
}

// indexSource is the SQL that reads the words of the records of a JSON
// array of ids ($1) of one kind: id, visibility, then the texts.
func (s *Store) indexSource(table string) string {
	in := "(SELECT value FROM json_each($1))"
	if s.dialect == Postgres {
		in = "(SELECT jsonb_array_elements_text($1::jsonb)::bigint)"
	}
	switch table {
	case indexCases:
		agg := "group_concat(ch.article || ' ' || ch.text, ' ')"
		if s.dialect == Postgres {
			agg = "string_agg(ch.article || ' ' || ch.text, ' ')"
		}
		return "SELECT c.id, c.visibility, c.court, COALESCE((SELECT " + agg + " FROM charges ch WHERE ch.case_id = c.id), '') " +
			"FROM cases c WHERE c.id IN " + in
	case indexEvents:
		return "SELECT id, visibility, summary, quote, speaker FROM events WHERE id IN " + in
	}
	return "SELECT id, visibility, title, summary, body FROM posts WHERE id IN " + in
}

// indexRecords rewrites the index rows of the records ids of one kind:
// a record that is gone or confidential leaves the index.
func (s *Store) indexRecords(ctx context.Context, tx *sql.Tx, table string, ids []int64) error {
	list, _ := json.Marshal(ids)
	rows, err := tx.QueryContext(ctx, s.indexSource(table), string(list))
	if err != nil {
		return fmt.Errorf("index %s: %w", table, err)
	}
	words := map[int64]string{}
	for rows.Next() {
		var id int64
		var v habeas.Visibility
		var a, b, c string
		dest := []any{&id, &v, &a, &b}
		if table != indexCases {
			dest = append(dest, &c)
		}
		if err := rows.Scan(dest...); err != nil {
			rows.Close()
			return fmt.Errorf("index %s: %w", table, err)
		}
		if v < habeas.Confidential { // sealed text is never indexed
			words[id] = strings.Join(search.Tokens(a+" "+b+" "+c), " ")
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("index %s: %w", table, err)
	}
	del := "DELETE FROM " + table + " WHERE " + s.indexKey() + " IN (SELECT value FROM json_each($1))"
	ins := "INSERT INTO " + table + " (rowid, sounds) VALUES ($1, $2)"
	if s.dialect == Postgres {
		del = "DELETE FROM " + table + " WHERE id IN (SELECT jsonb_array_elements_text($1::jsonb)::bigint)"
		ins = "INSERT INTO " + table + " (id, sounds) VALUES ($1, to_tsvector('simple', $2))"
	}
	if _, err := tx.ExecContext(ctx, del, string(list)); err != nil {
		return fmt.Errorf("index %s: %w", table, err)
	}
	st, err := tx.PrepareContext(ctx, ins)
	if err != nil {
		return fmt.Errorf("index %s: %w", table, err)
	}
	defer st.Close()
	for _, id := range ids {
		w, ok := words[id]
		if !ok || w == "" {
			continue
		}
		if _, err := st.ExecContext(ctx, id, w); err != nil {
			return fmt.Errorf("index %s %d: %w", table, id, err)
		}
	}
	return nil
}

// indexKey is the column an index table names its record by.
func (s *Store) indexKey() string {
	if s.dialect == Postgres {
		return "id"
	}
	return "rowid"
}

// fillSearchIndex fills the index from every case, event and post, in
// the transaction of the migration that makes it (see migrationHooks): a
// start that dies half way leaves no half-filled index behind.
func (s *Store) fillSearchIndex(ctx context.Context, tx *sql.Tx) error {
	for _, t := range []struct{ table, records string }{{indexCases, "cases"}, {indexEvents, "events"}, {indexPosts, "posts"}} {
		var after int64
		for {
			ids, err := scanIDs(tx.QueryContext(ctx, fmt.Sprintf("SELECT id FROM %s WHERE id > %s ORDER BY id LIMIT %d", t.records, s.ph(1), indexChunk), after))
			if err != nil {
				return fmt.Errorf("fill the search index: %w", err)
			}
			if len(ids) == 0 {
				break
			}
			if err := s.indexRecords(ctx, tx, t.table, ids); err != nil {
				return fmt.Errorf("fill the search index: %w", err)
			}
			after = ids[len(ids)-1]
		}
	}
	return nil
}

// unindexCasesOf removes from the index the cases and events that deleting
// a person (personID) or a case (caseID) takes along; PostgreSQL's index
// tables cascade, SQLite's full-text tables cannot.
func (w *wtx) unindexCasesOf(personID, caseID int64) error {
	if w.s.dialect == Postgres {
		return nil
	}
	cases := "SELECT id FROM cases WHERE person_id = ?1"
	arg := personID
	if personID == 0 {
		cases, arg = "SELECT ?1", caseID
	}
	for _, q := range []string{
		"DELETE FROM search_events WHERE rowid IN (SELECT id FROM events WHERE case_id IN (" + cases + "))",
		"DELETE FROM search_cases WHERE rowid IN (" + cases + ")",
	} {
		if _, err := w.tx.ExecContext(w.ctx, q, arg); err != nil {
			return fmt.Errorf("unindex: %w", err)
		}
	}
	return nil
}
