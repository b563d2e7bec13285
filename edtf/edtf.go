package edtf

import (
	"cmp"
	"fmt"
	"strings"
	"time"
)

// Precision says which components of a Date are known.
//
// A year with unspecified digits (201X, 20XX) has PrecisionYear; its wider
// span shows in Earliest and Latest. An interval has the precision of its
// coarser known end.
type Precision int

// The precisions, from coarsest to finest. The zero Precision belongs to the
// zero Date only.
const (
	PrecisionYear Precision = iota + 1
	PrecisionSeason
	PrecisionMonth
	PrecisionDay
	PrecisionTime // a day and a time of day (to the minute or the second)
)

// String returns "year", "season", "month", "day" or "time", or "none" for
// the zero Precision.
func (p Precision) String() string {
	switch p {
	case PrecisionYear:
		return "year"
	case PrecisionSeason:
		return "season"
	case PrecisionMonth:
		return "month"
	case PrecisionDay:
		return "day"
	case PrecisionTime:
		return "time"
	case 0:
		return "none"
	}
	return fmt.Sprintf("Precision(%d)", int(p))
}

// The seasons of EDTF level 1, written in place of the month: 2023-21 is the
// spring of 2023.
const (
	Spring = 21
	Summer = 22
	Autumn = 23
	Winter = 24
)

// point is one date: a whole Date, or one end of an interval.
type point struct {
	year   int16 // the year with unspecified digits counted as 0: 2010 for 201X
	month  uint8 // 1–12, or 0 when absent, unspecified or a season
	day    uint8 // 1–31, or 0 when absent or unspecified
	season uint8 // 21–24 (Spring … Winter), or 0
	yearX  uint8 // trailing unspecified year digits: 0, 1 (decade) or 2 (century)
	monthX bool  // month written as XX
	dayX   bool  // day written as XX
	qual   byte  // 0, '?', '~' or '%'
	parts  uint8 // components written: 1, 2 or 3; 0 for no date

	clock  uint8 // 0: no time of day; 2: hh:mm; 3: hh:mm:ss
	hour   uint8
	minute uint8
	second uint8
	zone   byte  // 0 (none: the source's local time), 'Z', '+' or '-'
	zoneAs uint8 // how the offset is written: zoneHH (+04), zoneHHMM (+0400) or zoneColon (+04:00)
	zoneH  uint8
	zoneM  uint8
}

const (
	zoneHH = iota + 1
	zoneHHMM
	zoneColon
)

// How an interval's end is given when it is not a date.
const (
	endDate    = iota // a date (or, for a single Date, nothing)
	endOpen           // ".." : no bound
	endUnknown        // ""   : a bound exists but is not known
)

// Date is a parsed EDTF level-0/level-1 date such as 2023, 2023-08,
// 2024-01-31, 2025-05-06~, 2023?, 201X, the season 2023-21, the date and
// time 2025-05-14T09:30, or the interval 2025-05-06/2025-05-14 (with open
// "2025-05/.." or unknown "/2025" ends). The zero Date means "no date"
// (IsZero).
//
// Dates are small values: compare them with Compare, or with == for
// identity (two Dates are == exactly when their String forms are equal).
type Date struct {
	point       // the date, or the start of an interval
	end   point // the end of an interval
	// interval is set for an interval; startAs and endAs then say whether
	// each end is a date, open or unknown.
	interval       bool
	startAs, endAs uint8
}

// The earliest and latest days an open or unknown end of an interval
// stands for: the whole range of four-digit years.
var (
	firstDay = time.Date(0, 1, 1, 0, 0, 0, 0, time.UTC)
	lastDay  = time.Date(9999, 12, 31, 0, 0, 0, 0, time.UTC)
)

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
	return Date{point: point{year: int16(y), month: uint8(m), day: uint8(dd), parts: 3}}
}

// IsZero reports whether d is the zero Date, meaning "no date".
func (d Date) IsZero() bool { return d.parts == 0 && !d.interval }

// IsInterval reports whether d is an interval (2025-05-06/2025-05-14,
// 2025-05/.., /2025).
func (d Date) IsInterval() bool { return d.interval }

// Start returns the start of an interval as a Date, or d itself when d is
// not an interval. An open or unknown start gives the zero Date (see
// StartOpen and StartUnknown).
func (d Date) Start() Date {
	if !d.interval {
		return d
	}
	return Date{point: d.point}
}

// End returns the end of an interval as a Date, or d itself when d is not
// an interval. An open or unknown end gives the zero Date.
func (d Date) End() Date {
	if !d.interval {
		return d
	}
	return Date{point: d.end}
}

// StartOpen reports whether d is an interval whose start is open ("../2025").
func (d Date) StartOpen() bool { return d.interval && d.startAs == endOpen }

// StartUnknown reports whether d is an interval whose start is unknown ("/2025").
func (d Date) StartUnknown() bool { return d.interval && d.startAs == endUnknown }

// EndOpen reports whether d is an interval whose end is open ("2025-05/..").
func (d Date) EndOpen() bool { return d.interval && d.endAs == endOpen }

// EndUnknown reports whether d is an interval whose end is unknown ("2025-05/").
func (d Date) EndUnknown() bool { return d.interval && d.endAs == endUnknown }

// Precision returns how much of d is known: 2023-08-XX has PrecisionMonth,
// 2023-XX and 201X have PrecisionYear, 2023-21 PrecisionSeason and
// 2025-05-14T09:30 PrecisionTime. An interval has the precision of its
// coarser known end. The zero Date has Precision 0.
func (d Date) Precision() Precision {
	if !d.interval {
		return d.point.precision()
	}
	a, b := d.point.precision(), d.end.precision()
	switch {
	case a == 0:
		return b
	case b == 0:
		return a
	}
	return min(a, b)
}

func (p point) precision() Precision {
	switch {
	case p.parts == 0:
		return 0
	case p.yearX > 0 || (p.month == 0 && p.season == 0):
		return PrecisionYear
	case p.season != 0:
		return PrecisionSeason
	case p.day == 0:
		return PrecisionMonth
	case p.clock != 0:
		return PrecisionTime
	}
	return PrecisionDay
}

// Approximate reports whether d, or either end of an interval, is
// approximate ('~' or '%').
func (d Date) Approximate() bool {
	return d.qual == '~' || d.qual == '%' || d.end.qual == '~' || d.end.qual == '%'
}

// Uncertain reports whether d, or either end of an interval, is uncertain
// ('?' or '%').
func (d Date) Uncertain() bool {
	return d.qual == '?' || d.qual == '%' || d.end.qual == '?' || d.end.qual == '%'
}

// Season returns the season of d (Spring, Summer, Autumn or Winter), or 0
// when d is not a season.
func (d Date) Season() int {
	if d.interval {
		return 0
	}
	return int(d.season)
}

// Year returns the year of d. For a year with unspecified digits it is the
// first year of the span: 2010 for 201X, 1900 for 19XX. An interval gives the
// year of its start, or of its end when the start is open or unknown. The
// zero Date gives 0.
func (d Date) Year() int {
	if d.interval && d.parts == 0 {
		return int(d.end.year)
	}
	return int(d.year)
}

// Time returns the instant of a date with a time of day
// (2025-05-14T09:30:00+04:00) and true. A time written without Z or an
// offset is the local time of the source and is returned in UTC, as if it
// were. Any other Date gives the zero time and false.
func (d Date) Time() (time.Time, bool) {
	if d.interval || d.clock == 0 {
		return time.Time{}, false
	}
	return d.point.instant(), true
}

func (p point) instant() time.Time {
	loc := time.UTC
	if p.zone == '+' || p.zone == '-' {
		off := int(p.zoneH)*3600 + int(p.zoneM)*60
		if p.zone == '-' {
			off = -off
		}
		loc = time.FixedZone("", off)
	}
	return time.Date(int(p.year), time.Month(p.month), int(p.day), int(p.hour), int(p.minute), int(p.second), 0, loc)
}

// Earliest returns the first day d may mean, at midnight UTC: 2023-08 gives
// 2023-08-01, 201X gives 2010-01-01, the spring 2023-21 gives 2023-03-01, an
// interval the first day of its start. A date with a time gives its own
// calendar day as written (2025-05-14T23:30-05:00 gives 2025-05-14). An
// open or unknown start gives 0000-01-01. Qualifiers do not widen the span.
// The zero Date gives the zero time.Time.
func (d Date) Earliest() time.Time {
	switch {
	case d.IsZero():
		return time.Time{}
	case d.interval && d.startAs != endDate:
		return firstDay
	}
	return d.point.earliest()
}

// Latest returns the last day d may mean, at midnight UTC: 2024-02 gives
// 2024-02-29, 201X gives 2019-12-31, the winter 2023-24 gives 2024-02-29, an
// interval the last day of its end. An open or unknown end gives
// 9999-12-31. Qualifiers do not widen the span. The zero Date gives the zero
// time.Time.
func (d Date) Latest() time.Time {
	switch {
	case d.IsZero():
		return time.Time{}
	case !d.interval:
		return d.point.latest()
	case d.endAs != endDate:
		return lastDay
	}
	return d.end.latest()
}

// seasonStart gives the first month of a season in its year: the
// meteorological seasons of the northern hemisphere (spring is March to
// May), so the winter of 2023 runs from December 2023 to February 2024.
func seasonStart(season uint8) int { return 3 * (int(season) - Spring + 1) }

func (p point) earliest() time.Time {
	if p.season != 0 {
		return time.Date(int(p.year), time.Month(seasonStart(p.season)), 1, 0, 0, 0, 0, time.UTC)
	}
	m, dd := max(p.month, 1), max(p.day, 1)
	return time.Date(int(p.year), time.Month(m), int(dd), 0, 0, 0, 0, time.UTC)
}

func (p point) latest() time.Time {
	if p.season != 0 {
		// the day before the next season starts
		return time.Date(int(p.year), time.Month(seasonStart(p.season)+3), 0, 0, 0, 0, 0, time.UTC)
	}
	y := int(p.year) + pow10(int(p.yearX)) - 1
	m := int(p.month)
	if m == 0 {
		m = 12
	}
	dd := int(p.day)
	if dd == 0 {
		dd = daysIn(y, m)
	}
	return time.Date(y, time.Month(m), dd, 0, 0, 0, 0, time.UTC)
}

// firstInstant is the first moment p may mean: its instant for a date with
// a time, midnight UTC of its first day otherwise. An interval's end must
// begin after its start begins.
func (p point) firstInstant() time.Time {
	if p.clock != 0 {
		return p.instant()
	}
	return p.earliest()
}

// Compare returns -1, 0 or +1 for a before, equal to or after b in a total
// order:
//
//  1. zero Dates first;
//  2. by Earliest, the first day a date may mean (an interval's start, a
//     month's first day, 0000-01-01 for an open or unknown start);
//  3. by Latest, the narrower date first when both start on the same day,
//     so 2025-05-06 < 2025-05-06/2025-05-14 < 2025-05 ... and
//     2023-01-01 < 2023-01 < 2023;
//  4. a date with a time of day before one of the same days without
//     (finer first), and times by the clock as the source wrote it
//     (09:30 before 10:00, whatever their offsets);
//  5. by String, so 2023 < 2023? < 2023~.
//
// Compare(a, b) == 0 exactly when a == b.
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
	if c := cmp.Compare(a.clockKey(), b.clockKey()); c != 0 {
		return c
	}
	return strings.Compare(a.String(), b.String())
}

// clockKey is the seconds into the day of a date's (or interval start's)
// time of day as written; a date without a time sorts after every time.
func (d Date) clockKey() int {
	if d.clock == 0 {
		return 86400
	}
	return int(d.hour)*3600 + int(d.minute)*60 + int(d.second)
}

// Before reports whether d is certainly before o: every day d may mean is
// earlier than every day o may mean (d.Latest() < o.Earliest()). It works on
// days: two times on the same day are not certainly before each other.
// Qualifiers are not taken into account. It is false when either Date is
// zero.
func (d Date) Before(o Date) bool {
	if d.IsZero() || o.IsZero() {
		return false
	}
	return d.Latest().Before(o.Earliest())
}

// String returns the canonical EDTF form of d, such as "2023-08-XX~" or
// "2025-05/.."; it round-trips through Parse. The zero Date gives "".
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	var buf [64]byte
	b := buf[:0]
	if !d.interval {
		return string(d.point.appendTo(b))
	}
	b = appendEnd(b, d.point, d.startAs)
	b = append(b, '/')
	b = appendEnd(b, d.end, d.endAs)
	return string(b)
}

func appendEnd(b []byte, p point, as uint8) []byte {
	switch as {
	case endOpen:
		return append(b, '.', '.')
	case endUnknown:
		return b
	}
	return p.appendTo(b)
}

func (p point) appendTo(b []byte) []byte {
	y := int(p.year)
	year := [4]byte{byte('0' + y/1000), byte('0' + y/100%10), byte('0' + y/10%10), byte('0' + y%10)}
	for i := 4 - int(p.yearX); i < 4; i++ {
		year[i] = 'X'
	}
	b = append(b, year[:]...)
	if p.parts >= 2 {
		if p.season != 0 {
			b = append(b, '-', '0'+p.season/10, '0'+p.season%10)
		} else {
			b = appendComponent(b, '-', p.month, p.monthX)
		}
	}
	if p.parts >= 3 {
		b = appendComponent(b, '-', p.day, p.dayX)
	}
	if p.clock != 0 {
		b = appendComponent(b, 'T', p.hour, false)
		b = appendComponent(b, ':', p.minute, false)
		if p.clock == 3 {
			b = appendComponent(b, ':', p.second, false)
		}
		switch p.zone {
		case 'Z':
			b = append(b, 'Z')
		case '+', '-':
			b = appendComponent(b, p.zone, p.zoneH, false)
			switch p.zoneAs {
			case zoneHHMM:
				b = append(b, '0'+p.zoneM/10, '0'+p.zoneM%10)
			case zoneColon:
				b = appendComponent(b, ':', p.zoneM, false)
			}
		}
	}
	if p.qual != 0 {
		b = append(b, p.qual)
	}
	return b
}

// appendComponent appends sep and two digits, or XX when unspecified.
func appendComponent(b []byte, sep byte, v uint8, unspecified bool) []byte {
	if unspecified {
		return append(b, sep, 'X', 'X')
	}
	return append(b, sep, '0'+v/10, '0'+v%10)
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
