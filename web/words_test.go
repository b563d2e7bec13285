package web

import (
	"html/template"
	"testing"

	"codeberg.org/habeas/habeas"
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
	en := testTr(t, "en")
	for _, tt := range tests {
		if got := en.date(tt.in); got != tt.date {
			t.Errorf("date(%q) = %s, want %s", tt.in, got, tt.date)
		}
		if tt.since != "" {
			if got := en.since(tt.in); got != tt.since {
				t.Errorf("since(%q) = %s, want %s", tt.in, got, tt.since)
			}
		}
	}
}

// A CSV cell never starts as a spreadsheet formula, and ordinary text is
// left as it is.
func TestInertCell(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"", ""},
		{"Azerbaijan", "Azerbaijan"},
		{"=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"},
		{"+1", "'+1"},
		{"-2+3", "'-2+3"},
		{"@SUM(A1)", "'@SUM(A1)"},
		{"\tcmd", "'\tcmd"},
		{"\rcmd", "'\rcmd"},
		{"Article 234.4.3 (drug trafficking)", "Article 234.4.3 (drug trafficking)"},
		{"a=b", "a=b"},
	} {
		if got := inertCell(tc.in); got != tc.want {
			t.Errorf("inertCell(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// An estimate reads as its source words it.
func TestEstimateWords(t *testing.T) {
	for _, tc := range []struct {
		e    habeas.Estimate
		want string
	}{
		{habeas.Estimate{Count: 350, Qualifier: habeas.EstimateAround, Of: "political_prisoner"}, "Around 350 political prisoners"},
		{habeas.Estimate{Count: 1, Qualifier: habeas.EstimateExactly, Of: "prisoner_of_conscience"}, "1 prisoner of conscience"},
		{habeas.Estimate{Count: 1200, Qualifier: habeas.EstimateAtLeast, Of: "at_risk"}, "At least 1,200 people at risk"},
		{habeas.Estimate{Count: 40, Qualifier: habeas.EstimateAtMost, Of: "political_prisoner"}, "At most 40 political prisoners"},
	} {
		if got := testTr(t, "en").estimateWords(tc.e); got != tc.want {
			t.Errorf("estimateWords(%+v) = %q, want %q", tc.e, got, tc.want)
		}
	}
}
