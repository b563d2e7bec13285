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

// testSearchPage searches as the public: names in any script, words on
// the timelines and in the news with the words found marked, a friendly
// refusal of what cannot be searched, and nothing internal.
func testSearchPage(t *testing.T, h http.Handler) {
	expect(t, get(t, h, "/search"), 200, `<form class="search" method="get" action="/search" role="search">`, `aria-current="page">Search</a>`)
	expect(t, get(t, h, "/search?q=Мамедов"), 200, `<a href="/people/afieddin-mammadov">Afieddin Mammadov</a>`,
		`chairman Afieddin <mark>Mammadov</mark>`, `председатель Афиеддин <mark>Мамедов</mark>`)
	expect(t, get(t, h, "/search?q=%22hunger+strike%22"), 200, `<h2 id="hits-event">On the timelines</h2>`,
		`<a href="/people/elvin-mustafayev#event-`, `Began a <mark>hunger</mark> <mark>strike</mark> at Correctional Facility No. 3`)
	expect(t, get(t, h, "/search?q=Zyxwvut"), 200, `Nothing public matches “Zyxwvut”`)
	for _, tc := range []struct{ path, want string }{
		{"/search?q=", "Type a name, or some words"},
		{"/search?q=%22hunger", "A quotation mark is not closed"},
		{"/search?q=%3F%21", "at least one word"},
		{"/search?q=a&sort=new", "This page takes two parameters"},
		{"/search?q=a&kind=secrets", "There is no such kind"},
	} {
		expect(t, get(t, h, tc.path), 400, tc.want)
	}
	// What is typed comes back escaped, in the field and in the message.
	body := expect(t, get(t, h, "/search?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E"), 200, `value="&lt;script&gt;alert(1)&lt;/script&gt;"`)
	if strings.Contains(body, "<script>") {
		t.Error("the search page writes back a script")
	}
	// Internal records carry the secret (see addNonPublic): searching its
	// words finds nothing, and no page of a hidden record is named.
	for _, q := range []string{"QZX", "not-for-the-public", "Draft", "Scheduled", "hidden+source+reports", "Organization", "Facility"} {
		body := get(t, h, "/search?q="+q).Body.String()
		refuse(t, body, secret, "draft-post", "scheduled-post", "/people/person-qzx")
		if q == "QZX" && !strings.Contains(body, "Nothing public matches") {
			t.Errorf("searching QZX finds something:\n%s", clipped(body))
		}
	}
}
