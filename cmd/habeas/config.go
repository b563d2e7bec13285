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
	keyFile  string // the key file the key was read from; "" for HABEAS_KEY
	LogLevel string
	BaseURL  string // the public site's origin, for canonical links (serve)
	// SweepEvery is how often serve runs the alert rules over every case;
	// 0 never (another process sweeps).
	SweepEvery time.Duration
	// SMTP is the mail server's address for e-mails of alerts
	// (notify.ParseSMTP), MailFrom the sender's; "" sends no e-mail.
	SMTP, MailFrom string
	// MetricsAlerts adds counts of unresolved alerts to /metrics.
	MetricsAlerts bool
}

// flags declares the flags shared by every command that opens the database.
func (c *Config) flags(fs *flag.FlagSet) {
	fs.StringVar(&c.DataDir, "data", "habeas-data", "folder for the SQLite database and the key file")
	fs.StringVar(&c.DB, "db", os.Getenv("HABEAS_DB"), "PostgreSQL DSN (postgres://…) instead of SQLite; or HABEAS_DB")
	fs.StringVar(&c.Now, "now", os.Getenv("HABEAS_NOW"), "what today is, YYYY-MM-DD (or HABEAS_NOW); default the real date")
}

// parse parses args, which hold flags only, remembering whether --data was
// given explicitly.
func (c *Config) parse(fs *flag.FlagSet, args []string) error {
	_, err := c.parseArgs(fs, args, 0)
	return err
}

// parseArgs parses args, which hold flags and exactly n other arguments (n < 0: one or more),
// in any order (`habeas restore FILE --data DIR`); it returns the others.
// Everything after "--" is an argument.
func (c *Config) parseArgs(fs *flag.FlagSet, args []string, n int) ([]string, error) {
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage of habeas %s:\n", fs.Name())
		fs.PrintDefaults()
	}
	var others []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, errUsage
		}
		rest := fs.Args()
		if len(rest) == 0 {
			break
		}
		if used := len(args) - len(rest); used > 0 && args[used-1] == "--" {
			others = append(others, rest...)
			break
		}
		others, args = append(others, rest[0]), rest[1:]
	}
	if n < 0 { // one or more
		if len(others) == 0 {
			fmt.Fprintf(fs.Output(), "habeas %s: missing argument\n", fs.Name())
			return nil, errUsage
		}
		n = len(others)
	}
	if len(others) > n {
		fmt.Fprintf(fs.Output(), "habeas %s: unexpected argument %q\n", fs.Name(), others[n])
		return nil, errUsage
	}
	if len(others) < n {
		fmt.Fprintf(fs.Output(), "habeas %s: missing argument\n", fs.Name())
		return nil, errUsage
	}
	fs.Visit(func(f *flag.Flag) {
		if f.Name == "data" {
			c.dataSet = true
		}
	})
	c.KeyEnv = os.Getenv("HABEAS_KEY")
	return others, nil
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

// keyPath is the key file of the data folder.
func (c *Config) keyPath() string { return filepath.Join(c.DataDir, "secret.key") }

// keyHelp says what to do about a database that refuses the key given.
func (c *Config) keyHelp() string {
	help := "give the key it was made with, in HABEAS_KEY or " + c.keyPath() + "; see docs/keys.md"
	if _, err := os.Stat(c.keyPath() + ".new"); err == nil && c.KeyEnv == "" {
		help += " (" + c.keyPath() + ".new exists: a key rotation was interrupted, and it may hold the key; " +
			"if the database takes it, rename it over " + c.keyPath() + ")"
	}
	return help
}

// key returns the key for confidential fields: HABEAS_KEY, or the key file
// in the data folder. It makes the key file, with owner-only permissions,
// only for a database that has no key yet: one sealed with a key that is
// not here is refused, never given a second key. It notes in c.keyFile
// where the key came from ("" for HABEAS_KEY).
func (c *Config) key(ctx context.Context, stderr io.Writer) ([]byte, error) {
	c.keyFile = ""
	if c.KeyEnv != "" {
		k, err := base64.StdEncoding.DecodeString(strings.TrimSpace(c.KeyEnv))
		if err != nil || len(k) != 32 {
			return nil, errors.New("HABEAS_KEY must be the base64 of 32 bytes (e.g. `head -c32 /dev/urandom | base64`)")
		}
		return k, nil
	}
	path := c.keyPath()
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		recorded, err := store.KeyRecorded(ctx, c.dsn())
		if err != nil {
			return nil, err
		}
		if recorded {
			return nil, fmt.Errorf("%w, and there is no HABEAS_KEY nor %s: %s", store.ErrWrongKey, path, c.keyHelp())
		}
		if err := os.MkdirAll(c.DataDir, 0o700); err != nil {
			return nil, fmt.Errorf("create data folder: %w", err)
		}
		k := make([]byte, 32)
		if _, err := rand.Read(k); err != nil {
			return nil, err
		}
		if err := writeKeyFile(path, k); err != nil {
			return nil, fmt.Errorf("write key file: %w", err)
		}
		fmt.Fprintf(stderr, "habeas: created the encryption key %s: back it up apart from the database; without it confidential fields cannot be read\n", path)
		if c.DB != "" {
			fmt.Fprintf(stderr, "habeas: every habeas process on this database needs this key: give it to the others in HABEAS_KEY (see docs/keys.md)\n")
		}
		c.keyFile = path
		return k, nil
	} else if err != nil {
		return nil, fmt.Errorf("read key file: %w", err)
	}
	k, err := base64.StdEncoding.DecodeString(strings.TrimSpace(string(b)))
	if err != nil || len(k) != 32 {
		return nil, fmt.Errorf("key file %s is damaged: it must hold the base64 of 32 bytes", path)
	}
	c.keyFile = path
	return k, nil
}

// writeKeyFile writes a new key file (which must not exist yet) readable
// by its owner only, and makes it durable: the file, then its folder.
func writeKeyFile(path string, key []byte) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	_, err = f.WriteString(base64.StdEncoding.EncodeToString(key) + "\n")
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(path)
		return err
	}
	return syncDir(filepath.Dir(path))
}

// syncDir makes the names in a folder durable (a created or renamed file).
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	return d.Sync()
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
	key, err := c.key(ctx, stderr)
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
			return nil, c.wrongKey(err)
		}
	}
	if err := s.CheckSchema(ctx); err != nil {
		s.Close()
		return nil, c.wrongKey(err)
	}
	return s, nil
}

// wrongKey adds what to do to a refusal of the key.
func (c *Config) wrongKey(err error) error {
	if errors.Is(err, store.ErrWrongKey) {
		return fmt.Errorf("%w: %s", err, c.keyHelp())
	}
	return err
}

// timeZero asks clock for the wall clock unless --now is given.
var timeZero time.Time
