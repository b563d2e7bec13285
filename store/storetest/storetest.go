// Package storetest opens real, throwaway databases for tests: a SQLite
// file always, and a fresh PostgreSQL database whenever the environment
// variable HABEAS_TEST_POSTGRES holds a DSN of a server the tests may use.
// Without it the PostgreSQL tests are skipped, except in CI (the variable
// CI is set), where a missing PostgreSQL is a failure, not a skip.
package storetest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"path/filepath"
	"testing"
	"time"

	"codeberg.org/habeas/habeas"
	"codeberg.org/habeas/habeas/store"
)

// EnvPostgres names the variable holding the PostgreSQL DSN for tests.
const EnvPostgres = "HABEAS_TEST_POSTGRES"

// EnvCI names the variable that CI sets (CI=true).
const EnvCI = "CI"

// Backends lists the dialects the tests run on here: PostgreSQL too when
// HABEAS_TEST_POSTGRES is set, or in CI, where DSN then fails the test.
func Backends() []store.Dialect {
	b := []store.Dialect{store.SQLite}
	if os.Getenv(EnvPostgres) != "" || os.Getenv(EnvCI) != "" {
		b = append(b, store.Postgres)
	}
	return b
}

// ForEach runs f as a subtest on a fresh, migrated store of every backend.
func ForEach(t *testing.T, clock habeas.Clock, f func(t *testing.T, s *store.Store)) {
	t.Helper()
	for _, d := range Backends() {
		t.Run(string(d), func(t *testing.T) {
			f(t, New(t, d, clock))
		})
	}
}

// Key returns a random encryption key.
func Key() []byte {
	k := make([]byte, 32)
	rand.Read(k)
	return k
}

// New returns a fresh, migrated store of dialect d, removed when t ends.
func New(t testing.TB, d store.Dialect, clock habeas.Clock) *store.Store {
	t.Helper()
	dsn := DSN(t, d)
	s, err := store.Open(context.Background(), store.Config{DSN: dsn, Key: Key(), Clock: clock})
	if err != nil {
		t.Fatalf("open %s store: %v", d, err)
	}
	t.Cleanup(func() { s.Close() })
	if _, err := s.Migrate(context.Background()); err != nil {
		t.Fatalf("migrate %s store: %v", d, err)
	}
	return s
}

// DSN returns the DSN of a new empty database of dialect d, dropped when t ends.
func DSN(t testing.TB, d store.Dialect) string {
	t.Helper()
	if d == store.SQLite {
		return filepath.Join(t.TempDir(), "habeas.db")
	}
	admin := os.Getenv(EnvPostgres)
	if admin == "" {
		if os.Getenv(EnvCI) != "" {
			t.Fatal(EnvCI + " is set but " + EnvPostgres + " is not: in CI the PostgreSQL tests must run, not be skipped")
		}
		t.Skip(EnvPostgres + " is not set")
	}
	b := make([]byte, 6)
	rand.Read(b)
	name := "habeas_test_" + hex.EncodeToString(b)
	db, err := sql.Open("pgx", admin)
	if err != nil {
		t.Fatalf("postgres: %v", err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if _, err := db.ExecContext(ctx, "CREATE DATABASE "+name); err != nil {
		db.Close()
		t.Fatalf("create test database: %v", err)
	}
	t.Cleanup(func() {
		// Cleanups run last-registered first, so the store is closed by now.
		db.Exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)")
		db.Close()
	})
	u, err := url.Parse(admin)
	if err != nil {
		t.Fatalf("%s: %v", EnvPostgres, err)
	}
	u.Path = "/" + name
	return u.String()
}
