package edtf

import (
	"strings"
	"testing"
)

// Dates as people type them in their lists, and what habeas stores.
func TestParseTyped(t *testing.T) {
	good := []struct{ in, want string }{
		{"2024-01-31", "2024-01-31"},
		{"2023-08", "2023-08"},
		{"2014", "2014"},
		{" 2014 ", "2014"},
		{"2014?", "2014?"},
		{"~2014", "2014~"},
		{"2014~", "2014~"},
		{"~2014?", "2014%"},
		{"201X", "201X"},
		{"31.01.2024", "2024-01-31"},
		{"1.2.2024", "2024-02-01"},
		{"01.2024", "2024-01"},
		{"2024/01/31", "2024-01-31"},
		{"2024.1.5", "2024-01-05"},
		{"31/01/2024", "2024-01-31"},
		{"01/31/2024", "2024-01-31"},
		{"05/05/2024", "2024-05-05"},
		{"Jan 2024", "2024-01"},
		{"jan. 2024", "2024-01"},
		{"January 2024", "2024-01"},
		{"January 31st, 2024", "2024-01-31"},
		{"January 31, 2024", "2024-01-31"},
		{"31 January 2024", "2024-01-31"},
		{"31st of January 2024", "2024-01-31"},
		{"1-Feb-2024", "2024-02-01"},
		{"2 Sept 2023", "2023-09-02"},
		{"31 января 2024", "2024-01-31"},
		{"31 января 2024 г.", "2024-01-31"},
		{"январь 2024", "2024-01"},
		{"Май 2023", "2023-05"},
		{"yanvar 2024", "2024-01"},
		{"6 may 2025", "2025-05-06"},
		{"15 avqust 2023", "2023-08-15"},
		{"2024-01-31T10:00", "2024-01-31T10:00"},
		{"2025-05-06/2025-05-14", "2025-05-06/2025-05-14"},
		{"2023/2024", "2023/2024"},
		{"2023-21", "2023-21"},
		{"spring 2023", "2023-21"},
		{"Spring 2023", "2023-21"},
		{"summer 2023", "2023-22"},
		{"autumn 2023", "2023-23"},
		{"fall 2023", "2023-23"},
		{"winter 2023/24", "2023-24"},
		{"winter 2023/2024", "2023-24"},
		{"winter 2023-24", "2023-24"},
		{"winter 2099/00", "2099-24"},
		{"весна 2023", "2023-21"},
		{"весной 2023 года", "2023-21"},
		{"летом 2023 г.", "2023-22"},
		{"осенью 2023", "2023-23"},
		{"зимой 2023/24", "2023-24"},
		{"yaz 2023", "2023-21"},
		{"2023 yazda", "2023-21"},
		{"payız 2023", "2023-23"},
		{"qış 2023/2024", "2023-24"},
		{"около 2020", ""}, // refused below
	}
	for _, tt := range good {
		if tt.want == "" {
			continue
		}
		d, err := ParseTyped(tt.in)
		if err != nil || d.String() != tt.want {
			t.Errorf("ParseTyped(%q) = %q, %v; want %q", tt.in, d, err, tt.want)
		}
	}
	bad := []struct{ in, reason string }{
		{"01/02/2024", "day and month could be swapped; write 2024-02-01 or 1 Feb 2024"},
		{"01-02-2024", "day and month could be swapped"},
		{"31.02.2024", "day 31 does not exist: Feb 2024 has 29 days"},
		{"29.02.2023", "Feb 2023 has 28 days"},
		{"2024-13-01", "month 13 does not exist"},
		{"13/13/2024", "neither 13 nor 13 is a month"},
		{"31.01.24", "four-digit year"},
		{"31 January", "four-digit year"},
		{"Smarch 2024", `"Smarch" is not a month name`},
		{"Jan Feb 2024", "one month name"},
		{"", "empty"},
		{"?", "a qualifier without a date"},
		{"около 2020", "is not a month name"},
		{"2024.01/31", "mixes separators"},
		{strings.Repeat("1", 100), "longer than"},
		{"31.01.2024\xff", "not valid UTF-8"},
		{"0.0.2024", `"0" is neither a day nor a month`},
		{"winter 2023", "winter 2023 could be the winter that begins or the one that ends in 2023: write winter 2023/24 or winter 2022/23"},
		{"winter 2023/25", "a winter spans two years that follow each other, such as winter 2023/24"},
		{"spring 2023/24", "write one season and a four-digit year"},
		{"spring", "no four-digit year"},
		{"spring 23", "no four-digit year"},
		{"spring summer 2023", "one season"},
		{"spring May 2023", "one season"},
		{"~spring 2023", "a season cannot be marked approximate"},
		{"winter 9999/00", "the winter of 9999 ends after 9999"},
	}
	for _, tt := range bad {
		d, err := ParseTyped(tt.in)
		if err == nil {
			t.Errorf("ParseTyped(%q) = %q; want refused (%s)", tt.in, d, tt.reason)
			continue
		}
		if pe, ok := err.(*ParseError); !ok || !strings.Contains(pe.Reason, tt.reason) {
			t.Errorf("ParseTyped(%q) error %v; want the reason %q", tt.in, err, tt.reason)
		}
	}
}
