package main

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// runKey implements `habeas key rotate`: a new key for confidential
// fields, every sealed value re-sealed with it in one transaction. The new
// key is made safe before the transaction (written to secret.key.new, or
// printed), so a crash after the commit never loses it.
func runKey(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 || args[0] != "rotate" {
		fmt.Fprintln(stderr, "usage: habeas key rotate [--data DIR | --db postgres://…]")
		return errUsage
	}
	var cfg Config
	fs := flag.NewFlagSet("key rotate", flag.ContinueOnError)
	fs.SetOutput(stderr)
	cfg.flags(fs)
	if err := cfg.parse(fs, args[1:]); err != nil {
		return err
	}
	clock, err := cfg.clock(timeZero)
	if err != nil {
		return err
	}
	if cfg.KeyEnv == "" {
		if _, err := os.Stat(cfg.keyPath() + ".new"); err == nil {
			return fmt.Errorf("%s.new exists: an earlier key rotation was interrupted. If the database takes that key "+
				"(HABEAS_KEY=\"$(cat %[1]s.new)\" habeas migrate …), rename it over %[1]s; otherwise delete it. Then rotate again", cfg.keyPath())
		}
	}
	s, err := cfg.open(ctx, clock, false, stderr)
	if err != nil {
		return err
	}
	defer s.Close()
	key := make([]byte, 32)
	if _, err := rand.Read(key); err != nil {
		return err
	}

	if cfg.keyFile == "" { // HABEAS_KEY
		fmt.Fprintf(stdout, "habeas: the new key (shown once; not in use until the rotation commits):\n%s\n",
			base64.StdEncoding.EncodeToString(key))
		if err := s.RotateKey(ctx, key); err != nil {
			return fmt.Errorf("key rotation failed and changed nothing: the key in HABEAS_KEY still works; forget the new key printed above: %w", err)
		}
		fmt.Fprintln(stdout, "habeas: every sealed value is now sealed with the new key printed above, and the old key is refused. "+
			"Replace HABEAS_KEY with it everywhere habeas runs (every serve process, scripts, the copy you keep of the key) before starting habeas again. "+
			"Backups of the database made before now still need the old key.")
		return nil
	}

	path, next := cfg.keyFile, cfg.keyFile+".new"
	if err := writeKeyFile(next, key); err != nil {
		return fmt.Errorf("key rotation not started, nothing changed: write %s: %w", next, err)
	}
	if err := s.RotateKey(ctx, key); err != nil {
		msg := fmt.Sprintf("key rotation failed and changed nothing: %s still holds the key in use", path)
		if rerr := os.Remove(next); rerr != nil {
			msg += fmt.Sprintf("; delete %s, which holds a key never used (%v)", next, rerr)
		} else {
			syncDir(filepath.Dir(next))
		}
		return fmt.Errorf("%s: %w", msg, err)
	}
	if err := os.Rename(next, path); err != nil {
		return fmt.Errorf("the database is now sealed with the new key, which is in %s, but it could not replace %s (%w): "+
			"rename it over %s by hand before starting habeas, the old key is refused now", next, path, err, path)
	}
	if err := syncDir(filepath.Dir(path)); err != nil {
		fmt.Fprintf(stderr, "habeas: warning: the new key is in %s, but syncing its folder failed: %v\n", path, err)
	}
	fmt.Fprintf(stdout, "habeas: rotated the key: every sealed value is now sealed with the new key in %s, and the old key is refused. "+
		"Back the new key up apart from the database in place of the old one; backups of the database made before now still need the old key.\n", path)
	return nil
}
