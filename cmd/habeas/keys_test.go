package main

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/base64"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"codeberg.org/habeas/habeas"
	"codeberg.org/habeas/habeas/store"
	"codeberg.org/habeas/habeas/store/storetest"
)

const clearMessage = "give the key it was made with, in HABEAS_KEY or "

func newKey() string { return base64.StdEncoding.EncodeToString(storetest.Key()) }

func runCmd(t *testing.T, args ...string) (string, error) {
	t.Helper()
	var out, errOut bytes.Buffer
	err := run(context.Background(), args, nil, &out, &errOut)
	return out.String() + errOut.String(), err
}

// A database sealed with a key that is not here is refused by every
// command, with what to do, and no second key file is made for it.
func TestNoSecondKeyForASealedDatabase(t *testing.T) {
	t.Setenv("HABEAS_KEY", "")
	dir := t.TempDir()
	keyFile := filepath.Join(dir, "secret.key")
	if out, err := runCmd(t, "migrate", "--data", dir); err != nil {
		t.Fatalf("migrate: %v %s", err, out)
	}
	original, err := os.ReadFile(keyFile)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(keyFile); err != nil {
		t.Fatal(err)
	}
	refused := func(what string, err error) {
		t.Helper()
		if err == nil || !strings.Contains(err.Error(), clearMessage+keyFile) || !strings.Contains(err.Error(), "docs/keys.md") {
			t.Errorf("%s: %v, want the clear message", what, err)
		}
		if _, err := os.Stat(keyFile); !os.IsNotExist(err) {
			t.Errorf("%s made a new key file for a sealed database", what)
			os.Remove(keyFile)
		}
	}
	for _, args := range [][]string{
		{"migrate", "--data", dir},
		{"demo", "--data", dir},
		{"user", "add", "--data", dir, "--email", "ed@example.org", "--role", "editor"},
		{"key", "rotate", "--data", dir},
	} {
		_, err := runCmd(t, args...)
		refused(strings.Join(args[:2], " "), err)
	}
	_, err = Start(context.Background(), Config{Addr: "127.0.0.1:0", DataDir: dir, dataSet: true}, io.Discard)
	refused("serve", err)

	// Another key, in HABEAS_KEY or in the key file, is refused too.
	t.Setenv("HABEAS_KEY", newKey())
	_, err = runCmd(t, "migrate", "--data", dir)
	if err == nil || !strings.Contains(err.Error(), "this database was sealed with another key: "+clearMessage) {
		t.Errorf("another HABEAS_KEY: %v", err)
	}
	_, err = Start(context.Background(), Config{Addr: "127.0.0.1:0", DataDir: dir, dataSet: true, KeyEnv: newKey()}, io.Discard)
	if err == nil || !strings.Contains(err.Error(), clearMessage) {
		t.Errorf("serve with another HABEAS_KEY: %v", err)
	}
	t.Setenv("HABEAS_KEY", "")
	os.WriteFile(keyFile, []byte(newKey()+"\n"), 0o600)
	if _, err := runCmd(t, "user", "token", "--data", dir, "--email", "x@example.org"); err == nil || !strings.Contains(err.Error(), clearMessage) {
		t.Errorf("another key file: %v", err)
	}

	// The key it was made with works again.
	os.WriteFile(keyFile, original, 0o600)
	if out, err := runCmd(t, "demo", "--data", dir); err != nil {
		t.Errorf("demo with the right key: %v %s", err, out)
	}
}

// seedSource stores a source with an identity, with the key of dir.
func seedSource(t *testing.T, dsn, key string) (int64, string) {
	t.Helper()
	k, _ := base64.StdEncoding.DecodeString(strings.TrimSpace(key))
	s, err := store.Open(context.Background(), store.Config{DSN: dsn, Key: k, Clock: habeas.SystemClock{}})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.CheckSchema(context.Background()); err != nil {
		t.Fatal(err)
	}
	src := &habeas.Source{Kind: "testimony", Title: "Call with his sister", Reliability: "reliable",
		Identity: "Sister, +994 50 111 11 11", Visibility: habeas.Confidential}
	if err := s.CreateSource(context.Background(), habeas.Operator, src); err != nil {
		t.Fatal(err)
	}
	return src.ID, src.Identity
}

func readIdentity(t *testing.T, dsn, key string, id int64) (string, error) {
	t.Helper()
	k, _ := base64.StdEncoding.DecodeString(strings.TrimSpace(key))
	s, err := store.Open(context.Background(), store.Config{DSN: dsn, Key: k, Clock: habeas.SystemClock{}})
	if err != nil {
		return "", err
	}
	defer s.Close()
	if err := s.CheckSchema(context.Background()); err != nil {
		return "", err
	}
	src, err := s.Source(context.Background(), habeas.Confidential, id)
	if err != nil {
		return "", err
	}
	return src.Identity, nil
}

// key rotate with a key file: the new key replaces the file, the old one
// is refused, the new one reads what was sealed; a failed rotation leaves
// the file and the database as they were.
func TestKeyRotateKeyFile(t *testing.T) {
	t.Setenv("HABEAS_KEY", "")
	dir := t.TempDir()
	keyFile := filepath.Join(dir, "secret.key")
	if out, err := runCmd(t, "migrate", "--data", dir); err != nil {
		t.Fatalf("migrate: %v %s", err, out)
	}
	dsn := filepath.Join(dir, "habeas.db")
	old, _ := os.ReadFile(keyFile)
	id, identity := seedSource(t, dsn, string(old))

	out, err := runCmd(t, "key", "rotate", "--data", dir)
	if err != nil {
		t.Fatalf("rotate: %v %s", err, out)
	}
	if strings.Contains(out, strings.TrimSpace(string(old))) {
		t.Errorf("rotate printed the old key")
	}
	cur, _ := os.ReadFile(keyFile)
	if bytes.Equal(cur, old) {
		t.Fatalf("the key file did not change")
	}
	if strings.Contains(out, strings.TrimSpace(string(cur))) {
		t.Errorf("rotate printed the new key from a key file")
	}
	if fi, err := os.Stat(keyFile); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("new key file: %v %v", fi.Mode(), err)
	}
	if _, err := os.Stat(keyFile + ".new"); !os.IsNotExist(err) {
		t.Errorf("secret.key.new left behind")
	}
	if _, err := readIdentity(t, dsn, string(old), id); err == nil {
		t.Errorf("the old key still opens the database")
	}
	if got, err := readIdentity(t, dsn, string(cur), id); err != nil || got != identity {
		t.Errorf("with the new key: %q %v", got, err)
	}
	if out, err := runCmd(t, "migrate", "--data", dir); err != nil {
		t.Errorf("migrate after rotation: %v %s", err, out)
	}

	// A value that does not open: the rotation fails and changes nothing.
	raw := rawSQLite(t, dsn)
	if _, err := raw.Exec("UPDATE sources SET identity_sealed = x'0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f' WHERE id = ?", id); err != nil {
		t.Fatal(err)
	}
	seedSource(t, dsn, string(cur))
	out, err = runCmd(t, "key", "rotate", "--data", dir)
	if err == nil || !strings.Contains(err.Error(), "changed nothing") {
		t.Fatalf("rotation over a damaged value: %v %s", err, out)
	}
	if after, _ := os.ReadFile(keyFile); !bytes.Equal(after, cur) {
		t.Errorf("a failed rotation changed the key file")
	}
	if _, err := os.Stat(keyFile + ".new"); !os.IsNotExist(err) {
		t.Errorf("a failed rotation left secret.key.new")
	}
	if out, err := runCmd(t, "migrate", "--data", dir); err != nil {
		t.Errorf("the key after a failed rotation: %v %s", err, out)
	}
}

// key rotate with HABEAS_KEY prints the new key once and writes no file.
func TestKeyRotateEnvironment(t *testing.T) {
	dir := t.TempDir()
	old := newKey()
	t.Setenv("HABEAS_KEY", old)
	if out, err := runCmd(t, "migrate", "--data", dir); err != nil {
		t.Fatalf("migrate: %v %s", err, out)
	}
	dsn := filepath.Join(dir, "habeas.db")
	id, identity := seedSource(t, dsn, old)
	var stdout, stderr bytes.Buffer
	if err := run(context.Background(), []string{"key", "rotate", "--data", dir}, nil, &stdout, &stderr); err != nil {
		t.Fatalf("rotate: %v %s", err, stderr.String())
	}
	var printed string
	for _, line := range strings.Split(stdout.String(), "\n") {
		if k, err := base64.StdEncoding.DecodeString(line); err == nil && len(k) == 32 {
			if printed != "" {
				t.Errorf("more than one key printed")
			}
			printed = line
		}
	}
	if printed == "" || !strings.Contains(stdout.String(), "HABEAS_KEY") {
		t.Fatalf("no new key or instructions printed: %s", stdout.String())
	}
	if _, err := os.Stat(filepath.Join(dir, "secret.key")); !os.IsNotExist(err) {
		t.Errorf("rotation with HABEAS_KEY wrote a key file")
	}
	if _, err := readIdentity(t, dsn, old, id); err == nil {
		t.Errorf("the old key still opens the database")
	}
	if got, err := readIdentity(t, dsn, printed, id); err != nil || got != identity {
		t.Errorf("with the printed key: %q %v", got, err)
	}
}

// syncBuffer is a bytes.Buffer safe for a writer and a reader goroutine.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// serve never prints the PostgreSQL password, in its start line or in the
// hint that repeats the --db flag; nor does an error from a DSN.
func TestServeHidesThePostgresPassword(t *testing.T) {
	const pw = "hunter2-topsecret"
	bad := "postgres://habeas:" + pw + "@127.0.0.1:1/habeas?sslmode=disable&connect_timeout=2"
	_, err := Start(context.Background(), Config{Addr: "127.0.0.1:0", DB: bad, DataDir: t.TempDir(), KeyEnv: newKey()}, io.Discard)
	if err == nil || strings.Contains(err.Error(), pw) {
		t.Errorf("error opening an unreachable PostgreSQL: %v", err)
	}

	u, _ := url.Parse(storetest.DSN(t, store.Postgres))
	u.User = url.UserPassword(u.User.Username(), pw) // trust auth lets any password in
	t.Setenv("HABEAS_KEY", newKey())
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var stdout, stderr syncBuffer
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"serve", "--addr", "127.0.0.1:0", "--data", t.TempDir(), "--db", u.String()}, nil, &stdout, &stderr)
	}()
	deadline := time.Now().Add(20 * time.Second)
	for !strings.Contains(stdout.String(), "habeas user add") && time.Now().Before(deadline) {
		select {
		case err := <-done:
			t.Fatalf("serve: %v %s", err, stderr.String())
		case <-time.After(20 * time.Millisecond):
		}
	}
	cancel()
	<-done
	all := stdout.String() + stderr.String()
	if strings.Contains(all, pw) {
		t.Errorf("serve printed the password:\n%s", all)
	}
	if !strings.Contains(all, "xxxxx@") || !strings.Contains(all, "habeas user add") {
		t.Errorf("serve did not show the redacted DSN:\n%s", all)
	}
}

// Two serve processes on one PostgreSQL with the same key share what they
// seal; a third with another key, or with no key at all, is refused.
func TestTwoServersOnePostgres(t *testing.T) {
	dsn := storetest.DSN(t, store.Postgres)
	key := newKey()
	ctx := context.Background()
	a, err := Start(ctx, Config{Addr: "127.0.0.1:0", DB: dsn, DataDir: t.TempDir(), KeyEnv: key}, io.Discard)
	if err != nil {
		t.Fatalf("server A: %v", err)
	}
	defer a.Close()
	b, err := Start(ctx, Config{Addr: "127.0.0.1:0", DB: dsn, DataDir: t.TempDir(), KeyEnv: key}, io.Discard)
	if err != nil {
		t.Fatalf("server B: %v", err)
	}
	defer b.Close()

	t.Setenv("HABEAS_KEY", key)
	out, err := runCmd(t, "user", "add", "--db", dsn, "--data", t.TempDir(), "--email", "ed@example.org", "--role", "editor", "--confidential")
	if err != nil {
		t.Fatalf("user add: %v %s", err, out)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	token := lines[len(lines)-1]

	body := `{"kind":"testimony","title":"Call with his sister","reliability":"reliable","identity":"Sister, +994 50 111 11 11","visibility":"confidential"}`
	req, _ := http.NewRequest("POST", a.URL()+"/api/v1/sources", strings.NewReader(body))
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Content-Type", "application/json")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	created, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != 201 {
		t.Fatalf("create a source through A: %d %s", res.StatusCode, created)
	}
	var src struct{ ID int64 }
	json.Unmarshal(created, &src)

	for _, path := range []string{"/api/v1/sources", "/api/v1/sources/" + jsonID(src.ID)} {
		code, got := get(t, b.URL()+path, "Authorization", "Bearer "+token)
		if code != 200 || !strings.Contains(got, "+994 50 111 11 11") {
			t.Errorf("GET %s through B: %d %s", path, code, got)
		}
	}

	_, err = Start(ctx, Config{Addr: "127.0.0.1:0", DB: dsn, DataDir: t.TempDir(), KeyEnv: newKey()}, io.Discard)
	if err == nil || !strings.Contains(err.Error(), "this database was sealed with another key: "+clearMessage) {
		t.Errorf("a third server with another key: %v", err)
	}
	dir := t.TempDir()
	_, err = Start(ctx, Config{Addr: "127.0.0.1:0", DB: dsn, DataDir: dir}, io.Discard)
	if err == nil || !strings.Contains(err.Error(), clearMessage) {
		t.Errorf("a third server with no key: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "secret.key")); !os.IsNotExist(err) {
		t.Errorf("a third server made its own key file")
	}
}

func jsonID(id int64) string {
	b, _ := json.Marshal(id)
	return string(b)
}

func rawSQLite(t *testing.T, path string) *sql.DB {
	t.Helper()
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}
