package storetest

import (
	"runtime"
	"slices"
	"testing"

	"codeberg.org/habeas/habeas/store"
)

// recorder is a testing.TB that notes a skip or a failure and stops the
// goroutine, as the real ones do.
type recorder struct {
	testing.TB
	skipped, failed bool
}

func (r *recorder) Helper()     {}
func (r *recorder) Skip(...any) { r.skipped = true; runtime.Goexit() }
func (r *recorder) Skipf(string, ...any) {
	r.skipped = true
	runtime.Goexit()
}
func (r *recorder) Fatal(...any) { r.failed = true; runtime.Goexit() }
func (r *recorder) Fatalf(string, ...any) {
	r.failed = true
	runtime.Goexit()
}

func dsnOutcome(t *testing.T) *recorder {
	r := &recorder{TB: t}
	done := make(chan struct{})
	go func() {
		defer close(done)
		DSN(r, store.Postgres)
	}()
	<-done
	return r
}

// Without HABEAS_TEST_POSTGRES the PostgreSQL tests skip, except in CI,
// where they fail.
func TestMissingPostgresFailsInCI(t *testing.T) {
	t.Setenv(EnvPostgres, "")
	t.Setenv(EnvCI, "")
	if r := dsnOutcome(t); !r.skipped || r.failed {
		t.Errorf("outside CI: skipped %t, failed %t; want a skip", r.skipped, r.failed)
	}
	if slices.Contains(Backends(), store.Postgres) {
		t.Errorf("outside CI without PostgreSQL, Backends lists it")
	}
	t.Setenv(EnvCI, "true")
	if r := dsnOutcome(t); r.skipped || !r.failed {
		t.Errorf("in CI: skipped %t, failed %t; want a failure", r.skipped, r.failed)
	}
	if !slices.Contains(Backends(), store.Postgres) {
		t.Errorf("in CI, Backends leaves PostgreSQL out, so its tests would not even fail")
	}
}
