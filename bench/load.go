// Package bench holds `habeas bench`: the synthetic data set and the timed
// routes of a running server.
package bench

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// LoadOptions configure a load run against a running habeas.
type LoadOptions struct {
	// BaseURL is the server, such as http://127.0.0.1:8080.
	BaseURL string
	// Duration is how long each route runs at each concurrency (default 5 s).
	Duration time.Duration
	// Connections are the numbers of concurrent connections to run each
	// route at (default 1, 8 and 64).
	Connections []int
	// Routes names the routes to run (LoadRouteNames); none means all.
	Routes []string
	// MaxURLs is the most distinct URLs a route uses (default 300).
	MaxURLs int
	// PID, when not 0, is the server's process: its resident memory is read
	// from /proc/PID/status (Linux) before, during and after the run.
	// Without it the server's /metrics is tried, and memory is left out of
	// the report when that has no process_resident_memory_bytes.
	PID int
	// Client sends the requests; nil means one sized for the largest
	// concurrency, with keep-alive, asking for gzip as a browser does.
	Client *http.Client
	// Progress, when set, gets a line as each route and level starts.
	Progress io.Writer
}

// loadTimeout bounds one request: a slower answer counts as an error.
const loadTimeout = 30 * time.Second

// pageCacheTTL is how long the server's page cache keeps a page.
const pageCacheTTL = time.Second

// NewLoadClient returns a client for conns concurrent connections to one
// host: keep-alive on, enough idle connections kept that none is reopened,
// redirects not followed (a 3xx is an answer), and compression left to
// the caller's Accept-Encoding so the body's size is what was transferred.
func NewLoadClient(conns int) *http.Client {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.MaxIdleConns = 2 * conns
	t.MaxIdleConnsPerHost = 2 * conns
	t.DisableCompression = true
	return &http.Client{Transport: t, Timeout: loadTimeout,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}

// RunLoad discovers URLs on the server through its public pages and API,
// then runs every route at every concurrency for the options' duration.
func RunLoad(ctx context.Context, o LoadOptions) (*LoadReport, error) {
	o, routes, err := o.withDefaults()
	if err != nil {
		return nil, err
	}
	// The load is timed by the wall clock, never by the settable clock of
	// habeas: when the run began, and each latency, are real time (the
	// server's "today" is its own --now).
	rep := &LoadReport{BaseURL: o.BaseURL, Started: time.Now().UTC(), LevelDuration: o.Duration}

	var sampler *rssSampler
	if mem := o.memoryReader(ctx); mem != nil {
		sampler = startRSSSampler(ctx, mem, 100*time.Millisecond)
		rep.Memory = &LoadMemory{Source: mem.source, Idle: sampler.sample(ctx)}
		defer func() {
			if sampler != nil {
				sampler.finish()
			}
		}()
	}

	o.progress("discovering URLs on %s", o.BaseURL)
	d := &loadDiscoverer{client: o.Client, base: o.BaseURL, pool: 4 * o.MaxURLs, chain: min(100, max(1, o.MaxURLs/6)), records: max(1, o.MaxURLs/3)}
	sample, err := d.discover(ctx)
	if err != nil {
		return nil, err
	}
	rep.Discovery = time.Since(rep.Started)

	for _, rt := range routes {
		urls := chooseURLs(rt.urls(sample), o.MaxURLs)
		if len(urls) == 0 {
			rep.Skipped = append(rep.Skipped, rt.name+": no URL found (the server has none of these records)")
			continue
		}
		res := LoadRouteResult{Route: rt.name, Pattern: rt.pattern, URLs: len(urls), PageCached: rt.pageCached}
		for _, c := range o.Connections {
			o.progress("%s: %d URLs for %s at %d concurrent", rt.name, len(urls), o.Duration, c)
			l := runLevel(ctx, o.Client, o.BaseURL, urls, c, o.Duration)
			if sampler != nil {
				l.PeakRSS = sampler.levelPeak()
			}
			res.Levels = append(res.Levels, l)
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		rep.Routes = append(rep.Routes, res)
	}
	if sampler != nil {
		after := sampler.sample(ctx)
		rep.Memory.Peak, rep.Memory.After = sampler.finish(), after
		sampler = nil
	}
	return rep, nil
}

// withDefaults fills in the defaults and checks the options, returning
// the routes to run.
func (o LoadOptions) withDefaults() (LoadOptions, []loadRoute, error) {
	o.BaseURL = strings.TrimRight(o.BaseURL, "/")
	if !strings.HasPrefix(o.BaseURL, "http://") && !strings.HasPrefix(o.BaseURL, "https://") {
		return o, nil, fmt.Errorf("the server's URL must start with http:// or https://, not %q", o.BaseURL)
	}
	if o.Duration <= 0 {
		o.Duration = 5 * time.Second
	}
	if len(o.Connections) == 0 {
		o.Connections = []int{1, 8, 64}
	}
	for _, c := range o.Connections {
		if c < 1 || c > 4096 {
			return o, nil, fmt.Errorf("connections must be from 1 to 4096, not %d", c)
		}
	}
	if o.MaxURLs <= 0 {
		o.MaxURLs = 300
	}
	if o.Client == nil {
		o.Client = NewLoadClient(slices.Max(o.Connections))
	}
	if len(o.Routes) == 0 {
		return o, loadRoutes, nil
	}
	var routes []loadRoute
	for _, name := range o.Routes {
		i := slices.IndexFunc(loadRoutes, func(r loadRoute) bool { return r.name == name })
		if i < 0 {
			return o, nil, fmt.Errorf("no route %q (routes: %s)", name, strings.Join(LoadRouteNames(), ", "))
		}
		routes = append(routes, loadRoutes[i])
	}
	return o, routes, nil
}

// memoryReader returns how to read the server's memory, or nil.
func (o LoadOptions) memoryReader(ctx context.Context) *rssReader {
	if o.PID != 0 {
		return pidRSS(o.PID)
	}
	r := metricsRSS(o.Client, o.BaseURL)
	if _, err := r.read(ctx); err != nil {
		return nil // the server exposes nothing: leave memory out
	}
	return r
}

func (o LoadOptions) progress(format string, args ...any) {
	if o.Progress != nil {
		fmt.Fprintf(o.Progress, format+"\n", args...)
	}
}

// loadWorker is what one connection measured.
type loadWorker struct {
	latencies []time.Duration
	sizes     []int64
	statuses  map[string]int
	errors    int
	repeats   int
	firstErr  string
}

// runLevel sends requests over conns connections for d, each connection
// one request after another, taking the URLs in turn so that consecutive
// requests go to different URLs. Requests in flight at the end finish and
// count.
func runLevel(ctx context.Context, client *http.Client, base string, urls []string, conns int, d time.Duration) LoadLevelStat {
	var next atomic.Uint64
	// answered holds, per URL, when the latest request answered 200 began:
	// the page cache keeps an answer from then for a second.
	answered := make([]atomic.Int64, len(urls))
	workers := make([]loadWorker, conns)
	start := time.Now() // wall-clock time, as every latency here (see RunLoad)
	deadline := start.Add(d)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			lw := &workers[w]
			lw.statuses = map[string]int{}
			// Deadline and latencies are real elapsed time, like the run's
			// start: never the settable clock (the server's "today").
			for time.Now().Before(deadline) && ctx.Err() == nil {
				i := int((next.Add(1) - 1) % uint64(len(urls)))
				begin := time.Now()
				status, size, err := loadGet(ctx, client, base+urls[i])
				lw.latencies = append(lw.latencies, time.Since(begin))
				if prev := answered[i].Load(); prev != 0 && begin.UnixNano()-prev < int64(pageCacheTTL) {
					lw.repeats++
				}
				switch {
				case err != nil:
					lw.statuses["failed"]++
				default:
					lw.statuses[strconv.Itoa(status)]++
					if status == http.StatusOK {
						storeLater(&answered[i], begin.UnixNano())
					}
					if status < 200 || status >= 400 {
						err = fmt.Errorf("GET %s: %d", urls[i], status)
					}
				}
				if err != nil {
					lw.errors++
					if lw.firstErr == "" {
						lw.firstErr = err.Error()
					}
					continue
				}
				lw.sizes = append(lw.sizes, size)
			}
		})
	}
	wg.Wait()
	return summarize(workers, conns, time.Since(start))
}

// storeLater sets v to t unless it already holds a later time.
func storeLater(v *atomic.Int64, t int64) {
	for {
		old := v.Load()
		if old >= t || v.CompareAndSwap(old, t) {
			return
		}
	}
}

// loadGet fetches one URL as a browser would ask for it, reading the whole
// body, and returns the status and the body's size as transferred.
func loadGet(ctx context.Context, client *http.Client, u string) (int, int64, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return 0, 0, err
	}
	req.Header.Set("Accept-Encoding", "gzip")
	if strings.Contains(u, "/api/") {
		req.Header.Set("Accept", "application/json")
	} else {
		req.Header.Set("Accept", "text/html,application/xhtml+xml;q=0.9,*/*;q=0.8")
	}
	res, err := client.Do(req)
	if err != nil {
		return 0, 0, err
	}
	defer res.Body.Close()
	n, err := io.Copy(io.Discard, res.Body)
	if err != nil {
		return res.StatusCode, n, fmt.Errorf("read %s: %w", u, err)
	}
	return res.StatusCode, n, nil
}

// summarize joins what the workers measured.
func summarize(workers []loadWorker, conns int, elapsed time.Duration) LoadLevelStat {
	l := LoadLevelStat{Connections: conns, Elapsed: elapsed, Statuses: map[string]int{}}
	var lat []time.Duration
	var sizes []int64
	for _, w := range workers {
		lat = append(lat, w.latencies...)
		sizes = append(sizes, w.sizes...)
		for k, v := range w.statuses {
			l.Statuses[k] += v
		}
		l.Errors += w.errors
		l.Repeats += w.repeats
		if l.FirstError == "" {
			l.FirstError = w.firstErr
		}
	}
	slices.Sort(lat)
	l.Requests = len(lat)
	if elapsed > 0 {
		l.RequestsPerSecond = float64(l.Requests) / elapsed.Seconds()
	}
	l.P50, l.P95, l.P99 = latencyPercentile(lat, 50), latencyPercentile(lat, 95), latencyPercentile(lat, 99)
	if len(lat) > 0 {
		l.Max = lat[len(lat)-1]
	}
	l.MedianBytes = medianSize(sizes)
	return l
}
