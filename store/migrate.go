package store

import (
	"context"
	"database/sql"
	"fmt"
	"io/fs"
	"sort"
	"strconv"
	"strings"
)

type migration struct {
	version int
	name    string
	sql     string
}

func (s *Store) migrations() ([]migration, error) {
	dir := "migrations/" + string(s.dialect)
	entries, err := fs.ReadDir(files, dir)
	if err != nil {
		return nil, err
	}
	var ms []migration
	for _, e := range entries {
		num, _, ok := strings.Cut(e.Name(), "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil || !strings.HasSuffix(e.Name(), ".sql") {
			return nil, fmt.Errorf("migration %s: name must be NNNN_what.sql", e.Name())
		}
		b, err := fs.ReadFile(files, dir+"/"+e.Name())
		if err != nil {
			return nil, err
		}
		ms = append(ms, migration{v, e.Name(), string(b)})
	}
	sort.Slice(ms, func(i, j int) bool { return ms[i].version < ms[j].version })
	return ms, nil
}

const createMigrationsTable = `CREATE TABLE IF NOT EXISTS schema_migrations (
    version    INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    applied_at TEXT NOT NULL
)`

// applied returns the versions recorded in schema_migrations.
func (s *Store) applied(ctx context.Context, db interface {
	QueryContext(context.Context, string, ...any) (*sql.Rows, error)
}) (map[int]bool, error) {
	rows, err := db.QueryContext(ctx, "SELECT version FROM schema_migrations")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	done := map[int]bool{}
	for rows.Next() {
		var v int
		if err := rows.Scan(&v); err != nil {
			return nil, err
		}
		done[v] = true
	}
	return done, rows.Err()
}

// Migrate applies every migration not yet recorded, each in its own
// transaction with its record. It returns the names of those applied.
//
// It first reads, without a lock, which migrations are recorded: when none
// is pending (every start of serve but the first after an upgrade) it
// takes no write lock and runs no transaction, so it neither waits for a
// writer (an import, another process) nor pays for a migration's checks,
// such as the whole-database foreign key check of a SQLite migration that
// rebuilds tables (1.9 s of a 2.4 s start at 100,000 people).
func (s *Store) Migrate(ctx context.Context) ([]string, error) {
	ms, err := s.migrations()
	if err != nil {
		return nil, err
	}
	var ran []string
	refresh := false
	if pending := s.pending(ctx, ms); len(pending) > 0 {
		if _, err := s.writer.ExecContext(ctx, createMigrationsTable); err != nil {
			return nil, fmt.Errorf("create schema_migrations: %w", err)
		}
		for _, m := range pending {
			err := s.migrateOne(ctx, m, func(tx *sql.Tx) (bool, error) {
				if s.dialect == Postgres {
					// Serialise concurrent migrators (several serve processes starting at once).
					if _, err := tx.ExecContext(ctx, "SELECT pg_advisory_xact_lock(7251013)"); err != nil {
						return false, err
					}
				}
				// Under the lock: another process may have applied it since.
				done, err := s.applied(ctx, tx)
				if err != nil || done[m.version] {
					return false, err
				}
				if _, err := tx.ExecContext(ctx, m.sql); err != nil {
					return false, fmt.Errorf("migration %s: %w", m.name, err)
				}
				if hook := migrationHooks[m.version]; hook != nil {
					if err := hook(s, ctx, tx); err != nil {
						return false, fmt.Errorf("migration %s: %w", m.name, err)
					}
				}
				ph := "?"
				if s.dialect == Postgres {
					ph = "$"
				}
				_, err = tx.ExecContext(ctx, "INSERT INTO schema_migrations (version, name, applied_at) VALUES ("+ph+"1, "+ph+"2, "+ph+"3)",
					m.version, m.name, s.clock.Now().UTC().Format("2006-01-02T15:04:05Z"))
				if err != nil {
					return false, err
				}
				ran = append(ran, m.name)
				refresh = refresh || !strings.Contains(m.sql, derivedUnchanged)
				return true, nil
			})
			if err != nil {
				return ran, err
			}
		}
	}
	if err := s.checkKey(ctx); err != nil {
		return ran, err
	}
	if err := s.prepare(ctx); err != nil {
		return ran, err
	}
	if refresh {
		// A migration may add derived columns: fill them for existing cases.
		return ran, s.RefreshDerived(ctx)
	}
	return ran, nil
}

// pending returns the migrations of ms not recorded in schema_migrations,
// read on the reader pool, without a lock. When it cannot read them (a new
// database has no schema_migrations yet) it returns them all: Migrate then
// takes the lock and looks again, and reports any real error there.
func (s *Store) pending(ctx context.Context, ms []migration) []migration {
	done, err := s.applied(ctx, s.reader)
	if err != nil {
		return ms
	}
	var todo []migration
	for _, m := range ms {
		if !done[m.version] {
			todo = append(todo, m)
		}
	}
	return todo
}

// derivedUnchanged marks a migration after which the derived state of the
// cases and the lists need not be recomputed (it only adds indexes, say):
// on a large database that takes minutes.
const derivedUnchanged = "-- habeas: derived state unchanged"

// foreignKeysOff marks a SQLite migration that rebuilds tables: it runs
// with foreign keys off (dropping a table would otherwise cascade into the
// rows that refer to it) and checks every foreign key before it commits.
const foreignKeysOff = "-- habeas: foreign-keys-off"

// migrateOne runs one migration's transaction, on SQLite with foreign keys
// off when the migration asks for it; fn says whether it applied the
// migration (false: it was already applied), and only then are the
// foreign keys checked.
func (s *Store) migrateOne(ctx context.Context, m migration, fn func(tx *sql.Tx) (bool, error)) error {
	if s.dialect != SQLite || !strings.Contains(m.sql, foreignKeysOff) {
		return s.inTx(ctx, func(tx *sql.Tx) error {
			_, err := fn(tx)
			return err
		})
	}
	conn, err := s.writer.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "PRAGMA foreign_keys = OFF"); err != nil {
		return fmt.Errorf("migration %s: %w", m.name, err)
	}
	defer conn.ExecContext(context.WithoutCancel(ctx), "PRAGMA foreign_keys = ON")
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("migration %s: begin: %w", m.name, err)
	}
	defer s.bound.Delete(tx)
	applied, err := fn(tx)
	if err != nil || !applied {
		tx.Rollback()
		return err
	}
	rows, err := tx.QueryContext(ctx, "PRAGMA foreign_key_check")
	if err != nil {
		tx.Rollback()
		return fmt.Errorf("migration %s: %w", m.name, err)
	}
	broken := rows.Next()
	rows.Close()
	if broken {
		tx.Rollback()
		return fmt.Errorf("migration %s: it would leave a foreign key pointing at nothing; nothing was changed", m.name)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("migration %s: commit: %w", m.name, err)
	}
	s.gen.Add(1)
	return nil
}

// CheckSchema returns an error unless every migration this binary knows has
// been applied and the database has none it does not know.
func (s *Store) CheckSchema(ctx context.Context) error {
	ms, err := s.migrations()
	if err != nil {
		return err
	}
	done, err := s.applied(ctx, s.reader)
	if err != nil {
		return fmt.Errorf("the database has no schema yet: run `habeas migrate` (%w)", err)
	}
	known := map[int]bool{}
	for _, m := range ms {
		known[m.version] = true
		if !done[m.version] {
			return fmt.Errorf("the database schema is out of date (%s not applied): run `habeas migrate`", m.name)
		}
	}
	for v := range done {
		if !known[v] {
			return fmt.Errorf("the database has migration %d, which this habeas does not know: it was made by a newer version", v)
		}
	}
	if err := s.checkKey(ctx); err != nil {
		return err
	}
	return s.prepare(ctx)
}
