package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"

	"codeberg.org/habeas/habeas/store"
)

// runVerify implements `habeas verify [--head ID:HASH]`: the audit chain
// recomputed from its first entry, and the database's own checks. It
// needs no key and changes nothing. It prints the chain's head, which a
// group records elsewhere: given back with --head, it proves later that
// nothing up to that entry was rewritten or cut off.
func runVerify(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var cfg Config
	fs := flag.NewFlagSet("verify", flag.ContinueOnError)
	fs.SetOutput(stderr)
	cfg.flags(fs)
	head := fs.String("head", "", "a head printed by an earlier verify (ID:HASH): fail unless that entry is still there, unchanged")
	if err := cfg.parse(fs, args); err != nil {
		return err
	}
	r, err := store.VerifyDatabase(ctx, cfg.dsn(), *head)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "habeas: read %d audit entries\n", r.Entries)
	for _, p := range r.Problems {
		fmt.Fprintf(stdout, "habeas: problem: %s\n", p)
	}
	if r.FirstBroken > 0 {
		fmt.Fprintf(stdout, "habeas: the first broken entry is %d\n", r.FirstBroken)
	}
	fmt.Fprintf(stdout, "chain head: %s\n", r.Head())
	if !r.OK() {
		return errors.New("verify failed: the audit log or the database is not as habeas left it")
	}
	if *head != "" {
		fmt.Fprintf(stdout, "habeas: the audit chain holds, up to and through the recorded head; the database checks pass\n")
	} else {
		fmt.Fprintf(stdout, "habeas: the audit chain holds and the database checks pass; record the chain head elsewhere, and check against it later with --head\n")
	}
	return nil
}
