package main

import (
	"bufio"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	_ "modernc.org/sqlite" // the SQLite driver, to look at a killed database as it is

	"codeberg.org/habeas/habeas/importer"
)

// The kill rounds of issue 8: habeas is run as a process of its own and
// killed with SIGKILL at random moments (a crash, an OOM kill), then the
// database it leaves is checked. The fault tests and `habeas bench` share
// this code.

// commandFunc returns habeas as a process, not yet started, with the
// arguments after the program's name.
type commandFunc func(args ...string) *exec.Cmd

// FaultExportPeople is the size of the export the import rounds kill by
// default: about a second of import, time for kills early and late.
const FaultExportPeople = 2000

// writeFaultExport writes into dir an export of n people, each public with
// a case and five events.
func writeFaultExport(dir string, n int) (err error) {
	files := map[string]*bufio.Writer{}
	for _, name := range []string{importer.Manifest, "people.jsonl", "cases.jsonl", "events.jsonl"} {
		f, err := os.Create(filepath.Join(dir, name))
		if err != nil {
			return err
		}
		w := bufio.NewWriter(f)
		files[name] = w
		defer func() {
			err = errors.Join(err, w.Flush(), f.Close())
		}()
	}
	fmt.Fprint(files[importer.Manifest], `{"format":"habeas-export","version":1}`)
	for i := 1; i <= n; i++ {
		fmt.Fprintf(files["people.jsonl"], `{"id":%d,"names":[{"name":"Person Number%d","kind":"primary","visibility":"public"}],"country":"AZ","visibility":"public"}`+"\n", i, i)
		fmt.Fprintf(files["cases.jsonl"], `{"id":%d,"person_id":%d,"country":"AZ","status":"detained","arrest_date":"2024-03-%02d","charges":[],"sentence":{},"classification":"not_assessed","position":"unknown","visibility":"public"}`+"\n", i, i, 1+i%28)
		for j := 0; j < 5; j++ {
			fmt.Fprintf(files["events.jsonl"], `{"id":%d,"case_id":%d,"kind":"family_visit","date":"2024-%02d-10","source_ids":[],"visibility":"public"}`+"\n", i*5+j, i, 4+j)
		}
	}
	return nil
}

// importCounts is what an import of the fault export leaves: people,
// events and public rows of the people list.
type importCounts struct{ People, Events, Listed int }

// ImportKillResult is what the import rounds found.
type ImportKillResult struct {
	Rounds int `json:"rounds"`
	People int `json:"people"` // in the export each round imports
	// Completed counts the imports that finished before their kill.
	Completed int `json:"completed"`
	// Reference is how long the same import takes when not killed; kills
	// land at random moments up to 1.2 times that.
	Reference time.Duration `json:"reference_ns"`
}

// killImports runs rounds imports of a generated export of people, each into a new
// SQLite data folder under scratch, killing each at a random moment, and
// checks after each that the database passes integrity_check and holds
// either none of the import or all of it. A first import, not killed,
// gives the time an import takes and what a whole one leaves.
func killImports(ctx context.Context, habeas commandFunc, scratch string, people, rounds int, rng *rand.Rand) (ImportKillResult, error) {
	res := ImportKillResult{Rounds: rounds, People: people}
	export := filepath.Join(scratch, "fault-export")
	if err := os.MkdirAll(export, 0o700); err != nil {
		return res, err
	}
	if err := writeFaultExport(export, people); err != nil {
		return res, fmt.Errorf("write the fault export: %w", err)
	}
	var took time.Duration // how long the last import ran, killed or not
	importRound := func(round int, kill time.Duration) (importCounts, bool, error) {
		data := filepath.Join(scratch, fmt.Sprintf("fault-import-%d", round))
		if out, err := habeas("migrate", "--data", data).CombinedOutput(); err != nil {
			return importCounts{}, false, fmt.Errorf("migrate: %v %s", err, out)
		}
		cmd := habeas("import", "--quiet", "--data", data, export)
		var out strings.Builder
		cmd.Stdout, cmd.Stderr = &out, &out
		start := time.Now()
		if err := cmd.Start(); err != nil {
			return importCounts{}, false, err
		}
		done := make(chan error, 1)
		go func() {
			err := cmd.Wait()
			took = time.Since(start)
			done <- err
		}()
		finished := false
		select {
		case <-time.After(kill):
			cmd.Process.Signal(syscall.SIGKILL)
			// It may have finished just before the kill.
			finished = <-done == nil
		case err := <-done:
			if err != nil {
				return importCounts{}, false, fmt.Errorf("the import failed before it was killed: %v %s", err, out.String())
			}
			finished = true
		case <-ctx.Done():
			cmd.Process.Signal(syscall.SIGKILL)
			<-done
			return importCounts{}, false, ctx.Err()
		}
		c, err := checkKilledDatabase(ctx, filepath.Join(data, "habeas.db"))
		os.RemoveAll(data)
		return c, finished, err
	}

	whole, finished, err := importRound(0, time.Hour)
	res.Reference = took
	switch {
	case err != nil:
		return res, fmt.Errorf("the reference import: %w", err)
	case !finished || whole.People != people || whole.Events != 5*people || whole.Listed != people:
		return res, fmt.Errorf("the reference import left %+v, want %d people, %d events and %d listed",
			whole, people, 5*people, people)
	}
	for round := 1; round <= rounds; round++ {
		kill := time.Duration(rng.Int64N(int64(res.Reference) * 6 / 5))
		c, finished, err := importRound(round, kill)
		switch {
		case err != nil:
			return res, fmt.Errorf("round %d, killed after %v: %w", round, kill, err)
		case c == importCounts{}:
		case c == whole:
			res.Completed++
		default:
			return res, fmt.Errorf("round %d: killed after %v, the database holds %d people, %d events, %d listed: half an import",
				round, kill, c.People, c.Events, c.Listed)
		}
		if finished && c != whole {
			return res, fmt.Errorf("round %d: the import said it finished, but the database holds %+v", round, c)
		}
	}
	return res, nil
}

// checkKilledDatabase opens a SQLite database a killed process left (as
// the next start would: its journal is rolled back or replayed), checks it
// with integrity_check and counts what an import leaves in it.
func checkKilledDatabase(ctx context.Context, path string) (importCounts, error) {
	var c importCounts
	db, err := sql.Open("sqlite", path)
	if err != nil {
		return c, err
	}
	defer db.Close()
	var check string
	if err := db.QueryRowContext(ctx, "PRAGMA integrity_check").Scan(&check); err != nil || check != "ok" {
		return c, fmt.Errorf("integrity_check: %q %v", check, err)
	}
	for _, q := range []struct {
		n   *int
		sql string
	}{
		{&c.People, "SELECT COUNT(*) FROM people"},
		{&c.Events, "SELECT COUNT(*) FROM events"},
		{&c.Listed, "SELECT COUNT(*) FROM person_list WHERE access = 0"},
	} {
		if err := db.QueryRowContext(ctx, q.sql).Scan(q.n); err != nil {
			return c, fmt.Errorf("%s: %w", q.sql, err)
		}
	}
	return c, nil
}

// WriteKillResult is what the write rounds found.
type WriteKillResult struct {
	Rounds int `json:"rounds"`
	// Acknowledged counts the people the API answered 201 for; Kept, those
	// found after the last restart (all of them, or the rounds fail).
	Acknowledged int `json:"acknowledged"`
	Kept         int `json:"kept"`
}

// killWrites starts `habeas serve` on a new SQLite data folder under
// scratch rounds times, writes people through the API until it kills the
// server at a random moment, and after a last restart checks that every
// person the API acknowledged is there; after each kill the database must
// pass integrity_check.
func killWrites(ctx context.Context, habeas commandFunc, scratch string, rounds int, rng *rand.Rand) (WriteKillResult, error) {
	res := WriteKillResult{Rounds: rounds}
	data := filepath.Join(scratch, "fault-writes")
	defer os.RemoveAll(data)
	if out, err := habeas("migrate", "--data", data).CombinedOutput(); err != nil {
		return res, fmt.Errorf("migrate: %v %s", err, out)
	}
	out, err := habeas("user", "add", "--data", data, "--email", "ed@example.org", "--role", "editor").CombinedOutput()
	if err != nil {
		return res, fmt.Errorf("user add: %v %s", err, out)
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	token := lines[len(lines)-1]
	var acknowledged []string
	for round := range rounds {
		srv, err := startChildServer(ctx, habeas("serve", "--addr", "127.0.0.1:0", "--data", data))
		if err != nil {
			return res, fmt.Errorf("round %d: %w", round, err)
		}
		deadline := time.After(time.Duration(200+rng.IntN(800)) * time.Millisecond)
		writes := make(chan string)
		go func() {
			defer close(writes)
			for i := 0; ; i++ {
				slug := fmt.Sprintf("round-%d-person-%d", round, i)
				body := fmt.Sprintf(`{"slug":%q,"names":[{"name":"Round%d Person%d","kind":"primary","visibility":"public"}],"country":"AZ","visibility":"public"}`, slug, round, i)
				req, _ := http.NewRequestWithContext(ctx, "POST", srv.URL+"/api/v1/people", strings.NewReader(body))
				req.Header.Set("Authorization", "Bearer "+token)
				req.Header.Set("Content-Type", "application/json")
				res, err := http.DefaultClient.Do(req)
				if err != nil {
					return // the server is gone
				}
				io.Copy(io.Discard, res.Body)
				res.Body.Close()
				if res.StatusCode == http.StatusCreated {
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
				srv.Kill()
				deadline = nil
			}
		}
		if err := ctx.Err(); err != nil {
			return res, err
		}
		if _, err := checkKilledDatabase(ctx, filepath.Join(data, "habeas.db")); err != nil {
			return res, fmt.Errorf("round %d: %w", round, err)
		}
	}
	res.Acknowledged = len(acknowledged)
	srv, err := startChildServer(ctx, habeas("serve", "--addr", "127.0.0.1:0", "--data", data))
	if err != nil {
		return res, fmt.Errorf("the last restart: %w", err)
	}
	defer srv.Kill()
	var lost []string
	for _, slug := range acknowledged {
		code, err := getStatus(ctx, srv.URL+"/people/"+slug)
		if err != nil {
			return res, err
		}
		if code != http.StatusOK {
			lost = append(lost, fmt.Sprintf("%s (%d)", slug, code))
			continue
		}
		res.Kept++
	}
	switch {
	case len(lost) > 0:
		return res, fmt.Errorf("%d of %d acknowledged writes were lost in a crash: %s", len(lost), len(acknowledged), strings.Join(lost[:min(len(lost), 10)], ", "))
	case len(acknowledged) == 0 && rounds > 0:
		return res, errors.New("no write was acknowledged: the rounds tested nothing")
	}
	return res, nil
}

func getStatus(ctx context.Context, url string) (int, error) {
	req, err := http.NewRequestWithContext(ctx, "GET", url, nil)
	if err != nil {
		return 0, err
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, err
	}
	io.Copy(io.Discard, res.Body)
	res.Body.Close()
	return res.StatusCode, nil
}

// childServer is `habeas serve` running as a child process.
type childServer struct {
	URL string
	Cmd *exec.Cmd
	// Started is when the process was started; Answered, when it first
	// answered 200.
	Started, Answered time.Time
	done              chan error
}

// startChildServer starts cmd, a `habeas serve --addr 127.0.0.1:0 …`,
// reads where it listens from what it prints, and waits until /healthz
// answers 200.
func startChildServer(ctx context.Context, cmd *exec.Cmd) (*childServer, error) {
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	stderr, err := cmd.StderrPipe()
	if err != nil {
		return nil, err
	}
	s := &childServer{Cmd: cmd, done: make(chan error, 1)}
	s.Started = time.Now()
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	found := make(chan string, 1)
	var said strings.Builder
	saidLines := make(chan string, 64)
	scan := func(r io.Reader) {
		sc := bufio.NewScanner(r)
		for sc.Scan() {
			line := sc.Text()
			if i := strings.Index(line, "http://127.0.0.1:"); i >= 0 {
				f := strings.Fields(line[i:])[0]
				select {
				case found <- strings.TrimRight(f, ".,;)"):
				default:
				}
			}
			select {
			case saidLines <- line:
			default:
			}
		}
	}
	go scan(stderr)
	go scan(stdout)
	go func() { s.done <- cmd.Wait() }()
	fail := func(err error) (*childServer, error) {
		s.Kill()
		for len(saidLines) > 0 {
			said.WriteString(<-saidLines + "\n")
		}
		return nil, fmt.Errorf("%w %s", err, said.String())
	}
	select {
	case s.URL = <-found:
	case err := <-s.done:
		s.done <- err
		return fail(fmt.Errorf("serve ended before it listened: %v", err))
	case <-time.After(60 * time.Second):
		return fail(errors.New("serve did not say where it listens"))
	case <-ctx.Done():
		return fail(ctx.Err())
	}
	for deadline := time.Now().Add(60 * time.Second); time.Now().Before(deadline); time.Sleep(2 * time.Millisecond) {
		if code, err := getStatus(ctx, s.URL+"/healthz"); err == nil && code == http.StatusOK {
			s.Answered = time.Now()
			return s, nil
		}
		if ctx.Err() != nil {
			return fail(ctx.Err())
		}
	}
	return fail(fmt.Errorf("serve at %s does not answer", s.URL))
}

// Kill ends the server with SIGKILL and waits for it.
func (s *childServer) Kill() {
	s.Cmd.Process.Signal(syscall.SIGKILL)
	err := <-s.done
	s.done <- err
}

// Stop ends the server with SIGTERM, as an operator would, and waits for it.
func (s *childServer) Stop() error {
	s.Cmd.Process.Signal(syscall.SIGTERM)
	err := <-s.done
	s.done <- err
	return err
}
