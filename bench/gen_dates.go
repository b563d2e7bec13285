package bench

import (
	"math/rand/v2"
	"strings"
	"time"
)

// day is a calendar day: the number of days since 1970-01-01. Timelines
// are planned on true days and then written as EDTF dates of the
// precision a case file would have.
type day int32

func dayOf(t time.Time) day {
	y, m, d := t.Date()
	return day(time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix() / 86400)
}

func (d day) time() time.Time { return time.Unix(int64(d)*86400, 0).UTC() }

// precision is how an EDTF date is written.
type precision uint8

const (
	precDay           precision = iota // 2024-05-06
	precDayApprox                      // 2024-05-06~
	precDayUncertain                   // 2024-05-06?
	precMonth                          // 2024-05
	precMonthApprox                    // 2024-05~
	precYear                           // 2024
	precYearUncertain                  // 2024?
)

// span is an EDTF date with the first and last day it may mean.
type span struct {
	first, last day
	text        string
}

func render(d day, p precision) span {
	t := d.time()
	y, m, dd := t.Date()
	var b strings.Builder
	b.Grow(11)
	write4(&b, y)
	s := span{first: d, last: d}
	switch p {
	case precMonth, precMonthApprox:
		b.WriteByte('-')
		write2(&b, int(m))
		s.first = dayOf(time.Date(y, m, 1, 0, 0, 0, 0, time.UTC))
		s.last = dayOf(time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC))
	case precYear, precYearUncertain:
		s.first = dayOf(time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC))
		s.last = dayOf(time.Date(y, 12, 31, 0, 0, 0, 0, time.UTC))
	default:
		b.WriteByte('-')
		write2(&b, int(m))
		b.WriteByte('-')
		write2(&b, dd)
	}
	switch p {
	case precDayApprox, precMonthApprox:
		b.WriteByte('~')
	case precDayUncertain, precYearUncertain:
		b.WriteByte('?')
	}
	s.text = b.String()
	return s
}

func write4(b *strings.Builder, n int) {
	b.WriteByte(byte('0' + n/1000%10))
	b.WriteByte(byte('0' + n/100%10))
	write2(b, n%100)
}

func write2(b *strings.Builder, n int) {
	b.WriteByte(byte('0' + n/10))
	b.WriteByte(byte('0' + n%10))
}

// dayText is d as a plain EDTF day.
func dayText(d day) string { return render(d, precDay).text }

// compareSpans orders dates as edtf.Compare does: by first day, then last
// day, then text.
func compareSpans(a, b span) int {
	switch {
	case a.first != b.first:
		return int(a.first - b.first)
	case a.last != b.last:
		return int(a.last - b.last)
	}
	return strings.Compare(a.text, b.text)
}

// timelineDates writes the dates of one timeline, whose true days never
// decrease, so that the written dates sort in the same order: a coarser
// date that would sort before the previous one is written as a plain day,
// and a day that would still sort before it (the same day, qualified)
// takes the previous date, whose span holds it.
type timelineDates struct {
	prev span
	has  bool
}

func (t *timelineDates) date(d day, p precision) string {
	s := render(d, p)
	if t.has && compareSpans(t.prev, s) > 0 {
		s = render(d, precDay)
		if compareSpans(t.prev, s) > 0 {
			s = t.prev
		}
	}
	t.prev, t.has = s, true
	return s.text
}

// Precision mixes: how often a date of each sort is partial or uncertain.
var (
	precisionsArrest    = weights[precision]{{precDay, 72}, {precMonth, 18}, {precDayApprox, 5}, {precDayUncertain, 2}, {precYear, 3}}
	precisionsMilestone = weights[precision]{{precDay, 85}, {precMonth, 10}, {precDayApprox, 3}, {precDayUncertain, 2}}
	precisionsFiller    = weights[precision]{{precDay, 74}, {precMonth, 12}, {precDayApprox, 5}, {precDayUncertain, 5},
		{precMonthApprox, 1}, {precYear, 2}, {precYearUncertain, 1}}
	precisionsOld = weights[precision]{{precYear, 60}, {precMonth, 30}, {precDay, 10}}
)

// weights is a weighted choice among values.
type weights[T any] []struct {
	v T
	w int
}

func (ws weights[T]) pick(r *rand.Rand) T {
	total := 0
	for _, x := range ws {
		total += x.w
	}
	n := r.IntN(total)
	for _, x := range ws {
		if n < x.w {
			return x.v
		}
		n -= x.w
	}
	return ws[len(ws)-1].v
}

// pick returns a random element of s.
func pick[T any](r *rand.Rand, s []T) T { return s[r.IntN(len(s))] }

// chance reports true with probability p.
func chance(r *rand.Rand, p float64) bool { return r.Float64() < p }

// between returns a random int in [lo, hi]; lo when hi < lo.
func between(r *rand.Rand, lo, hi int) int {
	if hi <= lo {
		return lo
	}
	return lo + r.IntN(hi-lo+1)
}

// recentDaysAgo returns a number of days in [lo, hi], skewed towards lo:
// most documented detentions are recent.
func recentDaysAgo(r *rand.Rand, lo, hi int) int {
	u := r.Float64()
	return lo + int(float64(hi-lo)*u*u)
}
