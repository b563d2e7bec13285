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

// relistRange rewrites the person_list and member_list rows of the people
// with ids from first to last, and moves what their member_list rows count
// in member_counts from the old rows to the new.
func (s *Store) relistRange(ctx context.Context, tx *sql.Tx, first, last int64) error {
	if err := s.unlistRange(ctx, tx, first, last); err != nil {
		return err
	}
	return s.listRange(ctx, tx, first, last)
}

// unlistRange removes the list rows of the people with ids from first to
// last, and what they counted. A membership moved from one person to
// another (a merge) must leave the old person's rows before it joins the
// new person's: relistTouched unlists everyone it relists first.
func (s *Store) unlistRange(ctx context.Context, tx *sql.Tx, first, last int64) error {
	if err := s.countMembers(ctx, tx, first, last, -1); err != nil {
		return err
	}
	for _, q := range []query{s.q.UnlistPeople, s.q.UnlistMembers} {
		if _, err := s.tx(ctx, tx, q).ExecContext(ctx, first, last); err != nil {
			return fmt.Errorf("relist people %d–%d: %w", first, last, err)
		}
	}
	return nil
}

// listRange writes the list rows of the people with ids from first to
// last, who have none, and adds what they count.
func (s *Store) listRange(ctx context.Context, tx *sql.Tx, first, last int64) error {
	for _, q := range []query{s.q.RelistPeople, s.q.RelistMembers} {
		if _, err := s.tx(ctx, tx, q).ExecContext(ctx, first, last); err != nil {
			return fmt.Errorf("relist people %d–%d: %w", first, last, err)
		}
	}
	return s.countMembers(ctx, tx, first, last, 1)
}

// countMembers adds sign (1 or -1) times what the member_list rows of the
// people with ids from first to last count to member_counts; after adding,
// the counts of no one are removed.
func (s *Store) countMembers(ctx context.Context, tx *sql.Tx, first, last int64, sign int) error {
	if _, err := s.tx(ctx, tx, s.q.AddMemberCounts).ExecContext(ctx, first, last, sign); err != nil {
		return fmt.Errorf("count members of people %d–%d: %w", first, last, err)
	}
	if sign > 0 {
		if _, err := s.tx(ctx, tx, s.q.PruneMemberCounts).ExecContext(ctx); err != nil {
			return fmt.Errorf("count members of people %d–%d: %w", first, last, err)
		}
	}
	return nil
}

// relistOrganization rewrites the member_list rows and the counts of one
// organization, whose visibility (and so its memberships') has changed.
func (w *wtx) relistOrganization(orgID int64) error {
	for _, q := range []query{w.s.q.UnlistMembersOfOrganization, w.s.q.RelistMembersOfOrganization,
		w.s.q.UncountOrganization, w.s.q.CountOrganization} {
		if err := w.exec(q, orgID); err != nil {
			return fmt.Errorf("relist organization %d: %w", orgID, err)
		}
	}
	return nil
}

// unlistMembersOf removes a person's member_list rows and what they count,
// before the person is deleted (the rows would go with them, the counts
// would stay).
func (w *wtx) unlistMembersOf(personID int64) error {
	if err := w.s.countMembers(w.ctx, w.tx, personID, personID, -1); err != nil {
		return err
	}
	if err := w.exec(w.s.q.UnlistMembers, personID, personID); err != nil {
		return err
	}
	return w.s.countMembers(w.ctx, w.tx, personID, personID, 1) // prunes the counts of no one
}

// bulkRelistAt is how many people a write (an import) relists at least
// before relistBulk considers building the indexes of the lists anew.
var bulkRelistAt int64 = 20000

// listTables are the tables of the lists whose indexes relistBulk makes anew.
var listTables = []string{"person_list", "member_list"}

// relistBulk is relistRange for a write that relists n people with ids
// from first to last, many of them. When they are at least half of
// everyone (an import into a new or small instance), adding each row to
// each of the twenty-five indexes of person_list and member_list, in the
// random order of names and dates, costs far more than sorting each index
// once: the indexes are dropped and made again from their own definitions,
// inside the transaction (on PostgreSQL readers of the lists wait for its
// end).
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
	if err := s.unlistRange(ctx, tx, first, last); err != nil {
		return err
	}
	var defs []string
	for _, table := range listTables {
		names, tdefs, err := s.listIndexes(ctx, tx, table)
		if err != nil {
			return err
		}
		for _, name := range names {
			if _, err := tx.ExecContext(ctx, "DROP INDEX "+quoteIdent(name)); err != nil {
				return fmt.Errorf("relist people: %w", err)
			}
		}
		defs = append(defs, tdefs...)
	}
	for _, q := range []query{s.q.RelistPeople, s.q.RelistMembers} {
		if _, err := s.tx(ctx, tx, q).ExecContext(ctx, first, last); err != nil {
			return fmt.Errorf("relist people %d–%d: %w", first, last, err)
		}
	}
	for _, def := range defs {
		if _, err := tx.ExecContext(ctx, def); err != nil {
			return fmt.Errorf("relist people: %w", err)
		}
	}
	return s.countMembers(ctx, tx, first, last, 1)
}

// listIndexes returns the names and definitions of the indexes of table
// (one of listTables) that relistBulk makes anew: all but the primary key's.
func (s *Store) listIndexes(ctx context.Context, db querier, table string) (names, defs []string, err error) {
	q := "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = $1 AND sql IS NOT NULL ORDER BY name"
	if s.dialect == Postgres {
		q = `SELECT indexname, indexdef FROM pg_indexes i WHERE schemaname = current_schema() AND tablename = $1
		     AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = format('%I.%I', i.schemaname, i.indexname)::regclass)
		     ORDER BY indexname`
	}
	rows, err := db.QueryContext(ctx, q, table)
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

// peopleListSQL builds the query of one page of the people list. Only the
// filters that are set become conditions, so that the database can read
// the page from the one index that fits (a condition such as
// "($2 = ” OR country = $2)" keeps SQLite off every index). A name search
// (only: the ids the store found) starts from its few people; an
// organization's people are read from member_list, in the order asked
// (with a status, from the index of that status), each person once (their
// lead membership). CROSS JOIN fixes the order in SQLite; PostgreSQL plans
// it as any join. Every value is a parameter; only column names from
// listSorts and the ids the store found itself are written into the text.
func peopleListSQL(a habeas.Access, f habeas.PeopleFilter, sortBy, key string, after int64, limit int, only []int64) (string, []any) {
	args := []any{a}
	arg := func(v any) string {
		args = append(args, v)
		return "$" + strconv.Itoa(len(args))
	}
	col := listSorts[sortBy]
	byMembers := f.OrganizationID != 0 && only == nil
	if byMembers {
		col = "ml." + strings.TrimPrefix(col, "l.")
	}
	var b strings.Builder
	b.WriteString(`SELECT p.id, p.slug, p.name, p.country, p.occupation, p.photo_url, p.photo_alt,
       l.case_id, l.status, l.classification, l.facility_id, COALESCE(f.name, ''), COALESCE(f.slug, ''),
       l.unknown, l.last_news, l.news_vague, l.arrest, l.arrest_date, ` + col + "\n")
	members := ""
	if f.OrganizationID != 0 && only != nil {
		members = `SELECT m.person_id FROM memberships m
    JOIN organizations o ON o.id = m.organization_id AND o.visibility <= $1
    WHERE m.organization_id = ` + arg(f.OrganizationID) + ` AND m.visibility <= $1`
	}
	switch {
	case only != nil:
		b.WriteString("FROM people p CROSS JOIN person_list l\n")
	case byMembers:
		b.WriteString("FROM member_list ml CROSS JOIN person_list l\nJOIN people p ON p.id = l.person_id\n")
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
	case byMembers:
		b.WriteString(" AND ml.access = $1 AND ml.organization_id = " + arg(f.OrganizationID) +
			" AND ml.lead = 1 AND l.person_id = ml.person_id")
	}
	if members != "" {
		b.WriteString(" AND l.person_id IN (" + members + ")")
	}
	if f.Country != "" {
		b.WriteString(" AND l.country = " + arg(f.Country))
	}
	if f.Status != "" && byMembers {
		b.WriteString(" AND ml.status = " + arg(f.Status))
	} else if f.Status != "" {
		b.WriteString(" AND l.status = " + arg(f.Status))
	}
	if f.Classification != "" {
		b.WriteString(" AND l.classification = " + arg(f.Classification))
	}
	if f.FacilityID != 0 {
		b.WriteString(" AND l.facility_id = " + arg(f.FacilityID))
	}
	if f.AssignedTo != 0 {
		b.WriteString(" AND l.person_id IN (SELECT person_id FROM assignments WHERE user_id = " + arg(f.AssignedTo) + ")")
	}
	if f.Charge != "" {
		b.WriteString(` AND l.case_id IN (SELECT ch.case_id FROM charges ch
    WHERE ch.article = ` + arg(f.Charge) + ` OR lower(ch.text) LIKE '%' || lower(` + arg(likeEscape(f.Charge)) + `) || '%' ESCAPE '\')`)
	}
	k, i := arg(key), arg(after)
	id := "l.person_id"
	if byMembers {
		id = "ml.person_id"
	}
	b.WriteString(" AND (" + col + " > " + k + " OR (" + col + " = " + k + " AND " + id + " > " + i + "))")
	b.WriteString(" ORDER BY " + col + ", " + id + " LIMIT " + arg(limit))
	return b.String(), args
}
