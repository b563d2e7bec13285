package main

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"codeberg.org/habeas/habeas/store"
	"codeberg.org/habeas/habeas/store/storetest"
)

func get(t *testing.T, url string, header ...string) (int, string) {
	t.Helper()
	req, _ := http.NewRequest("GET", url, nil)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(b)
}

// The README's first command: serve --demo shows the seed case as the post
// describes it, with the demo's date.
func TestServeDemo(t *testing.T) {
	for _, d := range storetest.Backends() {
		t.Run(string(d), func(t *testing.T) {
			cfg := Config{Addr: "127.0.0.1:0", Demo: true, KeyEnv: "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY="}
			if d == store.Postgres {
				cfg.DB = storetest.DSN(t, d)
			}
			var logs bytes.Buffer
			m, err := Start(context.Background(), cfg, &logs)
			if err != nil {
				t.Fatal(err)
			}
			defer m.Close()
			if code, body := get(t, m.URL()+"/healthz"); code != 200 {
				t.Errorf("/healthz: %d %s", code, body)
			}
			code, body := get(t, m.URL()+"/people/elvin-mustafayev")
			if code != 200 {
				t.Fatalf("person page: %d", code)
			}
			for _, want := range []string{"Whereabouts unknown", "15 May 2025", "Baku Serious Crimes Court"} {
				if !strings.Contains(body, want) {
					t.Errorf("person page lacks %q", want)
				}
			}
			if code, body := get(t, m.URL()+"/api/v1/people?status=sentenced"); code != 200 || !strings.Contains(body, "Elvin Mustafayev") {
				t.Errorf("API: %d %s", code, body)
			}
			get(t, m.URL()+"/admin/login")
			// The test client is on this machine: it may read the counts.
			if code, body := get(t, m.URL()+"/metrics"); code != 200 || !strings.Contains(body, `habeas_http_requests_total{surface="site",route="GET /people/{slug}",code="2xx"} 1`) ||
				!strings.Contains(body, `habeas_http_requests_total{surface="api",route="GET /api/v1/people",code="2xx"} 1`) {
				t.Errorf("/metrics: %d %s", code, body)
			} else if !strings.Contains(body, `habeas_outbox_pending{channel="mail"} 0`) || strings.Contains(body, "habeas_alerts_unresolved") ||
				strings.Contains(body, "habeas_sweep_last_cases") || !strings.Contains(body, `{surface="admin",route="any",code="2xx"} 1`) ||
				strings.Contains(body, "/admin/login") {
				t.Errorf("/metrics: the outbox's backlog, the workspace by class only, no count of records unless asked: %s", body)
			}
			if code, _ := get(t, m.URL()+"/no/such/page"); code != 404 {
				t.Errorf("unknown page: %d", code)
			}
		})
	}
}

// With --metrics-alerts, /metrics counts the unresolved alerts by rule and
// severity, and tells of the last sweep.
func TestMetricsAlerts(t *testing.T) {
	m, err := Start(context.Background(), Config{Addr: "127.0.0.1:0", Demo: true, MetricsAlerts: true, SweepEvery: time.Hour}, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	defer m.Close()
	// A request with a token is counted under its route too.
	u, err := m.Store.UserByEmail(context.Background(), DemoAdmin)
	if err != nil {
		t.Fatal(err)
	}
	token, err := m.Store.CreateToken(context.Background(), u.ID)
	if err != nil {
		t.Fatal(err)
	}
	if code, _ := get(t, m.URL()+"/api/v1/people/1", "Authorization", "Bearer "+token); code != 200 {
		t.Fatalf("API with a token: %d", code)
	}
	var body string
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		if _, body = get(t, m.URL()+"/metrics"); strings.Contains(body, "habeas_sweep_last_cases") {
			break
		}
	}
	for _, want := range []string{
		`habeas_alerts_unresolved{rule="no_news",severity="critical"} 1`,
		`habeas_alerts_unresolved{rule="hunger_strike",severity="warning"} 1`,
		`habeas_alerts_unresolved{rule="release_overdue",severity="critical"} 0`,
		"habeas_sweeps_total 1", "habeas_sweep_last_cases 5", "habeas_metrics_errors 0",
		`habeas_http_requests_total{surface="api",route="GET /api/v1/people/{id}",code="2xx"} 1`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("/metrics lacks %s:\n%s", want, body)
		}
	}
}

// The demo without --data runs in a throwaway folder, removed at the end.
func TestServeDemoLeavesNothingBehind(t *testing.T) {
	m, err := Start(context.Background(), Config{Addr: "127.0.0.1:0", Demo: true}, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	dir := m.Config.DataDir
	if _, err := os.Stat(filepath.Join(dir, "habeas.db")); err != nil {
		t.Fatalf("demo database not in %s: %v", dir, err)
	}
	m.Close()
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Errorf("demo folder %s left behind", dir)
	}
}

// user add prints a token that then writes through the API of a server on
// the same data folder.
func TestUserAddTokenWorks(t *testing.T) {
	dir := t.TempDir()
	var out, errOut bytes.Buffer
	args := []string{"user", "add", "--data", dir, "--email", "ed@example.org", "--role", "editor"}
	if err := run(context.Background(), args, nil, &out, &errOut); err == nil {
		t.Fatalf("user add before any migration should refuse: %s", out.String())
	}
	if err := run(context.Background(), []string{"migrate", "--data", dir}, nil, &out, &errOut); err != nil {
		t.Fatalf("migrate: %v %s", err, errOut.String())
	}
	out.Reset()
	if err := run(context.Background(), args, nil, &out, &errOut); err != nil {
		t.Fatalf("user add: %v %s", err, errOut.String())
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	token := lines[len(lines)-1]
	if !strings.HasPrefix(token, "habeas_") {
		t.Fatalf("no token printed: %q", out.String())
	}
	if err := run(context.Background(), []string{"user", "add", "--data", dir, "--email", "ed@example.org", "--role", "editor"}, nil, &out, &errOut); err == nil {
		t.Errorf("a second account with the same e-mail was accepted")
	}
	if err := run(context.Background(), []string{"user", "add", "--data", dir, "--email", "x@example.org", "--role", "king"}, nil, &out, &errOut); err == nil || !strings.Contains(err.Error(), "role") {
		t.Errorf("unknown role: %v", err)
	}

	m, err := Start(context.Background(), Config{Addr: "127.0.0.1:0", DataDir: dir, dataSet: true}, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	defer m.Close()
	body := `{"name":"Correctional Facility No. 3","kind":"colony","country":"AZ","visibility":"public"}`
	req, _ := http.NewRequest("POST", m.URL()+"/api/v1/facilities", strings.NewReader(body))
	req.Header.Set("Authorization", "Bearer "+token)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != 201 {
		t.Errorf("write with the printed token: %d", res.StatusCode)
	}
}

func TestCommandLineErrors(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"fly"}, "unknown command"},
		{[]string{"serve", "--now", "15/05/2025", "--addr", "127.0.0.1:0"}, "want a date like"},
		{[]string{"serve", "--bogus"}, "flag provided but not defined"},
		{[]string{"user"}, "usage"},
		{[]string{"user", "add", "--role", "admin"}, "--email is required"},
		{[]string{"bench", "run"}, "--url is required"},
		{[]string{"bench", "run", "--url", "127.0.0.1:1"}, "must start with http://"},
		{[]string{"import"}, "missing argument"},
		{[]string{"import", "no-such-folder"}, "import: stat no-such-folder"},
		{[]string{"import", "--encoding", "koi8-r", "a.csv"}, "unknown encoding \"koi8-r\""},
		{[]string{"export", "--data", "x"}, "--out is required"},
		{[]string{"export", "--format", "xml", "--out", "x"}, "unknown format \"xml\""},
		{[]string{"backup"}, "missing argument"},
		{[]string{"backup", "--db", "postgres://h/db", "f.db"}, "pg_dump"},
		{[]string{"restore", "f.db", "--db", "postgres://h/db"}, "pg_restore"},
	}
	for _, tc := range tests {
		var out, errOut bytes.Buffer
		err := run(context.Background(), tc.args, nil, &out, &errOut)
		if err == nil {
			t.Errorf("%v: no error", tc.args)
			continue
		}
		if all := err.Error() + errOut.String() + out.String(); !strings.Contains(all, tc.want) {
			t.Errorf("%v: %q lacks %q", tc.args, all, tc.want)
		}
	}
}

// names score writes one scored line per input line, in order, and on a bad
// line stops with its number, keeping what was already written.
func TestNamesScore(t *testing.T) {
	in := "Elvin Mustafayev\tЭльвин Мустафаев\nElvin Mustafayev\tElvina Mustafayeva\nno tab\nAfiəddin Məmmədov\tАфиеддин Мамедов\n"
	var out, errOut bytes.Buffer
	err := run(context.Background(), []string{"names", "score"}, strings.NewReader(in), &out, &errOut)
	if err == nil || !strings.Contains(err.Error(), "line 3") {
		t.Fatalf("err = %v, want one naming line 3", err)
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if len(lines) != 2 {
		t.Fatalf("got %d scored lines before the bad one, want 2: %q", len(lines), out.String())
	}
	if !strings.HasPrefix(lines[0], "1.000\tElvin Mustafayev\tЭльвин Мустафаев") {
		t.Errorf("line 1 = %q", lines[0])
	}
	if score := lines[1][:5]; score >= "0.850" {
		t.Errorf("a man and a woman of one family score %s", score)
	}
}
