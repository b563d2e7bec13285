package importer_test

import (
	"bytes"
	"context"
	"math/rand"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"

	"codeberg.org/habeas/habeas"
	"codeberg.org/habeas/habeas/demo"
	"codeberg.org/habeas/habeas/importer"
	"codeberg.org/habeas/habeas/store"
	"codeberg.org/habeas/habeas/store/storetest"
)

var today = clock.T

// writeFile writes a file of the test's own and returns its path.
func writeFile(t *testing.T, name string, b []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, b, 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func flatExport(t *testing.T, s *store.Store, access habeas.Access) []byte {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "out")
	if _, err := importer.ExportDir(context.Background(), s, dir, importer.ExportOptions{Access: access, Format: importer.FormatCSV, Today: today}); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(dir, importer.FlatFile))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func importFlat(t *testing.T, s *store.Store, opt importer.Options, paths ...string) (*importer.Report, error) {
	t.Helper()
	opt.Today = today
	return importer.Import(context.Background(), s, habeas.Operator, paths, opt)
}

func countPeople(t *testing.T, s *store.Store) int {
	t.Helper()
	page, err := s.ListPersonRecords(context.Background(), habeas.Confidential, habeas.ListOptions{Limit: habeas.MaxLimit})
	if err != nil {
		t.Fatal(err)
	}
	return len(page.Items)
}

// The CSV export of the demo, imported into an empty instance, exports
// as the same people.csv; imported again, it changes nothing.
func TestFlatRoundTrip(t *testing.T) {
	for _, d := range storetest.Backends() {
		t.Run(string(d), func(t *testing.T) { flatRoundTrip(t, d) })
	}
}

func flatRoundTrip(t *testing.T, d store.Dialect) {
	{
		ctx := context.Background()
		s := storetest.New(t, d, clock)
		if err := demo.Load(ctx, s); err != nil {
			t.Fatal(err)
		}
		first := flatExport(t, s, habeas.Public)
		file := writeFile(t, importer.FlatFile, first)
		again := storetest.New(t, d, clock)
		rep, err := importFlat(t, again, importer.Options{}, file)
		if err != nil {
			t.Fatalf("import: %v %v", err, rep.Problems)
		}
		if rep.Created[importer.CreatedPeople] != 5 || rep.Unchanged != 0 {
			t.Errorf("report %+v", rep)
		}
		if second := flatExport(t, again, habeas.Public); !bytes.Equal(first, second) {
			t.Errorf("people.csv differs after an import:\n%s\n---\n%s", first, second)
		}
		rep, err = importFlat(t, again, importer.Options{DryRun: true}, file)
		if err != nil || rep.Unchanged != 5 || rep.Total() != 0 || rep.Duplicates != 0 {
			t.Errorf("dry run of a re-import: %+v %v", rep, err)
		}
		rep, err = importFlat(t, again, importer.Options{}, file)
		if err != nil || rep.Total() != 0 || countPeople(t, again) != 5 {
			t.Errorf("re-import: %+v %v, %d people", rep, err, countPeople(t, again))
		}
	}
}

const listHeader = "name,other_names,country,birth_year,arrest_date,charges,court,sentence,sentence_date,facility,status,classification,notes,source_url,source_title,visibility\n"

// Files as people have them: each encoding and separator, a quoted cell
// with a newline, dates and terms as typed.
func TestFlatFilesAsPeopleHaveThem(t *testing.T) {
	text := "ФИО;страна;дата ареста;срок;статья;статус;заметки\n" +
		"Анар Алиев;az;31.01.2024;5,5 лет;234.4.3: незаконный оборот;sentenced;\"две строки\nвторая\"\n"
	m := writeFile(t, "map.json", []byte(`{"columns":{"ФИО":"name","страна":"country","дата ареста":"arrest_date","срок":"sentence","статья":"charges","статус":"status","заметки":"notes"}}`))
	mapping, err := importer.ReadMapping(m)
	if err != nil {
		t.Fatal(err)
	}
	u16, _ := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().Bytes([]byte(text))
	cp, _ := charmap.Windows1251.NewEncoder().Bytes([]byte(text))
	files := map[string][]byte{
		"utf8.csv":   []byte(text),
		"bom.csv":    append([]byte{0xef, 0xbb, 0xbf}, text...),
		"utf16.csv":  u16,
		"cp1251.csv": cp,
		"tab.csv":    []byte(strings.ReplaceAll(text, ";", "\t")),
		"comma.csv":  []byte(strings.ReplaceAll(strings.ReplaceAll(text, ",", "."), ";", ",")),
	}
	for name, b := range files {
		t.Run(name, func(t *testing.T) {
			s := storetest.New(t, store.SQLite, clock)
			rep, err := importFlat(t, s, importer.Options{Mapping: mapping}, writeFile(t, name, b))
			if err != nil {
				t.Fatalf("%v %v", err, rep.Problems)
			}
			page, _ := s.ListPersonRecords(context.Background(), habeas.Confidential, habeas.ListOptions{})
			if len(page.Items) != 1 || page.Items[0].DisplayName() != "Анар Алиев" || page.Items[0].Visibility != habeas.Internal {
				t.Fatalf("people %+v", page.Items)
			}
			c, err := s.CurrentCase(context.Background(), habeas.Confidential, page.Items[0].ID)
			if err != nil || c.ArrestDate != "2024-01-31" || c.Sentence != (habeas.Sentence{Years: 5, Months: 6}) ||
				c.Summary != "две строки\nвторая" || len(c.Charges) != 1 || c.Charges[0].Article != "234.4.3" {
				t.Fatalf("case %+v %v", c, err)
			}
			tl, _ := s.Timeline(context.Background(), habeas.Confidential, c.ID)
			if len(tl) != 1 || tl[0].Kind != habeas.EventArrest || tl[0].Date != "2024-01-31" {
				t.Errorf("timeline %+v", tl)
			}
		})
	}
}

// Bad input is reported with file, line and column, and nothing at all is
// imported, not even the good rows.
func TestFlatBadInput(t *testing.T) {
	good := "Good Person,,AZ,,,,,,,,,,,,,public\n"
	tests := []struct {
		name, text, want string
	}{
		{"ragged", listHeader + good + "Anar,AZ\n", "people.csv:3: 2 cells; the header has 16 columns"},
		{"unclosed quote", listHeader + good + "\"Anar,,AZ\n" + good, "people.csv:3: a quoted cell begun on this line is not closed"},
		{"bare quote", listHeader + good + "An\"ar,,AZ,,,,,,,,,,,,,\n", "people.csv:3: column 3: a quote inside an unquoted cell"},
		{"unknown column", "name,nickname\nAnar,An\n", `people.csv:1: column 2: "nickname" is not a column of the flat layout`},
		{"no name column", "country\nAZ\n", "no column name"},
		{"ambiguous date", listHeader + good + "Anar,,AZ,,01/02/2024,,,,,,detained,,,,,\n", "people.csv:3: arrest_date: \"01/02/2024\": day and month could be swapped; write 2024-02-01 or 1 Feb 2024"},
		{"impossible date", listHeader + good + "Anar,,AZ,,31.02.2024,,,,,,detained,,,,,\n", "people.csv:3: arrest_date: \"31.02.2024\": day 31 does not exist"},
		{"sentence", listHeader + good + "Anar,,AZ,,,,,5-7 years,,,sentenced,,,,,\n", "people.csv:3: sentence: \"5-7 years\": a range is not one term"},
		{"status", listHeader + good + "Anar,,AZ,,,,,,,,missing,,,,,\n", "people.csv:3: status: unknown status \"missing\" (want one of detained, pre_trial, sentenced, released, pardoned, deceased)"},
		{"no status", listHeader + good + "Anar,,AZ,,2024,,,,,,,,,,,\n", "people.csv:3: status: is required when the row describes a case"},
		{"verdict but pre-trial", listHeader + good + "Anar,,AZ,,2023,,,,2024,,pre-trial,,,,,\n", "people.csv:3: sentence_date: a sentence date says there was a verdict"},
		{"released but held", listHeader + good + "Anar,,AZ,,2023,,,,,Colony 2,released,,,,,\n", "people.csv:3: facility: a released person is not held"},
		{"country", listHeader + good + "Anar,,Azerbaijan,,,,,,,,,,,,,\n", "people.csv:3: country: must be an ISO 3166-1 alpha-2 code"},
		{"no country", listHeader + good + "Anar,,,,,,,,,,,,,,,\n", "people.csv:3: country: is required"},
		{"visibility", listHeader + good + "Anar,,AZ,,,,,,,,,,,,,secret\n", "people.csv:3: visibility: unknown visibility"},
		{"source without a case", listHeader + good + "Anar,,AZ,,,,,,,,,,,https://example.org/a,A,\n", "people.csv:3: source_url: the row says nothing of a case"},
		{"bad url", listHeader + good + "Anar,,AZ,,2024,,,,,,detained,,,javascript:alert(1),A,\n", "people.csv:3: source_url: must be an absolute http or https URL"},
		{"not text", "\x00\x01\x02name\n", "not text: it holds NUL bytes"},
		{"empty", "", "empty: a flat file begins with a header row"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := storetest.New(t, store.SQLite, clock)
			rep, err := importFlat(t, s, importer.Options{}, writeFile(t, importer.FlatFile, []byte(tt.text)))
			if err == nil {
				t.Fatalf("imported: %+v", rep)
			}
			got := err.Error()
			if rep != nil {
				got += "\n" + strings.Join(rep.Problems, "\n")
			}
			if !strings.Contains(got, tt.want) {
				t.Errorf("got\n%s\nwant %q", got, tt.want)
			}
			if n := countPeople(t, s); n != 0 {
				t.Errorf("%d people imported from a file with a bad row", n)
			}
		})
	}
}

// A file of garbage or an unclosed quote over megabytes ends with a clear
// error, without holding the file in memory.
func TestFlatGarbage(t *testing.T) {
	s := storetest.New(t, store.SQLite, clock)
	garbage := make([]byte, 8<<20)
	rand.New(rand.NewSource(1)).Read(garbage)
	if _, err := importFlat(t, s, importer.Options{}, writeFile(t, "garbage.csv", garbage)); err == nil {
		t.Fatal("garbage imported")
	}
	unclosed := listHeader + "\"" + strings.Repeat("x,", 2<<20) + "\n"
	_, err := importFlat(t, s, importer.Options{}, writeFile(t, importer.FlatFile, []byte(unclosed)))
	if err == nil || !strings.Contains(err.Error(), "people.csv:2: a row longer than") {
		t.Errorf("unclosed quote over megabytes: %v", err)
	}
	if countPeople(t, s) != 0 {
		t.Error("garbage imported people")
	}
}

// A name a spreadsheet would run as a formula is stored as the text it
// is, exported neutralised, and that export imports back unchanged.
func TestFlatFormulaName(t *testing.T) {
	storetest.ForEach(t, clock, func(t *testing.T, s *store.Store) {
		name := `=HYPERLINK("https://evil.example","Click")`
		file := writeFile(t, importer.FlatFile, []byte(listHeader+`"`+strings.ReplaceAll(name, `"`, `""`)+`",,AZ,,,,,,,,,,,,,public`+"\n"))
		if rep, err := importFlat(t, s, importer.Options{}, file); err != nil {
			t.Fatalf("%v %v", err, rep.Problems)
		}
		page, _ := s.ListPersonRecords(context.Background(), habeas.Confidential, habeas.ListOptions{})
		if len(page.Items) != 1 || page.Items[0].DisplayName() != name {
			t.Fatalf("stored %+v", page.Items)
		}
		out := flatExport(t, s, habeas.Public)
		if !bytes.Contains(out, []byte(`"'=HYPERLINK(`)) {
			t.Errorf("export not neutralised:\n%s", out)
		}
		rep, err := importFlat(t, s, importer.Options{DryRun: true}, writeFile(t, importer.FlatFile, out))
		if err != nil || rep.Unchanged != 1 {
			t.Errorf("re-import of the export: %+v %v", rep, err)
		}
	})
}

// Facilities written another way are matched and listed; a decisions
// file keeps a spelling apart. People who may be the same are flagged
// with their scores and not merged.
func TestFlatPreview(t *testing.T) {
	storetest.ForEach(t, clock, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		f := habeas.Facility{Name: "SIZO-1", Kind: "pre_trial", Country: "AZ", Visibility: habeas.Public}
		if err := s.CreateFacility(ctx, habeas.Operator, &f); err != nil {
			t.Fatal(err)
		}
		if err := demo.Load(ctx, s); err != nil {
			t.Fatal(err)
		}
		before := countPeople(t, s)
		text := listHeader +
			"Anar Aliyev,,AZ,,2024-01-10,,,,,sizo-1,pre_trial,,,https://example.org/a,Arrests,\n" +
			"Elvin Mustafaev,,AZ,,2023-08,,,,,,detained,,,https://example.org/a,Arrests,\n" +
			"Anar Aliev,,AZ,,2024-01-11,,,,,Sizo-1,pre_trial,,,,,\n"
		file := writeFile(t, importer.FlatFile, []byte(text))
		rep, err := importFlat(t, s, importer.Options{DryRun: true}, file)
		if err != nil {
			t.Fatalf("%v %v", err, rep.Problems)
		}
		preview := strings.Join(rep.Preview, "\n")
		for _, want := range []string{
			`people.csv:2: facility: "sizo-1" is taken for "SIZO-1" (facility ` + strconv.FormatInt(f.ID, 10) + `)`,
			`people.csv:3: "Elvin Mustafaev" may be the same person as "Elvin Mustafayev" (person `,
			`people.csv:4: "Anar Aliev" may be the same person as "Anar Aliyev" (people.csv:2) `,
			`"split_facilities"`,
		} {
			if !strings.Contains(preview, want) {
				t.Errorf("preview lacks %q:\n%s", want, preview)
			}
		}
		if countPeople(t, s) != before {
			t.Error("a dry run imported people")
		}
		if rep.Created[importer.CreatedFacilities] != 0 || rep.Created[importer.CreatedSources] != 1 || rep.Duplicates != 2 {
			t.Errorf("report %+v", rep)
		}
		dec := writeFile(t, "decisions.json", []byte(`{"split_facilities":["sizo-1"],"skip":["people.csv:3"]}`))
		d, err := importer.ReadDecisions(dec)
		if err != nil {
			t.Fatal(err)
		}
		rep, err = importFlat(t, s, importer.Options{Decisions: d}, file)
		if err != nil {
			t.Fatalf("%v %v", err, rep.Problems)
		}
		if rep.Created[importer.CreatedPeople] != 2 || rep.Created[importer.CreatedFacilities] != 1 || rep.Skipped != 1 || rep.Matches != 1 {
			t.Errorf("report %+v\n%s", rep, strings.Join(rep.Preview, "\n"))
		}
		if countPeople(t, s) != before+2 {
			t.Errorf("%d people, want %d", countPeople(t, s), before+2)
		}
	})
}
