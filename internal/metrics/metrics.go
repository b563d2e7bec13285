// Package metrics counts what the HTTP server answers and writes it, with
// the process's own figures and those of its background work (the sweep,
// the outbox), in the Prometheus text format at /metrics. By default it
// says nothing about any record: not how many people, cases or alerts
// there are, nor when staff write, since an adversary watching the counts
// (or holding the monitoring's history) could read the group's work from
// them. Counts of unresolved alerts by rule and severity, and of the cases
// a sweep evaluated, are given only when the operator asks for them (serve
// --metrics-alerts); the workspace's requests are counted by status class
// only, never by route. /metrics
// answers only a scraper on the same machine that is not reached through a
// proxy.
//
// The text format is a few lines of fmt; the Prometheus client library
// would bring a dozen modules (protobuf among them) for the same output,
// each a dependency an NGO must keep current for a decade.
package metrics

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// Registry holds the counters of one server.
type Registry struct {
	started time.Time
	series  sync.Map // seriesKey → *counts: read without a lock on every request

	mu      sync.Mutex
	sources []Source
	sweeps  sweepStats
	// counts, when set, adds figures that tell of the records (the cases
	// the last sweep evaluated: every case, on a day's first).
	counts bool
}

// ShowCounts adds the figures that tell of the records (serve
// --metrics-alerts).
func (reg *Registry) ShowCounts() {
	reg.mu.Lock()
	reg.counts = true
	reg.mu.Unlock()
}

// A Gauge is one value read when /metrics is scraped.
type Gauge struct {
	Name, Help string
	Labels     [][2]string // name, value
	Value      float64
}

// A Source gives gauges when /metrics is scraped (the outbox's backlog);
// an error leaves its gauges out, and counts in habeas_metrics_errors.
type Source func(ctx context.Context) ([]Gauge, error)

// AddSource adds gauges to every scrape.
func (reg *Registry) AddSource(src Source) {
	reg.mu.Lock()
	reg.sources = append(reg.sources, src)
	reg.mu.Unlock()
}

type sweepStats struct {
	runs, failed  int64
	last          time.Duration
	lastCases     int
	lastFinishedS float64
}

// Swept records one sweep of the alert rules: how long it took (real
// time), how many cases it evaluated, and whether it failed.
func (reg *Registry) Swept(took time.Duration, cases int, err error, finished time.Time) {
	reg.mu.Lock()
	defer reg.mu.Unlock()
	reg.sweeps.runs++
	if err != nil {
		reg.sweeps.failed++
		return
	}
	reg.sweeps.last, reg.sweeps.lastCases = took, cases
	reg.sweeps.lastFinishedS = float64(finished.Unix())
}

type seriesKey struct {
	surface string // "site", "api" or "admin"
	route   string // the route's pattern ("GET /people/{slug}"), never the path: no record is named
	class   string // "2xx", "3xx", "4xx" or "5xx"
}

type counts struct {
	requests atomic.Int64
	micros   atomic.Int64 // time spent answering, in microseconds
}

// New returns an empty registry; started is when the process began.
func New(started time.Time) *Registry {
	return &Registry{started: started}
}

// Count wraps h so that its answers are counted under surface, by route
// and status class.
func (reg *Registry) Count(surface string, h http.Handler) http.Handler {
	return reg.count(surface, h, true)
}

// CountClasses wraps h so that its answers are counted under surface by
// status class only: the workspace's routes would tell when staff do what
// (route="any").
func (reg *Registry) CountClasses(surface string, h http.Handler) http.Handler {
	return reg.count(surface, h, false)
}

func (reg *Registry) count(surface string, h http.Handler, routes bool) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		begin := time.Now() // real elapsed time, never habeas's settable clock
		rec := &statusRecorder{ResponseWriter: w, status: http.StatusOK}
		r.Pattern = "" // the outer router's ("/"), not the surface's own
		h.ServeHTTP(rec, r)
		// The router notes on r the pattern it matched; no pattern (a
		// page not found, a handler of its own) is "other".
		route := r.Pattern
		switch {
		case !routes:
			route = "any"
		case route == "":
			route = "other"
		}
		c := reg.counter(seriesKey{surface, route, strconv.Itoa(rec.status/100) + "xx"})
		c.requests.Add(1)
		c.micros.Add(time.Since(begin).Microseconds())
	})
}

func (reg *Registry) counter(k seriesKey) *counts {
	if c, ok := reg.series.Load(k); ok {
		return c.(*counts)
	}
	c, _ := reg.series.LoadOrStore(k, &counts{})
	return c.(*counts)
}

// statusRecorder remembers the status a handler answers.
type statusRecorder struct {
	http.ResponseWriter
	status int
	wrote  bool
}

func (s *statusRecorder) WriteHeader(code int) {
	if !s.wrote {
		s.status, s.wrote = code, true
	}
	s.ResponseWriter.WriteHeader(code)
}

func (s *statusRecorder) Write(b []byte) (int, error) {
	s.wrote = true
	return s.ResponseWriter.Write(b)
}

// Unwrap lets http.ResponseController reach the writer underneath.
func (s *statusRecorder) Unwrap() http.ResponseWriter { return s.ResponseWriter }

// Handler answers /metrics to a local scraper only; anyone else gets what
// elsewhere answers for the address (the site's own "not found").
func (reg *Registry) Handler(elsewhere http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !Local(r) {
			elsewhere.ServeHTTP(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		reg.Write(w)
	})
}

// Local reports whether r comes straight from this machine: a loopback
// address, and no header a proxy adds (a proxy on the same machine would
// otherwise make every reader local).
func Local(r *http.Request) bool {
	for _, h := range []string{"Forwarded", "X-Forwarded-For", "X-Real-Ip", "Via"} {
		if r.Header.Get(h) != "" {
			return false
		}
	}
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return false
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// Write writes every metric in the Prometheus text format.
func (reg *Registry) Write(w io.Writer) {
	var keys []seriesKey
	reg.series.Range(func(k, _ any) bool {
		keys = append(keys, k.(seriesKey))
		return true
	})
	sort.Slice(keys, func(i, j int) bool {
		a, b := keys[i], keys[j]
		return a.surface < b.surface || a.surface == b.surface && (a.route < b.route || a.route == b.route && a.class < b.class)
	})
	fmt.Fprintln(w, "# HELP habeas_http_requests_total Requests answered, by surface (site, api or admin), route and status class.")
	fmt.Fprintln(w, "# TYPE habeas_http_requests_total counter")
	for _, k := range keys {
		fmt.Fprintf(w, "habeas_http_requests_total{surface=%q,route=%q,code=%q} %d\n", k.surface, k.route, k.class, reg.counter(k).requests.Load())
	}
	fmt.Fprintln(w, "# HELP habeas_http_request_seconds_total Time spent answering requests, by surface, route and status class.")
	fmt.Fprintln(w, "# TYPE habeas_http_request_seconds_total counter")
	for _, k := range keys {
		fmt.Fprintf(w, "habeas_http_request_seconds_total{surface=%q,route=%q,code=%q} %.6f\n", k.surface, k.route, k.class, float64(reg.counter(k).micros.Load())/1e6)
	}
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	gauge(w, "go_goroutines", "Goroutines now.", float64(runtime.NumGoroutine()))
	gauge(w, "go_memstats_heap_inuse_bytes", "Bytes of the heap in use.", float64(ms.HeapInuse))
	gauge(w, "go_memstats_sys_bytes", "Bytes obtained from the system.", float64(ms.Sys))
	if rss, ok := residentBytes(); ok {
		gauge(w, "process_resident_memory_bytes", "Resident memory of the process.", float64(rss))
	}
	gauge(w, "process_start_time_seconds", "When the process started, in seconds since 1970.", float64(reg.started.Unix()))

	reg.mu.Lock()
	sw, sources, counts := reg.sweeps, slices.Clone(reg.sources), reg.counts
	reg.mu.Unlock()
	counter(w, "habeas_sweeps_total", "Sweeps of the alert rules run by this process.", float64(sw.runs))
	counter(w, "habeas_sweep_failures_total", "Sweeps of the alert rules that failed.", float64(sw.failed))
	if sw.lastFinishedS > 0 {
		gauge(w, "habeas_sweep_last_seconds", "How long the last sweep took.", sw.last.Seconds())
		if counts {
			gauge(w, "habeas_sweep_last_cases", "Cases the last sweep evaluated (those swept already that day are passed over).", float64(sw.lastCases))
		}
		gauge(w, "habeas_sweep_last_end_time_seconds", "When the last sweep ended, in seconds since 1970.", sw.lastFinishedS)
	}
	var failed int
	var all []Gauge
	for _, src := range sources {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		g, err := src(ctx)
		cancel()
		if err != nil {
			failed++
			continue
		}
		all = append(all, g...)
	}
	for i, g := range all {
		if i == 0 || all[i-1].Name != g.Name {
			fmt.Fprintf(w, "# HELP %s %s\n# TYPE %s gauge\n", g.Name, g.Help, g.Name)
		}
		fmt.Fprintf(w, "%s%s %s\n", g.Name, labels(g.Labels), strconv.FormatFloat(g.Value, 'g', -1, 64))
	}
	gauge(w, "habeas_metrics_errors", "Sources of this scrape that could not be read (the database did not answer).", float64(failed))
}

// labels writes {a="x",b="y"}, or nothing.
func labels(ls [][2]string) string {
	if len(ls) == 0 {
		return ""
	}
	var b strings.Builder
	b.WriteByte('{')
	for i, l := range ls {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, "%s=%q", l[0], l[1])
	}
	b.WriteByte('}')
	return b.String()
}

func counter(w io.Writer, name, help string, v float64) {
	fmt.Fprintf(w, "# HELP %s %s\n# TYPE %s counter\n%s %s\n", name, help, name, name, strconv.FormatFloat(v, 'g', -1, 64))
}

func gauge(w io.Writer, name, help string, v float64) {
	fmt.Fprintf(w, "# HELP %s %s\n# TYPE %s gauge\n%s %s\n", name, help, name, name, strconv.FormatFloat(v, 'g', -1, 64))
}

// residentBytes reads the process's resident memory where the system
// tells it (Linux's /proc).
func residentBytes() (int64, bool) {
	b, err := os.ReadFile("/proc/self/statm")
	if err != nil {
		return 0, false
	}
	f := strings.Fields(string(b))
	if len(f) < 2 {
		return 0, false
	}
	pages, err := strconv.ParseInt(f[1], 10, 64)
	if err != nil {
		return 0, false
	}
	return pages * int64(os.Getpagesize()), true
}
