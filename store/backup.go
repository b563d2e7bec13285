package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"strings"
)

// ErrNotSQLite is returned by the file operations of SQLite databases
// (VacuumInto, CheckIntegrity) when given a PostgreSQL DSN.
var ErrNotSQLite = errors.New("not a SQLite database")

// openReadOnly opens the SQLite file at path read-only, for copying or
// checking it; it refuses a path where no file is.
func openReadOnly(path string) (*sql.DB, error) {
	if isPostgresDSN(path) {
		return nil, ErrNotSQLite
	}
	if _, err := os.Stat(path); err != nil {
		return nil, fmt.Errorf("no database at %s: %w", path, err)
	}
	db, err := sql.Open("sqlite", "file:"+sqlitePath(path)+"?mode=ro&_pragma=busy_timeout(10000)")
	if err != nil {
		return nil, fmt.Errorf("open sqlite %s: %w", path, err)
	}
	db.SetMaxOpenConns(1)
	return db, nil
}

// VacuumInto copies the SQLite database at path into dest, which must be
// an empty file or none, with VACUUM INTO: in one read transaction, so the
// copy is the database as one commit left it while writers (a running
// serve) go on. The copy is compact, and its sealed fields stay sealed: it
// needs no key. The caller makes dest durable.
func VacuumInto(ctx context.Context, path, dest string) error {
	db, err := openReadOnly(path)
	if err != nil {
		return err
	}
	defer db.Close()
	if _, err := db.ExecContext(ctx, "VACUUM INTO ?", dest); err != nil {
		return fmt.Errorf("copy %s: %w", path, err)
	}
	return nil
}

// CheckIntegrity checks the SQLite database file at path, read-only:
// PRAGMA integrity_check (pages, indexes, constraints) and
// foreign_key_check. It returns nil when both find nothing wrong; its
// errors do not name the file, which the caller knows better (a copy may
// stand for the file the user named).
func CheckIntegrity(ctx context.Context, path string) error {
	db, err := openReadOnly(path)
	if err != nil {
		return err
	}
	defer db.Close()
	problems, err := pragmaLines(ctx, db, "PRAGMA integrity_check")
	if err != nil {
		return fmt.Errorf("not a database habeas can read: %w", err)
	}
	if len(problems) != 1 || problems[0] != "ok" {
		return fmt.Errorf("fails its integrity check: %s", strings.Join(first(problems, 5), "; "))
	}
	broken, err := pragmaLines(ctx, db, "PRAGMA foreign_key_check")
	if err != nil {
		return fmt.Errorf("foreign key check: %w", err)
	}
	if len(broken) > 0 {
		return fmt.Errorf("%d references to rows that do not exist (first: %s)", len(broken), broken[0])
	}
	return nil
}

// pragmaLines runs a PRAGMA and returns each row's columns joined by spaces.
func pragmaLines(ctx context.Context, db *sql.DB, pragma string) ([]string, error) {
	rows, err := db.QueryContext(ctx, pragma)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return nil, err
	}
	vals := make([]sql.NullString, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	var out []string
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return nil, err
		}
		parts := make([]string, len(vals))
		for i, v := range vals {
			parts[i] = v.String
		}
		out = append(out, strings.Join(parts, " "))
	}
	return out, rows.Err()
}

func first(s []string, n int) []string { return s[:min(len(s), n)] }
