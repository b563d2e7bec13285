package store

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"

	"codeberg.org/habeas/habeas"
)

// The people lists read person_list, which every write keeps current (see
// its migration): a page is one index range, whatever the filter and the
// order, instead of a pass over every person and their cases.

// relist rewrites the person_list rows of one person, in the transaction
// of the write that changed them. A person who is gone loses their rows.
func (s *Store) relist(ctx context.Context, tx *sql.Tx, personID int64) error {
	return s.relistRange(ctx, tx, personID, personID)
}

// relistRange rewrites the person_list rows of the people with ids from
// first to last.
func (s *Store) relistRange(ctx context.Context, tx *sql.Tx, first, last int64) error {
	if _, err := s.tx(ctx, tx, s.q.UnlistPeople).ExecContext(ctx, first, last); err != nil {
		return fmt.Errorf("relist people %d–%d: %w", first, last, err)
	}
	if _, err := s.tx(ctx, tx, s.q.RelistPeople).ExecContext(ctx, first, last); err != nil {
		return fmt.Errorf("relist people %d–%d: %w", first, last, err)
	}
	return nil
}

// bulkRelistAt is how many people a write (an import) relists at least
// before relistBulk considers building the indexes of the lists anew.
var bulkRelistAt int64 = 20000

// relistBulk is relistRange for a write that relists n people with ids
// from first to last, many of them. When they are at least half of
// everyone (an import into a new or small instance), adding each row to
// each of the seventeen indexes of person_list, in the random order of
// names and dates, costs far more than sorting each index once: the
// indexes are dropped and made again from their own definitions, inside
// the transaction (on PostgreSQL readers of the lists wait for its end).
func (s *Store) relistBulk(ctx context.Context, tx *sql.Tx, first, last, n int64) error {
	if err := s.flushHeld(ctx, tx); err != nil {
		return err
	}
	var everyone int64
	if err := tx.QueryRowContext(ctx, "SELECT COUNT(*) FROM people").Scan(&everyone); err != nil {
		return fmt.Errorf("relist people: %w", err)
	}
	if 2*n < everyone {
		return s.relistRange(ctx, tx, first, last)
	}
	if _, err := s.tx(ctx, tx, s.q.UnlistPeople).ExecContext(ctx, first, last); err != nil {
		return fmt.Errorf("relist people %d–%d: %w", first, last, err)
	}
	names, defs, err := s.listIndexes(ctx, tx)
	if err != nil {
		return err
	}
	for _, name := range names {
		if _, err := tx.ExecContext(ctx, "DROP INDEX "+quoteIdent(name)); err != nil {
			return fmt.Errorf("relist people: %w", err)
		}
	}
	if _, err := s.tx(ctx, tx, s.q.RelistPeople).ExecContext(ctx, first, last); err != nil {
		return fmt.Errorf("relist people %d–%d: %w", first, last, err)
	}
	for _, def := range defs {
		if _, err := tx.ExecContext(ctx, def); err != nil {
			return fmt.Errorf("relist people: %w", err)
		}
	}
	return nil
}

// listIndexes returns the names and definitions of the indexes of
// person_list that relistBulk makes anew: all but the primary key's.
func (s *Store) listIndexes(ctx context.Context, db querier) (names, defs []string, err error) {
	q := "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'person_list' AND sql IS NOT NULL ORDER BY name"
	if s.dialect == Postgres {
		q = `SELECT indexname, indexdef FROM pg_indexes i WHERE schemaname = current_schema() AND tablename = 'person_list'
		     AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = format('%I.%I', i.schemaname, i.indexname)::regclass)
		     ORDER BY indexname`
	}
	rows, err := db.QueryContext(ctx, q)
	if err != nil {
		return nil, nil, fmt.Errorf("relist people: indexes: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var name, def string
		if err := rows.Scan(&name, &def); err != nil {
			return nil, nil, fmt.Errorf("relist people: indexes: %w", err)
		}
		names, defs = append(names, name), append(defs, def)
	}
	if err := rows.Err(); err != nil {
		return nil, nil, fmt.Errorf("relist people: indexes: %w", err)
	}
	return names, defs, nil
}

// quoteIdent quotes a name of the schema for SQL.
func quoteIdent(name string) string { return `"` + strings.ReplaceAll(name, `"`, `""`) + `"` }

// relistEveryone rewrites every row of person_list, a few thousand people
// per transaction.
func (s *Store) relistEveryone(ctx context.Context) error {
	var last int64
	if err := s.reader.QueryRowContext(ctx, "SELECT COALESCE(MAX(id), 0) FROM people").Scan(&last); err != nil {
		return fmt.Errorf("relist everyone: %w", err)
	}
	const batch = 5000
	for first := int64(0); first <= last; first += batch {
		err := s.inTx(ctx, func(tx *sql.Tx) error { return s.relistRange(ctx, tx, first, first+batch-1) })
		if err != nil {
			return err
		}
	}
	return nil
}

// listSorts maps each order of the people list to its person_list column.
var listSorts = map[string]string{"name": "l.sort_name", "news": "l.last_news", "detention": "l.arrest"}

// drivenBelow is the number of members under which the list of an
// organization's members starts from the members (and sorts them) rather
// than walking the whole order and keeping the members: either way about
// sqrt(page × everyone) rows are read where the two cost the same.
var drivenBelow = 2000

// peopleListSQL builds the query of one page of the people list. Only the
// filters that are set become conditions, so that the database can read
// the page from the one index that fits (a condition such as
// "($2 = ” OR country = $2)" keeps SQLite off every index). A name search
// (only: the ids the store found) and a small organization (fewMembers)
// start from their few people instead (CROSS JOIN fixes the order in
// SQLite; PostgreSQL plans it as any join). Every value is a parameter;
// only column names from listSorts and the ids the store found itself are
// written into the text.
func peopleListSQL(a habeas.Access, f habeas.PeopleFilter, sortBy, key string, after int64, limit int, only []int64, fewMembers bool) (string, []any) {
	args := []any{a}
	arg := func(v any) string {
		args = append(args, v)
		return "$" + strconv.Itoa(len(args))
	}
	col := listSorts[sortBy]
	var b strings.Builder
	b.WriteString(`SELECT p.id, p.slug, p.name, p.country, p.occupation, p.photo_url, p.photo_alt,
       l.case_id, l.status, l.classification, l.facility_id, COALESCE(f.name, ''), COALESCE(f.slug, ''),
       l.unknown, l.last_news, l.arrest, l.arrest_date, ` + col + "\n")
	members := ""
	if f.OrganizationID != 0 {
		members = `SELECT m.person_id FROM memberships m
    JOIN organizations o ON o.id = m.organization_id AND o.visibility <= $1
    WHERE m.organization_id = ` + arg(f.OrganizationID) + ` AND m.visibility <= $1`
	}
	switch {
	case only != nil:
		b.WriteString("FROM people p CROSS JOIN person_list l\n")
	case members != "" && fewMembers:
		b.WriteString("FROM (SELECT DISTINCT mm.person_id FROM (" + members + ") mm) om\n" +
			"CROSS JOIN person_list l\nJOIN people p ON p.id = l.person_id\n")
	default:
		b.WriteString("FROM person_list l\nJOIN people p ON p.id = l.person_id\n")
	}
	b.WriteString("LEFT JOIN facilities f ON f.id = l.facility_id AND f.visibility <= $1\nWHERE l.access = $1")
	switch {
	case only != nil:
		b.WriteString(" AND l.person_id = p.id AND p.id IN (0")
		for _, id := range only {
			b.WriteString(", " + strconv.FormatInt(id, 10))
		}
		b.WriteString(")")
	case members != "" && fewMembers:
		b.WriteString(" AND l.person_id = om.person_id")
	}
	if members != "" && (only != nil || !fewMembers) {
		b.WriteString(" AND l.person_id IN (" + members + ")")
	}
	if f.Country != "" {
		b.WriteString(" AND l.country = " + arg(f.Country))
	}
	if f.Status != "" {
		b.WriteString(" AND l.status = " + arg(f.Status))
	}
	if f.Classification != "" {
		b.WriteString(" AND l.classification = " + arg(f.Classification))
	}
	if f.FacilityID != 0 {
		b.WriteString(" AND l.facility_id = " + arg(f.FacilityID))
	}
	if f.Charge != "" {
		b.WriteString(` AND l.case_id IN (SELECT ch.case_id FROM charges ch
    WHERE ch.article = ` + arg(f.Charge) + ` OR lower(ch.text) LIKE '%' || lower(` + arg(likeEscape(f.Charge)) + `) || '%' ESCAPE '\')`)
	}
	k, i := arg(key), arg(after)
	b.WriteString(" AND (" + col + " > " + k + " OR (" + col + " = " + k + " AND l.person_id > " + i + "))")
	b.WriteString(" ORDER BY " + col + ", l.person_id LIMIT " + arg(limit))
	return b.String(), args
}
