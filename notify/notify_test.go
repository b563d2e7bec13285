package notify

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"codeberg.org/habeas/habeas"
	"codeberg.org/habeas/habeas/store"
	"codeberg.org/habeas/habeas/store/storetest"
)

type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time      { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) Add(d time.Duration) { c.mu.Lock(); c.t = c.t.Add(d); c.mu.Unlock() }
func (c *clock) Set(t time.Time)     { c.mu.Lock(); c.t = t; c.mu.Unlock() }
func day(s string) time.Time         { t, _ := time.Parse(time.DateOnly, s); return t.Add(10 * time.Hour) }
func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
func admin() *habeas.User {
	return &habeas.User{Email: "admin@example.org", Name: "Admin", Role: habeas.RoleAdmin}
}
func person(name string, v habeas.Visibility) *habeas.Person {
	return &habeas.Person{Country: "AZ", Visibility: v, Names: []habeas.PersonName{{Name: name, Kind: habeas.NamePrimary}}}
}

// receiver is a webhook endpoint that checks every signature and counts
// each delivery it is sent.
type receiver struct {
	t      *testing.T
	secret string
	now    func() time.Time
	mu     sync.Mutex
	status int // what it answers; 0: 204
	got    map[string]int
	bodies []habeas.AlertNotice
}

func (rc *receiver) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	if !Verify(rc.secret, r.Header.Get("X-Habeas-Signature"), r.Header.Get("X-Habeas-Timestamp"), body, rc.now(), 5*time.Minute) {
		rc.t.Errorf("a delivery whose signature does not verify: %s", body)
		w.WriteHeader(401)
		return
	}
	rc.mu.Lock()
	defer rc.mu.Unlock()
	if rc.status != 0 {
		w.WriteHeader(rc.status)
		return
	}
	var n habeas.AlertNotice
	if err := json.Unmarshal(body, &n); err != nil {
		rc.t.Errorf("body is not a notice: %v: %s", err, body)
	}
	rc.got[r.Header.Get("X-Habeas-Delivery")]++
	rc.bodies = append(rc.bodies, n)
	w.WriteHeader(204)
}

func (rc *receiver) count() (deliveries, requests int) {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	for _, n := range rc.got {
		requests += n
	}
	return len(rc.got), requests
}

// TestDelivery follows notices from the alert's change to a real receiver:
// signed, sent once, retried with back-off after a failure, never sent a
// confidential case to a webhook without the grant, and each sent exactly
// once when two workers deliver at the same time.
func TestDelivery(t *testing.T) {
	clk := &clock{t: day("2025-05-15")}
	storetest.ForEach(t, clk, func(t *testing.T, s *store.Store) {
		clk.Set(day("2025-05-15"))
		ctx := context.Background()
		rc := &receiver{t: t, now: clk.Now, got: map[string]int{}}
		srv := httptest.NewServer(rc)
		defer srv.Close()

		// A webhook on this machine needs an admin's leave.
		h := &habeas.Webhook{URL: srv.URL + "/hook", Access: habeas.Internal, MinSeverity: "high", Active: true}
		if err := s.CreateWebhook(ctx, admin(), h); habeas.ErrorFields(err)["url"] == "" {
			t.Fatalf("a loopback webhook without leave: %v", err)
		}
		editor := &habeas.User{Email: "e@example.org", Role: habeas.RoleEditor}
		h.AllowPrivate = true
		if err := s.CreateWebhook(ctx, editor, h); habeas.ErrorCode(err) != habeas.EFORBIDDEN {
			t.Fatalf("an editor adds a webhook: %v", err)
		}
		must(t, s.CreateWebhook(ctx, admin(), h))
		if !strings.HasPrefix(h.Secret, "whsec_") {
			t.Fatalf("no secret made: %q", h.Secret)
		}
		rc.secret = h.Secret

		op := habeas.Operator
		p := person("Elvin Example", habeas.Public)
		must(t, s.CreatePerson(ctx, op, p))
		c := &habeas.Case{PersonID: p.ID, Country: "AZ", Status: habeas.StatusDetained, ArrestDate: "2025-05-01",
			Classification: "not_assessed", Position: "unknown"}
		// No news for 14 days: no_news opens, high; no_contact too, but at
		// warning, below the subscription.
		must(t, s.CreateCase(ctx, op, c))
		sent, failed, err := Deliver(ctx, s, clk.Now)
		must(t, err)
		if sent != 1 || failed != 0 {
			t.Fatalf("sent %d, failed %d; want the one opened alert", sent, failed)
		}
		if n := rc.bodies[0]; n.Rule != "no_news" || n.Change != "opened" || n.Person != "Elvin Example" || n.Severity != "high" {
			t.Errorf("notice: %+v", n)
		}
		if sent, _, _ := Deliver(ctx, s, clk.Now); sent != 0 {
			t.Errorf("a second round sent %d again", sent)
		}

		// The receiver fails: the delivery waits, then is sent again.
		rc.mu.Lock()
		rc.status = 500
		rc.mu.Unlock()
		clk.Set(day("2025-05-30")) // 29 days: no_news critical, no_contact high
		_, err = s.SweepAlerts(ctx)
		must(t, err)
		_, failed, err = Deliver(ctx, s, clk.Now)
		must(t, err)
		if failed != 2 {
			t.Fatalf("failed %d, want the two severity changes refused once each", failed)
		}
		log, err := s.Deliveries(ctx, admin(), h.ID, habeas.ListOptions{})
		must(t, err)
		if d := log.Items[0]; d.State != "pending" || d.Attempts != 1 || d.LastStatus != 500 || !d.NextAt.After(clk.Now()) {
			t.Errorf("after a 500: %+v", d)
		}
		rc.mu.Lock()
		rc.status = 0
		rc.mu.Unlock()
		if sent, _, _ := Deliver(ctx, s, clk.Now); sent != 0 {
			t.Errorf("retried before its time")
		}
		clk.Add(31 * time.Second)
		if sent, _, _ := Deliver(ctx, s, clk.Now); sent != 2 {
			t.Errorf("not retried after the back-off")
		}
		var changes []string
		for _, n := range rc.bodies[1:] {
			changes = append(changes, n.Rule+":"+n.Change+":"+n.Severity)
		}
		slices.Sort(changes)
		if got := strings.Join(changes, " "); got != "no_contact:severity:high no_news:severity:critical" {
			t.Errorf("retried notices: %s", got)
		}

		// A confidential case: its notices never go to an internal webhook.
		cp := person("Hidden Example", habeas.Confidential)
		must(t, s.CreatePerson(ctx, op, cp))
		must(t, s.CreateCase(ctx, op, &habeas.Case{PersonID: cp.ID, Country: "AZ", Status: habeas.StatusDetained,
			ArrestDate: "2025-05-01", Classification: "not_assessed", Position: "unknown", Visibility: habeas.Confidential}))
		if sent, _, _ := Deliver(ctx, s, clk.Now); sent != 0 {
			t.Errorf("a confidential case's notice went to an internal webhook")
		}
		for _, n := range rc.bodies {
			if n.Person == "Hidden Example" {
				t.Errorf("confidential notice delivered: %+v", n)
			}
		}

		// Thirty cases at once, two workers: each notice arrives once.
		for i := range 30 {
			q := person("Many "+strconv.Itoa(i), habeas.Public)
			must(t, s.CreatePerson(ctx, op, q))
			must(t, s.CreateCase(ctx, op, &habeas.Case{PersonID: q.ID, Country: "AZ", Status: habeas.StatusDetained,
				ArrestDate: "2025-05-01", Classification: "not_assessed", Position: "unknown"}))
		}
		before, _ := rc.count()
		var wg sync.WaitGroup
		for range 2 {
			wg.Add(1)
			go func() { defer wg.Done(); _, _, err := Deliver(ctx, s, clk.Now); must(t, err) }()
		}
		wg.Wait()
		deliveries, requests := rc.count()
		if deliveries-before != 60 || requests != deliveries { // no_news and no_contact on each
			t.Errorf("two workers: %d new deliveries, %d requests for %d deliveries; want 60, each once", deliveries-before, requests, deliveries)
		}
		if n, _, _ := s.OutboxBacklog(ctx); n != 0 {
			t.Errorf("backlog %d after delivering everything", n)
		}
	})
}

// A receiver that never answers is given up on after Timeout, and the
// delivery is retried later; a name that resolves to a private address is
// refused when dialled, not only when written.
func TestDeliveryBounds(t *testing.T) {
	old := Timeout
	Timeout = 300 * time.Millisecond
	defer func() { Timeout = old }()
	hang := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { <-hang }))
	defer srv.Close()
	defer close(hang)
	status, problem := send(context.Background(), client(true), habeas.Outgoing{ID: 1, URL: srv.URL, Secret: "s", Body: []byte("{}")}, time.Now())
	if status != 0 || !strings.Contains(problem, "no answer within") {
		t.Errorf("hanging receiver: %d %q", status, problem)
	}
	port := srv.URL[strings.LastIndex(srv.URL, ":")+1:]
	_, problem = send(context.Background(), client(false), habeas.Outgoing{ID: 1, URL: "http://localhost:" + port, Secret: "s", Body: []byte("{}")}, time.Now())
	if !strings.Contains(problem, "loopback or private") {
		t.Errorf("localhost dialled without leave: %q", problem)
	}
}

func TestCheckWebhookURL(t *testing.T) {
	tests := []struct {
		url     string
		private bool
		ok      bool
	}{
		{"https://example.org/hooks/habeas", false, true},
		{"http://example.org:8080/x", false, true},
		{"ftp://example.org/x", false, false},
		{"https://user:pass@example.org/x", false, false},
		{"example.org/x", false, false},
		{"https://", false, false},
		{"http://127.0.0.1:9000/x", false, false},
		{"http://127.0.0.1:9000/x", true, true},
		{"http://10.1.2.3/x", false, false},
		{"http://[::1]/x", false, false},
		{"http://169.254.169.254/latest/meta-data", false, false},
		{"http://100.64.0.1/x", false, false},
		{"http://localhost/x", false, false},
		{"http://0.0.0.0/x", false, false},
		{"javascript:alert(1)", false, false},
		{"https://example.org/x#frag", false, false},
		{"https://example.org/" + strings.Repeat("a", 2000), false, false},
	}
	for _, tt := range tests {
		if got := habeas.CheckWebhookURL(tt.url, tt.private); (got == "") != tt.ok {
			t.Errorf("CheckWebhookURL(%q, %v) = %q, want ok=%v", tt.url, tt.private, got, tt.ok)
		}
	}
}
