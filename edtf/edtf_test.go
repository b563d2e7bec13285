package edtf

import (
	"encoding/json"
	"errors"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestParseValid(t *testing.T) {
	tests := []struct {
		in          string
		precision   Precision
		year        int
		approximate bool
		uncertain   bool
	}{
		{"2023", PrecisionYear, 2023, false, false},
		{"0000", PrecisionYear, 0, false, false},
		{"9999", PrecisionYear, 9999, false, false},
		{"2023-08", PrecisionMonth, 2023, false, false},
		{"2024-01-31", PrecisionDay, 2024, false, false},
		{"2024-02-29", PrecisionDay, 2024, false, false},
		{"2000-02-29", PrecisionDay, 2000, false, false},
		{"2023?", PrecisionYear, 2023, false, true},
		{"2025-05-06~", PrecisionDay, 2025, true, false},
		{"2023-08%", PrecisionMonth, 2023, true, true},
		{"201X", PrecisionYear, 2010, false, false},
		{"20XX", PrecisionYear, 2000, false, false},
		{"201X~", PrecisionYear, 2010, true, false},
		{"2023-XX", PrecisionYear, 2023, false, false},
		{"2023-08-XX", PrecisionMonth, 2023, false, false},
		{"2023-XX-XX", PrecisionYear, 2023, false, false},
		{"2023-XX-XX?", PrecisionYear, 2023, false, true},
		{"2023-21", PrecisionSeason, 2023, false, false},
		{"2023-24", PrecisionSeason, 2023, false, false},
		{"2025-05-14T09:30", PrecisionTime, 2025, false, false},
		{"2025-05-14T09:30:15", PrecisionTime, 2025, false, false},
		{"2025-05-14T09:30Z", PrecisionTime, 2025, false, false},
		{"2025-05-14T09:30:00+04:00", PrecisionTime, 2025, false, false},
		{"2025-05-14T09:30+04", PrecisionTime, 2025, false, false},
		{"2025-05-14T09:30-0530", PrecisionTime, 2025, false, false},
		{"2025-05-06/2025-05-14", PrecisionDay, 2025, false, false},
		{"2023/2024-01-31", PrecisionYear, 2023, false, false},
		{"2004-06~/2004-08", PrecisionMonth, 2004, true, false},
		{"2025-05-06?/2025-05-14", PrecisionDay, 2025, false, true},
		{"2025-05/..", PrecisionMonth, 2025, false, false},
		{"../2025-05-14", PrecisionDay, 2025, false, false},
		{"/2025", PrecisionYear, 2025, false, false},
		{"2025-05/", PrecisionMonth, 2025, false, false},
		{"2025-05-14T09:30/2025-05-15", PrecisionDay, 2025, false, false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			d, err := Parse(tt.in)
			if err != nil {
				t.Fatalf("Parse(%q): %v", tt.in, err)
			}
			if d.IsZero() {
				t.Fatalf("Parse(%q) is zero", tt.in)
			}
			if got := d.String(); got != tt.in {
				t.Errorf("String() = %q, want %q", got, tt.in)
			}
			if got := d.Precision(); got != tt.precision {
				t.Errorf("Precision() = %v, want %v", got, tt.precision)
			}
			if got := d.Year(); got != tt.year {
				t.Errorf("Year() = %d, want %d", got, tt.year)
			}
			if got := d.Approximate(); got != tt.approximate {
				t.Errorf("Approximate() = %v, want %v", got, tt.approximate)
			}
			if got := d.Uncertain(); got != tt.uncertain {
				t.Errorf("Uncertain() = %v, want %v", got, tt.uncertain)
			}
			again, err := Parse(d.String())
			if err != nil || again != d {
				t.Errorf("round trip: Parse(%q) = %#v, %v; want %#v", d.String(), again, err, d)
			}
		})
	}
}

func TestParseInvalid(t *testing.T) {
	tests := []struct {
		in     string
		pos    int
		reason string
	}{
		{"", 0, "empty"},
		{"2024-13", 5, "month 13 is out of range 01–12"},
		{"2024-20", 5, "month 20 is out of range 01–12 (or 21–24 for a season)"},
		{"2024-25", 5, "seasons 25–41 are not supported"},
		{"2024-21-01", 7, "a season has no day"},
		{"2024-21~", 7, "a season cannot be qualified"},
		{"9999-24", 5, "the winter of 9999 ends after 9999"},
		{"2023-21/2023-22", 5, "seasons are not supported in an interval"},
		{"2023/2023", 5, "the end of an interval must begin after its start begins"},
		{"2025-05-14/2025-05-06", 11, "must begin after its start begins (2025-05-06 does not come after 2025-05-14)"},
		{"2025-05-06/2025-05", 11, "must begin after its start begins"},
		{"2025-05-14T10:00/2025-05-14", 17, "must begin after its start begins"},
		{"201X/2020", 3, "not supported in an interval"},
		{"2023-XX/2024", 5, "not supported in an interval"},
		{"2023-08-XX/2024", 8, "not supported in an interval"},
		{"2023/2024/2025", 9, "one '/'"},
		{"../..", 2, "at least one known end"},
		{"/", 0, "at least one known end"},
		{"..", 0, "open end of an interval"},
		{"2023../2024", 4, "stands alone"},
		{"2025-05-14T09", 13, "needs hours and minutes"},
		{"2025-05-14T9:30", 11, "two-digit hour"},
		{"2025-05-14T24:00", 11, "hour 24 is out of range 00–23"},
		{"2025-05-14T09:60", 14, "minute 60 is out of range"},
		{"2025-05-14T09:30:60", 17, "second 60 is out of range"},
		{"2025-05-14T09:30:00:00", 19, "unexpected character ':'"},
		{"2025-05-14T09:30:00.5", 19, "fractions of a second"},
		{"2025-05-14T09:30~", 16, "a date with a time of day cannot be qualified"},
		{"2025-05-14T09:30Z?", 17, "cannot be qualified"},
		{"2025-05-14T09:30+15:00", 16, "out of range −14:00 to +14:00"},
		{"2025-05-14T09:30+14:30", 16, "out of range"},
		{"2025-05-14T09:30+04:60", 16, "offset minute 60"},
		{"2025-05-14T09:30-00:00", 16, "write Z or +00:00"},
		{"2025-05-14T09:30+4", 17, "two-digit offset hour"},
		{"2025-05-14T09:30+04:", 20, "two-digit offset minute"},
		{"2025-05-14 09:30", 10, "uppercase T between the date and the time"},
		{"2025-05-14t09:30", 10, "uppercase T"},
		{"2025-05T09:30", 7, "needs a whole date before the T"},
		{"2025-05-XXT09:30", 10, "needs a whole date before the T"},
		{"2025-02-29T10:00", 8, "day 29 does not exist in 2025-02"},
		{"2024-00", 5, "month 00 is out of range"},
		{"2024-02-30", 8, "day 30 does not exist in 2024-02"},
		{"2024-02-31", 8, "day 31 does not exist in 2024-02"},
		{"2023-02-29", 8, "day 29 does not exist in 2023-02"},
		{"1900-02-29", 8, "day 29 does not exist in 1900-02"},
		{"2023-04-31", 8, "day 31 does not exist in 2023-04"},
		{"2023-01-00", 8, "day 00 is out of range 01–31"},
		{"2023-01-32", 8, "day 32 is out of range 01–31"},
		{"23", 0, "year must have four digits"},
		{"202", 0, "year must have four digits, found 3"},
		{"20231", 4, "more than four digits"},
		{"-2023", 0, "negative years are not supported"},
		{"+2023", 0, "signed years"},
		{"Y170000002", 0, "more than four digits"},
		{"2023-8", 5, "month must have exactly two digits, found 1"},
		{"2023-008", 5, "month must have exactly two digits, found 3"},
		{"2023-08-1", 8, "day must have exactly two digits"},
		{"2023-", 5, "expected a two-digit month after '-', found the end"},
		{"2023-08-", 8, "expected a two-digit day"},
		{"2023--08", 5, "expected a two-digit month after '-', found '-'"},
		{"[2023,2024]", 0, "sets"},
		{" 2023", 0, "leading whitespace"},
		{"2023 ", 4, "trailing whitespace"},
		{"2023\n", 4, "trailing whitespace"},
		{"2023\u00a0", 4, "trailing whitespace"},
		{"2023 -08", 4, "unexpected character ' '"},
		{"2023\xff", 4, "invalid UTF-8"},
		{strings.Repeat("2", 65), MaxLen, "longer than 64 bytes"},
		{"201x", 3, "lowercase 'x'"},
		{"2023-xx", 5, "uppercase 'X'"},
		{"201u", 3, "old EDTF draft"},
		{"2X23", 2, "must be the last digits of the year"},
		{"2XXX", 1, "at most the last two digits"},
		{"XXXX", 0, "fully unspecified year"},
		{"201X-05", 5, "cannot follow a year with unspecified digits"},
		{"201X-XX", 5, "cannot follow a year with unspecified digits"},
		{"2023-XX-15", 8, "known day cannot follow an unspecified month"},
		{"2023-1X", 5, "partly unspecified month"},
		{"2023-08-X1", 8, "partly unspecified day"},
		{"2004?-06", 4, "qualifying one component"},
		{"2004-06~-11", 7, "qualifying one component"},
		{"?2004", 0, "must come at the end"},
		{"2023?~", 5, "only one qualifier"},
		{"2023??", 5, "only one qualifier"},
		{"2023?x", 5, "unexpected character 'x'"},
		{"2023-08-31-01", 10, "unexpected '-' after the day"},
		{"1950S2", 4, "significant digits"},
		{"abcd", 0, "unexpected character 'a'"},
		{"２０２３", 0, "unexpected character '２'"},
		{"2023.5", 4, "unexpected character '.'"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			d, err := Parse(tt.in)
			if err == nil {
				t.Fatalf("Parse(%q) = %v, want an error", tt.in, d)
			}
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("Parse(%q) error %T is not a *ParseError", tt.in, err)
			}
			if pe.Input != tt.in {
				t.Errorf("Input = %q, want %q", pe.Input, tt.in)
			}
			if pe.Pos != tt.pos {
				t.Errorf("Pos = %d, want %d (reason %q)", pe.Pos, tt.pos, pe.Reason)
			}
			if !strings.Contains(pe.Reason, tt.reason) {
				t.Errorf("Reason = %q, want it to contain %q", pe.Reason, tt.reason)
			}
			if !d.IsZero() {
				t.Errorf("Parse(%q) returned non-zero %v with an error", tt.in, d)
			}
		})
	}
}

func TestParseErrorMessage(t *testing.T) {
	_, err := Parse("2024-13")
	if got, want := err.Error(), `edtf: "2024-13": month 13 is out of range 01–12 (or 21–24 for a season)`; got != want {
		t.Errorf("Error() = %s, want %s", got, want)
	}
	_, err = Parse(strings.Repeat("9", 1000))
	if got := err.Error(); len(got) > 100 {
		t.Errorf("Error() for long input is %d bytes long: %s", len(got), got)
	}
}

func TestMustParsePanics(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("MustParse(\"2023-13\") did not panic")
		}
	}()
	MustParse("2023-13")
}

func day(y int, m time.Month, d int) time.Time {
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

func TestEarliestLatest(t *testing.T) {
	tests := []struct {
		in               string
		earliest, latest time.Time
	}{
		{"2023", day(2023, 1, 1), day(2023, 12, 31)},
		{"2023-02", day(2023, 2, 1), day(2023, 2, 28)},
		{"2024-02", day(2024, 2, 1), day(2024, 2, 29)},
		{"2000-02", day(2000, 2, 1), day(2000, 2, 29)},
		{"1900-02", day(1900, 2, 1), day(1900, 2, 28)},
		{"2023-04", day(2023, 4, 1), day(2023, 4, 30)},
		{"2024-01-31", day(2024, 1, 31), day(2024, 1, 31)},
		{"2024-02-29~", day(2024, 2, 29), day(2024, 2, 29)},
		{"201X", day(2010, 1, 1), day(2019, 12, 31)},
		{"19XX?", day(1900, 1, 1), day(1999, 12, 31)},
		{"2023-XX", day(2023, 1, 1), day(2023, 12, 31)},
		{"2023-XX-XX", day(2023, 1, 1), day(2023, 12, 31)},
		{"2023-08-XX", day(2023, 8, 1), day(2023, 8, 31)},
		{"2024-02-XX", day(2024, 2, 1), day(2024, 2, 29)},
		{"0000", day(0, 1, 1), day(0, 12, 31)},
		{"99XX", day(9900, 1, 1), day(9999, 12, 31)},
		// seasons: the meteorological seasons of the northern hemisphere
		{"2023-21", day(2023, 3, 1), day(2023, 5, 31)},
		{"2023-22", day(2023, 6, 1), day(2023, 8, 31)},
		{"2023-23", day(2023, 9, 1), day(2023, 11, 30)},
		{"2023-24", day(2023, 12, 1), day(2024, 2, 29)},
		{"2024-24", day(2024, 12, 1), day(2025, 2, 28)},
		// intervals: from the first day of the start to the last of the end
		{"2025-05-06/2025-05-14", day(2025, 5, 6), day(2025, 5, 14)},
		{"2023/2024-02", day(2023, 1, 1), day(2024, 2, 29)},
		{"2025-05/..", day(2025, 5, 1), day(9999, 12, 31)},
		{"2025-05/", day(2025, 5, 1), day(9999, 12, 31)},
		{"../2025-05", day(0, 1, 1), day(2025, 5, 31)},
		{"/2025", day(0, 1, 1), day(2025, 12, 31)},
		// a time of day: its calendar day as the source wrote it
		{"2025-05-14T09:30", day(2025, 5, 14), day(2025, 5, 14)},
		{"2025-05-14T23:30:00-05:30", day(2025, 5, 14), day(2025, 5, 14)},
		{"2025-05-14T09:30/2025-05-15T08:00Z", day(2025, 5, 14), day(2025, 5, 15)},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			d := MustParse(tt.in)
			if got := d.Earliest(); !got.Equal(tt.earliest) || got.Location() != time.UTC {
				t.Errorf("Earliest() = %v, want %v", got, tt.earliest)
			}
			if got := d.Latest(); !got.Equal(tt.latest) || got.Location() != time.UTC {
				t.Errorf("Latest() = %v, want %v", got, tt.latest)
			}
		})
	}
}

func TestZeroDate(t *testing.T) {
	var d Date
	if !d.IsZero() || d.String() != "" || d.Precision() != 0 || d.Year() != 0 ||
		!d.Earliest().IsZero() || !d.Latest().IsZero() || d.Format("en") != "" {
		t.Errorf("zero Date misbehaves: %#v", d)
	}
	if d.Before(MustParse("2023")) || MustParse("2023").Before(d) {
		t.Error("Before with a zero Date is true")
	}
}

func TestCompareSort(t *testing.T) {
	want := []string{
		"", // the zero Date
		"../2023-06",
		"/2023-06",
		"/2024",
		"19XX",
		"199X",
		"1990-05-01",
		"201X",
		"2023-01-01T00:00Z",
		"2023-01-01T09:30",
		"2023-01-01T09:30:00+04:00",
		"2023-01-01T10:00-05:00",
		"2023-01-01",
		"2023-01-01/2023-01-05",
		"2023-01",
		"2023-01-01/2023-01-31",
		"2023-01-XX",
		"2023",
		"2023%",
		"2023-XX",
		"2023-XX-XX",
		"2023?",
		"2023~",
		"2023-02-28",
		"2023-21",
		"2023-05-06",
		"2023-05-06/",
		"2023-05-06/..",
		"2023-08-31",
		"2023-08-31~",
		"2024-02-29",
		"2024-02-29?",
		"2024-24",
	}
	dates := make([]Date, len(want))
	for i, s := range want {
		if s != "" {
			dates[i] = MustParse(s)
		}
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for round := range 20 {
		shuffled := slices.Clone(dates)
		rng.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
		slices.SortFunc(shuffled, Compare)
		got := make([]string, len(shuffled))
		for i, d := range shuffled {
			got[i] = d.String()
		}
		if !slices.Equal(got, want) {
			t.Fatalf("round %d: sorted\n%q\nwant\n%q", round, got, want)
		}
	}
	for _, a := range dates {
		for _, b := range dates {
			if c, r := Compare(a, b), Compare(b, a); c != -r || (c == 0) != (a == b) {
				t.Errorf("Compare(%q, %q) = %d, reverse %d", a, b, c, r)
			}
		}
	}
}

func TestBefore(t *testing.T) {
	tests := []struct {
		a, b string
		want bool
	}{
		{"2023", "2024", true},
		{"2024", "2023", false},
		{"2023", "2023-08", false}, // overlaps
		{"2023-08", "2023", false},
		{"2023-07", "2023-08-01", true},
		{"2023-08-01", "2023-08-01", false},
		{"2023-08-01", "2023-08-02", true},
		{"2023-12-31", "2024", true},
		{"201X", "2019-12-31", false},
		{"201X", "2020", true},
		{"2023-08-XX", "2023-09", true},
		{"2023~", "2024?", true}, // qualifiers do not widen the span
	}
	for _, tt := range tests {
		if got := MustParse(tt.a).Before(MustParse(tt.b)); got != tt.want {
			t.Errorf("%s.Before(%s) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
}

func TestDay(t *testing.T) {
	baku := time.FixedZone("AZT", 4*3600)
	tests := []struct {
		t    time.Time
		want string
	}{
		{time.Date(2024, 2, 29, 23, 59, 0, 0, time.UTC), "2024-02-29"},
		{time.Date(2024, 3, 1, 1, 0, 0, 0, baku), "2024-03-01"}, // t's own calendar day
		{time.Date(5, 1, 2, 0, 0, 0, 0, time.UTC), "0005-01-02"},
		{time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC), ""},
		{time.Date(-1, 1, 1, 0, 0, 0, 0, time.UTC), ""},
	}
	for _, tt := range tests {
		d := Day(tt.t)
		if got := d.String(); got != tt.want {
			t.Errorf("Day(%v) = %q, want %q", tt.t, got, tt.want)
		}
		if tt.want != "" && d != MustParse(tt.want) {
			t.Errorf("Day(%v) = %#v, want the parsed %#v", tt.t, d, MustParse(tt.want))
		}
	}
}

func TestText(t *testing.T) {
	for _, s := range []string{"2023", "2023-08-XX~", "201X%", "2024-02-29"} {
		d := MustParse(s)
		b, err := d.MarshalText()
		if err != nil || string(b) != s {
			t.Errorf("MarshalText(%s) = %q, %v", s, b, err)
		}
		var back Date
		if err := back.UnmarshalText(b); err != nil || back != d {
			t.Errorf("UnmarshalText(%q) = %v, %v", b, back, err)
		}
	}

	b, err := Date{}.MarshalText()
	if err != nil || len(b) != 0 {
		t.Errorf("zero MarshalText = %q, %v", b, err)
	}
	d := MustParse("2023")
	if err := d.UnmarshalText(nil); err != nil || !d.IsZero() {
		t.Errorf("UnmarshalText(empty) = %v, %v; want the zero Date", d, err)
	}

	d = MustParse("2023")
	err = d.UnmarshalText([]byte("2023-13"))
	var pe *ParseError
	if !errors.As(err, &pe) || pe.Pos != 5 {
		t.Errorf("UnmarshalText(2023-13) error = %v", err)
	}
	if d != MustParse("2023") {
		t.Errorf("UnmarshalText changed the Date on error to %v", d)
	}
}

func TestJSON(t *testing.T) {
	type event struct {
		Date  Date  `json:"date"`
		Until *Date `json:"until,omitempty"`
	}
	in := event{Date: MustParse("2023-08~")}
	b, err := json.Marshal(in)
	if err != nil || string(b) != `{"date":"2023-08~"}` {
		t.Fatalf("json.Marshal = %s, %v", b, err)
	}
	var out event
	if err := json.Unmarshal([]byte(`{"date":"","until":"2024-01-31"}`), &out); err != nil {
		t.Fatal(err)
	}
	if !out.Date.IsZero() || out.Until == nil || *out.Until != MustParse("2024-01-31") {
		t.Errorf("json.Unmarshal = %+v", out)
	}
	if err := json.Unmarshal([]byte(`{"date":"2024-02-30"}`), &out); err == nil ||
		!strings.Contains(err.Error(), "day 30 does not exist in 2024-02") {
		t.Errorf("json.Unmarshal of a bad date: %v", err)
	}
}

func TestPrecisionString(t *testing.T) {
	for p, want := range map[Precision]string{0: "none", PrecisionYear: "year", PrecisionSeason: "season", PrecisionMonth: "month",
		PrecisionDay: "day", PrecisionTime: "time", 9: "Precision(9)"} {
		if got := p.String(); got != want {
			t.Errorf("Precision(%d).String() = %q, want %q", int(p), got, want)
		}
	}
}

// An event known to the month sorts among the days by its first day, after
// the events of that day; an interval by its start, after the start's day.
func TestCompareMonthAmongDays(t *testing.T) {
	want := []string{"2025-04-30", "2025-05-01", "2025-05", "2025-05-02", "2025-05-06T09:30",
		"2025-05-06", "2025-05-06/2025-05-14", "2025-05-06/..", "2025-05-07~", "2025-05-14"}
	for i := 1; i < len(want); i++ {
		if c := Compare(MustParse(want[i-1]), MustParse(want[i])); c != -1 {
			t.Errorf("Compare(%s, %s) = %d, want -1", want[i-1], want[i], c)
		}
	}
}

func TestIntervalEnds(t *testing.T) {
	tests := []struct {
		in, start, end                   string
		open1, unknown1, open2, unknown2 bool
	}{
		{"2025-05-06/2025-05-14", "2025-05-06", "2025-05-14", false, false, false, false},
		{"2025-05/..", "2025-05", "", false, false, true, false},
		{"../2025", "", "2025", true, false, false, false},
		{"/2025", "", "2025", false, true, false, false},
		{"2025-05~/", "2025-05~", "", false, false, false, true},
		{"2025-05-06", "2025-05-06", "2025-05-06", false, false, false, false},
	}
	for _, tt := range tests {
		d := MustParse(tt.in)
		if d.IsInterval() != (tt.in != tt.start) {
			t.Errorf("%s: IsInterval() = %v", tt.in, d.IsInterval())
		}
		if d.Start().String() != tt.start || d.End().String() != tt.end {
			t.Errorf("%s: Start, End = %q, %q; want %q, %q", tt.in, d.Start(), d.End(), tt.start, tt.end)
		}
		if d.StartOpen() != tt.open1 || d.StartUnknown() != tt.unknown1 || d.EndOpen() != tt.open2 || d.EndUnknown() != tt.unknown2 {
			t.Errorf("%s: open/unknown ends %v %v %v %v", tt.in, d.StartOpen(), d.StartUnknown(), d.EndOpen(), d.EndUnknown())
		}
	}
}

func TestTime(t *testing.T) {
	tests := []struct {
		in   string
		want time.Time
	}{
		{"2025-05-14T09:30", time.Date(2025, 5, 14, 9, 30, 0, 0, time.UTC)},
		{"2025-05-14T09:30:15Z", time.Date(2025, 5, 14, 9, 30, 15, 0, time.UTC)},
		{"2025-05-14T09:30+04:00", time.Date(2025, 5, 14, 5, 30, 0, 0, time.UTC)},
		{"2025-05-14T23:30-0530", time.Date(2025, 5, 15, 5, 0, 0, 0, time.UTC)},
	}
	for _, tt := range tests {
		got, ok := MustParse(tt.in).Time()
		if !ok || !got.Equal(tt.want) {
			t.Errorf("%s: Time() = %v, %v; want %v", tt.in, got, ok, tt.want)
		}
	}
	for _, s := range []string{"2025-05-14", "2025-05-14T09:30/2025-05-15", "2023-21"} {
		if _, ok := MustParse(s).Time(); ok {
			t.Errorf("%s: Time() is ok", s)
		}
	}
	if MustParse("2023-21").Season() != Spring || MustParse("2023-24").Season() != Winter || MustParse("2023-05").Season() != 0 {
		t.Error("Season() is wrong")
	}
}

// BenchmarkParse parses the dates a timeline mostly holds: days, months,
// years, qualified days.
func BenchmarkParse(b *testing.B) {
	in := []string{"2025-05-06", "2023-08", "2024-01-31", "2025-05-07~", "2023", "2023-08-XX", "2024-02-29?", "201X"}
	b.ReportAllocs()
	for b.Loop() {
		for _, s := range in {
			if _, err := Parse(s); err != nil {
				b.Fatal(err)
			}
		}
	}
}
