package store

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"database/sql"
	"encoding/base64"
	"errors"
	"fmt"
	"os"
	"regexp"
	"strings"

	"codeberg.org/habeas/habeas"
)

// One key per installation. The database keeps a check value of the key
// that seals its confidential fields (an HMAC of a fixed text under the
// key, never the key itself), so a process started with another key is
// refused before it seals anything, instead of sealing values the other
// processes cannot open. See docs/keys.md.

// ErrWrongKey is returned when the key given does not match the key the
// database was sealed with.
var ErrWrongKey = errors.New("this database was sealed with another key")

const keyCheckText = "habeas key check v1"

// keyCheck is the check value of key: HMAC-SHA256(key, keyCheckText).
func keyCheck(key []byte) string {
	mac := hmac.New(sha256.New, key)
	mac.Write([]byte(keyCheckText))
	return "v1:" + base64.RawStdEncoding.EncodeToString(mac.Sum(nil))
}

// sealedColumn names a column holding values sealed by sealer.seal, each
// with the same additional data (AAD). Key is the table's integer primary
// key: rotation walks the table in batches ordered by it.
type sealedColumn struct {
	Table, Key, Column, AAD string
}

// sealedColumns lists every sealed column. Add an entry here for each new
// column written with s.seal.seal(v, AAD): `habeas key rotate` re-seals
// exactly the columns listed here (and what the rekeyHooks handle), and
// the first key check reads them to make sure the key opens them.
var sealedColumns = []sealedColumn{
	{Table: "sources", Key: "id", Column: "identity_sealed", AAD: identityField},
	{Table: "audit", Key: "id", Column: "body_key", AAD: auditKeyField},
}

// rekeyHook re-seals values that do not fit a sealedColumn (an AAD that
// depends on the row, a value inside a JSON document, …). It runs inside
// the rotation's transaction, after the listed columns; an error rolls
// the whole rotation back.
type rekeyHook func(ctx context.Context, tx *sql.Tx, old, next *sealer) error

// rekeyHooks are run in order by RotateKey.
var rekeyHooks []rekeyHook

// rekeyBatch is how many rows rotation reads at a time.
var rekeyBatch = 500

var identRE = regexp.MustCompile(`^[a-z_][a-z0-9_]*$`)

func (c sealedColumn) valid() error {
	for _, id := range []string{c.Table, c.Key, c.Column} {
		if !identRE.MatchString(id) {
			return fmt.Errorf("store: sealed column %+v: %q is not a plain identifier", c, id)
		}
	}
	if c.AAD == "" {
		return fmt.Errorf("store: sealed column %s.%s has no AAD", c.Table, c.Column)
	}
	return nil
}

// ph returns the n-th placeholder of the store's dialect.
func (s *Store) ph(n int) string {
	if s.dialect == Postgres {
		return fmt.Sprintf("$%d", n)
	}
	return fmt.Sprintf("?%d", n)
}

// checkKey makes sure the store's key is the database's: it records the
// key's check value when none is stored yet (after making sure the key
// opens every value already sealed), and refuses a different one. It needs
// migration 0005; Migrate and CheckSchema call it.
func (s *Store) checkKey(ctx context.Context) error {
	var stored string
	err := s.reader.QueryRowContext(ctx, "SELECT check_value FROM key_check WHERE id = 1").Scan(&stored)
	switch {
	case err == nil:
		if !hmac.Equal([]byte(stored), []byte(s.seal.check)) {
			return ErrWrongKey
		}
		return nil
	case !errors.Is(err, sql.ErrNoRows):
		return fmt.Errorf("read the key check value: %w", err)
	}
	return s.inTx(ctx, func(tx *sql.Tx) error {
		if err := s.probeSealed(ctx, tx, s.seal); err != nil {
			return err
		}
		// Two processes starting at once: the first insert wins, and the
		// other compares against it.
		if _, err := tx.ExecContext(ctx, "INSERT INTO key_check (id, check_value, updated_at) VALUES (1, "+s.ph(1)+", "+s.ph(2)+") ON CONFLICT (id) DO NOTHING",
			s.seal.check, s.now()); err != nil {
			return fmt.Errorf("record the key check value: %w", err)
		}
		if err := tx.QueryRowContext(ctx, "SELECT check_value FROM key_check WHERE id = 1").Scan(&stored); err != nil {
			return fmt.Errorf("read the key check value: %w", err)
		}
		if !hmac.Equal([]byte(stored), []byte(s.seal.check)) {
			return ErrWrongKey
		}
		return nil
	})
}

// probeSealed opens every sealed value of the listed columns with sl, so a
// key check is never recorded for a key that does not open the data a
// database already holds (one made before key checks existed).
func (s *Store) probeSealed(ctx context.Context, tx *sql.Tx, sl *sealer) error {
	for _, c := range sealedColumns {
		bad, total := 0, 0
		err := s.walkSealed(ctx, tx, c, func(rows []sealedRow) error {
			for _, r := range rows {
				total++
				if _, err := sl.open(r.value, c.AAD); err != nil {
					bad++
				}
			}
			return nil
		})
		if err != nil {
			return err
		}
		if bad > 0 {
			return fmt.Errorf("%w: %d of %d sealed values of %s do not open with the key given", ErrWrongKey, bad, total, c.AAD)
		}
	}
	return nil
}

type sealedRow struct {
	id    int64
	value []byte
}

// walkSealed calls f with the non-NULL values of c, rekeyBatch rows at a
// time in key order. The rows of a batch are read in full before f runs,
// so f may write on tx.
func (s *Store) walkSealed(ctx context.Context, tx *sql.Tx, c sealedColumn, f func([]sealedRow) error) error {
	if err := c.valid(); err != nil {
		return err
	}
	ph := s.ph(1)
	q := fmt.Sprintf("SELECT %[2]s, %[3]s FROM %[1]s WHERE %[2]s > %[4]s AND %[3]s IS NOT NULL ORDER BY %[2]s LIMIT %[5]d",
		c.Table, c.Key, c.Column, ph, rekeyBatch)
	var after int64 = -1 << 63
	for {
		rows, err := tx.QueryContext(ctx, q, after)
		if err != nil {
			return fmt.Errorf("read %s.%s: %w", c.Table, c.Column, err)
		}
		var batch []sealedRow
		for rows.Next() {
			var r sealedRow
			if err := rows.Scan(&r.id, &r.value); err != nil {
				rows.Close()
				return fmt.Errorf("read %s.%s: %w", c.Table, c.Column, err)
			}
			batch = append(batch, r)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return fmt.Errorf("read %s.%s: %w", c.Table, c.Column, err)
		}
		if len(batch) == 0 {
			return nil
		}
		if err := f(batch); err != nil {
			return err
		}
		if len(batch) < rekeyBatch {
			return nil
		}
		after = batch[len(batch)-1].id
	}
}

// RotateKey re-seals every sealed value with newKey and records its check
// value, all in one transaction: on any error nothing changes and the old
// key keeps working. On success the store uses the new key. Stop every
// other process using the database first: one still running with the old
// key would seal new values the new key cannot open (on PostgreSQL the
// sealed tables are locked against writes while the rotation runs). Not
// safe to call while the store serves requests.
func (s *Store) RotateKey(ctx context.Context, newKey []byte) error {
	next, err := newSealer(newKey)
	if err != nil {
		return err
	}
	old := s.seal
	if next.check == old.check {
		return errors.New("store: the new key is the old key")
	}
	err = s.inTx(ctx, func(tx *sql.Tx) error {
		if s.dialect == Postgres {
			tables := []string{"key_check"}
			for _, c := range sealedColumns {
				if err := c.valid(); err != nil {
					return err
				}
				tables = append(tables, c.Table)
			}
			// Blocks writers (reads go on) until the rotation commits.
			if _, err := tx.ExecContext(ctx, "LOCK TABLE "+strings.Join(tables, ", ")+" IN SHARE ROW EXCLUSIVE MODE"); err != nil {
				return fmt.Errorf("lock the sealed tables: %w", err)
			}
		}
		var stored string
		if err := tx.QueryRowContext(ctx, "SELECT check_value FROM key_check WHERE id = 1").Scan(&stored); err != nil {
			return fmt.Errorf("read the key check value: %w", err)
		}
		if !hmac.Equal([]byte(stored), []byte(old.check)) {
			return ErrWrongKey
		}
		for _, c := range sealedColumns {
			update := fmt.Sprintf("UPDATE %s SET %s = %s WHERE %s = %s", c.Table, c.Column, s.ph(1), c.Key, s.ph(2))
			err := s.walkSealed(ctx, tx, c, func(rows []sealedRow) error {
				for _, r := range rows {
					plain, err := old.open(r.value, c.AAD)
					if err != nil {
						return fmt.Errorf("%s.%s of %s %d: %w", c.Table, c.Column, c.Key, r.id, err)
					}
					if _, err := tx.ExecContext(ctx, update, next.seal(plain, c.AAD), r.id); err != nil {
						return fmt.Errorf("re-seal %s.%s of %s %d: %w", c.Table, c.Column, c.Key, r.id, err)
					}
				}
				return nil
			})
			if err != nil {
				return err
			}
		}
		for _, h := range rekeyHooks {
			if err := h(ctx, tx, old, next); err != nil {
				return err
			}
		}
		_, err := tx.ExecContext(ctx, "UPDATE key_check SET check_value = "+s.ph(1)+", updated_at = "+s.ph(2)+" WHERE id = 1", next.check, s.now())
		if err != nil {
			return fmt.Errorf("record the new key check value: %w", err)
		}
		// Sealed with the new key, as every entry's key now is. The
		// chain's head is locked after the tables, as a write locks it
		// after the rows it changes.
		return s.appendAudit(ctx, tx, next, 0, actorOperator, habeas.AuditKeyRotation, "", 0, nil,
			map[string]any{"key_check": next.check})
	})
	if err != nil {
		return err
	}
	s.seal = next
	return nil
}

// KeyRecorded reports whether the database at dsn already holds a key
// check value, that is whether a key was chosen for it. It needs no key
// and creates nothing: a SQLite file that does not exist holds none.
// Callers ask before making a new key, so that a database sealed with a
// key that is missing here is refused rather than given a second key.
func KeyRecorded(ctx context.Context, dsn string) (bool, error) {
	ok, err := keyRecorded(ctx, dsn)
	return ok, redactErr(err, dsn)
}

func keyRecorded(ctx context.Context, dsn string) (bool, error) {
	var db *sql.DB
	var exists string
	if isPostgresDSN(dsn) {
		d, err := sql.Open("pgx", dsn)
		if err != nil {
			return false, fmt.Errorf("open postgres: %w", err)
		}
		db = d
		exists = "SELECT count(*) FROM pg_catalog.pg_tables WHERE tablename = 'key_check' AND schemaname = ANY (current_schemas(false))"
	} else {
		if _, err := os.Stat(dsn); errors.Is(err, os.ErrNotExist) {
			return false, nil
		}
		d, err := sql.Open("sqlite", "file:"+sqlitePath(dsn)+"?mode=ro&_pragma=busy_timeout(10000)")
		if err != nil {
			return false, fmt.Errorf("open sqlite: %w", err)
		}
		db = d
		exists = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'key_check'"
	}
	defer db.Close()
	var n int
	if err := db.QueryRowContext(ctx, exists).Scan(&n); err != nil {
		return false, fmt.Errorf("look for a key check value: %w", err)
	}
	if n == 0 {
		return false, nil
	}
	if err := db.QueryRowContext(ctx, "SELECT count(*) FROM key_check").Scan(&n); err != nil {
		return false, fmt.Errorf("look for a key check value: %w", err)
	}
	return n > 0, nil
}
