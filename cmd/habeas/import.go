package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"codeberg.org/habeas/habeas"
	"codeberg.org/habeas/habeas/importer"
)

// runImport implements `habeas import [--dry-run] DIR`: an export folder
// brought in as one transaction, all of it or nothing.
func runImport(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var cfg Config
	fs := flag.NewFlagSet("import", flag.ContinueOnError)
	fs.SetOutput(stderr)
	cfg.flags(fs)
	dry := fs.Bool("dry-run", false, "check everything and print what would be created; change nothing")
	quiet := fs.Bool("quiet", false, "print no progress")
	folder, err := cfg.parseArgs(fs, args, 1)
	if err != nil {
		fmt.Fprintln(stderr, "usage: habeas import [--dry-run] [--data DIR | --db postgres://…] EXPORT-FOLDER")
		return err
	}
	clock, err := cfg.clock(timeZero)
	if err != nil {
		return err
	}
	s, err := cfg.open(ctx, clock, true, stderr)
	if err != nil {
		return err
	}
	defer s.Close()
	start := time.Now()
	opt := importer.Options{DryRun: *dry}
	var endProgress func()
	opt.Progress, endProgress = progress(stderr, *quiet, "read")
	rep, err := importer.ImportDir(ctx, s, habeas.Operator, folder[0], opt)
	endProgress()
	if rep != nil {
		for _, p := range rep.Problems {
			fmt.Fprintln(stdout, p)
		}
	}
	if err != nil {
		return err
	}
	verb := "imported"
	if rep.DryRun {
		verb = "would import (dry run, nothing changed)"
	}
	fmt.Fprintf(stdout, "habeas: %s %d records in %.1fs:", verb, rep.Total(), time.Since(start).Seconds())
	for _, f := range importer.Files {
		if n := rep.Created[f]; n > 0 {
			fmt.Fprintf(stdout, " %s %d", f, n)
		}
	}
	fmt.Fprintln(stdout)
	return nil
}

// progress returns what prints the progress of a command going through
// files on a terminal, and what ends its line: nothing when quiet or when
// stderr is not a terminal (a log or a pipe gets no carriage returns).
func progress(stderr io.Writer, quiet bool, verb string) (show func(file string, n int), end func()) {
	if quiet || !isTerminal(stderr) {
		return nil, func() {}
	}
	return func(file string, n int) { fmt.Fprintf(stderr, "\rhabeas: %s: %d records %s  ", file, n, verb) },
		func() { fmt.Fprintln(stderr) }
}

// isTerminal reports whether w is a terminal, where progress is shown.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}
