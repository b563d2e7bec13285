package metrics

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// Requests are counted by surface and status class, and only a scraper on
// the same machine, not reached through a proxy, reads the counts.
func TestMetrics(t *testing.T) {
	reg := New(time.Unix(1700000000, 0))
	site := reg.Count("site", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/missing" {
			http.NotFound(w, r)
			return
		}
		w.Write([]byte("ok"))
	}))
	for _, p := range []string{"/", "/", "/missing"} {
		site.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", p, nil))
	}
	get := func(remote string, header ...string) *httptest.ResponseRecorder {
		r := httptest.NewRequest("GET", "/metrics", nil)
		r.RemoteAddr = remote
		for i := 0; i+1 < len(header); i += 2 {
			r.Header.Set(header[i], header[i+1])
		}
		w := httptest.NewRecorder()
		reg.Handler(http.NotFoundHandler()).ServeHTTP(w, r)
		return w
	}
	w := get("127.0.0.1:5000")
	body := w.Body.String()
	for _, want := range []string{
		`habeas_http_requests_total{surface="site",route="other",code="2xx"} 2`,
		`habeas_http_requests_total{surface="site",route="other",code="4xx"} 1`,
		"# TYPE go_goroutines gauge", "process_start_time_seconds 1.7e+09",
	} {
		if !strings.Contains(body, want) {
			t.Errorf("metrics lack %q:\n%s", want, body)
		}
	}
	if w.Code != 200 || !strings.HasPrefix(w.Header().Get("Content-Type"), "text/plain; version=0.0.4") {
		t.Errorf("metrics answered %d %s", w.Code, w.Header().Get("Content-Type"))
	}
	for _, tc := range []struct {
		remote string
		header []string
	}{
		{"203.0.113.9:4000", nil},
		{"[2001:db8::1]:4000", nil},
		{"127.0.0.1:5000", []string{"X-Forwarded-For", "203.0.113.9"}},
		{"127.0.0.1:5000", []string{"Forwarded", "for=203.0.113.9"}},
		{"[::1]:5000", []string{"Via", "1.1 proxy"}},
		{"garbage", nil},
	} {
		if w := get(tc.remote, tc.header...); w.Code != 404 {
			t.Errorf("%s %v: %d; want 404", tc.remote, tc.header, w.Code)
		}
	}
	if w := get("[::1]:5000"); w.Code != 200 {
		t.Errorf("IPv6 loopback: %d", w.Code)
	}
}

// Sources' gauges are written once per name with their labels; a source
// that fails is left out and counted; a failed sweep counts as run and
// failed, and leaves the last good one's figures.
func TestSourcesAndSweeps(t *testing.T) {
	reg := New(time.Unix(1700000000, 0))
	reg.AddSource(func(context.Context) ([]Gauge, error) {
		return []Gauge{
			{Name: "habeas_outbox_pending", Help: "Waiting.", Labels: [][2]string{{"channel", "webhook"}}, Value: 2},
			{Name: "habeas_outbox_pending", Labels: [][2]string{{"channel", "mail"}}, Value: 0},
		}, nil
	})
	reg.AddSource(func(context.Context) ([]Gauge, error) { return nil, errors.New("database gone") })
	reg.Swept(1500*time.Millisecond, 40, nil, time.Unix(1700000100, 0))
	reg.Swept(0, 0, errors.New("locked"), time.Unix(1700000200, 0))
	var b strings.Builder
	reg.Write(&b)
	if strings.Contains(b.String(), "habeas_sweep_last_cases") {
		t.Errorf("the cases swept, without ShowCounts:\n%s", b.String())
	}
	reg.ShowCounts()
	b.Reset()
	reg.Write(&b)
	body := b.String()
	for _, want := range []string{
		"# HELP habeas_outbox_pending Waiting.\n# TYPE habeas_outbox_pending gauge\n" +
			`habeas_outbox_pending{channel="webhook"} 2` + "\n" + `habeas_outbox_pending{channel="mail"} 0` + "\n",
		"habeas_metrics_errors 1\n", "habeas_sweeps_total 2\n", "habeas_sweep_failures_total 1\n",
		"habeas_sweep_last_seconds 1.5\n", "habeas_sweep_last_cases 40\n", "habeas_sweep_last_end_time_seconds 1.7000001e+09\n",
	} {
		if !strings.Contains(body, want) {
			t.Errorf("lacks %q:\n%s", want, body)
		}
	}
	if strings.Count(body, "# TYPE habeas_outbox_pending") != 1 {
		t.Errorf("a gauge's type written twice:\n%s", body)
	}
}

// The workspace is counted by status class only: its routes would tell
// when staff do what.
func TestCountClasses(t *testing.T) {
	reg := New(time.Unix(1700000000, 0))
	mux := http.NewServeMux()
	mux.HandleFunc("POST /admin/import", func(w http.ResponseWriter, r *http.Request) {})
	mux.HandleFunc("GET /people/{slug}", func(w http.ResponseWriter, r *http.Request) {})
	reg.CountClasses("admin", mux).ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("POST", "/admin/import", nil))
	reg.Count("site", mux).ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", "/people/someone", nil))
	var b strings.Builder
	reg.Write(&b)
	for _, want := range []string{`habeas_http_requests_total{surface="admin",route="any",code="2xx"} 1`,
		`habeas_http_requests_total{surface="site",route="GET /people/{slug}",code="2xx"} 1`} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("lacks %s:\n%s", want, b.String())
		}
	}
	if strings.Contains(b.String(), "/admin/import") || strings.Contains(b.String(), "someone") {
		t.Errorf("a workspace route or a path in the counts:\n%s", b.String())
	}
}
