package store_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"codeberg.org/habeas/habeas/store"
	"codeberg.org/habeas/habeas/store/storetest"
)

func TestRedactDSN(t *testing.T) {
	for dsn, want := range map[string]string{
		"postgres://habeas:s3cret@db.example.org:5432/habeas?sslmode=require": "postgres://habeas:xxxxx@db.example.org:5432/habeas?sslmode=require",
		"postgresql://habeas@db/habeas":                                       "postgresql://habeas@db/habeas",
		"postgres://db/habeas?password=s3cret&user=habeas":                    "postgres://db/habeas?password=xxxxx&user=habeas",
		"habeas-data/habeas.db":                                               "habeas-data/habeas.db",
	} {
		if got := store.RedactDSN(dsn); got != want {
			t.Errorf("RedactDSN(%q) = %q, want %q", dsn, got, want)
		}
	}
	if got := store.RedactDSN("postgres://u:s3cret@host:port/db"); strings.Contains(got, "s3cret") {
		t.Errorf("unparsable DSN: %q", got)
	}
}

// Whatever goes wrong opening PostgreSQL, the error does not quote the
// password.
func TestOpenErrorsCarryNoPassword(t *testing.T) {
	const pw = "hunter2-Pw%21x"
	for _, dsn := range []string{
		"postgres://habeas:" + pw + "@127.0.0.1:1/habeas?sslmode=disable",        // nobody listens
		"postgres://habeas:" + pw + "@127.0.0.1:notaport/habeas?sslmode=disable", // does not parse
		"postgres://habeas:" + pw + "@127.0.0.1:1/habeas?sslmode=bogus",          // bad parameter
		"postgres://127.0.0.1:1/habeas?password=" + pw + "&connect_timeout=x",    // bad parameter
	} {
		_, err := store.Open(context.Background(), store.Config{DSN: dsn, Key: storetest.Key(), Clock: clock})
		if err == nil {
			t.Errorf("%s: no error", store.RedactDSN(dsn))
			continue
		}
		for _, p := range []string{"hunter2", "Pw!x"} {
			if strings.Contains(err.Error(), p) {
				t.Errorf("store.Open error carries the password: %v", err)
			}
		}
		_, err = store.KeyRecorded(context.Background(), dsn)
		if err == nil || strings.Contains(err.Error(), "hunter2") {
			t.Errorf("KeyRecorded error: %v", err)
		}
	}
}

// A driver error quoting the DSN loses its password, in every spelling,
// and still matches what it wraps.
func TestRedactErr(t *testing.T) {
	dsn := "postgres://habeas:p%40ss%2Fw0rd@db/habeas"
	cause := context.DeadlineExceeded
	err := store.RedactErr(fmt.Errorf("connect to postgres://habeas:p%%40ss%%2Fw0rd@db/habeas (p@ss/w0rd): %w", cause), dsn)
	if strings.Contains(err.Error(), "w0rd") {
		t.Errorf("redacted error: %v", err)
	}
	if !errors.Is(err, cause) {
		t.Errorf("redacted error lost its cause: %v", err)
	}
	if errors.Unwrap(err) != nil {
		t.Errorf("redacted error unwraps to the message with the password")
	}
}
