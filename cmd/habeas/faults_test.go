package main

import (
	"bufio"
	"context"

	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"codeberg.org/habeas/habeas/importer"
)

// The fault tests run habeas as a process of its own (this test binary,
// started again as the command: see TestMain) and kill it with SIGKILL at
// random moments: a crash, a power cut of the process, an OOM kill.

const asMain = "HABEAS_TEST_AS_COMMAND"

func TestMain(m *testing.M) {
	if os.Getenv(asMain) == "1" {
		if err := run(context.Background(), os.Args[1:], os.Stdin, os.Stdout, os.Stderr); err != nil {
			fmt.Fprintln(os.Stderr, "habeas:", err)
			os.Exit(1)
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// commandKey is the key of every process command starts.
var commandKey = newKey()

// command returns habeas as a process, not yet started.
func command(args ...string) *exec.Cmd {
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(os.Environ(), asMain+"=1", "HABEAS_KEY="+commandKey, "HABEAS_NOW=2025-05-15")
	return cmd
}

// faultRounds is how many times each fault test kills habeas.
func faultRounds() int {
	if n, err := strconv.Atoi(os.Getenv("HABEAS_FAULT_ROUNDS")); err == nil && n > 0 {
		return n
	}
	return 10
}

// writeExport writes an export of n people, each with a case and events.
func writeExport(t *testing.T, n int) string {
	t.Helper()
	dir := t.TempDir()
	files := map[string]*bufio.Writer{}
	for _, name := range []string{importer.Manifest, "people.jsonl", "cases.jsonl", "events.jsonl"} {
		f, err := os.Create(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		files[name] = bufio.NewWriter(f)
		defer files[name].Flush()
	}
	fmt.Fprint(files[importer.Manifest], `{"format":"habeas-export","version":1}`)
	for i := 1; i <= n; i++ {
		fmt.Fprintf(files["people.jsonl"], `{"id":%d,"names":[{"name":"Person Number%d","kind":"primary","visibility":"public"}],"country":"AZ","visibility":"public"}`+"\n", i, i)
		fmt.Fprintf(files["cases.jsonl"], `{"id":%d,"person_id":%d,"country":"AZ","status":"detained","arrest_date":"2024-03-%02d","charges":[],"sentence":{},"classification":"not_assessed","position":"unknown","visibility":"public"}`+"\n", i, i, 1+i%28)
		for j := 0; j < 5; j++ {
			fmt.Fprintf(files["events.jsonl"], `{"id":%d,"case_id":%d,"kind":"family_visit","date":"2024-%02d-10","source_ids":[],"visibility":"public"}`+"\n", i*5+j, i, 4+j)
		}
	}
	return dir
}

// An import killed at any moment leaves nothing behind: after a restart the
// database is sound and holds either none of the import or all of it.
func TestKilledImportLeavesNothingHalfDone(t *testing.T) {
	if testing.Short() {
		t.Skip("kills processes")
	}
	const people = 2000
	export := writeExport(t, people)
	rng := rand.New(rand.NewPCG(1, uint64(time.Now().UnixNano())))
	complete := 0
	for round := range faultRounds() {
		data := t.TempDir()
		if out, err := command("migrate", "--data", data).CombinedOutput(); err != nil {
			t.Fatalf("migrate: %v %s", err, out)
		}
		cmd := command("import", "--quiet", "--data", data, export)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		delay := time.Duration(rng.IntN(3000)) * time.Millisecond
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		select {
		case <-time.After(delay):
			cmd.Process.Signal(syscall.SIGKILL)
			<-done
		case err := <-done:
			if err != nil {
				t.Fatalf("round %d: the import failed before it was killed: %v", round, err)
			}
		}
		db := rawSQLite(t, filepath.Join(data, "habeas.db"))
		var check string
		if err := db.QueryRow("PRAGMA integrity_check").Scan(&check); err != nil || check != "ok" {
			t.Fatalf("round %d: integrity_check %q %v", round, check, err)
		}
		var n, events, listed int
		db.QueryRow("SELECT COUNT(*) FROM people").Scan(&n)
		db.QueryRow("SELECT COUNT(*) FROM events").Scan(&events)
		db.QueryRow("SELECT COUNT(*) FROM person_list WHERE access = 0").Scan(&listed)
		db.Close()
		switch {
		case n == 0 && events == 0 && listed == 0:
		case n == people && events == 5*people && listed == people:
			complete++
		default:
			t.Fatalf("round %d: killed after %v, the database holds %d people, %d events, %d listed: half an import", round, delay, n, events, listed)
		}
	}
	t.Logf("%d of %d imports finished before the kill", complete, faultRounds())
}

// A write the API acknowledged survives a SIGKILL of the server at any
// moment after: every acknowledged person is there after a restart.
func TestKilledServerKeepsAcknowledgedWrites(t *testing.T) {
	if testing.Short() {
		t.Skip("kills processes")
	}
	data := t.TempDir()
	if out, err := command("migrate", "--data", data).CombinedOutput(); err != nil {
		t.Fatalf("migrate: %v %s", err, out)
	}
	out, err := command("user", "add", "--data", data, "--email", "ed@example.org", "--role", "editor").CombinedOutput()
	if err != nil {
		t.Fatalf("user add: %v %s", err, out)
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	token := lines[len(lines)-1]
	rng := rand.New(rand.NewPCG(2, uint64(time.Now().UnixNano())))
	var acknowledged []string
	for round := range faultRounds() {
		url, stop := startServer(t, data)
		deadline := time.After(time.Duration(200+rng.IntN(800)) * time.Millisecond)
		writes := make(chan string)
		go func() {
			defer close(writes)
			for i := 0; ; i++ {
				slug := fmt.Sprintf("round-%d-person-%d", round, i)
				body := fmt.Sprintf(`{"slug":%q,"names":[{"name":"Round%d Person%d","kind":"primary","visibility":"public"}],"country":"AZ","visibility":"public"}`, slug, round, i)
				req, _ := http.NewRequest("POST", url+"/api/v1/people", strings.NewReader(body))
				req.Header.Set("Authorization", "Bearer "+token)
				req.Header.Set("Content-Type", "application/json")
				res, err := http.DefaultClient.Do(req)
				if err != nil {
					return // the server is gone
				}
				io.Copy(io.Discard, res.Body)
				res.Body.Close()
				if res.StatusCode == 201 {
					writes <- slug
				}
			}
		}()
	collect:
		for {
			select {
			case slug, ok := <-writes:
				if !ok {
					break collect
				}
				acknowledged = append(acknowledged, slug)
			case <-deadline:
				stop()
				deadline = nil
			}
		}
	}
	url, stop := startServer(t, data)
	defer stop()
	for _, slug := range acknowledged {
		code, body := get(t, url+"/people/"+slug)
		if code != 200 {
			t.Errorf("%s was acknowledged, then lost in a crash: %d %s", slug, code, body[:min(len(body), 200)])
		}
	}
	if len(acknowledged) == 0 {
		t.Fatal("no write was acknowledged: the test tested nothing")
	}
	t.Logf("%d acknowledged writes, all kept across %d kills", len(acknowledged), faultRounds())
}

// startServer starts `habeas serve` on a free port and waits until it
// answers; stop kills it with SIGKILL.
func startServer(t *testing.T, data string) (url string, stop func()) {
	t.Helper()
	cmd := command("serve", "--addr", "127.0.0.1:0", "--data", data)
	stderr, _ := cmd.StderrPipe()
	stdout, _ := cmd.StdoutPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	found := make(chan string, 1)
	scan := func(r io.Reader) {
		sc := bufio.NewScanner(r)
		for sc.Scan() {
			if i := strings.Index(sc.Text(), "http://127.0.0.1:"); i >= 0 {
				f := strings.Fields(sc.Text()[i:])[0]
				select {
				case found <- strings.TrimRight(f, ".,;)"):
				default:
				}
			}
		}
	}
	go scan(stderr)
	go scan(stdout)
	stop = func() {
		cmd.Process.Signal(syscall.SIGKILL)
		cmd.Wait()
	}
	select {
	case url = <-found:
	case <-time.After(20 * time.Second):
		stop()
		t.Fatal("serve did not say where it listens")
	}
	for range 100 {
		if res, err := http.Get(url + "/healthz"); err == nil {
			res.Body.Close()
			return url, stop
		}
		time.Sleep(20 * time.Millisecond)
	}
	stop()
	t.Fatalf("serve at %s does not answer", url)
	return "", nil
}
