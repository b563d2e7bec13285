package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"codeberg.org/habeas/habeas"
	"codeberg.org/habeas/habeas/demo"
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
	if err != nil || !strings.Contains(msg, "exported 30 records (public records only)") || strings.Contains(msg, "confidential") {
		t.Fatalf("export: %v %s", err, msg)
	}
	copyDir := filepath.Join(root, "copy")
	if msg, err := runCmd(t, "import", "--data", copyDir, "--dry-run", "--quiet", first); err != nil || !strings.Contains(msg, "would import") {
		t.Fatalf("import --dry-run: %v %s", err, msg)
	}
	if msg, err := runCmd(t, "import", first, "--quiet", "--data", copyDir); err != nil || !strings.Contains(msg, "imported 30 records") {
		t.Fatalf("import: %v %s", err, msg)
	}
	second := filepath.Join(root, "second")
	if msg, err := runCmd(t, "export", "--quiet", "--data", copyDir, "--out", second); err != nil {
		t.Fatalf("export the copy: %v %s", err, msg)
	}
	for _, name := range append([]string{importer.Manifest}, importer.FilesFor(habeas.Public)...) {
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

	popolo := filepath.Join(root, "popolo")
	if msg, err := runCmd(t, "export", "--quiet", "--format", "popolo", "--data", data, "--out", popolo); err != nil ||
		!strings.Contains(msg, importer.PopoloFile+" 10") {
		t.Fatalf("export --format popolo: %v %s", err, msg)
	}
	b, err = os.ReadFile(filepath.Join(popolo, importer.PopoloFile))
	var doc struct {
		Persons       []struct{ Name string } `json:"persons"`
		Organizations []struct{ Name string } `json:"organizations"`
		Memberships   []struct {
			PersonID string `json:"person_id"`
		} `json:"memberships"`
	}
	if err == nil {
		err = json.Unmarshal(b, &doc)
	}
	if err != nil || len(doc.Persons) != 5 || len(doc.Organizations) != 1 || len(doc.Memberships) != 4 ||
		doc.Memberships[0].PersonID != "person/"+demo.PersonSlug {
		t.Errorf("popolo.json: %v %+v\n%s", err, doc, b)
	}
	if msg, err := runCmd(t, "export", "--format", "xml", "--data", data, "--out", filepath.Join(root, "xml")); err == nil ||
		!strings.Contains(msg, "want csv, json or popolo") {
		t.Errorf("export --format xml: %v %s", err, msg)
	}
}
