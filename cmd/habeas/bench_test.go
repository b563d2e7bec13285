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
		{[]string{"bench"}, "Usage"},
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
