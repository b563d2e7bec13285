package edtf

import (
	"fmt"
	"strings"
	"time"
)

// Precision says which components of a Date are known.
//
// A year with unspecified digits (201X, 20XX) has PrecisionYear; its wider
// span shows in Earliest and Latest.
type Precision int

// The precisions, from coarsest to finest. The zero Precision belongs to the
// zero Date only.
const (
	PrecisionYear Precision = iota + 1
	PrecisionMonth
	PrecisionDay
)

// String returns "year", "month" or "day", or "none" for the zero Precision.
func (p Precision) String() string {
	switch p {
	case PrecisionYear:
		return "year"
	case PrecisionMonth:
		return "month"
	case PrecisionDay:
		return "day"
	case 0:
		return "none"
	}
	return fmt.Sprintf("Precision(%d)", int(p))
}

// Date is a parsed EDTF level-0/level-1 date such as 2023, 2023-08,
// 2024-01-31, 2025-05-06~, 2023? or 201X. The zero Date means "no date"
// (IsZero).
//
// Dates are small values: compare them with Compare, or with == for
// identity (two Dates are == exactly when their String forms are equal).
type Date struct {
	year   int16 // the year with unspecified digits counted as 0: 2010 for 201X
	month  uint8 // 1–12, or 0 when absent or unspecified
	day    uint8 // 1–31, or 0 when absent or unspecified
	yearX  uint8 // trailing unspecified year digits: 0, 1 (decade) or 2 (century)
	monthX bool  // month written as XX
	dayX   bool  // day written as XX
	qual   byte  // 0, '?', '~' or '%'
	parts  uint8 // components written: 1, 2 or 3; 0 for the zero Date
}

// MustParse is like Parse but panics when s is not a valid date. It is meant
// for tests and demo data, never for user input.
func MustParse(s string) Date {
	d, err := Parse(s)
	if err != nil {
		panic(err)
	}
	return d
}

// Day returns the day-precision Date of t's year, month and day, in t's own
// location. A time whose year lies outside 0000–9999 gives the zero Date.
func Day(t time.Time) Date {
	y, m, dd := t.Date()
	if y < 0 || y > 9999 {
		return Date{}
	}
	return Date{year: int16(y), month: uint8(m), day: uint8(dd), parts: 3}
}

// IsZero reports whether d is the zero Date, meaning "no date".
func (d Date) IsZero() bool { return d.parts == 0 }

// Precision returns how much of d is known: 2023-08-XX has PrecisionMonth,
// 2023-XX and 201X have PrecisionYear. The zero Date has Precision 0.
func (d Date) Precision() Precision {
	switch {
	case d.parts == 0:
		return 0
	case d.yearX > 0 || d.month == 0:
		return PrecisionYear
	case d.day == 0:
		return PrecisionMonth
	}
	return PrecisionDay
}

// Approximate reports whether d is approximate ('~' or '%').
func (d Date) Approximate() bool { return d.qual == '~' || d.qual == '%' }

// Uncertain reports whether d is uncertain ('?' or '%').
func (d Date) Uncertain() bool { return d.qual == '?' || d.qual == '%' }

// Year returns the year of d. For a year with unspecified digits it is the
// first year of the span: 2010 for 201X, 1900 for 19XX. The zero Date gives 0.
func (d Date) Year() int { return int(d.year) }

// Earliest returns the first day d may mean, at midnight UTC:
// 2023-08 gives 2023-08-01, 201X gives 2010-01-01. Qualifiers do not widen the
// span. The zero Date gives the zero time.Time.
func (d Date) Earliest() time.Time {
	if d.IsZero() {
		return time.Time{}
	}
	m, dd := max(d.month, 1), max(d.day, 1)
	return time.Date(int(d.year), time.Month(m), int(dd), 0, 0, 0, 0, time.UTC)
}

// Latest returns the last day d may mean, at midnight UTC:
// 2024-02 gives 2024-02-29, 201X gives 2019-12-31. Qualifiers do not widen the
// span. The zero Date gives the zero time.Time.
func (d Date) Latest() time.Time {
	if d.IsZero() {
		return time.Time{}
	}
	y := int(d.year) + pow10(int(d.yearX)) - 1
	m := int(d.month)
	if m == 0 {
		m = 12
	}
	dd := int(d.day)
	if dd == 0 {
		dd = daysIn(y, m)
	}
	return time.Date(y, time.Month(m), dd, 0, 0, 0, 0, time.UTC)
}

// Compare returns -1, 0 or +1 for a before, equal to or after b in a total
// order: zero Dates first, then by Earliest, then by Latest (the narrower
// date first when both start on the same day, so 2023-01-01 < 2023-01 <
// 2023), then by String (so 2023 < 2023? < 2023~). Compare(a, b) == 0
// exactly when a == b.
func Compare(a, b Date) int {
	if a.IsZero() || b.IsZero() {
		switch {
		case a.IsZero() && b.IsZero():
			return 0
		case a.IsZero():
			return -1
		}
		return 1
	}
	if c := a.Earliest().Compare(b.Earliest()); c != 0 {
		return c
	}
	if c := a.Latest().Compare(b.Latest()); c != 0 {
		return c
	}
	return strings.Compare(a.String(), b.String())
}

// Before reports whether d is certainly before o: every day d may mean is
// earlier than every day o may mean (d.Latest() < o.Earliest()). Qualifiers
// are not taken into account. It is false when either Date is zero.
func (d Date) Before(o Date) bool {
	if d.IsZero() || o.IsZero() {
		return false
	}
	return d.Latest().Before(o.Earliest())
}

// String returns the canonical EDTF form of d, such as "2023-08-XX~"; it
// round-trips through Parse. The zero Date gives "".
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	var buf [11]byte // the longest form: 2023-08-31%
	b := buf[:0]
	y := int(d.year)
	year := [4]byte{byte('0' + y/1000), byte('0' + y/100%10), byte('0' + y/10%10), byte('0' + y%10)}
	for i := 4 - int(d.yearX); i < 4; i++ {
		year[i] = 'X'
	}
	b = append(b, year[:]...)
	if d.parts >= 2 {
		b = appendComponent(b, d.month, d.monthX)
	}
	if d.parts >= 3 {
		b = appendComponent(b, d.day, d.dayX)
	}
	if d.qual != 0 {
		b = append(b, d.qual)
	}
	return string(b)
}

// appendComponent appends "-MM" (or "-DD"), or "-XX" when unspecified.
func appendComponent(b []byte, v uint8, unspecified bool) []byte {
	if unspecified {
		return append(b, '-', 'X', 'X')
	}
	return append(b, '-', '0'+v/10, '0'+v%10)
}

// MarshalText returns the canonical EDTF form of d; the zero Date gives an
// empty text.
func (d Date) MarshalText() ([]byte, error) {
	return []byte(d.String()), nil
}

// UnmarshalText parses an EDTF date into d; an empty text gives the zero
// Date. On error d is left unchanged and the error is a *ParseError.
func (d *Date) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*d = Date{}
		return nil
	}
	parsed, err := Parse(string(b))
	if err != nil {
		return err
	}
	*d = parsed
	return nil
}

// daysIn returns the number of days in month m of year y (proleptic
// Gregorian calendar).
func daysIn(y, m int) int {
	return time.Date(y, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

func pow10(n int) int {
	p := 1
	for range n {
		p *= 10
	}
	return p
}
