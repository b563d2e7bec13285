package importer_test

import (
	"context"
	"os"
	"strconv"
	"sync"
	"testing"
	"time"

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

// An import derives its cases many at a time; each case's derived columns
// (status, place, silence, strike: what the lists show) are those a single
// write gives it, and the lists agree with them.
func TestGeneratedSetDerivesAsSingleWrites(t *testing.T) {
	dir := t.TempDir()
	opt := bench.DefaultGenOptions()
	opt.People, opt.Facilities, opt.Organizations = 700, 30, 8 // about 760 cases: several chunks
	if _, err := bench.Generate(dir, opt); err != nil {
		t.Fatal(err)
	}
	storetest.ForEach(t, habeas.FixedClock{T: opt.Now}, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		if rep, err := importer.ImportDir(ctx, s, habeas.Operator, dir, importer.Options{}); err != nil {
			t.Fatal(err, rep.Problems)
		}
		if err := s.VerifyDerived(ctx); err != nil {
			t.Error(err)
		}
		if err := s.VerifyLists(ctx); err != nil {
			t.Error(err)
		}
		// The import ran the rules on every case; a sweep the same day
		// finds exactly what it found.
		if sum, err := s.SweepAlerts(ctx); err != nil || sum.Opened+sum.Changed+sum.Resolved != 0 {
			t.Errorf("a sweep after the import: %+v, %v; want nothing to change", sum, err)
		}
	})
}

// BenchmarkSweep runs the alert rules over the synthetic data set
// (HABEAS_BENCH_PEOPLE people, default 1,000; 100,000 for the figures of
// docs/performance.md) once imported, as serve does every --sweep-every:
// "next-day" is the first sweep of a day, which evaluates every case (one
// operation, one day later), "same-day" a later sweep that day, which
// passes over the cases already swept. On SQLite, and on PostgreSQL when
// HABEAS_TEST_POSTGRES is set.
func BenchmarkSweep(b *testing.B) {
	dir := b.TempDir()
	opt := bench.DefaultGenOptions()
	opt.People = 1000
	if n, err := strconv.Atoi(os.Getenv("HABEAS_BENCH_PEOPLE")); err == nil {
		opt.People = n
	}
	opt.Facilities, opt.Organizations = max(opt.People/50, 1), max(opt.People/200, 1)
	if _, err := bench.Generate(dir, opt); err != nil {
		b.Fatal(err)
	}
	dialects := []store.Dialect{store.SQLite}
	if os.Getenv(storetest.EnvPostgres) != "" {
		dialects = append(dialects, store.Postgres)
	}
	for _, d := range dialects {
		b.Run(string(d), func(b *testing.B) {
			ctx := context.Background()
			clk := &dayClock{t: opt.Now}
			s := storetest.New(b, d, clk)
			if rep, err := importer.ImportDir(ctx, s, habeas.Operator, dir, importer.Options{}); err != nil {
				b.Fatal(err, rep.Problems)
			}
			sweep := func(b *testing.B) habeas.AlertSweep {
				sum, err := s.SweepAlerts(ctx)
				if err != nil {
					b.Fatal(err)
				}
				return sum
			}
			b.Logf("first sweep: %+v", sweep(b))
			b.Run("same-day", func(b *testing.B) {
				var sum habeas.AlertSweep
				for b.Loop() {
					sum = sweep(b)
				}
				b.ReportMetric(float64(sum.Cases), "cases")
			})
			b.Run("next-day", func(b *testing.B) {
				var sum habeas.AlertSweep
				for b.Loop() {
					b.StopTimer()
					clk.next()
					b.StartTimer()
					sum = sweep(b)
				}
				b.ReportMetric(float64(sum.Cases), "cases")
				b.ReportMetric(float64(sum.Opened+sum.Changed+sum.Resolved), "changes")
			})
		})
	}
}

// dayClock is a clock a benchmark moves a day at a time.
type dayClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *dayClock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *dayClock) next()          { c.mu.Lock(); c.t = c.t.AddDate(0, 0, 1); c.mu.Unlock() }
