package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"time"

	"codeberg.org/habeas/habeas"
	"codeberg.org/habeas/habeas/importer"
)

// runExport implements `habeas export [--all] [--format csv|json|popolo] --out
// DIR`: what the public may see, or with --all everything, written into a
// new folder.
func runExport(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var cfg Config
	fs := flag.NewFlagSet("export", flag.ContinueOnError)
	fs.SetOutput(stderr)
	cfg.flags(fs)
	all := fs.Bool("all", false, "export everything, internal and confidential records and fields included (the operator's copy)")
	format := fs.String("format", importer.FormatJSON, "json (the habeas export format, which import reads), csv (one row per person) or popolo (persons, organizations and memberships as Popolo JSON)")
	out := fs.String("out", "", "the folder to write: new, or empty")
	quiet := fs.Bool("quiet", false, "print no progress")
	if err := cfg.parse(fs, args); err != nil {
		return err
	}
	if *out == "" {
		fmt.Fprintln(stderr, "habeas export: --out is required (usage: habeas export [--all] [--format csv|json|popolo] --out DIR)")
		return errUsage
	}
	if *format != importer.FormatJSON && *format != importer.FormatCSV && *format != importer.FormatPopolo {
		fmt.Fprintf(stderr, "habeas export: unknown format %q (want csv, json or popolo)\n", *format)
		return errUsage
	}
	clock, err := cfg.clock(timeZero)
	if err != nil {
		return err
	}
	s, err := cfg.open(ctx, clock, false, stderr)
	if err != nil {
		return err
	}
	defer s.Close()
	opt := importer.ExportOptions{Access: habeas.Public, Format: *format, Today: habeas.Today(clock)}
	if *all {
		opt.Access = habeas.Confidential
	}
	var endProgress func()
	opt.Progress, endProgress = progress(stderr, *quiet, "written")
	start := time.Now()
	rep, err := importer.ExportDir(ctx, s, *out, opt)
	endProgress()
	if err != nil {
		return err
	}
	detail := map[string]any{"format": *format, "access": describeAccess(rep.Access), "records": rep.Total(), "counts": rep.Counts}
	if len(rep.Files) > 0 {
		detail["files"] = rep.Files
	}
	if err := s.AuditEvent(ctx, habeas.Operator, habeas.AuditExport, detail); err != nil {
		return fmt.Errorf("the export is written, but recording it in the audit log failed: %w", err)
	}
	fmt.Fprintf(stdout, "habeas: exported %d records (%s) to %s in %.1fs:", rep.Total(), describeAccess(rep.Access), *out, time.Since(start).Seconds())
	for _, f := range append([]string{importer.FlatFile, importer.PopoloFile}, importer.Files...) {
		if n, ok := rep.Counts[f]; ok {
			fmt.Fprintf(stdout, " %s %d", f, n)
		}
	}
	fmt.Fprintln(stdout)
	if rep.LeftOut > 0 {
		fmt.Fprintf(stdout, "habeas: %d records added while the export ran were left out (what they refer to was already written); "+
			"export again for a whole copy, or use habeas backup\n", rep.LeftOut)
	}
	if rep.Access == habeas.Confidential {
		fmt.Fprintf(stdout, "habeas: this export holds internal and confidential records and fields in clear "+
			"(source identities, sealed names, internal notes): keep it as safe as the key, and never publish it\n")
	}
	return nil
}

func describeAccess(a habeas.Access) string {
	if a == habeas.Confidential {
		return "everything, confidential included"
	}
	return "public records only"
}
