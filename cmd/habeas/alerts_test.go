package main

import (
	"bytes"
	"context"
	"os"
	"strings"
	"testing"
	"time"
)

// `habeas alerts run` sweeps once over every case and says what it did;
// serve sweeps at start and logs counts only, never a name.
func TestAlertsRun(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	var out, errs bytes.Buffer
	if err := run(ctx, []string{"demo", "--data", dir}, nil, &out, &errs); err != nil {
		t.Fatalf("demo: %v\n%s", err, errs.String())
	}
	out.Reset()
	// Two weeks after the post, nothing new was recorded: the open alerts
	// grow, none opens or closes.
	if err := run(ctx, []string{"alerts", "run", "--data", dir, "--now", "2025-05-29"}, nil, &out, &errs); err != nil {
		t.Fatalf("alerts run: %v\n%s", err, errs.String())
	}
	if got := out.String(); !strings.Contains(got, "5 cases evaluated") || !strings.Contains(got, "0 opened, 4 changed, 0 resolved; 4 unresolved now") {
		t.Errorf("alerts run says %q", got)
	}
	out.Reset()
	if err := run(ctx, []string{"alerts", "run", "--data", dir, "--now", "2025-05-29"}, nil, &out, &errs); err != nil {
		t.Fatal(err)
	}
	if got := out.String(); !strings.Contains(got, "0 cases evaluated") || !strings.Contains(got, "0 opened, 0 changed, 0 resolved; 4 unresolved now") {
		t.Errorf("a second run on the same day says %q", got)
	}
	out.Reset()
	if err := run(ctx, []string{"alerts", "run", "--data", dir, "--now", "2025-05-30"}, nil, &out, &errs); err != nil {
		t.Fatal(err)
	}
	if got := out.String(); !strings.Contains(got, "5 cases evaluated") {
		t.Errorf("the next day's run says %q", got)
	}
	if err := run(ctx, []string{"alerts"}, nil, &out, &errs); err != errUsage {
		t.Errorf("alerts without run: %v", err)
	}

	logs := &syncBuffer{}
	m, err := Start(ctx, Config{Addr: "127.0.0.1:0", Demo: true, SweepEvery: time.Hour}, logs)
	if err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(10 * time.Second)
	for !strings.Contains(logs.String(), `"msg":"alerts sweep"`) && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	if err := m.Close(); err != nil {
		t.Fatal(err)
	}
	line := logs.String()
	if !strings.Contains(line, `"msg":"alerts sweep","cases":5`) {
		t.Errorf("serve's sweep logged %q", line)
	}
	if strings.Contains(line, "Mustafayev") || strings.Contains(line, "No news") {
		t.Errorf("the sweep's log carries personal data: %q", line)
	}
}

func TestSweepEveryFlag(t *testing.T) {
	for _, bad := range []string{"-1m", "10ms"} {
		var out, errs bytes.Buffer
		err := run(context.Background(), []string{"serve", "--sweep-every", bad, "--addr", "127.0.0.1:0"}, nil, &out, &errs)
		if err == nil || !strings.Contains(err.Error(), "--sweep-every") {
			t.Errorf("--sweep-every %s: %v", bad, err)
		}
	}
}

// The mail server's flags are taken together or refused with what is
// missing, before anything is opened.
func TestMailFlags(t *testing.T) {
	tests := []struct {
		args []string
		want string // in the error
	}{
		{[]string{"--smtp", "smtp://mail.example.org"}, "--mail-from"},
		{[]string{"--mail-from", "alerts@example.org"}, "without --smtp"},
		{[]string{"--smtp", "smtp://mail.example.org", "--mail-from", "alerts@example.org"}, "--base-url"},
		{[]string{"--smtp", "ftp://mail.example.org", "--mail-from", "alerts@example.org", "--base-url", "https://x.example.org"}, "unknown scheme"},
		{[]string{"--smtp", "smtp://mail.example.org", "--mail-from", "Alerts <a@example.org>", "--base-url", "https://x.example.org"}, "plain address"},
	}
	for _, tt := range tests {
		var out, errs bytes.Buffer
		dir := t.TempDir()
		err := run(context.Background(), append([]string{"serve", "--addr", "127.0.0.1:0", "--data", dir}, tt.args...), nil, &out, &errs)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%v: %v, want an error naming %s", tt.args, err, tt.want)
		}
		if entries, _ := os.ReadDir(dir); len(entries) != 0 {
			t.Errorf("%v: the data folder was touched before the flags were checked", tt.args)
		}
	}
}

// serve says where the e-mails go, never with the password.
func TestMailServerLogged(t *testing.T) {
	var logs bytes.Buffer
	m, err := Start(context.Background(), Config{Addr: "127.0.0.1:0", Demo: true, BaseURL: "https://x.example.org",
		SMTP: "smtp://alerts:s3cret-word@mail.example.org", MailFrom: "alerts@example.org"}, &logs)
	if err != nil {
		t.Fatal(err)
	}
	defer m.Close()
	if got := logs.String(); !strings.Contains(got, `"server":"mail.example.org:587","tls":"starttls","log_in":true`) ||
		strings.Contains(got, "s3cret") {
		t.Errorf("the log of the mail server: %s", got)
	}
}
