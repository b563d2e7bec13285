package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"slices"
	"strconv"
	"strings"
	"time"
)

// tables lists every table that holds records, for Fingerprint.
var tables = []string{"people", "person_names", "name_keys", "name_words", "slug_redirects", "person_merges",
	"organizations", "memberships", "facilities", "cases", "charges", "events", "event_sources",
	"sources", "interventions", "intervention_sources", "users", "api_tokens", "person_list",
	"member_list", "member_counts", "person_sources", "case_sources", "membership_sources", "organization_sources",
	"facility_sources", "alerts", "alert_changes", "alert_thresholds", "webhooks", "outbox", "deliveries",
	"posts", "post_tags", "post_sources", "post_people", "post_organizations", "post_cases",
	"estimates", "estimate_sources", "search_cases", "search_events", "search_posts", "site_settings",
	"comments", "tips", "input_limits", "media", "media_blobs", "assignments", "feed_tokens",
	"mail_subscriptions", "mails", "mail_items", "instance_thresholds",
	// A refused write rolls back its audit entries with the rest. The
	// chain's head moves with every entry appended, so it stands for the
	// whole log here: the tests that prove a refusal changed nothing prove
	// it appended no entry, without hashing a log that grows with every
	// write they make (that made the write-access table 70% slower).
	"audit_head"}

type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// Fingerprint hashes every row of every table, in a fixed order: two equal
// fingerprints mean nothing was written in between. Tests use it to prove
// that a refused write changed nothing.
func (s *Store) Fingerprint(ctx context.Context) (string, error) {
	h := sha256.New()
	for _, t := range tables {
		if err := hashTable(ctx, s.reader, h, s.rowsOf(t)); err != nil {
			return "", err
		}
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// rowsOf returns what Fingerprint reads of a table: the table itself, but
// for SQLite's full-text tables, whose one column is read with its rowid.
func (s *Store) rowsOf(table string) string {
	if s.dialect == SQLite && slices.Contains(indexTables, table) {
		return "(SELECT rowid, sounds FROM " + table + ")"
	}
	return table
}

// hashTable writes every row of a table to h, ordered by its first two columns.
func hashTable(ctx context.Context, db querier, h hash.Hash, table string) error {
	rows, err := db.QueryContext(ctx, "SELECT * FROM "+table+" ORDER BY 1, 2")
	if err != nil {
		return fmt.Errorf("fingerprint %s: %w", table, err)
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	vals := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	fmt.Fprintf(h, "%s\n", table)
	// Each value is written with its type and, for text and bytes, its
	// length, so that no two rows hash alike; without fmt, which was most
	// of the time of the tests that fingerprint after every request.
	var buf []byte
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return fmt.Errorf("fingerprint %s: %w", table, err)
		}
		buf = buf[:0]
		for _, v := range vals {
			switch v := v.(type) {
			case nil:
				buf = append(buf, 'n')
			case int64:
				buf = strconv.AppendInt(append(buf, 'i'), v, 10)
			case float64:
				buf = strconv.AppendFloat(append(buf, 'f'), v, 'g', -1, 64)
			case bool:
				buf = strconv.AppendBool(append(buf, 'b'), v)
			case string:
				buf = append(strconv.AppendInt(append(buf, 's'), int64(len(v)), 10), ':')
				buf = append(buf, v...)
			case []byte:
				// A file's bytes may be megabytes: written as they are.
				buf = append(strconv.AppendInt(append(buf, 'x'), int64(len(v)), 10), ':')
				h.Write(buf)
				h.Write(v)
				buf = buf[:0]
			case time.Time:
				buf = v.UTC().AppendFormat(append(buf, 't'), time.RFC3339Nano)
			default:
				buf = fmt.Appendf(append(buf, '?'), "%T:%v", v, v)
			}
			buf = append(buf, ',')
		}
		buf = append(buf, '\n')
		h.Write(buf)
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("fingerprint %s: %w", table, err)
	}
	return nil
}

// errRollBack ends a transaction that only looked.
var errRollBack = errors.New("roll back")

// VerifyLists reports an error unless the rows of the people lists and of
// the organizations' members (person_list, member_list, member_counts), as
// the writes kept them, are exactly what recomputing them from the case
// files and memberships gives; the counts are counted again from nothing.
// It changes nothing.
func (s *Store) VerifyLists(ctx context.Context) error {
	var bad []string
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		kept := map[string][]byte{}
		for _, table := range verifiedLists {
			h := sha256.New()
			if err := hashTable(ctx, tx, h, table); err != nil {
				return err
			}
			kept[table] = h.Sum(nil)
		}
		if err := s.relistRange(ctx, tx, 0, 1<<62); err != nil {
			return err
		}
		for _, q := range []query{s.q.UncountEveryone, s.q.CountEveryone} {
			if _, err := s.tx(ctx, tx, q).ExecContext(ctx); err != nil {
				return fmt.Errorf("verify lists: %w", err)
			}
		}
		for _, table := range verifiedLists {
			h := sha256.New()
			if err := hashTable(ctx, tx, h, table); err != nil {
				return err
			}
			if string(h.Sum(nil)) != string(kept[table]) {
				bad = append(bad, table)
			}
		}
		return errRollBack
	})
	if !errors.Is(err, errRollBack) {
		return err
	}
	if len(bad) > 0 {
		return fmt.Errorf("the lists differ from what the case files and memberships say (%s): a write did not keep them", strings.Join(bad, ", "))
	}
	return nil
}

// verifiedLists are the tables VerifyLists recomputes.
var verifiedLists = []string{"person_list", "member_list", "member_counts"}

// VerifyDerived reports an error naming the first case whose derived
// columns (what lists filter and sort on) are not what its timeline gives
// today, each case derived again on its own. A batch derives its cases
// many at a time; tests hold the two ways to the same result.
func (s *Store) VerifyDerived(ctx context.Context) error {
	const derivedCols = "SELECT id, p_status, p_facility_id, p_unknown, p_last_news, p_arrest, p_hunger_since, p_held_from, p_held_until, p_news_vague FROM cases ORDER BY id"
	var bad error
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		kept, err := rowStrings(ctx, tx, derivedCols)
		if err != nil {
			return err
		}
		for id := range kept {
			if _, err := s.deriveCase(ctx, tx, id); err != nil {
				return err
			}
		}
		fresh, err := rowStrings(ctx, tx, derivedCols)
		if err != nil {
			return err
		}
		for id, row := range kept {
			if fresh[id] != row {
				bad = fmt.Errorf("case %d: derived columns %s, but its timeline gives %s", id, row, fresh[id])
				break
			}
		}
		return errRollBack
	})
	if !errors.Is(err, errRollBack) {
		return err
	}
	return bad
}

// rowStrings runs q, whose first column is an id, and returns each row
// printed, by id.
func rowStrings(ctx context.Context, db querier, q string) (map[int64]string, error) {
	rows, err := db.QueryContext(ctx, q)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	vals := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	out := map[int64]string{}
	for rows.Next() {
		var id int64
		ptrs[0] = &id
		if err := rows.Scan(ptrs...); err != nil {
			return nil, err
		}
		out[id] = fmt.Sprintf("%v", vals[1:])
	}
	return out, rows.Err()
}
