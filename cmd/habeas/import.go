package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"maps"
	"os"
	"runtime/debug"
	"slices"
	"strings"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"

	"codeberg.org/habeas/habeas"
	"codeberg.org/habeas/habeas/importer"
)

const importUsage = "usage: habeas import [--dry-run] [--map FILE] [--encoding auto|utf-8|windows-1251|utf-16] [--decisions FILE] [--data DIR | --db postgres://…] EXPORT-FOLDER|FILE.csv..."

// runImport implements `habeas import [--dry-run] [--map FILE] … PATH...`:
// export folders and flat CSV files brought in as one transaction, all of
// it or nothing.
// importMemoryLimit is the Go heap an import aims to stay under (see
// runtime/debug.SetMemoryLimit); SQLite's own memory comes on top.
const importMemoryLimit = 160 << 20

func runImport(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var cfg Config
	fs := flag.NewFlagSet("import", flag.ContinueOnError)
	fs.SetOutput(stderr)
	cfg.flags(fs)
	dry := fs.Bool("dry-run", false, "check everything and print what would be created, left unchanged or matched; change nothing")
	quiet := fs.Bool("quiet", false, "print no progress")
	mapFile := fs.String("map", "", "a mapping file naming the columns of CSV files written with other names (see docs/import.md)")
	encoding := fs.String("encoding", importer.EncodingAuto, "the encoding of CSV files: "+strings.Join(importer.Encodings, ", "))
	decisionsFile := fs.String("decisions", "", "a decisions file: facility spellings to keep apart, rows to skip (see docs/import.md)")
	paths, err := cfg.parseArgs(fs, args, -1)
	if err != nil {
		fmt.Fprintln(stderr, importUsage)
		return err
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		// An import of 100,000 people holds what its checks read and the
		// ids it gave; without a limit the collector lets garbage grow as
		// large again (SPEC §5: peak under 300 MB).
		debug.SetMemoryLimit(importMemoryLimit)
	}
	opt := importer.Options{DryRun: *dry, Encoding: *encoding}
	if !slices.Contains(importer.Encodings, *encoding) {
		fmt.Fprintln(stderr, importUsage)
		return fmt.Errorf("import: unknown encoding %q (want %s)", *encoding, strings.Join(importer.Encodings, ", "))
	}
	if *mapFile != "" {
		if opt.Mapping, err = importer.ReadMapping(*mapFile); err != nil {
			return err
		}
	}
	if *decisionsFile != "" {
		if opt.Decisions, err = importer.ReadDecisions(*decisionsFile); err != nil {
			return err
		}
	}
	for _, p := range paths { // before the database is opened or made
		if _, err := os.Stat(p); err != nil {
			return fmt.Errorf("import: %w", err)
		}
	}
	clock, err := cfg.clock(timeZero)
	if err != nil {
		return err
	}
	opt.Today = habeas.Today(clock)
	s, err := cfg.open(ctx, clock, true, stderr)
	if err != nil {
		return err
	}
	defer s.Close()
	start := time.Now()
	var endProgress func()
	opt.Progress, endProgress = progress(stderr, *quiet, "read")
	rep, err := importer.Import(ctx, s, habeas.Operator, paths, opt)
	endProgress()
	if rep != nil {
		for _, p := range rep.Preview {
			fmt.Fprintln(stdout, p)
		}
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
	for _, k := range slices.Sorted(maps.Keys(rep.Created)) {
		if !slices.Contains(importer.Files, k) && rep.Created[k] > 0 {
			fmt.Fprintf(stdout, " %s %d", k, rep.Created[k])
		}
	}
	fmt.Fprintln(stdout)
	if rep.Unchanged+rep.Skipped+rep.Duplicates+rep.Matches > 0 {
		fmt.Fprintf(stdout, "habeas: rows unchanged (already in habeas as they are) %d, skipped by decisions %d, suspected duplicates %d, facilities matched by name %d\n",
			rep.Unchanged, rep.Skipped, rep.Duplicates, rep.Matches)
	}
	if rep.DryRun && rep.Duplicates+rep.Matches > 0 {
		fmt.Fprintln(stdout, "habeas: the import applies the matches listed above and imports suspected duplicates as people of their own, unless a decisions file (--decisions FILE) says otherwise")
	}
	return nil
}

// progress returns what shows the progress of a command going through
// files, as a bar on a terminal, and what ends it: nothing when quiet or
// when stderr is not a terminal (a log or a pipe gets no carriage
// returns). The callback gets each file's count so far; the bar counts the
// records of all files.
func progress(stderr io.Writer, quiet bool, verb string) (show func(file string, n int), end func()) {
	if quiet || !isTerminal(stderr) {
		return nil, func() {}
	}
	bar := progressbar.NewOptions64(-1,
		progressbar.OptionSetWriter(stderr),
		progressbar.OptionSetItsString("records"),
		progressbar.OptionShowIts(),
		progressbar.OptionShowCount(),
		progressbar.OptionThrottle(100*time.Millisecond),
		progressbar.OptionSpinnerType(14),
		progressbar.OptionSetDescription("habeas: "+verb),
	)
	done, current, last := 0, "", 0
	return func(file string, n int) {
			if file != current {
				done, current = done+last, file
				bar.Describe(fmt.Sprintf("habeas: %s %s", file, verb))
			}
			last = n
			bar.Set(done + n)
		}, func() {
			bar.Finish()
			fmt.Fprintln(stderr)
		}
}

// isTerminal reports whether w is a terminal, where progress is shown.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}
