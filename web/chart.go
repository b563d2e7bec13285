package web

import (
	"fmt"
	"html"
	"html/template"
	"strconv"
	"strings"
	"time"

	"codeberg.org/habeas/habeas"
)

// Charts are SVG drawn on the server: no script, no request elsewhere,
// readable at any size. Each is an image with a title and a description
// (role="img"), and the page sets the same figures beside it as a table.
// Every text in them is escaped here; colours come from the stylesheet.

// barChart draws rows as horizontal bars, labelled, longest bar the
// largest count.
func (t *tr) barChart(id, title string, rows []statRow) template.HTML {
	if len(rows) == 0 {
		return ""
	}
	const width, rowH, labelW, countW = 480, 30, 190, 64
	most := 1
	for _, r := range rows {
		most = max(most, r.Count)
	}
	h := rowH*len(rows) + 4
	var b strings.Builder
	fmt.Fprintf(&b, `<svg class="chart" role="img" aria-labelledby="%[1]s-t %[1]s-d" viewBox="0 0 %d %d" width="100%%" preserveAspectRatio="xMinYMin meet">`,
		id, width, h)
	fmt.Fprintf(&b, `<title id="%s-t">%s</title>`, id, html.EscapeString(title))
	largest := rows[0]
	fmt.Fprintf(&b, `<desc id="%s-d">%s</desc>`, id, html.EscapeString(t.T("chart_bars_desc",
		"Rows", t.count("chart_rows", len(rows)), "Largest", largest.Label, "Count", t.number(largest.Count))))
	for i, r := range rows {
		y := i*rowH + 2
		barW := max(1, r.Count*(width-labelW-countW)/most)
		fmt.Fprintf(&b, `<text class="chart-label" x="0" y="%d">%s</text>`, y+20, html.EscapeString(clip(r.Label, 22)))
		fmt.Fprintf(&b, `<rect class="chart-bar" x="%d" y="%d" width="%d" height="%d"/>`, labelW, y+4, barW, rowH-8)
		fmt.Fprintf(&b, `<text class="chart-label" x="%d" y="%d">%s</text>`, labelW+barW+6, y+20, t.number(r.Count))
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String()) // every text above is escaped
}

// seriesChart draws the monthly series as columns over time.
func (t *tr) seriesChart(ms []habeas.MonthCount) template.HTML {
	if len(ms) == 0 {
		return ""
	}
	const width, height, left, top, bottom = 640, 230, 48, 12, 196
	most, least := 0, ms[0].Count
	for _, m := range ms {
		most, least = max(most, m.Count), min(least, m.Count)
	}
	scale := max(most, 1)
	plotW := float64(width - left - 4)
	colW := plotW / float64(len(ms))
	var b strings.Builder
	fmt.Fprintf(&b, `<svg class="chart" role="img" aria-labelledby="monthly-t monthly-d" viewBox="0 0 %d %d" width="100%%" preserveAspectRatio="xMinYMin meet">`, width, height)
	fmt.Fprintf(&b, `<title id="monthly-t">%s</title>`, html.EscapeString(t.T("chart_monthly_title")))
	first, last := t.monthWords(ms[0].Month), t.monthWords(ms[len(ms)-1].Month)
	fmt.Fprintf(&b, `<desc id="monthly-d">%s</desc>`, html.EscapeString(t.T("chart_monthly_desc",
		"First", first, "Last", last, "Least", t.number(least), "Most", t.number(most), "Now", t.number(ms[len(ms)-1].Count))))
	fmt.Fprintf(&b, `<line class="chart-axis" x1="%d" y1="%d" x2="%d" y2="%d"/>`, left, bottom, width-4, bottom)
	fmt.Fprintf(&b, `<text class="chart-label" x="0" y="%d">%s</text>`, top+12, t.number(most))
	fmt.Fprintf(&b, `<text class="chart-label" x="0" y="%d">0</text>`, bottom)
	for i, m := range ms {
		hgt := float64(m.Count) * float64(bottom-top) / float64(scale)
		x := float64(left) + float64(i)*colW
		fmt.Fprintf(&b, `<rect class="chart-bar" x="%s" y="%s" width="%s" height="%s"/>`,
			num(x), num(float64(bottom)-hgt), num(max(colW-1, 0.5)), num(hgt))
	}
	fmt.Fprintf(&b, `<text class="chart-label" x="%d" y="%d">%s</text>`, left, height-8, html.EscapeString(first))
	fmt.Fprintf(&b, `<text class="chart-label" x="%d" y="%d" text-anchor="end">%s</text>`, width-4, height-8, html.EscapeString(last))
	b.WriteString(`</svg>`)
	return template.HTML(b.String()) // every text above is escaped
}

// num writes a coordinate with at most one decimal.
func num(f float64) string { return strconv.FormatFloat(f, 'f', 1, 64) }

// monthWords reads 2025-05 as "May 2025".
func (t *tr) monthWords(m string) string {
	if _, err := time.Parse("2006-01", m); err != nil {
		return m
	}
	return t.dateText(m)
}
