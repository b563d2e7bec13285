package alerts

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"codeberg.org/habeas/habeas"
	"codeberg.org/habeas/habeas/bench"
	"codeberg.org/habeas/habeas/casefile"
)

// benchCases is the number of cases BenchmarkEvaluate evaluates per
// operation: the 100,000 of SPEC §5.
const benchCases = 100_000

// BenchmarkEvaluate runs every rule, casefile.Compute included, on 100,000
// cases of the synthetic data set (habeas bench gen: 100,000 people,
// 1,000,000 events) as of its day, 1 June 2025. One operation is all
// 100,000 cases. Run: go test -run '^$' -bench Evaluate ./alerts
func BenchmarkEvaluate(b *testing.B) {
	opt := bench.DefaultGenOptions()
	dir := b.TempDir()
	if _, err := bench.Generate(dir, opt); err != nil {
		b.Fatal(err)
	}
	inputs, nEvents := loadBench(b, dir)
	b.Logf("%d cases, %d events", len(inputs), nEvents)
	th := Thresholds{}
	// casefile.Compute alone, side by side: the share of the rules
	// themselves in the figure, on a shared machine.
	b.Run("casefile.Compute", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			for i := range inputs {
				casefile.Compute(inputs[i].Case, inputs[i].Events, opt.Now)
			}
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(inputs)), "ns/case")
	})
	b.Run("all-rules", func(b *testing.B) {
		var findings int
		b.ReportAllocs()
		for b.Loop() {
			findings = 0
			for i := range inputs {
				findings += len(Evaluate(inputs[i], opt.Now, th))
			}
		}
		b.ReportMetric(float64(findings), "findings/op")
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(inputs)), "ns/case")
	})
}

// loadBench reads the first benchCases cases of a generated set with their
// events and interventions.
func loadBench(b *testing.B, dir string) ([]Input, int) {
	names := map[int64]string{}
	readLines(b, filepath.Join(dir, bench.FileFacilities), func(line []byte) {
		var f habeas.Facility
		decode(b, line, &f)
		names[f.ID] = f.Name
	})
	facility := func(id int64) string { return names[id] }
	var inputs []Input
	index := map[int64]int{}
	readLines(b, filepath.Join(dir, bench.FileCases), func(line []byte) {
		if len(inputs) == benchCases {
			return
		}
		c := new(habeas.Case)
		decode(b, line, c)
		index[c.ID] = len(inputs)
		inputs = append(inputs, Input{Case: c, Facility: facility})
	})
	events := 0
	readLines(b, filepath.Join(dir, bench.FileEvents), func(line []byte) {
		var e habeas.Event
		decode(b, line, &e)
		if i, ok := index[e.CaseID]; ok {
			inputs[i].Events = append(inputs[i].Events, e)
			events++
		}
	})
	readLines(b, filepath.Join(dir, bench.FileInterventions), func(line []byte) {
		var iv habeas.Intervention
		decode(b, line, &iv)
		if i, ok := index[iv.CaseID]; ok {
			inputs[i].Interventions = append(inputs[i].Interventions, iv)
		}
	})
	return inputs, events
}

func readLines(b *testing.B, path string, f func([]byte)) {
	file, err := os.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	defer file.Close()
	sc := bufio.NewScanner(file)
	sc.Buffer(make([]byte, 0, 1<<20), 1<<24)
	for sc.Scan() {
		f(sc.Bytes())
	}
	if err := sc.Err(); err != nil {
		b.Fatal(err)
	}
}

func decode(b *testing.B, line []byte, v any) {
	if err := json.Unmarshal(line, v); err != nil {
		b.Fatal(err)
	}
}
