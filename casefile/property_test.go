package casefile

import (
	"math/rand/v2"
	"reflect"
	"slices"
	"strconv"
	"testing"

	"codeberg.org/habeas/habeas"
)

// fuzzTimeline turns bytes into a case and unique-ID events: three bytes an
// event (kind, date from sampleDates or the free-form date, facility).
func fuzzTimeline(data []byte, date string) (*habeas.Case, []habeas.Event) {
	pick := func(i int) string {
		if i%len(sampleDates) == 0 {
			return date
		}
		return sampleDates[i%len(sampleDates)]
	}
	c := &habeas.Case{}
	if len(data) >= 5 {
		statuses := append([]string{"", "bogus"}, habeas.Statuses...)
		c.Status = statuses[int(data[0])%len(statuses)]
		c.ArrestDate = pick(int(data[1]))
		c.SentenceDate = pick(int(data[2]))
		c.Sentence = habeas.Sentence{Years: int(data[3] % 12), Months: int(data[3] / 12 % 4)}
		c.PretrialCredited = data[4]&1 == 1
		c.FacilityID = int64(data[4] % 4)
		if data[4]&8 == 8 {
			c.ExpectedRelease = pick(int(data[4] >> 4))
		}
		data = data[5:]
	}
	var events []habeas.Event
	for i := 0; i+2 < len(data); i += 3 {
		kinds := append([]string{"bogus"}, habeas.EventKinds...)
		events = append(events, ev(int64(len(events)+1), kinds[int(data[i])%len(kinds)], pick(int(data[i+1])), int64(data[i+2]%4)))
	}
	return c, events
}

// checkInvariants reports what must hold for any input.
func checkInvariants(t *testing.T, s State) {
	t.Helper()
	for name, n := range map[string]int{"DaysWithoutNews": s.DaysWithoutNews, "DaysDetained": s.DaysDetained, "DaysToRelease": s.DaysToRelease} {
		if n < -1 {
			t.Errorf("%s = %d < -1", name, n)
		}
	}
	if s.HungerStrikeDays < 0 || s.HungerStrikeSince == "" && s.HungerStrikeDays != 0 {
		t.Errorf("HungerStrikeDays = %d with start %q", s.HungerStrikeDays, s.HungerStrikeSince)
	}
	if s.WhereaboutsUnknown != (s.UnknownSince != "") || s.WhereaboutsUnknown && s.FacilityID != 0 {
		t.Errorf("unknown %v, since %q, facility %d", s.WhereaboutsUnknown, s.UnknownSince, s.FacilityID)
	}
	if s.Detained != Held(s.Status) {
		t.Errorf("Detained %v with status %q", s.Detained, s.Status)
	}
	if !s.Detained && (s.DaysToRelease != -1 || s.ReleaseOverdue) {
		t.Errorf("not detained but DaysToRelease %d, overdue %v", s.DaysToRelease, s.ReleaseOverdue)
	}
	if Free(s.Status) && (s.DaysWithoutNews != -1 || s.HungerStrikeSince != "" || s.FacilityID != 0 || s.WhereaboutsUnknown) {
		t.Errorf("free (%s) but %+v", s.Status, s)
	}
	if (s.LastNews == "") != (s.LastNewsEventID == 0) {
		t.Errorf("LastNews %q, event %d", s.LastNews, s.LastNewsEventID)
	}
	counters := map[string]int{CounterDaysWithoutNews: s.DaysWithoutNews, CounterDaysDetained: s.DaysDetained,
		CounterHungerStrikeDays: s.HungerStrikeDays, CounterDaysToRelease: s.DaysToRelease}
	for k, v := range s.Approximate {
		n, ok := counters[k]
		if !ok || !v || n < 0 || k == CounterHungerStrikeDays && s.HungerStrikeSince == "" {
			t.Errorf("Approximate[%q] = %v with counter %d", k, v, n)
		}
	}
}

func FuzzCompute(f *testing.F) {
	f.Add([]byte{4, 13, 19, 3, 9, 1, 13, 0, 4, 25, 0, 19, 27, 3, 9, 24, 0}, "2025-05", int16(0))
	f.Add([]byte{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20}, "2024-02-29~", int16(-400))
	f.Add([]byte{7, 200, 100, 255, 255, 17, 0, 3, 15, 0, 0, 7, 0, 1}, "garbage", int16(900))
	f.Fuzz(func(t *testing.T, data []byte, date string, offset int16) {
		c, events := fuzzTimeline(data, date)
		today := day(t, "2025-05-15").AddDate(0, 0, int(offset))
		s := Compute(c, events, today)
		checkInvariants(t, s)
		// The order the events come in does not matter.
		shuffled := slices.Clone(events)
		slices.Reverse(shuffled)
		if again := Compute(c, shuffled, today); !reflect.DeepEqual(again, s) {
			t.Errorf("order changed the result:\n%+v\n%+v", s, again)
		}
		sorted := Sorted(events)
		if len(sorted) != len(events) {
			t.Errorf("Sorted lost events")
		}
	})
}

// A fixed-seed run of the same properties over random timelines, so that
// plain `go test` covers them without -fuzz.
func TestComputeProperties(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 11))
	for i := range 3000 {
		data := make([]byte, 5+3*r.IntN(30))
		for j := range data {
			data[j] = byte(r.IntN(256))
		}
		offset := r.IntN(2000) - 1000
		t.Run(strconv.Itoa(i), func(t *testing.T) {
			c, events := fuzzTimeline(data, "2025-05-XX")
			today := day(t, "2025-05-15").AddDate(0, 0, offset)
			s := Compute(c, events, today)
			checkInvariants(t, s)
			shuffled := slices.Clone(events)
			r.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
			if again := Compute(c, shuffled, today); !reflect.DeepEqual(again, s) {
				t.Errorf("order changed the result:\n%+v\n%+v", s, again)
			}
		})
	}
}

// benchTimeline is a long case: 1,000 events of every kind over ten years,
// in store order (by ID), with a few partial and garbage dates.
func benchTimeline(tb testing.TB) (*habeas.Case, []habeas.Event) {
	c, _ := seedCase()
	r := rand.New(rand.NewPCG(3, 5))
	events := make([]habeas.Event, 1000)
	start := day(tb, "2015-01-01")
	for i := range events {
		d := start.AddDate(0, 0, r.IntN(3800)).Format("2006-01-02")
		switch r.IntN(20) {
		case 0:
			d = d[:7]
		case 1:
			d += "~"
		case 2:
			d = "bad"
		}
		kind := habeas.EventKinds[r.IntN(len(habeas.EventKinds))]
		events[i] = ev(int64(i+1), kind, d, int64(r.IntN(4)))
	}
	return c, events
}

func BenchmarkCompute(b *testing.B) {
	c, events := benchTimeline(b)
	today := day(b, "2025-05-15")
	b.ReportAllocs()
	for b.Loop() {
		Compute(c, events, today)
	}
}

func BenchmarkComputeSeed(b *testing.B) {
	c, events := seedCase()
	today := day(b, "2025-05-15")
	b.ReportAllocs()
	for b.Loop() {
		Compute(c, events, today)
	}
}
