package casefile

import (
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"
	"time"

	"codeberg.org/habeas/habeas"
	"codeberg.org/habeas/habeas/edtf"
)

func ids(events []habeas.Event) []int64 {
	out := make([]int64, len(events))
	for i, e := range events {
		out[i] = e.ID
	}
	return out
}

func TestSorted(t *testing.T) {
	tests := []struct {
		name   string
		events []habeas.Event
		want   []int64
	}{
		{"empty", nil, []int64{}},
		{"by date", []habeas.Event{ev(1, news, "2025-05-07", 0), ev(2, arrest, "2023-08", 0), ev(3, verdict, "2024-01-31", 0)}, []int64{2, 3, 1}},
		{"month before its days", []habeas.Event{ev(1, hsStart, "2025-05-06", 3), ev(2, transfer, "2025-05", 0)}, []int64{2, 1}},
		{"interval after its first day", []habeas.Event{ev(1, transfer, "2025-05-06/2025-05-14", 0), ev(2, hsStart, "2025-05-06", 3), ev(3, news, "2025-05-07~", 0)}, []int64{2, 1, 3}},
		{"times before their day, by the clock", []habeas.Event{ev(1, news, "2025-05-06", 0), ev(2, news, "2025-05-06T18:00", 0), ev(3, news, "2025-05-06T09:30+04:00", 0)}, []int64{3, 2, 1}},
		{"season among months", []habeas.Event{ev(1, news, "2025-04", 0), ev(2, arrest, "2025-21", 0), ev(3, news, "2025-03", 0)}, []int64{3, 2, 1}},
		{"open start first", []habeas.Event{ev(1, news, "2023", 0), ev(2, news, "../2025", 0)}, []int64{2, 1}},
		{"narrower first on the same first day", []habeas.Event{ev(1, news, "2023", 0), ev(2, news, "2023-01", 0), ev(3, news, "2023-01-01", 0)}, []int64{3, 2, 1}},
		{"qualifiers after the plain date", []habeas.Event{ev(1, news, "2023~", 0), ev(2, news, "2023?", 0), ev(3, news, "2023", 0)}, []int64{3, 2, 1}},
		{"ties by ID", []habeas.Event{ev(5, news, "2024-01-31", 0), ev(2, verdict, "2024-01-31", 0), ev(9, release, "2024-01-31", 0)}, []int64{2, 5, 9}},
		{"full ties keep the given order", []habeas.Event{ev(0, news, "2024", 0), ev(0, call, "2024", 0)}, nil},
		{"unparsable last, by ID", []habeas.Event{ev(4, news, "", 0), ev(3, news, "garbage", 0), ev(1, news, "2025", 0), ev(2, news, "2025-02-30", 0)}, []int64{1, 2, 3, 4}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := slices.Clone(tt.events)
			got := Sorted(tt.events)
			if !reflect.DeepEqual(tt.events, in) {
				t.Error("Sorted modified its input")
			}
			if tt.want == nil { // full ties: the given order
				if got[0].Kind != news || got[1].Kind != call {
					t.Errorf("Sorted = %v; want the given order", got)
				}
				return
			}
			if g := ids(got); !slices.Equal(g, tt.want) {
				t.Errorf("Sorted IDs = %v; want %v", g, tt.want)
			}
		})
	}
}

// sampleDates covers every form Parse accepts, and some it refuses.
var sampleDates = []string{
	"", "garbage", "2025-13", "2025-02-30", " 2025",
	"2023", "2023~", "2023?", "2023%", "201X", "19XX", "2023-XX", "2023-XX-XX",
	"2023-08", "2023-08~", "2023-08-XX", "2023-08-01", "2023-08-31", "2023-08-31?",
	"2024-01-31", "2024-02", "2024-02-29", "2024-02-29~", "2025-05", "2025-05-06",
	"2025-05-06~", "2025-05-07", "2025-05-14", "2025-05-15", "2025-05-16", "2025-06", "2026",
	"2025-21", "2025-24", "2025-05-06/2025-05-14", "2025-05/..", "../2025-05", "/2025", "2025-05-06/",
	"2025-05-06T09:30", "2025-05-06T23:00Z", "2025-05-06T08:00+04:00", "2025-05-06T09:30/2025-05-07",
}

// The precomputed sort keys order dates exactly as edtf.Compare does.
func TestSortedAgreesWithEdtfCompare(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for range 200 {
		events := make([]habeas.Event, 20)
		for i := range events {
			events[i] = ev(int64(r.IntN(5)), news, sampleDates[r.IntN(len(sampleDates))], 0)
		}
		got := Sorted(events)
		for i := 1; i < len(got); i++ {
			a, errA := edtf.Parse(got[i-1].Date)
			b, errB := edtf.Parse(got[i].Date)
			switch {
			case errA != nil && errB == nil:
				t.Fatalf("unparsable %q before %q", got[i-1].Date, got[i].Date)
			case errA == nil && errB == nil:
				c := edtf.Compare(a, b)
				if c > 0 || c == 0 && got[i-1].ID > got[i].ID {
					t.Fatalf("%q (id %d) before %q (id %d)", got[i-1].Date, got[i-1].ID, got[i].Date, got[i].ID)
				}
			case errA != nil && errB != nil && got[i-1].ID > got[i].ID:
				t.Fatalf("unparsable not by ID: %d before %d", got[i-1].ID, got[i].ID)
			}
		}
	}
}

func TestDayNumber(t *testing.T) {
	for _, s := range []string{"1970-01-01", "1969-12-31", "0001-01-01", "2024-02-29", "9999-12-31"} {
		d := day(t, s)
		back := time.Unix(dayNumber(d)*86400, 0).UTC()
		if !back.Equal(d) {
			t.Errorf("dayNumber(%s) round-trips to %s", s, back)
		}
	}
	// today is the caller's calendar day, in the caller's location
	baku := time.FixedZone("AZT", 4*3600)
	late := time.Date(2025, 5, 15, 23, 30, 0, 0, baku) // 19:30 UTC the same day
	early := time.Date(2025, 5, 15, 1, 0, 0, 0, baku)  // 21:00 UTC the day before
	want := dayNumber(day(t, "2025-05-15"))
	if todayNumber(late) != want || todayNumber(early) != want {
		t.Errorf("todayNumber = %d, %d; want %d", todayNumber(late), todayNumber(early), want)
	}
}

// An event counts once its earliest possible day has come.
func TestFutureEventsIgnored(t *testing.T) {
	c := &habeas.Case{Status: pretrial, ArrestDate: "2025-01-10", FacilityID: 3}
	events := timeline(
		ev(0, letter, "2025-05-01", 0),
		ev(0, hearing, "2025-05-16", 0),  // tomorrow
		ev(0, verdict, "2025-06", 0),     // next month
		ev(0, transfer, "2025-05-20", 0), // planned
		ev(0, hsStart, "2026", 3),
		ev(0, release, "2025-05-16", 0),
	)
	got := Compute(c, events, day(t, "2025-05-15"))
	want := State{
		Status: pretrial, FacilityID: 3,
		LastNews: "2025-05-01", LastNewsEventID: 1, DaysWithoutNews: 14,
		Detained: true, DetainedSince: "2025-01-10", DaysDetained: 125,
		DaysToRelease: -1,
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Compute:\n got %+v\nwant %+v", got, want)
	}
	// The next day the hearing and the release have happened.
	got = Compute(c, events, day(t, "2025-05-16"))
	if got.Status != released || got.LastNewsEventID != 6 || got.DaysDetained != 126 {
		t.Errorf("next day: status %q, last news %d, days detained %d", got.Status, got.LastNewsEventID, got.DaysDetained)
	}
}

func TestNoEvents(t *testing.T) {
	got := Compute(&habeas.Case{}, nil, day(t, "2025-05-15"))
	want := State{DaysWithoutNews: -1, DaysDetained: -1, DaysToRelease: -1}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Compute(empty case) = %+v; want %+v", got, want)
	}
	if got := Compute(nil, nil, time.Time{}); !reflect.DeepEqual(got, want) {
		t.Errorf("Compute(nil) = %+v; want %+v", got, want)
	}
}

func TestGarbageDatesIgnored(t *testing.T) {
	c, events := seedCase()
	want := Compute(c, events, day(t, "2025-05-15"))
	for _, d := range []string{"", "garbage", "2025-13-01", "2025-02-30", "2025-05-07 ", "١٢٣٤", "2025-05-XX-01", "2025/05/20", "\xff\xfe"} {
		noisy := append(slices.Clone(events),
			ev(100, release, d, 0), ev(101, transfer, d, 9), ev(102, letter, d, 0),
			ev(103, hsEnd, d, 0), ev(104, death, d, 0), ev(105, arrest, d, 4))
		if got := Compute(c, noisy, day(t, "2025-05-15")); !reflect.DeepEqual(got, want) {
			t.Errorf("with events dated %q:\n got %+v\nwant %+v", d, got, want)
		}
	}
}
