package importer_test

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"codeberg.org/habeas/habeas"
	"codeberg.org/habeas/habeas/importer"
	"codeberg.org/habeas/habeas/store"
	"codeberg.org/habeas/habeas/store/storetest"
)

// BenchmarkImport imports 1,000 people with a case and 10 events each
// (12,000 records) per iteration into a new SQLite database.
func BenchmarkImport(b *testing.B) {
	dir := b.TempDir()
	write := func(name string, fill func(w *bufio.Writer)) {
		f, err := os.Create(filepath.Join(dir, name))
		if err != nil {
			b.Fatal(err)
		}
		w := bufio.NewWriter(f)
		fill(w)
		w.Flush()
		f.Close()
	}
	const people = 1000
	write(importer.Manifest, func(w *bufio.Writer) { w.WriteString(`{"format":"habeas-export","version":1}`) })
	write("facilities.jsonl", func(w *bufio.Writer) {
		w.WriteString(`{"id":1,"name":"Penal Colony No. 2","kind":"colony","country":"AZ","visibility":"public"}` + "\n")
	})
	write("people.jsonl", func(w *bufio.Writer) {
		for i := 1; i <= people; i++ {
			fmt.Fprintf(w, `{"id":%d,"names":[{"name":"Person Number%d","kind":"primary","visibility":"public"},{"name":"Персон %d","kind":"transliteration","visibility":"public"}],"country":"AZ","visibility":"public"}`+"\n", i, i, i)
		}
	})
	write("cases.jsonl", func(w *bufio.Writer) {
		for i := 1; i <= people; i++ {
			fmt.Fprintf(w, `{"id":%d,"person_id":%d,"country":"AZ","status":"detained","arrest_date":"2024-03-%02d","charges":[{"article":"234.4.3","text":"drug trafficking"}],"sentence":{},"facility_id":1,"classification":"not_assessed","position":"unknown","visibility":"public"}`+"\n", i, i, 1+i%28)
		}
	})
	write("events.jsonl", func(w *bufio.Writer) {
		for i := 1; i <= people; i++ {
			for j := range 10 {
				fmt.Fprintf(w, `{"id":%d,"case_id":%d,"kind":"family_visit","date":"2024-%02d-1%d","facility_id":1,"source_ids":[],"visibility":"public"}`+"\n", i*10+j, i, 4+j%8, j%10)
			}
		}
	})
	for b.Loop() {
		b.StopTimer()
		s := storetest.New(b, store.SQLite, habeas.FixedClock{T: clock.T})
		b.StartTimer()
		rep, err := importer.ImportDir(context.Background(), s, habeas.Operator, dir, importer.Options{})
		if err != nil {
			b.Fatal(err, rep.Problems)
		}
	}
	b.ReportMetric(float64(people*12)*float64(b.N)/b.Elapsed().Seconds(), "records/s")
}
