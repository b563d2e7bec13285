package main

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"codeberg.org/habeas/habeas"
	"codeberg.org/habeas/habeas/store"
)

// Config is everything a command needs to know, from flags and environment.
type Config struct {
	Addr     string
	DataDir  string
	DB       string // a postgres:// DSN; empty means SQLite in DataDir
	Demo     bool
	Now      string // YYYY-MM-DD, empty for the wall clock
	dataSet  bool   // --data was given
	KeyEnv   string // HABEAS_KEY
	LogLevel string
}

// flags declares the flags shared by every command that opens the database.
func (c *Config) flags(fs *flag.FlagSet) {
	fs.StringVar(&c.DataDir, "data", "habeas-data", "folder for the SQLite database and the key file")
	fs.StringVar(&c.DB, "db", os.Getenv("HABEAS_DB"), "PostgreSQL DSN (postgres://…) instead of SQLite; or HABEAS_DB")
	fs.StringVar(&c.Now, "now", os.Getenv("HABEAS_NOW"), "what today is, YYYY-MM-DD (or HABEAS_NOW); default the real date")
}

// parse parses args, remembering whether --data was given explicitly.
func (c *Config) parse(fs *flag.FlagSet, args []string) error {
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage of habeas %s:\n", fs.Name())
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return errUsage
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(fs.Output(), "habeas %s: unexpected argument %q\n", fs.Name(), fs.Arg(0))
		return errUsage
	}
	fs.Visit(func(f *flag.Flag) {
		if f.Name == "data" {
			c.dataSet = true
		}
	})
	c.KeyEnv = os.Getenv("HABEAS_KEY")
	return nil
}

// clock returns the program's clock: the wall clock, or one running from
// the --now date.
func (c *Config) clock(fallback time.Time) (habeas.Clock, error) {
	wall := habeas.SystemClock{}
	day := c.Now
	if day == "" && fallback.IsZero() {
		return wall, nil
	}
	base := fallback
	if day != "" {
		t, err := time.Parse(time.DateOnly, day)
		if err != nil {
			return nil, fmt.Errorf("--now %q: want a date like 2025-05-15", day)
		}
		base = t
	}
	return habeas.OffsetClock{Base: base, Start: wall.Now(), Wall: wall}, nil
}

// key returns the key for confidential fields: HABEAS_KEY, or the key file
// in the data folder, made on first use with owner-only permissions.
func (c *Config) key(stderr io.Writer) ([]byte, error) {
	if c.KeyEnv != "" {
		k, err := base64.StdEncoding.DecodeString(strings.TrimSpace(c.KeyEnv))
		if err != nil || len(k) != 32 {
			return nil, errors.New("HABEAS_KEY must be the base64 of 32 bytes (e.g. `head -c32 /dev/urandom | base64`)")
		}
		return k, nil
	}
	path := filepath.Join(c.DataDir, "secret.key")
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		if err := os.MkdirAll(c.DataDir, 0o700); err != nil {
			return nil, fmt.Errorf("create data folder: %w", err)
		}
		k := make([]byte, 32)
		rand.Read(k)
		if err := os.WriteFile(path, []byte(base64.StdEncoding.EncodeToString(k)+"\n"), 0o600); err != nil {
			return nil, fmt.Errorf("write key file: %w", err)
		}
		fmt.Fprintf(stderr, "habeas: created the encryption key %s: back it up apart from the database; without it confidential fields cannot be read\n", path)
		return k, nil
	} else if err != nil {
		return nil, fmt.Errorf("read key file: %w", err)
	}
	k, err := base64.StdEncoding.DecodeString(strings.TrimSpace(string(b)))
	if err != nil || len(k) != 32 {
		return nil, fmt.Errorf("key file %s is damaged: it must hold the base64 of 32 bytes", path)
	}
	return k, nil
}

// dsn is where the database is.
func (c *Config) dsn() string {
	if c.DB != "" {
		return c.DB
	}
	return filepath.Join(c.DataDir, "habeas.db")
}

// open opens the store, migrating it when migrate is set and otherwise
// refusing an out-of-date schema.
func (c *Config) open(ctx context.Context, clock habeas.Clock, migrate bool, stderr io.Writer) (*store.Store, error) {
	key, err := c.key(stderr)
	if err != nil {
		return nil, err
	}
	s, err := store.Open(ctx, store.Config{DSN: c.dsn(), Key: key, Clock: clock})
	if err != nil {
		return nil, err
	}
	if migrate {
		ran, err := s.Migrate(ctx)
		for _, m := range ran {
			fmt.Fprintf(stderr, "habeas: applied migration %s\n", m)
		}
		if err != nil {
			s.Close()
			return nil, err
		}
	}
	if err := s.CheckSchema(ctx); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

// timeZero asks clock for the wall clock unless --now is given.
var timeZero time.Time
