package main

import (
	"context"
	"encoding/base64"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"codeberg.org/habeas/habeas/importer"
	"codeberg.org/habeas/habeas/store"
)

// errPostgresBackup answers `habeas backup` on PostgreSQL: its own tools
// make a consistent copy of a database in use, and an export --all is a
// copy habeas reads back.
var errPostgresBackup = errors.New("habeas backup copies a SQLite database; for PostgreSQL use pg_dump " +
	"(pg_dump --format=custom --file=FILE DSN makes a consistent copy while serve runs; pg_restore restores it), " +
	"or `habeas export --all --out DIR`, a copy habeas import reads (it holds confidential fields in clear)")

// runBackup implements `habeas backup FILE`: a copy of the SQLite
// database, made while serve may be running, into a new file.
func runBackup(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var cfg Config
	fs := flag.NewFlagSet("backup", flag.ContinueOnError)
	fs.SetOutput(stderr)
	cfg.flags(fs)
	file, err := cfg.parseArgs(fs, args, 1)
	if err != nil {
		fmt.Fprintln(stderr, "usage: habeas backup [--data DIR] FILE")
		return err
	}
	if cfg.DB != "" {
		return errPostgresBackup
	}
	start := time.Now() // how long the copy took, in real time: not a "today"
	size, err := importer.Backup(ctx, cfg.dsn(), file[0])
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "habeas: backed up %s to %s (%.1f MB) in %.1fs\n", cfg.dsn(), file[0], float64(size)/1e6, time.Since(start).Seconds())
	fmt.Fprintf(stdout, "habeas: the backup holds confidential fields sealed, not the key: keep the key (%s or HABEAS_KEY) apart from it; "+
		"restoring needs it (docs/keys.md)\n", cfg.keyPath())
	return nil
}

// runRestore implements `habeas restore FILE --data DIR [--key KEYFILE]`:
// a backup put into a new or empty data folder, once checked.
func runRestore(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var cfg Config
	fs := flag.NewFlagSet("restore", flag.ContinueOnError)
	fs.SetOutput(stderr)
	cfg.flags(fs)
	keyFile := fs.String("key", "", "the key file the backup was sealed with (copied into the data folder); or set HABEAS_KEY")
	file, err := cfg.parseArgs(fs, args, 1)
	if err != nil {
		fmt.Fprintln(stderr, "usage: habeas restore FILE --data DIR [--key KEYFILE]")
		return err
	}
	if cfg.DB != "" {
		return errors.New("habeas restore puts a SQLite backup into a data folder (--data DIR); restore a PostgreSQL dump with pg_restore")
	}
	var key []byte
	switch {
	case *keyFile != "":
		b, err := os.ReadFile(*keyFile)
		if err != nil {
			return fmt.Errorf("read the key file: %w", err)
		}
		if key, err = decodeKey(string(b)); err != nil {
			return fmt.Errorf("key file %s: %w", *keyFile, err)
		}
	case cfg.KeyEnv != "":
		if key, err = decodeKey(cfg.KeyEnv); err != nil {
			return fmt.Errorf("HABEAS_KEY: %w", err)
		}
	default:
		return errors.New("restore needs the key the backup was sealed with: give its key file with --key FILE " +
			"(it is copied into the data folder) or set HABEAS_KEY")
	}
	clock, err := cfg.clock(timeZero)
	if err != nil {
		return err
	}
	rep, err := importer.Restore(ctx, file[0], cfg.dsn(), key, clock)
	if err != nil {
		if errors.Is(err, store.ErrWrongKey) {
			return fmt.Errorf("%w: give the key it was made with (--key FILE or HABEAS_KEY); see docs/keys.md", err)
		}
		return err
	}
	for _, m := range rep.Migrations {
		fmt.Fprintf(stderr, "habeas: applied migration %s\n", m)
	}
	if *keyFile != "" {
		if err := writeKeyFile(cfg.keyPath(), key); err != nil {
			return fmt.Errorf("restored the database, but could not write the key file (copy %s to %s by hand): %w", *keyFile, cfg.keyPath(), err)
		}
	}
	fmt.Fprintf(stdout, "habeas: restored %s into %s: integrity checked, the key opens it\n", file[0], cfg.dsn())
	return nil
}

// decodeKey reads a key as HABEAS_KEY and key files hold it: the base64
// of 32 bytes.
func decodeKey(text string) ([]byte, error) {
	k, err := base64.StdEncoding.DecodeString(strings.TrimSpace(text))
	if err != nil || len(k) != 32 {
		return nil, errors.New("a key is the base64 of 32 bytes")
	}
	return k, nil
}
