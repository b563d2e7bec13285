// Package habeas holds the domain of habeas: the people detained for
// political reasons, their cases and timelines, the organizations and
// facilities around them, and the sources every fact cites.
//
// The package is pure: it imports only the standard library and the pure
// value package edtf (dates as people write them), so every other package
// can depend on it. Storage lives in store, pages in web, the JSON API in api.
package habeas

import (
	"context"
	"encoding/json"
	"time"
)

// Visibility says who may see a record or a field. The order matters:
// a reader with access level A sees every record whose visibility is <= A.
type Visibility int

const (
	// Public records appear on the public site, feeds and the public API.
	Public Visibility = iota
	// Internal records are for logged-in staff only.
	Internal
	// Confidential records are for staff granted confidential access;
	// their sensitive fields are encrypted at rest.
	Confidential
)

var visibilityNames = []string{"public", "internal", "confidential"}

// String returns the visibility's stable name.
func (v Visibility) String() string {
	if v < 0 || int(v) >= len(visibilityNames) {
		return "invalid"
	}
	return visibilityNames[v]
}

// Valid reports whether v is one of the three visibilities.
func (v Visibility) Valid() bool { return v >= Public && v <= Confidential }

// MarshalText writes the visibility's name.
func (v Visibility) MarshalText() ([]byte, error) { return []byte(v.String()), nil }

// UnmarshalText reads a visibility's name.
func (v *Visibility) UnmarshalText(b []byte) error {
	for i, n := range visibilityNames {
		if string(b) == n {
			*v = Visibility(i)
			return nil
		}
	}
	return Errorf(EINVALID, "unknown visibility %q (want public, internal or confidential)", truncate(string(b), 40))
}

// UnmarshalJSON reads a visibility's name. It refuses null, which would
// otherwise leave the zero value, public: nothing becomes public by
// omission.
func (v *Visibility) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		return Errorf(EINVALID, "visibility is required: public, internal or confidential")
	}
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return Errorf(EINVALID, "visibility must be a string: public, internal or confidential")
	}
	return v.UnmarshalText([]byte(s))
}

// Access is what a reader may see: the highest visibility they are allowed.
// Anonymous readers have Public access.
type Access = Visibility

// Clock tells what "today" is. Every "now" in habeas comes from a Clock so
// that --now can set the date for the whole program and tests can fix it.
type Clock interface {
	Now() time.Time
}

// SystemClock is the real wall clock.
type SystemClock struct{}

// Now returns the current time in UTC.
func (SystemClock) Now() time.Time { return time.Now().UTC() }

// FixedClock is a clock stopped at a given instant (from --now or a test).
type FixedClock struct{ T time.Time }

// Now returns the fixed instant.
func (c FixedClock) Now() time.Time { return c.T }

// OffsetClock is a clock that runs from a set starting date: its Now is the
// set date plus the time elapsed since the program started, so that
// timestamps still advance while "today" is the chosen day.
type OffsetClock struct {
	Base  time.Time
	Start time.Time // wall time at Base
	Wall  Clock
}

// Now returns Base plus the wall time elapsed since Start.
func (c OffsetClock) Now() time.Time { return c.Base.Add(c.Wall.Now().Sub(c.Start)) }

// Today returns the civil day of the clock's now, at midnight UTC.
func Today(c Clock) time.Time {
	t := c.Now().UTC()
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}

type ctxKey int

const accessKey ctxKey = 0

// WithAccess returns a context carrying the reader's access level.
func WithAccess(ctx context.Context, a Access) context.Context {
	return context.WithValue(ctx, accessKey, a)
}

// AccessFrom returns the access level carried by ctx; Public when none.
func AccessFrom(ctx context.Context) Access {
	if a, ok := ctx.Value(accessKey).(Access); ok {
		return a
	}
	return Public
}

func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}
