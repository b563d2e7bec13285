package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"codeberg.org/habeas/habeas/bench"
)

func TestBenchGen(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "set")
	var out, errOut bytes.Buffer
	args := []string{"bench", "gen", "--people", "30", "--events", "200", "--facilities", "10", "--organizations", "3",
		"--seed", "5", "--now", "2025-05-15", "--out", dir}
	if err := run(context.Background(), args, nil, &out, &errOut); err != nil {
		t.Fatalf("%v: %s", err, errOut.String())
	}
	if !strings.Contains(out.String(), "wrote 30 people") {
		t.Errorf("output %q", out.String())
	}
	b, err := os.ReadFile(filepath.Join(dir, bench.FileManifest))
	if err != nil {
		t.Fatal(err)
	}
	var m bench.Manifest
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	if m.Format != "habeas-export" || m.Version != 1 || m.Counts.People != 30 || m.Counts.Events != 200 || m.Counts.Facilities != 10 {
		t.Errorf("manifest %s", b)
	}
}

func TestBenchGenErrors(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"bench", "-h"}, "kill-rounds"},
		{[]string{"bench", "fly"}, "unknown sub-command"},
		{[]string{"bench", "gen", "--people", "5"}, "--out DIR is required"},
		{[]string{"bench", "gen", "--out", dir, "--events", "5", "--events-per-person", "2"}, "not both"},
		{[]string{"bench", "gen", "--out", dir, "--now", "15/05/2025"}, "want a date like"},
		{[]string{"bench", "gen", "--out", dir, "--people", "0"}, "at least 1"},
	} {
		var out, errOut bytes.Buffer
		err := run(context.Background(), tc.args, nil, &out, &errOut)
		if err == nil {
			t.Errorf("%v: no error", tc.args)
			continue
		}
		if all := err.Error() + errOut.String(); !strings.Contains(all, tc.want) {
			t.Errorf("%v: %q lacks %q", tc.args, all, tc.want)
		}
	}
}

// `habeas bench` end to end on a tiny set: generate, import, serve, every
// route at every level, the kill rounds, in one report.
func TestBenchAll(t *testing.T) {
	if testing.Short() {
		t.Skip("runs habeas as processes")
	}
	cmd := command("bench", "--people", "200", "--duration", "50ms", "--conns", "1,4", "--urls", "50", "--kill-rounds", "2", "--kill-people", "300", "--json")
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	if err := cmd.Run(); err != nil {
		t.Fatalf("%v: %s", err, errOut.String())
	}
	var rep BenchReport
	if err := json.Unmarshal(out.Bytes(), &rep); err != nil {
		t.Fatalf("%v: %s", err, out.String())
	}
	if rep.Counts.People != 200 || rep.Backend != "sqlite" || rep.Day != "2025-05-15" {
		t.Errorf("set %+v on %s, day %s", rep.Counts, rep.Backend, rep.Day)
	}
	if rep.Import.Wall <= 0 || rep.Import.PeakRSS < 1<<20 || !strings.Contains(rep.Import.Output, "imported") {
		t.Errorf("import %+v", rep.Import)
	}
	if rep.Startup.Health <= 0 || rep.Startup.FirstPage < rep.Startup.Health {
		t.Errorf("start-up %+v", rep.Startup)
	}
	if rep.Load == nil {
		t.Fatal("no load report")
	}
	var routes []string
	for _, r := range rep.Load.Routes {
		routes = append(routes, r.Route)
		if len(r.Levels) != 2 || r.Levels[0].Connections != 1 || r.Levels[1].Connections != 4 {
			t.Errorf("%s: levels %+v, want 1 and 4 connections", r.Route, r.Levels)
		}
		for _, l := range r.Levels {
			if l.Requests == 0 || l.Errors > 0 {
				t.Errorf("%s at %d: %d requests, %d errors (%s)", r.Route, l.Connections, l.Requests, l.Errors, l.FirstError)
			}
		}
	}
	if got, want := strings.Join(routes, ","), strings.Join(bench.LoadRouteNames(), ","); got != want {
		t.Errorf("routes %s, want %s (skipped: %v)", got, want, rep.Load.Skipped)
	}
	if m := rep.Load.Memory; m == nil || m.Idle == 0 || m.Peak < m.Idle {
		t.Errorf("server memory %+v", m)
	}
	k := rep.Kills
	if k == nil || k.Error != "" || k.Imports.Rounds != 2 || k.Imports.People != 300 || k.Writes.Rounds != 2 || k.Writes.Acknowledged == 0 || k.Writes.Kept != k.Writes.Acknowledged {
		t.Errorf("kill rounds %+v", k)
	}
}

// `habeas bench` refuses what it must not use: a set that is none, a
// data folder that is not empty.
func TestBenchAllRefuses(t *testing.T) {
	t.Setenv("HABEAS_KEY", "")
	full := t.TempDir()
	os.WriteFile(filepath.Join(full, "habeas.db"), []byte("x"), 0o600)
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"bench", "--set", t.TempDir()}, "make one with habeas bench gen"},
		{[]string{"bench", "--people", "5", "--data", full}, "is not empty"},
		{[]string{"bench", "--data", full, "--db", "postgres://x"}, "not both"},
		{[]string{"bench", "--conns", "1,x"}, "want numbers"},
		{[]string{"bench", "--db", "postgres://127.0.0.1:1/none"}, "needs the key in HABEAS_KEY"},
	} {
		var out, errOut bytes.Buffer
		err := run(context.Background(), tc.args, nil, &out, &errOut)
		if err == nil || !strings.Contains(err.Error()+errOut.String(), tc.want) {
			t.Errorf("%v: %v %s, want %q", tc.args, err, errOut.String(), tc.want)
		}
	}
}
