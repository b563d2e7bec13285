package bench

import (
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"
	"text/tabwriter"
	"time"
)

// LoadReport is what a load run measured: for every route, its URLs and
// one result per number of concurrent connections. Durations are
// nanoseconds in its JSON form.
type LoadReport struct {
	BaseURL string    `json:"base_url"`
	Started time.Time `json:"started"`
	// LevelDuration is how long each route ran at each concurrency.
	LevelDuration time.Duration `json:"level_duration_ns"`
	// Discovery is how long finding the URLs took.
	Discovery time.Duration     `json:"discovery_ns"`
	Routes    []LoadRouteResult `json:"routes"`
	// Skipped names the routes that had no URL to run, and why.
	Skipped []string `json:"skipped,omitempty"`
	// Memory is the server's resident memory, when it could be read.
	Memory *LoadMemory `json:"memory,omitempty"`
}

// LoadRouteResult is one route of the table.
type LoadRouteResult struct {
	Route   string `json:"route"`   // short name, as --routes takes it
	Pattern string `json:"pattern"` // what its URLs look like
	// URLs is how many distinct URLs the route used.
	URLs int `json:"urls"`
	// PageCached is true for public pages the server's one-second page
	// cache may answer; API answers are never cached.
	PageCached bool            `json:"page_cached"`
	Levels     []LoadLevelStat `json:"levels"`
}

// LoadLevelStat is one route at one number of concurrent connections.
type LoadLevelStat struct {
	Connections       int            `json:"connections"`
	Requests          int            `json:"requests"`
	Errors            int            `json:"errors"`   // answers outside 2xx/3xx, and failed requests
	Statuses          map[string]int `json:"statuses"` // by HTTP status, and "failed" for requests with no answer
	Elapsed           time.Duration  `json:"elapsed_ns"`
	RequestsPerSecond float64        `json:"requests_per_second"`
	P50               time.Duration  `json:"p50_ns"`
	P95               time.Duration  `json:"p95_ns"`
	P99               time.Duration  `json:"p99_ns"`
	Max               time.Duration  `json:"max_ns"`
	// MedianBytes is the median body size as transferred (compressed when
	// the server compressed it).
	MedianBytes int64 `json:"median_bytes"`
	// Repeats counts requests for a URL answered 200 less than a second
	// before: the page cache may have answered them.
	Repeats int `json:"repeats"`
	// PeakRSS is the server's largest resident memory seen at this level.
	PeakRSS int64 `json:"peak_rss_bytes,omitempty"`
	// FirstError is the first failure seen, to tell what went wrong.
	FirstError string `json:"first_error,omitempty"`
}

// LoadMemory is the server's resident memory (RSS) during a run.
type LoadMemory struct {
	Source string `json:"source"` // where it was read: "pid 1234" or "/metrics"
	Idle   int64  `json:"idle_bytes"`
	Peak   int64  `json:"peak_bytes"`
	After  int64  `json:"after_bytes"`
}

// WriteJSON writes the report as indented JSON.
func (r *LoadReport) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(r)
}

// WriteText writes the report as a table, one line per route and
// concurrency, then the errors and memory.
func (r *LoadReport) WriteText(w io.Writer) error {
	fmt.Fprintf(w, "%s: %s per route and concurrency; URLs found in %s\n\n",
		r.BaseURL, r.LevelDuration, r.Discovery.Round(time.Millisecond))
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "route\tURLs\tconns\trequests\terrors\treq/s\tp50 ms\tp95 ms\tp99 ms\tmax ms\tbytes\trepeat<1s\t")
	var failures []string
	for _, rt := range r.Routes {
		for _, l := range rt.Levels {
			repeat := "-"
			if rt.PageCached && l.Requests > 0 {
				repeat = fmt.Sprintf("%.0f%%", 100*float64(l.Repeats)/float64(l.Requests))
			}
			fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%d\t%.0f\t%s\t%s\t%s\t%s\t%d\t%s\t\n", rt.Route, rt.URLs, l.Connections,
				l.Requests, l.Errors, l.RequestsPerSecond, millis(l.P50), millis(l.P95), millis(l.P99), millis(l.Max),
				l.MedianBytes, repeat)
			if l.Errors > 0 {
				failures = append(failures, fmt.Sprintf("%s at %d: %d errors (%s)%s", rt.Route, l.Connections, l.Errors,
					statusList(l.Statuses), firstError(l.FirstError)))
			}
		}
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintln(w)
	for _, rt := range r.Routes {
		fmt.Fprintf(w, "  %-13s %s\n", rt.Route, rt.Pattern)
	}
	fmt.Fprintln(w, "bytes: median body as transferred; repeat<1s: requests for a URL answered in the second before, which the page cache may serve")
	for _, s := range r.Skipped {
		fmt.Fprintln(w, "skipped:", s)
	}
	for _, f := range failures {
		fmt.Fprintln(w, "errors:", f)
	}
	if m := r.Memory; m != nil {
		fmt.Fprintf(w, "server memory (%s): idle %s, peak %s, after %s\n", m.Source, mebibytes(m.Idle), mebibytes(m.Peak), mebibytes(m.After))
	}
	return nil
}

func millis(d time.Duration) string { return fmt.Sprintf("%.2f", float64(d)/float64(time.Millisecond)) }

func mebibytes(n int64) string { return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20)) }

func statusList(m map[string]int) string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, 0, len(keys))
	for _, k := range keys {
		parts = append(parts, fmt.Sprintf("%s: %d", k, m[k]))
	}
	return strings.Join(parts, ", ")
}

func firstError(s string) string {
	if s == "" {
		return ""
	}
	return "; first: " + s
}
