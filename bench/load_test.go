package bench

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"codeberg.org/habeas/habeas"
	"codeberg.org/habeas/habeas/api"
	"codeberg.org/habeas/habeas/demo"
	"codeberg.org/habeas/habeas/store"
	"codeberg.org/habeas/habeas/store/storetest"
	"codeberg.org/habeas/habeas/web"
)

func TestLatencyPercentile(t *testing.T) {
	ms := func(ns ...int) []time.Duration {
		out := make([]time.Duration, len(ns))
		for i, n := range ns {
			out[i] = time.Duration(n) * time.Millisecond
		}
		return out
	}
	hundred := make([]time.Duration, 100)
	for i := range hundred {
		hundred[i] = time.Duration(i+1) * time.Millisecond
	}
	tests := []struct {
		name    string
		samples []time.Duration
		p       float64
		want    time.Duration
	}{
		{"none", nil, 50, 0},
		{"one", ms(7), 50, 7 * time.Millisecond},
		{"one at p99", ms(7), 99, 7 * time.Millisecond},
		{"two: median is the lower", ms(1, 2), 50, time.Millisecond},
		{"two at p51", ms(1, 2), 51, 2 * time.Millisecond},
		{"odd median", ms(1, 2, 3, 4, 5), 50, 3 * time.Millisecond},
		{"p100 is the max", ms(1, 2, 3, 4, 5), 100, 5 * time.Millisecond},
		{"tiny p is the min", ms(1, 2, 3, 4, 5), 0.1, time.Millisecond},
		{"1..100 p50", hundred, 50, 50 * time.Millisecond},
		{"1..100 p95", hundred, 95, 95 * time.Millisecond},
		{"1..100 p99", hundred, 99, 99 * time.Millisecond},
		{"1..100 p99.5 rounds up", hundred, 99.5, 100 * time.Millisecond},
		{"ten, one slow: p95 sees it", ms(1, 1, 1, 1, 1, 1, 1, 1, 1, 900), 95, 900 * time.Millisecond},
		{"ten, one slow: p90 does not", ms(1, 1, 1, 1, 1, 1, 1, 1, 1, 900), 90, time.Millisecond},
	}
	for _, tc := range tests {
		if got := latencyPercentile(tc.samples, tc.p); got != tc.want {
			t.Errorf("%s: p%g = %v, want %v", tc.name, tc.p, got, tc.want)
		}
	}
}

func TestMedianSize(t *testing.T) {
	for _, tc := range []struct {
		in   []int64
		want int64
	}{{nil, 0}, {[]int64{5}, 5}, {[]int64{9, 1, 5}, 5}, {[]int64{4, 1, 3, 2}, 2}} {
		if got := medianSize(slices.Clone(tc.in)); got != tc.want {
			t.Errorf("medianSize(%v) = %d, want %d", tc.in, got, tc.want)
		}
	}
}

func TestNameSpellings(t *testing.T) {
	got := nameSpellings("Elvin Mustafayev")
	want := []string{"Elvin Mustafayev", "elvin mustafayev", "Mustafayev Elvin", "Mustafayev", "Elvin", "Elvin Mustaayev"}
	if !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
	if got := nameSpellings("Ли"); !slices.Equal(got, []string{"Ли", "ли"}) {
		t.Errorf("a short name: %q", got)
	}
	if got := nameSpellings("  "); got != nil {
		t.Errorf("blank: %q", got)
	}
}

func TestParseMemory(t *testing.T) {
	status := "Name:\thabeas\nVmPeak:\t  900000 kB\nVmRSS:\t   23456 kB\nThreads:\t9\n"
	if n, err := parseVmRSS(strings.NewReader(status)); err != nil || n != 23456*1024 {
		t.Errorf("VmRSS: %d, %v", n, err)
	}
	if _, err := parseVmRSS(strings.NewReader("Name:\tx\n")); err == nil {
		t.Error("no VmRSS line: no error")
	}
	metrics := "# HELP process_resident_memory_bytes Resident memory size in bytes.\n# TYPE process_resident_memory_bytes gauge\n" +
		"process_resident_memory_bytes_total 1\nprocess_resident_memory_bytes 3.1457280e+07\n"
	if n, err := parseMetricsRSS(strings.NewReader(metrics)); err != nil || n != 31457280 {
		t.Errorf("metrics: %d, %v", n, err)
	}
}

// demoServer serves the real site and API on a throwaway SQLite store
// holding the demo data, joined as habeas serve joins them.
func demoServer(t *testing.T) *httptest.Server {
	t.Helper()
	clock := habeas.FixedClock{T: demo.AsOf}
	s := storetest.New(t, store.SQLite, clock)
	if err := demo.Load(context.Background(), s); err != nil {
		t.Fatalf("load demo: %v", err)
	}
	site, err := web.New(web.Config{Store: s, Clock: clock})
	if err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	mux.Handle("/api/", api.New(api.Config{Services: s, Clock: clock}))
	mux.Handle("/", site)
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}

// A short run against the demo finds URLs for every route, answers them
// all without error, and reports numbers that hold together. No timing is
// asserted: the machine may be busy.
func TestRunLoadOnDemo(t *testing.T) {
	srv := demoServer(t)
	o := LoadOptions{BaseURL: srv.URL + "/", Duration: 100 * time.Millisecond, Connections: []int{1, 3}, MaxURLs: 50}
	if _, err := os.Stat("/proc/self/status"); err == nil {
		o.PID = os.Getpid() // the server runs in this process
	}
	rep, err := RunLoad(context.Background(), o)
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Skipped) > 0 {
		t.Errorf("skipped: %q", rep.Skipped)
	}
	var got []string
	for _, rt := range rep.Routes {
		got = append(got, rt.Route)
		if rt.URLs < 1 || rt.URLs > o.MaxURLs {
			t.Errorf("%s: %d URLs", rt.Route, rt.URLs)
		}
		if len(rt.Levels) != len(o.Connections) {
			t.Fatalf("%s: %d levels", rt.Route, len(rt.Levels))
		}
		for _, l := range rt.Levels {
			if l.Requests < 1 || l.Errors != 0 || l.Statuses["200"] != l.Requests {
				t.Errorf("%s at %d: %d requests, %d errors, statuses %v, first error %q", rt.Route, l.Connections,
					l.Requests, l.Errors, l.Statuses, l.FirstError)
			}
			if !(0 < l.P50 && l.P50 <= l.P95 && l.P95 <= l.P99 && l.P99 <= l.Max) {
				t.Errorf("%s at %d: p50 %v p95 %v p99 %v max %v", rt.Route, l.Connections, l.P50, l.P95, l.P99, l.Max)
			}
			// The smallest answer of any route is an empty page of the API,
			// {"items":[]} and a newline: 13 bytes. (A few filters of the
			// demo find nobody, and on a busy machine so few requests are
			// made that the median may be one of them.)
			if l.RequestsPerSecond <= 0 || l.MedianBytes < 13 || l.Repeats > l.Requests {
				t.Errorf("%s at %d: %.1f req/s, %d bytes, %d repeats", rt.Route, l.Connections, l.RequestsPerSecond, l.MedianBytes, l.Repeats)
			}
		}
	}
	if !slices.Equal(got, LoadRouteNames()) {
		t.Errorf("routes %q, want %q", got, LoadRouteNames())
	}
	// Several URLs wherever the demo has them; the home page has one.
	for _, name := range []string{"people", "people-q", "api-people", "api-match", "person", "people-org", "search", "api-search", "stats"} {
		if rt := routeNamed(rep, name); rt == nil || rt.URLs < 5 {
			t.Errorf("%s: too few URLs: %+v", name, rt)
		}
	}
	if o.PID != 0 && (rep.Memory == nil || rep.Memory.Idle <= 0 || rep.Memory.Peak < rep.Memory.Idle) {
		t.Errorf("memory: %+v", rep.Memory)
	}

	var text, js bytes.Buffer
	if err := rep.WriteText(&text); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"req/s", "p99 ms", "person", "/people?q={name}"} {
		if !strings.Contains(text.String(), want) {
			t.Errorf("text report lacks %q:\n%s", want, text.String())
		}
	}
	if err := rep.WriteJSON(&js); err != nil {
		t.Fatal(err)
	}
	var back LoadReport
	if err := json.Unmarshal(js.Bytes(), &back); err != nil || len(back.Routes) != len(rep.Routes) || back.Routes[0].Levels[0].P99 != rep.Routes[0].Levels[0].P99 {
		t.Errorf("JSON does not read back: %v", err)
	}
}

// The searches include spellings in another script, which only the full
// records hold.
func TestDiscoverOtherSpellings(t *testing.T) {
	srv := demoServer(t)
	d := &loadDiscoverer{client: NewLoadClient(1), base: srv.URL, pool: 100, chain: 2, records: 10}
	s, err := d.discover(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(s.people) == 0 || len(s.orgs) == 0 || len(s.facilities) == 0 || !slices.Contains(s.countries, "AZ") {
		t.Fatalf("sample: %d people, %d organizations, %d facilities, countries %q", len(s.people), len(s.orgs), len(s.facilities), s.countries)
	}
	if !slices.Contains(s.names, "Эльвин Мустафаев") {
		t.Errorf("names lack the Cyrillic spelling: %q", s.names)
	}
	for _, u := range searchURLs(s, "/people?q=") {
		if strings.Contains(u, "Mustafayev+Elvin") {
			return
		}
	}
	t.Error("no search with the surname first")
}

// Discovery follows the people list's own next links, as written in the
// HTML (escaped), and stops where a page has none.
func TestFollowNextLinks(t *testing.T) {
	page := `<nav class="pager"><a href="/people?sort=news&amp;cursor=abc" rel="next">Next page</a></nav>`
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Query().Get("cursor") == "" {
			w.Write([]byte(page))
		}
	}))
	defer srv.Close()
	d := &loadDiscoverer{client: NewLoadClient(1), base: srv.URL, chain: 3}
	pages, err := d.followNext(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(pages) == 0 || pages[0] != "/people?sort=news&cursor=abc" {
		t.Errorf("pages: %q", pages)
	}
}

func TestLoadOptionsRefused(t *testing.T) {
	for _, o := range []LoadOptions{
		{BaseURL: "127.0.0.1:8080"},
		{BaseURL: "http://x", Connections: []int{0}},
		{BaseURL: "http://x", Routes: []string{"nope"}},
	} {
		if _, _, err := o.withDefaults(); err == nil {
			t.Errorf("%+v: no error", o)
		}
	}
}

func routeNamed(r *LoadReport, name string) *LoadRouteResult {
	for i := range r.Routes {
		if r.Routes[i].Route == name {
			return &r.Routes[i]
		}
	}
	return nil
}

// Answers outside 2xx/3xx and requests with no answer are errors, counted
// by status; a redirect is an answer, not followed.
func TestRunLevelCountsErrors(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/ok":
			w.Write([]byte("fine"))
		case "/moved":
			http.Redirect(w, r, "/ok", http.StatusFound)
		case "/busy":
			http.Error(w, "busy", http.StatusServiceUnavailable)
		case "/hangup":
			panic(http.ErrAbortHandler)
		}
	}))
	defer srv.Close()
	l := runLevel(context.Background(), NewLoadClient(2), srv.URL, []string{"/ok", "/moved", "/busy", "/hangup"}, 2, 50*time.Millisecond)
	if l.Requests == 0 || l.Statuses["200"] == 0 || l.Statuses["302"] == 0 || l.Statuses["503"] == 0 || l.Statuses["failed"] == 0 {
		t.Fatalf("statuses %v of %d requests", l.Statuses, l.Requests)
	}
	if want := l.Statuses["503"] + l.Statuses["failed"]; l.Errors != want {
		t.Errorf("%d errors, want %d (statuses %v)", l.Errors, want, l.Statuses)
	}
	if l.FirstError == "" || l.MedianBytes == 0 {
		t.Errorf("first error %q, median bytes %d", l.FirstError, l.MedianBytes)
	}
}
