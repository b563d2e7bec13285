package main

import (
	"database/sql"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// verify as an operator runs it: a clean database passes and prints its
// head; an export and a key rotation are in the log and keep it whole; an
// entry deleted by hand fails it, naming the entry; and a head recorded
// before a tail was cut off fails a later check.
func TestVerifyCommand(t *testing.T) {
	t.Setenv("HABEAS_KEY", "")
	root := t.TempDir()
	data := filepath.Join(root, "data")
	if msg, err := runCmd(t, "demo", "--data", data); err != nil {
		t.Fatalf("demo: %v %s", err, msg)
	}
	if msg, err := runCmd(t, "export", "--quiet", "--data", data, "--out", filepath.Join(root, "out")); err != nil {
		t.Fatalf("export: %v %s", err, msg)
	}
	if msg, err := runCmd(t, "key", "rotate", "--data", data); err != nil {
		t.Fatalf("key rotate: %v %s", err, msg)
	}
	msg, err := runCmd(t, "verify", "--data", data)
	head := regexp.MustCompile(`chain head: (\d+:[0-9a-f]{64})`).FindStringSubmatch(msg)
	if err != nil || head == nil || !strings.Contains(msg, "the audit chain holds") {
		t.Fatalf("verify: %v %s", err, msg)
	}
	db, err := sql.Open("sqlite", filepath.Join(data, "habeas.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var exports, rotations int
	db.QueryRow("SELECT count(*) FROM audit WHERE action = 'export'").Scan(&exports)
	db.QueryRow("SELECT count(*) FROM audit WHERE action = 'key_rotation'").Scan(&rotations)
	if exports != 1 || rotations != 1 {
		t.Errorf("%d export and %d key rotation entries", exports, rotations)
	}
	if msg, err := runCmd(t, "verify", "--data", data, "--head", head[1]); err != nil {
		t.Fatalf("verify --head: %v %s", err, msg)
	}
	if msg, err := runCmd(t, "verify", "--data", data, "--head", "nonsense"); err == nil || !strings.Contains(msg+err.Error(), "ID:HASH") {
		t.Errorf("verify --head nonsense: %v %s", err, msg)
	}

	for _, q := range []string{"DROP TRIGGER audit_no_delete", "DELETE FROM audit WHERE id = 2"} {
		if _, err := db.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	msg, err = runCmd(t, "verify", "--data", data)
	if err == nil || !strings.Contains(msg, "entry 2 is missing") || !strings.Contains(msg, "the first broken entry is 2") {
		t.Errorf("verify after a deletion: %v %s", err, msg)
	}
}
