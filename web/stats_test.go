package web_test

import (
	"net/http"
	"strings"
	"testing"
)

// testStats reads the statistics page as the public: the demo's own count
// beside the estimate the seed post reports, worded as it words it, and
// nothing internal counted.
func testStats(t *testing.T, h http.Handler) {
	body := expect(t, get(t, h, "/stats"), 200,
		`we document <strong>5 people held</strong>`, // the internal person held is not counted
		`<strong>Around 350 political prisoners</strong> in Azerbaijan, according to local human rights organizations`,
		`Government officials reject this classification, claiming that all convictions are based solely on the individuals’ actions, not political motives.`,
		`Relatives of Elvin Mustafayev Concerned After 8 Days Without News`,
		// The estimate whose only source is hidden says so, never unsourced.
		`<strong>12 prisoners of conscience</strong> in Azerbaijan, according to a lawyers’ network`,
		`source not public`,
		// Every chart is an image with a title and a description, and its table.
		`<svg class="chart" role="img" aria-labelledby="monthly-t monthly-d"`, `<title id="monthly-t">`, `<desc id="monthly-d">`,
		`<svg class="chart" role="img" aria-labelledby="by-organization-t by-organization-d"`,
		`<a href="/organizations/workers-table">“Workers’ Table” Confederation of Trade Unions</a></th><td class="num">4</td>`,
		`4 of the people held today have no arrest date on this site and are not counted here.`,
		`<a href="/stats/by-country.csv" download>`, `aria-current="page">Statistics</a>`)
	if strings.Contains(body, "999") {
		t.Error("the statistics show the internal estimate")
	}
	for _, tc := range []struct {
		path   string
		status int
		want   string
	}{
		{"/stats?on=2024-01-01", 200, `On <time datetime="2024-01-01">1 January 2024</time>, at least <strong>1</strong> person was held`},
		{"/stats?on=2023-01-01", 200, `at least <strong>0</strong> people were held`},
		{"/stats?on=2024-02-30", 400, `<p class="field-error" id="on-error">Write a day as year-month-day`},
		{"/stats?on=01.05.2024", 400, `aria-invalid="true"`},
		{"/stats?on=2025-05-16", 400, `Choose a day up to today`},
		{"/stats?on=%3Cscript%3E", 400, `value="&lt;script&gt;"`},
		{"/stats?sort=country", 400, `This page takes one parameter`},
	} {
		expect(t, get(t, h, tc.path), tc.status, tc.want)
	}

	w := get(t, h, "/stats/by-organization.csv")
	expect(t, w, 200, "organization,people\n“Workers’ Table” Confederation of Trade Unions,4\n")
	if got := w.Header().Get("Content-Type"); got != "text/csv; charset=utf-8" {
		t.Errorf("CSV Content-Type %q", got)
	}
	if got := w.Header().Get("Content-Disposition"); got != `attachment; filename="stats-by-organization-2025-05-15.csv"` {
		t.Errorf("CSV Content-Disposition %q", got)
	}
	expect(t, get(t, h, "/stats/monthly.csv"), 200, "month,detentions ongoing at the end of the month (at least)\n2023-08,1\n", "\n2025-05,1\n")
	expect(t, get(t, h, "/stats/by-status.csv"), 200, "status,people\nDetained,4\nSentenced,1\n")
	for _, bad := range []string{"/stats/nothing.csv", "/stats/by-country.json", "/stats/by-country.csv?x=1", "/stats/estimates.csv"} {
		expect(t, get(t, h, bad), 404)
	}
}
