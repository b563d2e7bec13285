package importer_test

import (
	"context"
	"os"
	"strconv"
	"testing"

	"codeberg.org/habeas/habeas"
	"codeberg.org/habeas/habeas/bench"
	"codeberg.org/habeas/habeas/importer"
	"codeberg.org/habeas/habeas/store"
	"codeberg.org/habeas/habeas/store/storetest"
)

// BenchmarkImport imports the synthetic data set of habeas bench gen
// (HABEAS_BENCH_PEOPLE people, default 1,000, with their cases, events,
// memberships and interventions) into a new SQLite database per iteration.
func BenchmarkImport(b *testing.B) {
	dir := b.TempDir()
	opt := bench.DefaultGenOptions()
	opt.People = 1000
	if n, err := strconv.Atoi(os.Getenv("HABEAS_BENCH_PEOPLE")); err == nil {
		opt.People = n
	}
	opt.Facilities, opt.Organizations = max(opt.People/50, 1), max(opt.People/200, 1)
	counts, err := bench.Generate(dir, opt)
	if err != nil {
		b.Fatal(err)
	}
	total := counts.Facilities + counts.Organizations + counts.Sources + counts.People +
		counts.Memberships + counts.Cases + counts.Events + counts.Interventions
	for b.Loop() {
		b.StopTimer()
		s := storetest.New(b, store.SQLite, habeas.FixedClock{T: opt.Now})
		b.StartTimer()
		rep, err := importer.ImportDir(context.Background(), s, habeas.Operator, dir, importer.Options{})
		if err != nil {
			b.Fatal(err, rep.Problems)
		}
	}
	b.ReportMetric(float64(total)*float64(b.N)/b.Elapsed().Seconds(), "records/s")
}
