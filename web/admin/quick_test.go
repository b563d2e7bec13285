package admin

import (
	"reflect"
	"testing"

	"codeberg.org/habeas/habeas"
)

func TestParseQuick(t *testing.T) {
	for _, c := range []struct {
		line string
		want quickEvent
		bad  []string // fields named in the error
	}{
		{line: "2025-05-06 hunger-strike @correctional-facility-no-3 Began a hunger strike in protest [1]",
			want: quickEvent{Date: "2025-05-06", Kind: habeas.EventHungerStrikeStart, Facility: "correctional-facility-no-3",
				Summary: "Began a hunger strike in protest", Visibility: habeas.Internal, SourceIDs: []int64{1}}},
		{line: "2025-05-06/2025-05-14 transfer #public Moved to an undisclosed place [1, 4] [7]",
			want: quickEvent{Date: "2025-05-06/2025-05-14", Kind: habeas.EventTransfer,
				Summary: "Moved to an undisclosed place", Visibility: habeas.Public, SourceIDs: []int64{1, 4, 7}}},
		{line: "2025-05 lawyer_visit",
			want: quickEvent{Date: "2025-05", Kind: habeas.EventLawyerVisit, Visibility: habeas.Internal}},
		{line: "2025-05-15 NEWS #Confidential Relatives worried about his health",
			want: quickEvent{Date: "2025-05-15", Kind: habeas.EventNews, Summary: "Relatives worried about his health", Visibility: habeas.Confidential}},
		// Brackets that are not a source list stay in the text.
		{line: "2025-05-15 statement He said [sic] it",
			want: quickEvent{Date: "2025-05-15", Kind: habeas.EventStatement, Summary: "He said [sic] it", Visibility: habeas.Internal}},
		{line: "", bad: []string{"line"}},
		{line: "2025-05-06", bad: []string{"line"}},
		{line: "6/5/2025 arrest Detained", bad: []string{"date"}},
		{line: "2025-05-06 arested Detained", bad: []string{"kind"}},
		{line: "2025-13-01 arested", bad: []string{"date", "kind"}},
		{line: "2025-05-06 arrest #secret Detained", bad: []string{"visibility"}},
		{line: "2025-05-06 arrest Detained [1, x]", bad: []string{"source_ids"}},
	} {
		got, err := parseQuick(c.line)
		if c.bad != nil {
			fields := habeas.ErrorFields(err)
			if err == nil || len(fields) != len(c.bad) {
				t.Errorf("%q: error %v, want problems with %v", c.line, err, c.bad)
				continue
			}
			for _, f := range c.bad {
				if fields[f] == "" {
					t.Errorf("%q: no problem with %s in %v", c.line, f, fields)
				}
			}
			continue
		}
		if err != nil || !reflect.DeepEqual(got, c.want) {
			t.Errorf("%q:\n got %+v, %v\nwant %+v", c.line, got, err, c.want)
		}
	}
}
