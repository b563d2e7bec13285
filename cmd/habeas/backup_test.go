package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"codeberg.org/habeas/habeas"
	"codeberg.org/habeas/habeas/importer"
	"codeberg.org/habeas/habeas/store"
)

// writeWhile adds, until stop is closed, one person with a case and two
// events per batch to the database of the data folder, as a serve would.
// It returns how many batches it committed once stopped.
func writeWhile(t *testing.T, dir string, stop <-chan struct{}, committed *atomic.Int64) func() error {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, "secret.key"))
	if err != nil {
		t.Fatal(err)
	}
	key, err := decodeKey(string(b))
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	s, err := store.Open(ctx, store.Config{DSN: filepath.Join(dir, "habeas.db"), Key: key, Clock: habeas.SystemClock{}})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.CheckSchema(ctx); err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	var werr error
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i := 1; ; i++ {
			select {
			case <-stop:
				return
			default:
			}
			werr = s.InBatch(ctx, habeas.Operator, func(b habeas.Batch) error {
				p := &habeas.Person{Country: "AZ", Visibility: habeas.Visibility(i % 3),
					Names: []habeas.PersonName{{Name: fmt.Sprintf("Written Person %d", i), Kind: habeas.NamePrimary}}}
				if err := b.CreatePerson(p); err != nil {
					return err
				}
				c := &habeas.Case{PersonID: p.ID, Country: "AZ", Status: habeas.StatusDetained, ArrestDate: "2024-01-02",
					Classification: "not_assessed", Position: "unknown", Visibility: p.Visibility}
				if err := b.CreateCase(c); err != nil {
					return err
				}
				for _, kind := range []string{habeas.EventArrest, habeas.EventHearing} {
					if err := b.CreateEvent(&habeas.Event{CaseID: c.ID, Kind: kind, Date: "2024-01-02", Visibility: p.Visibility}); err != nil {
						return err
					}
				}
				return nil
			})
			if werr != nil {
				return
			}
			committed.Add(1)
		}
	}()
	return func() error {
		wg.Wait()
		return errors.Join(werr, s.Close())
	}
}

func exportAll(t *testing.T, dataDir, out string) map[string][]byte {
	t.Helper()
	if msg, err := runCmd(t, "export", "--all", "--quiet", "--data", dataDir, "--out", out); err != nil {
		t.Fatalf("export: %v %s", err, msg)
	} else if !strings.Contains(msg, "confidential") {
		t.Errorf("export --all does not say it holds confidential data: %s", msg)
	}
	files := map[string][]byte{}
	for _, name := range append([]string{importer.Manifest}, importer.Files...) {
		b, err := os.ReadFile(filepath.Join(out, name))
		if err != nil {
			t.Fatal(err)
		}
		files[name] = b
	}
	return files
}

// A backup made while writes go on restores into a fresh folder as one
// moment of the database: whole batches only, each file of its export a
// beginning of the files of the database's later export. A backup made
// when nothing writes restores to the very same export, byte for byte.
func TestBackupWhileWritingRestoresTheSameExport(t *testing.T) {
	t.Setenv("HABEAS_KEY", "")
	root := t.TempDir()
	data := filepath.Join(root, "data")
	if msg, err := runCmd(t, "demo", "--data", data); err != nil {
		t.Fatalf("demo: %v %s", err, msg)
	}
	stop := make(chan struct{})
	var committed atomic.Int64
	wait := writeWhile(t, data, stop, &committed)
	for committed.Load() < 20 {
		time.Sleep(5 * time.Millisecond)
	}
	during := filepath.Join(root, "during.db")
	msg, err := runCmd(t, "backup", during, "--data", data)
	if err != nil {
		close(stop)
		wait()
		t.Fatalf("backup while writing: %v %s", err, msg)
	}
	for at := committed.Load(); committed.Load() < at+20; {
		time.Sleep(5 * time.Millisecond)
	}
	close(stop)
	if err := wait(); err != nil {
		t.Fatalf("writes: %v", err)
	}
	if !strings.Contains(msg, "not the key") {
		t.Errorf("backup does not say the key is not in it: %s", msg)
	}
	if _, err := runCmd(t, "backup", during, "--data", data); err == nil || !strings.Contains(err.Error(), "never writes over") {
		t.Errorf("a backup over an existing file: %v", err)
	}

	keyFile := filepath.Join(data, "secret.key")
	restored := filepath.Join(root, "restored")
	if msg, err := runCmd(t, "restore", during, "--data", restored, "--key", keyFile); err != nil {
		t.Fatalf("restore: %v %s", err, msg)
	}
	if key, _ := os.ReadFile(filepath.Join(restored, "secret.key")); !bytes.Equal(key, must(os.ReadFile(keyFile))) {
		t.Error("restore did not put the key file in the data folder")
	}
	final := exportAll(t, data, filepath.Join(root, "final"))
	then := exportAll(t, restored, filepath.Join(root, "then"))
	for _, name := range importer.Files {
		if !bytes.HasPrefix(final[name], then[name]) {
			t.Errorf("%s of the backup made while writing is not a beginning of the later export's", name)
		}
	}
	people := bytes.Count(then["people.jsonl"], []byte("Written Person "))
	cases := bytes.Count(then["cases.jsonl"], []byte("\n")) - 5 // the demo's five
	events := bytes.Count(then["events.jsonl"], []byte("\n")) - 7
	if people < 20 || cases != people || events != 2*people || int64(people) >= committed.Load() {
		t.Errorf("the backup holds %d written people, %d of their cases and %d events, of %d batches committed: "+
			"want whole batches, at least the 20 before the backup and fewer than all", people, cases, events, committed.Load())
	}

	quiet := filepath.Join(root, "quiet.db")
	if msg, err := runCmd(t, "backup", "--data", data, quiet); err != nil {
		t.Fatalf("backup: %v %s", err, msg)
	}
	again := filepath.Join(root, "again")
	t.Setenv("HABEAS_KEY", strings.TrimSpace(string(must(os.ReadFile(keyFile)))))
	if msg, err := runCmd(t, "restore", quiet, "--data", again); err != nil {
		t.Fatalf("restore with HABEAS_KEY: %v %s", err, msg)
	}
	for name, b := range exportAll(t, again, filepath.Join(root, "again-export")) {
		if !bytes.Equal(b, final[name]) {
			t.Errorf("%s: the restored database exports differently from the database it was copied from", name)
		}
	}
}

// A restore checks what it restores and never writes over anything: a
// folder in use, a wrong key and a damaged file are refused, and leave no
// trace.
func TestRestoreRefuses(t *testing.T) {
	t.Setenv("HABEAS_KEY", "")
	root := t.TempDir()
	data := filepath.Join(root, "data")
	if msg, err := runCmd(t, "demo", "--data", data); err != nil {
		t.Fatalf("demo: %v %s", err, msg)
	}
	backup := filepath.Join(root, "b.db")
	if msg, err := runCmd(t, "backup", backup, "--data", data); err != nil {
		t.Fatalf("backup: %v %s", err, msg)
	}
	keyFile := filepath.Join(data, "secret.key")
	otherKey := filepath.Join(root, "other.key")
	if err := os.WriteFile(otherKey, []byte(newKey()+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	damaged := filepath.Join(root, "damaged.db")
	b := must(os.ReadFile(backup))
	for i := 4096 + 200; i < 4096*3; i++ { // inside the pages after the header
		b[i] ^= 0x5a
	}
	if err := os.WriteFile(damaged, b, 0o600); err != nil {
		t.Fatal(err)
	}
	fresh := func() string { return filepath.Join(t.TempDir(), "data") }
	for _, tc := range []struct {
		name string
		args []string
		want string
	}{
		{"into the data folder in use", []string{"restore", backup, "--data", data, "--key", keyFile}, "not empty"},
		{"with another key", []string{"restore", backup, "--data", fresh(), "--key", otherKey}, "sealed with another key"},
		{"without a key", []string{"restore", backup, "--data", fresh()}, "needs the key"},
		{"a damaged file", []string{"restore", damaged, "--data", fresh(), "--key", keyFile}, damaged},
		{"a file that is not there", []string{"restore", filepath.Join(root, "none.db"), "--data", fresh(), "--key", keyFile}, "none.db"},
	} {
		before := must(os.ReadFile(filepath.Join(data, "habeas.db")))
		_, err := runCmd(t, tc.args...)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: %v, want an error with %q", tc.name, err, tc.want)
		}
		if dir := tc.args[3]; dir != data {
			if _, err := os.Stat(dir); !os.IsNotExist(err) {
				t.Errorf("%s: left %s behind", tc.name, dir)
			}
		}
		if !bytes.Equal(before, must(os.ReadFile(filepath.Join(data, "habeas.db")))) {
			t.Errorf("%s: the database in use changed", tc.name)
		}
	}
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}
