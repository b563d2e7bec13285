package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"
)

// Report is what VerifyDatabase found: the chain's head and every problem,
// the first broken entry first.
type Report struct {
	// Entries is how many audit entries were read.
	Entries int
	// HeadID and HeadHash name the last entry: recorded elsewhere, they
	// let a later check prove nothing up to it was rewritten.
	HeadID   int64
	HeadHash string
	// FirstBroken is the id of the first entry found missing or changed;
	// 0 when the chain holds.
	FirstBroken int64
	// Problems says what is wrong, in the order found: the chain's first.
	Problems []string
}

// OK reports whether nothing is wrong.
func (r *Report) OK() bool { return len(r.Problems) == 0 }

// Head is the chain's head as `habeas verify` prints it and reads it back
// with --head: ID:HASH.
func (r *Report) Head() string { return fmt.Sprintf("%d:%s", r.HeadID, r.HeadHash) }

// maxProblems is how many problems a report lists; the first is what matters.
const maxProblems = 50

func (r *Report) problem(id int64, format string, args ...any) {
	if r.FirstBroken == 0 && id > 0 {
		r.FirstBroken = id
	}
	if len(r.Problems) < maxProblems {
		r.Problems = append(r.Problems, fmt.Sprintf(format, args...))
	}
}

// VerifyDatabase checks the database at dsn without its key: it recomputes
// the audit chain from its first entry, compares the last entry with the
// chain's head kept in the database and, when recordedHead (ID:HASH, as a
// Report's Head printed it) is given, with that; then it checks the
// database itself (SQLite: integrity_check and foreign_key_check;
// PostgreSQL: constraints left unvalidated). It changes nothing.
func VerifyDatabase(ctx context.Context, dsn, recordedHead string) (*Report, error) {
	r, err := verifyDatabase(ctx, dsn, recordedHead)
	return r, redactErr(err, dsn)
}

func verifyDatabase(ctx context.Context, dsn, recordedHead string) (*Report, error) {
	var wantID int64
	var wantHash string
	if recordedHead != "" {
		id, hash, ok := strings.Cut(recordedHead, ":")
		n, err := strconv.ParseInt(id, 10, 64)
		if !ok || err != nil || n <= 0 || len(hash) != 64 {
			return nil, fmt.Errorf("the recorded head %q is not ID:HASH as verify prints it", recordedHead)
		}
		wantID, wantHash = n, strings.ToLower(hash)
	}
	var db *sql.DB
	var err error
	postgres := isPostgresDSN(dsn)
	if postgres {
		db, err = sql.Open("pgx", dsn)
	} else {
		if _, err := os.Stat(dsn); err != nil {
			return nil, fmt.Errorf("no database: %w", err)
		}
		db, err = sql.Open("sqlite", "file:"+sqlitePath(dsn)+"?mode=ro&_pragma=busy_timeout(10000)")
	}
	if err != nil {
		return nil, fmt.Errorf("open the database: %w", err)
	}
	defer db.Close()
	// One snapshot for the chain and its head: a write committed while
	// verify reads is not half seen.
	tx, err := db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true, Isolation: isolationFor(postgres)})
	if err != nil {
		return nil, fmt.Errorf("open the database: %w", err)
	}
	defer tx.Rollback()
	r := &Report{}
	if err := verifyChain(ctx, tx, r, wantID, wantHash); err != nil {
		return nil, err
	}
	if postgres {
		err = verifyPostgres(ctx, tx, r)
	} else {
		err = verifySQLite(ctx, tx, r)
	}
	return r, err
}

func isolationFor(postgres bool) sql.IsolationLevel {
	if postgres {
		return sql.LevelRepeatableRead
	}
	return sql.LevelDefault
}

// verifyChain reads the entries in id order and checks each against the
// one before: ids one after the other, prev_hash the hash of the entry
// before, and hash the hash of its own fields.
func verifyChain(ctx context.Context, tx *sql.Tx, r *Report, wantID int64, wantHash string) error {
	rows, err := tx.QueryContext(ctx, "SELECT id, at, actor_id, actor, action, kind, record_id, visibility, body, prev_hash, hash FROM audit ORDER BY id")
	if err != nil {
		return fmt.Errorf("read the audit log (is the schema up to date? run habeas migrate): %w", err)
	}
	defer rows.Close()
	var prevID int64
	prevHash, foundWanted := "", false
	for rows.Next() {
		var e auditRow
		if err := rows.Scan(&e.id, &e.at, &e.actorID, &e.actor, &e.action, &e.kind, &e.recordID, &e.visibility,
			&e.body, &e.prevHash, &e.hash); err != nil {
			return fmt.Errorf("read the audit log: %w", err)
		}
		r.Entries++
		switch {
		case e.id != prevID+1:
			if e.id == prevID+2 {
				r.problem(prevID+1, "entry %d is missing: it was deleted", prevID+1)
			} else {
				r.problem(prevID+1, "entries %d to %d are missing: they were deleted", prevID+1, e.id-1)
			}
		case e.prevHash != prevHash:
			r.problem(max(prevID, 1), "entry %d does not follow entry %d (its prev_hash is not that entry's hash): entry %d was rewritten, or entry %d was",
				e.id, prevID, prevID, e.id)
		}
		if got := e.entryHash(); got != e.hash {
			r.problem(e.id, "entry %d was changed after it was written: its fields no longer give its hash", e.id)
		}
		if e.id == wantID {
			foundWanted = true
			if e.hash != wantHash {
				r.problem(e.id, "entry %d is not the entry recorded as the head (its hash is %s, the recorded %s): the log was rewritten up to it", e.id, e.hash, wantHash)
			}
		}
		prevID, prevHash = e.id, e.hash
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("read the audit log: %w", err)
	}
	r.HeadID, r.HeadHash = prevID, prevHash
	if wantID > 0 && !foundWanted {
		if wantID > prevID {
			r.problem(wantID, "entry %d, recorded as the head, is gone: the log ends at entry %d, so entries at its end were deleted", wantID, prevID)
		} else {
			r.problem(wantID, "entry %d, recorded as the head, is gone: it was deleted", wantID)
		}
	}
	var headID int64
	var headHash string
	if err := tx.QueryRowContext(ctx, "SELECT last_id, hash FROM audit_head WHERE id = 1").Scan(&headID, &headHash); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			r.problem(0, "the audit chain's head (audit_head) is gone")
			return nil
		}
		return fmt.Errorf("read the audit chain's head: %w", err)
	}
	if headID != prevID || headHash != prevHash {
		r.problem(min(headID, prevID)+1, "the database's record of the chain's head (entry %d) is not the last entry (%d): entries at the end were deleted, or the head was changed",
			headID, prevID)
	}
	return nil
}

// verifySQLite runs SQLite's own checks: every page and index, and every
// foreign key, and makes sure the audit log's append-only triggers are
// there.
func verifySQLite(ctx context.Context, tx *sql.Tx, r *Report) error {
	rows, err := tx.QueryContext(ctx, "PRAGMA integrity_check")
	if err != nil {
		return fmt.Errorf("integrity check: %w", err)
	}
	var msgs []string
	for rows.Next() {
		var m string
		if err := rows.Scan(&m); err != nil {
			rows.Close()
			return fmt.Errorf("integrity check: %w", err)
		}
		if m != "ok" {
			msgs = append(msgs, m)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("integrity check: %w", err)
	}
	for _, m := range msgs {
		r.problem(0, "SQLite integrity check: %s", m)
	}
	rows, err = tx.QueryContext(ctx, "PRAGMA foreign_key_check")
	if err != nil {
		return fmt.Errorf("foreign key check: %w", err)
	}
	for rows.Next() {
		var table, parent string
		var rowid sql.NullInt64
		var fk int
		if err := rows.Scan(&table, &rowid, &parent, &fk); err != nil {
			rows.Close()
			return fmt.Errorf("foreign key check: %w", err)
		}
		msgs = append(msgs, fmt.Sprintf("a row of %s (rowid %d) refers to a missing row of %s", table, rowid.Int64, parent))
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("foreign key check: %w", err)
	}
	for _, m := range msgs {
		r.problem(0, "foreign keys: %s", m)
	}
	return checkGuards(ctx, tx, r, "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit'")
}

// verifyPostgres checks what PostgreSQL does not check by itself: a
// constraint added NOT VALID, or left so, and the append-only triggers.
func verifyPostgres(ctx context.Context, tx *sql.Tx, r *Report) error {
	rows, err := tx.QueryContext(ctx, `SELECT conrelid::regclass::text, conname FROM pg_constraint
		WHERE NOT convalidated AND connamespace = ANY (SELECT oid FROM pg_namespace WHERE nspname = ANY (current_schemas(false)))`)
	if err != nil {
		return fmt.Errorf("check constraints: %w", err)
	}
	var msgs []string
	for rows.Next() {
		var table, name string
		if err := rows.Scan(&table, &name); err != nil {
			rows.Close()
			return fmt.Errorf("check constraints: %w", err)
		}
		msgs = append(msgs, fmt.Sprintf("the constraint %s of %s is not validated: rows may break it", name, table))
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("check constraints: %w", err)
	}
	for _, m := range msgs {
		r.problem(0, "%s", m)
	}
	return checkGuards(ctx, tx, r, `SELECT tgname FROM pg_trigger WHERE tgrelid = 'audit'::regclass AND NOT tgisinternal AND tgenabled <> 'D'`)
}

// checkGuards reports the audit log's append-only triggers that are gone.
func checkGuards(ctx context.Context, tx *sql.Tx, r *Report, q string) error {
	rows, err := tx.QueryContext(ctx, q)
	if err != nil {
		return fmt.Errorf("look for the audit log's triggers: %w", err)
	}
	have := map[string]bool{}
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			rows.Close()
			return fmt.Errorf("look for the audit log's triggers: %w", err)
		}
		have[name] = true
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("look for the audit log's triggers: %w", err)
	}
	for _, t := range []string{"audit_no_update", "audit_no_delete"} {
		if !have[t] {
			r.problem(0, "the audit log's guard %s is gone (dropped or disabled): someone changed the schema by hand", t)
		}
	}
	return nil
}
