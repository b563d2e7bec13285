package main

import (
	"context"
	crand "crypto/rand"
	"database/sql"
	"encoding/base64"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"codeberg.org/habeas/habeas/bench"
)

// BenchReport is what `habeas bench` measured: the import of a generated
// set, the start of serve on it, the load on its routes and the kill
// rounds. Durations are nanoseconds in its JSON form.
type BenchReport struct {
	Set     string          `json:"set"`
	Day     string          `json:"day"`
	Counts  bench.GenCounts `json:"counts"`
	Backend string          `json:"backend"` // "sqlite" or "postgres"
	// Generated is how long making the set took (0 for --set).
	Generated time.Duration     `json:"generated_ns,omitempty"`
	Import    BenchImport       `json:"import"`
	Startup   BenchStartup      `json:"startup"`
	Load      *bench.LoadReport `json:"load"`
	Kills     *BenchKills       `json:"kills,omitempty"`
}

// BenchImport is the import of the set by a child `habeas import`.
type BenchImport struct {
	Wall time.Duration `json:"wall_ns"`
	// PeakRSS is the child's peak resident memory (rusage maxrss, Linux).
	PeakRSS int64  `json:"peak_rss_bytes"`
	Output  string `json:"output"` // what the import printed of its records
}

// BenchStartup is the start of a child `habeas serve` on the imported set.
type BenchStartup struct {
	// Health is from starting the process to the first 200 of /healthz;
	// FirstPage, to the first 200 of / after it (the home counters).
	Health    time.Duration `json:"health_ns"`
	FirstPage time.Duration `json:"first_page_ns"`
}

// BenchKills is what the kill rounds found (faults.go).
type BenchKills struct {
	Imports ImportKillResult `json:"imports"`
	Writes  WriteKillResult  `json:"writes"`
	// Error is the first failure of a round, empty when every round passed.
	Error string `json:"error,omitempty"`
}

// runBenchAll implements `habeas bench`: the whole measurement of issue 8,
// each step a child process of this same binary, as an operator runs it.
func runBenchAll(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	gen := bench.DefaultGenOptions()
	var lo bench.LoadOptions
	var set, dataDir, dsn, day, conns, routes string
	var killRounds, killPeople int
	var asJSON, keep bool
	fs := flag.NewFlagSet("bench", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&set, "set", "", "a set made by habeas bench gen (default: generate one of --people into the scratch folder)")
	fs.IntVar(&gen.People, "people", gen.People, "people of the set to generate (facilities and organizations in proportion)")
	fs.StringVar(&day, "now", envOr("HABEAS_NOW", gen.Now.Format(time.DateOnly)), "the set's day, YYYY-MM-DD: generated for it, imported and served with it")
	fs.StringVar(&dataDir, "data", "", "a new or empty folder to import into (default: one in the scratch folder)")
	fs.StringVar(&dsn, "db", "", "an empty PostgreSQL database (postgres://…) to import into instead of SQLite")
	fs.DurationVar(&lo.Duration, "duration", 5*time.Second, "how long each route runs at each concurrency")
	fs.StringVar(&conns, "conns", "1,8,64", "the numbers of concurrent connections, comma-separated")
	fs.StringVar(&routes, "routes", "", "the routes to run, comma-separated (default all: "+strings.Join(bench.LoadRouteNames(), ",")+")")
	fs.IntVar(&lo.MaxURLs, "urls", 300, "the most distinct URLs per route")
	fs.IntVar(&killRounds, "kill-rounds", 50, "SIGKILL rounds during imports and during writes (0: none)")
	fs.IntVar(&killPeople, "kill-people", FaultExportPeople, "people in the export each kill round imports")
	fs.BoolVar(&asJSON, "json", false, "write the report as JSON")
	fs.BoolVar(&keep, "keep", false, "keep the scratch folder (the set, the data) instead of removing it")
	if err := fs.Parse(args); err != nil {
		return errUsage
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "habeas bench: unexpected argument %q\n\n%s", fs.Arg(0), benchUsage)
		return errUsage
	}
	t, err := time.Parse(time.DateOnly, day)
	if err != nil {
		return fmt.Errorf("--now %q: want a date like 2025-06-01", day)
	}
	lo.Progress = stderr
	if err := parseConns(conns, &lo); err != nil {
		return err
	}
	if routes != "" {
		lo.Routes = strings.Split(routes, ",")
	}
	if dataDir != "" && dsn != "" {
		return errors.New("bench: give --data or --db, not both")
	}
	exe, err := os.Executable()
	if err != nil {
		return fmt.Errorf("bench: find this program to run it: %w", err)
	}
	scratch, err := os.MkdirTemp("", "habeas-bench-")
	if err != nil {
		return err
	}
	if keep {
		fmt.Fprintf(stderr, "habeas bench: scratch folder %s\n", scratch)
	} else {
		defer os.RemoveAll(scratch)
	}
	// The children's key: HABEAS_KEY; else, for --data, the key file the
	// import makes in it (the folder stays usable after the bench); else,
	// for data that is thrown away, one made up for the run. --db has no
	// folder to keep a key in, so it needs HABEAS_KEY.
	env := os.Environ()
	if os.Getenv("HABEAS_KEY") == "" && dsn != "" {
		return errors.New("bench: --db needs the key in HABEAS_KEY (base64 of 32 bytes), to open the database again after the bench")
	}
	if os.Getenv("HABEAS_KEY") == "" && dataDir == "" {
		k := make([]byte, 32)
		crand.Read(k)
		env = append(env, "HABEAS_KEY="+base64.StdEncoding.EncodeToString(k))
	}
	habeas := func(args ...string) *exec.Cmd {
		cmd := exec.CommandContext(ctx, exe, args...)
		cmd.Env = env
		return cmd
	}
	say := func(format string, args ...any) { fmt.Fprintf(stderr, "habeas bench: "+format+"\n", args...) }

	rep := &BenchReport{Set: set, Day: day, Backend: "sqlite"}
	where := []string{"--data", dataDir}
	switch {
	case dsn != "":
		rep.Backend = "postgres"
		where = []string{"--db", dsn}
		if err := checkEmptyPostgres(ctx, dsn); err != nil {
			return err
		}
	case dataDir == "":
		where[1] = filepath.Join(scratch, "data")
	default:
		if entries, err := os.ReadDir(dataDir); err == nil && len(entries) > 0 {
			return fmt.Errorf("bench: --data %s is not empty: the import must start from nothing", dataDir)
		}
	}

	if set == "" {
		rep.Set = filepath.Join(scratch, "set")
		gen.Now = t
		gen.Facilities = max(5, gen.Facilities*gen.People/100_000)
		gen.Organizations = max(5, gen.Organizations*gen.People/100_000)
		say("generating %d people into %s", gen.People, rep.Set)
		start := time.Now()
		if rep.Counts, err = bench.Generate(rep.Set, gen); err != nil {
			return err
		}
		rep.Generated = time.Since(start)
	} else if rep.Counts, err = readManifestCounts(set); err != nil {
		return err
	}

	say("importing %s", rep.Set)
	if rep.Import, err = timedImport(habeas, append(append([]string{"import", "--quiet", "--now", day}, where...), rep.Set)); err != nil {
		return err
	}

	say("starting serve")
	if rep.Startup, rep.Load, err = benchServe(ctx, habeas, append([]string{"serve", "--addr", "127.0.0.1:0", "--now", day}, where...), lo); err != nil {
		return err
	}

	var killErr error
	if killRounds > 0 {
		rep.Kills, killErr = benchKillRounds(ctx, habeas, scratch, killPeople, killRounds, say)
	}
	if asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		err = enc.Encode(rep)
	} else {
		err = rep.WriteText(stdout)
	}
	if killErr != nil {
		return fmt.Errorf("bench: a kill round failed: %w", killErr)
	}
	return err
}

// benchServe starts serve as a child, times its start, runs the load on
// it with its pid for memory, and stops it.
func benchServe(ctx context.Context, habeas commandFunc, args []string, lo bench.LoadOptions) (BenchStartup, *bench.LoadReport, error) {
	var st BenchStartup
	srv, err := startChildServer(ctx, habeas(args...))
	if err != nil {
		return st, nil, fmt.Errorf("bench: serve: %w", err)
	}
	st.Health = srv.Answered.Sub(srv.Started)
	for {
		code, err := getStatus(ctx, srv.URL+"/")
		if err == nil && code == http.StatusOK {
			st.FirstPage = time.Since(srv.Started)
			break
		}
		if err != nil || code >= 500 {
			srv.Kill()
			return st, nil, fmt.Errorf("bench: the home page of the new server: %d %v", code, err)
		}
		time.Sleep(2 * time.Millisecond)
	}
	lo.BaseURL, lo.PID = srv.URL, srv.Cmd.Process.Pid
	rep, err := bench.RunLoad(ctx, lo)
	if serr := srv.Stop(); err == nil && serr != nil {
		err = fmt.Errorf("bench: serve did not stop cleanly: %w", serr)
	}
	return st, rep, err
}

// benchKillRounds runs the kill rounds during imports, then during writes;
// the report notes the first failure.
func benchKillRounds(ctx context.Context, habeas commandFunc, scratch string, people, rounds int,
	say func(string, ...any)) (*BenchKills, error) {
	k := &BenchKills{}
	rng := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 8))
	say("%d kill rounds during imports", rounds)
	var err error
	k.Imports, err = killImports(ctx, habeas, scratch, people, rounds, rng)
	if err == nil {
		say("%d kill rounds during writes", rounds)
		k.Writes, err = killWrites(ctx, habeas, scratch, rounds, rng)
	}
	if err != nil {
		k.Error = err.Error()
	}
	return k, err
}

// parseConns reads --conns into o.
func parseConns(conns string, o *bench.LoadOptions) error {
	for _, c := range strings.Split(conns, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(c))
		if err != nil {
			return fmt.Errorf("--conns %q: want numbers such as 1,8,64", conns)
		}
		o.Connections = append(o.Connections, n)
	}
	return nil
}

// readManifestCounts reads what a generated set holds.
func readManifestCounts(set string) (bench.GenCounts, error) {
	b, err := os.ReadFile(filepath.Join(set, bench.FileManifest))
	if err != nil {
		return bench.GenCounts{}, fmt.Errorf("bench: --set %s: %w (make one with habeas bench gen)", set, err)
	}
	var m bench.Manifest
	if err := json.Unmarshal(b, &m); err != nil {
		return bench.GenCounts{}, fmt.Errorf("bench: %s: %w", bench.FileManifest, err)
	}
	return m.Counts, nil
}

// checkEmptyPostgres refuses a database that has any table: the import
// must start from nothing, and a bench must never write into real data.
func checkEmptyPostgres(ctx context.Context, dsn string) error {
	db, err := sql.Open("pgx", dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	var n int
	if err := db.QueryRowContext(ctx, "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = current_schema()").Scan(&n); err != nil {
		return fmt.Errorf("bench: --db: %w", err)
	}
	if n > 0 {
		return fmt.Errorf("bench: the --db database has %d tables: give an empty one (CREATE DATABASE …)", n)
	}
	return nil
}

// timedImport runs `habeas import` as a child and returns its wall time
// and peak memory.
func timedImport(habeas commandFunc, args []string) (BenchImport, error) {
	var r BenchImport
	cmd := habeas(args...)
	var out strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &out
	start := time.Now()
	err := cmd.Run()
	r.Wall = time.Since(start)
	r.Output = strings.TrimSpace(out.String())
	if err != nil {
		return r, fmt.Errorf("bench: import: %v\n%s", err, r.Output)
	}
	r.PeakRSS = peakRSS(cmd.ProcessState)
	return r, nil
}

// WriteText writes the report: the set, the import and the start, the
// table of routes, then the kill rounds.
func (r *BenchReport) WriteText(w io.Writer) error {
	c := r.Counts
	fmt.Fprintf(w, "habeas bench: %d people, %d cases, %d events (%s, day %s) on %s\n", c.People, c.Cases, c.Events, r.Set, r.Day, r.Backend)
	if r.Generated > 0 {
		fmt.Fprintf(w, "generate: %.2f s\n", r.Generated.Seconds())
	}
	fmt.Fprintf(w, "import: %.1f s, peak memory of the import %.1f MiB\n", r.Import.Wall.Seconds(), float64(r.Import.PeakRSS)/(1<<20))
	if lines := strings.Split(r.Import.Output, "\n"); r.Import.Output != "" {
		fmt.Fprintf(w, "  %s\n", lines[len(lines)-1])
	}
	fmt.Fprintf(w, "start-up: %.0f ms to the first 200 of /healthz, %.0f ms to the first 200 of /\n\n",
		float64(r.Startup.Health)/float64(time.Millisecond), float64(r.Startup.FirstPage)/float64(time.Millisecond))
	if err := r.Load.WriteText(w); err != nil {
		return err
	}
	if k := r.Kills; k != nil {
		if k.Error != "" {
			fmt.Fprintf(w, "\nkill rounds: FAILED: %s\n", k.Error)
			return nil
		}
		fmt.Fprintf(w, "\nkill rounds: %d imports of %d people killed at random moments (an import takes %.1f s; %d finished before the kill): none half-applied, every database passed integrity_check\n",
			k.Imports.Rounds, k.Imports.People, k.Imports.Reference.Seconds(), k.Imports.Completed)
		fmt.Fprintf(w, "kill rounds: %d servers killed during writes: %d acknowledged writes, %d kept after a restart\n",
			k.Writes.Rounds, k.Writes.Acknowledged, k.Writes.Kept)
	}
	return nil
}
