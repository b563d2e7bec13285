package web

import (
	"html/template"
	"testing"
)

// Dates as the pages write them: a <time> element only where the EDTF text
// is also a valid HTML datetime, and "since" that reads for an interval.
func TestDateWords(t *testing.T) {
	tests := []struct {
		in          string
		date, since template.HTML
	}{
		{"2025-05-06", `<time datetime="2025-05-06">6 May 2025</time>`, `since <time datetime="2025-05-06">6 May 2025</time>`},
		{"2025-05", `<time datetime="2025-05">May 2025</time>`, `since <time datetime="2025-05">May 2025</time>`},
		{"2025-05-07~", `around 7 May 2025`, `since around 7 May 2025`},
		{"2025-05-14T09:30", `<time datetime="2025-05-14T09:30">14 May 2025, 09:30</time>`, ""},
		{"2025-05-14T09:30:00+04:00", `<time datetime="2025-05-14T09:30:00+04:00">14 May 2025, 09:30:00 UTC+04:00</time>`, ""},
		{"2025-05-14T09:30Z", `<time datetime="2025-05-14T09:30Z">14 May 2025, 09:30 UTC</time>`, ""},
		{"2025-05-14T09:30+04", `14 May 2025, 09:30 UTC+04:00`, ""}, // +04 is no HTML offset
		{"2023-21", `spring 2023`, `since spring 2023`},
		{"2025-05-06/2025-05-14", `between 6 and 14 May 2025`, `since some day between 6 and 14 May 2025`},
		{"2025-05/..", `May 2025 or later`, `since May 2025 or later`},
		{"not a date", `not a date`, `since not a date`},
	}
	for _, tt := range tests {
		if got := date(tt.in); got != tt.date {
			t.Errorf("date(%q) = %s, want %s", tt.in, got, tt.date)
		}
		if tt.since != "" {
			if got := since(tt.in); got != tt.since {
				t.Errorf("since(%q) = %s, want %s", tt.in, got, tt.since)
			}
		}
	}
}
