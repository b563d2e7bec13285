package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"codeberg.org/habeas/habeas/importer"
)

// The commands as an operator types them: export the demo, import the
// export into a new data folder (flags before or after the folder), and
// export that again, byte for byte; and the flat CSV.
func TestExportImportCommands(t *testing.T) {
	t.Setenv("HABEAS_KEY", "")
	root := t.TempDir()
	data := filepath.Join(root, "data")
	if msg, err := runCmd(t, "demo", "--data", data); err != nil {
		t.Fatalf("demo: %v %s", err, msg)
	}
	first := filepath.Join(root, "first")
	msg, err := runCmd(t, "export", "--quiet", "--data", data, "--out", first)
	if err != nil || !strings.Contains(msg, "exported 25 records (public records only)") || strings.Contains(msg, "confidential") {
		t.Fatalf("export: %v %s", err, msg)
	}
	copyDir := filepath.Join(root, "copy")
	if msg, err := runCmd(t, "import", "--data", copyDir, "--dry-run", "--quiet", first); err != nil || !strings.Contains(msg, "would import") {
		t.Fatalf("import --dry-run: %v %s", err, msg)
	}
	if msg, err := runCmd(t, "import", first, "--quiet", "--data", copyDir); err != nil || !strings.Contains(msg, "imported 25 records") {
		t.Fatalf("import: %v %s", err, msg)
	}
	second := filepath.Join(root, "second")
	if msg, err := runCmd(t, "export", "--quiet", "--data", copyDir, "--out", second); err != nil {
		t.Fatalf("export the copy: %v %s", err, msg)
	}
	for _, name := range append([]string{importer.Manifest}, importer.Files...) {
		a, _ := os.ReadFile(filepath.Join(first, name))
		b, _ := os.ReadFile(filepath.Join(second, name))
		if len(a) == 0 || !bytes.Equal(a, b) {
			t.Errorf("%s differs between the export and the export of its import", name)
		}
	}

	flat := filepath.Join(root, "flat")
	if msg, err := runCmd(t, "export", "--quiet", "--format", "csv", "--data", data, "--out", flat); err != nil {
		t.Fatalf("export --format csv: %v %s", err, msg)
	}
	b, err := os.ReadFile(filepath.Join(flat, importer.FlatFile))
	if err != nil || !bytes.HasPrefix(b, []byte(strings.Join(importer.FlatColumns, ",")+"\n")) || !bytes.Contains(b, []byte("Elvin Mustafayev,")) {
		t.Errorf("people.csv: %v\n%s", err, b)
	}
}
