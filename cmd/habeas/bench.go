package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"codeberg.org/habeas/habeas/bench"
)

const benchUsage = `Usage:
  habeas bench [--set DIR | --people N] [--data DIR | --db postgres://…] [--now YYYY-MM-DD]
               [--duration 5s] [--conns 1,8,64] [--routes R,…] [--urls N] [--kill-rounds 50] [--kill-people 2000] [--json] [--keep]
                                            the whole measurement: import, start-up, routes, kill rounds (docs/bench.md)
  habeas bench gen --out DIR [--people N] [--events N | --events-per-person N]
                   [--facilities N] [--organizations N] [--sources N] [--seed S] [--now YYYY-MM-DD]
                                            write the synthetic data set (docs/bench.md)
  habeas bench run --url URL [--duration 5s] [--conns 1,8,64] [--routes R,…] [--urls N] [--pid N] [--json]
                                            measure the public routes of a running server
`

// runBench dispatches the sub-commands of `habeas bench`.
func runBench(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) > 0 && args[0] == "gen" {
		return runBenchGen(args[1:], stdout, stderr)
	}
	if len(args) > 0 && args[0] == "run" {
		return benchRun(ctx, args[1:], stdout, stderr)
	}
	if len(args) == 0 || strings.HasPrefix(args[0], "-") {
		return runBenchAll(ctx, args, stdout, stderr)
	}
	fmt.Fprintf(stderr, "habeas bench: unknown sub-command %q\n\n", args[0])
	fmt.Fprint(stderr, benchUsage)
	return errUsage
}

// runBenchGen implements `habeas bench gen`: flags → bench.GenOptions →
// bench.Generate.
func runBenchGen(args []string, stdout, stderr io.Writer) error {
	opt := bench.DefaultGenOptions()
	fs := flag.NewFlagSet("bench gen", flag.ContinueOnError)
	fs.SetOutput(stderr)
	out := fs.String("out", "", "folder to write the set into (required)")
	fs.IntVar(&opt.People, "people", opt.People, "number of people")
	fs.IntVar(&opt.Events, "events", 0, "total number of timeline events (default: --events-per-person × --people)")
	fs.IntVar(&opt.EventsPerPerson, "events-per-person", opt.EventsPerPerson, "timeline events per person, on average")
	fs.IntVar(&opt.Facilities, "facilities", opt.Facilities, "number of facilities")
	fs.IntVar(&opt.Organizations, "organizations", opt.Organizations, "number of organizations")
	fs.IntVar(&opt.Sources, "sources", 0, "number of sources (default: one per 25 people)")
	fs.Uint64Var(&opt.Seed, "seed", opt.Seed, "seed: the same flags give the same files")
	now := fs.String("now", envOr("HABEAS_NOW", opt.Now.Format(time.DateOnly)), "the day the set is made for, YYYY-MM-DD (or HABEAS_NOW)")
	if err := fs.Parse(args); err != nil {
		return errUsage
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "habeas bench gen: unexpected argument %q\n", fs.Arg(0))
		return errUsage
	}
	given := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { given[f.Name] = true })
	switch {
	case *out == "":
		fmt.Fprintln(stderr, "habeas bench gen: --out DIR is required")
		return errUsage
	case given["events"] && given["events-per-person"]:
		return errors.New("bench gen: give --events or --events-per-person, not both")
	}
	t, err := time.Parse(time.DateOnly, *now)
	if err != nil {
		return fmt.Errorf("--now %q: want a date like 2025-05-15", *now)
	}
	opt.Now = t
	start := time.Now() // how long generating took, in real time: not a "today"
	c, err := bench.Generate(*out, opt)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "habeas: wrote %d people, %d cases, %d events, %d interventions, %d memberships, "+
		"%d facilities, %d organizations and %d sources to %s in %s\n",
		c.People, c.Cases, c.Events, c.Interventions, c.Memberships, c.Facilities, c.Organizations, c.Sources,
		*out, time.Since(start).Round(time.Millisecond))
	return nil
}

func envOr(name, fallback string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return fallback
}
