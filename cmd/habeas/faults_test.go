package main

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"os/signal"
	"strconv"
	"syscall"
	"testing"
	"time"
)

// The fault tests run habeas as a process of its own (this test binary,
// started again as the command: see TestMain) and kill it with SIGKILL at
// random moments: a crash, a power cut of the process, an OOM kill. The
// rounds themselves are faults.go's, which `habeas bench` runs too.

const asMain = "HABEAS_TEST_AS_COMMAND"

func TestMain(m *testing.M) {
	if os.Getenv(asMain) == "1" {
		// As main does: SIGTERM stops serve cleanly.
		ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
		defer stop()
		if err := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr); err != nil {
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

// An import killed at any moment leaves nothing behind: after a restart the
// database is sound and holds either none of the import or all of it.
func TestKilledImportLeavesNothingHalfDone(t *testing.T) {
	if testing.Short() {
		t.Skip("kills processes")
	}
	rng := rand.New(rand.NewPCG(1, uint64(time.Now().UnixNano())))
	res, err := killImports(context.Background(), command, t.TempDir(), FaultExportPeople, faultRounds(), rng)
	if err != nil {
		t.Fatal(err)
	}
	if res.Rounds != faultRounds() {
		t.Errorf("%d rounds run, want %d", res.Rounds, faultRounds())
	}
	t.Logf("%d of %d imports finished before the kill (an import takes %v)", res.Completed, res.Rounds, res.Reference)
}

// A write the API acknowledged survives a SIGKILL of the server at any
// moment after: every acknowledged person is there after a restart.
func TestKilledServerKeepsAcknowledgedWrites(t *testing.T) {
	if testing.Short() {
		t.Skip("kills processes")
	}
	rng := rand.New(rand.NewPCG(2, uint64(time.Now().UnixNano())))
	res, err := killWrites(context.Background(), command, t.TempDir(), faultRounds(), rng)
	if err != nil {
		t.Fatal(err)
	}
	if res.Acknowledged == 0 || res.Kept != res.Acknowledged {
		t.Fatalf("%d acknowledged, %d kept", res.Acknowledged, res.Kept)
	}
	t.Logf("%d acknowledged writes, all kept across %d kills", res.Acknowledged, res.Rounds)
}

// The rounds catch what they look for: half an import is reported as
// such, and so is a database that is not one.
func TestCheckKilledDatabase(t *testing.T) {
	path := t.TempDir() + "/habeas.db"
	db := rawSQLite(t, path)
	for _, q := range []string{
		"CREATE TABLE people (id INTEGER)", "CREATE TABLE events (id INTEGER)",
		"CREATE TABLE person_list (person_id INTEGER, access INTEGER)",
		"INSERT INTO people VALUES (1), (2)", "INSERT INTO events VALUES (1)",
		"INSERT INTO person_list VALUES (1, 0), (1, 1)",
	} {
		if _, err := db.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	c, err := checkKilledDatabase(context.Background(), path)
	if err != nil || c != (importCounts{People: 2, Events: 1, Listed: 1}) {
		t.Errorf("counts %+v, %v", c, err)
	}
	garbage := t.TempDir() + "/habeas.db"
	os.WriteFile(garbage, []byte("not a database, not at all, but long enough to be read as one"), 0o600)
	if _, err := checkKilledDatabase(context.Background(), garbage); err == nil {
		t.Error("a file that is no database passed")
	}
}
