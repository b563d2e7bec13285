package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"strings"
	"time"

	"codeberg.org/habeas/habeas/bench"
)

// benchRun implements `habeas bench run`: the load on the public routes of
// a running server, reported as a table or as JSON.
func benchRun(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var o bench.LoadOptions
	var conns, routes string
	var asJSON bool
	fs := flag.NewFlagSet("bench run", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&o.BaseURL, "url", "", "the running server, such as http://127.0.0.1:8080 (required)")
	fs.DurationVar(&o.Duration, "duration", 5*time.Second, "how long each route runs at each concurrency")
	fs.StringVar(&conns, "conns", "1,8,64", "the numbers of concurrent connections, comma-separated")
	fs.StringVar(&routes, "routes", "", "the routes to run, comma-separated (default all: "+strings.Join(bench.LoadRouteNames(), ",")+")")
	fs.IntVar(&o.MaxURLs, "urls", 300, "the most distinct URLs per route")
	fs.IntVar(&o.PID, "pid", 0, "the server's process id, to report its memory (Linux)")
	fs.BoolVar(&asJSON, "json", false, "write the report as JSON")
	if err := fs.Parse(args); err != nil {
		return errUsage
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "habeas bench run: unexpected argument %q\n", fs.Arg(0))
		return errUsage
	}
	if o.BaseURL == "" {
		fmt.Fprintln(stderr, "habeas bench run: --url is required")
		return errUsage
	}
	if err := parseConns(conns, &o); err != nil {
		return err
	}
	if routes != "" {
		o.Routes = strings.Split(routes, ",")
	}
	o.Progress = stderr
	rep, err := bench.RunLoad(ctx, o)
	if err != nil {
		return err
	}
	if asJSON {
		return rep.WriteJSON(stdout)
	}
	return rep.WriteText(stdout)
}
