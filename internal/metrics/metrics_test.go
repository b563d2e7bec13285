package metrics

import (
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
		`habeas_http_requests_total{surface="site",code="2xx"} 2`,
		`habeas_http_requests_total{surface="site",code="4xx"} 1`,
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
