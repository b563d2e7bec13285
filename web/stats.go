package web

import (
	"bytes"
	"encoding/csv"
	"net/http"
	"strconv"
	"strings"
	"time"

	"codeberg.org/habeas/habeas"
	"codeberg.org/habeas/habeas/internal/reply"
)

// statsShown is how many rows a table shows on the page; its CSV has all.
const statsShown = 20

// statTable is one table of counts, as the page and its CSV show it.
type statTable struct {
	ID      string // the table's name in addresses: by-country
	Title   string
	Heading string // of the first column
	Rows    []statRow
	tr      *tr
}

type statRow struct {
	Label string
	Href  string // the record's page, when it has one
	Count int
}

// Shown returns the rows the page shows, and More how many it leaves to the CSV.
func (t statTable) Shown() []statRow { return t.Rows[:min(len(t.Rows), statsShown)] }
func (t statTable) More() int        { return max(len(t.Rows)-statsShown, 0) }

// Chart draws the shown rows as bars.
func (t statTable) Chart() any { return t.tr.barChart(t.ID, t.Title, t.Shown()) }

// statTables turns the counts into the page's tables, in reading order.
func statTables(t *tr, st *habeas.Stats) []statTable {
	rows := func(cs []habeas.StatCount, label func(c habeas.StatCount) (string, string)) []statRow {
		out := make([]statRow, len(cs))
		for i, c := range cs {
			out[i].Label, out[i].Href = label(c)
			out[i].Count = c.Count
		}
		return out
	}
	table := func(id, col string, r []statRow) statTable {
		key := strings.ReplaceAll(id, "-", "_")
		return statTable{ID: id, Title: t.T("stats_" + key), Heading: t.T("stats_col_" + col), Rows: r, tr: t}
	}
	return []statTable{
		table("by-status", "status", rows(st.ByStatus, func(c habeas.StatCount) (string, string) {
			return t.code("status", c.Key), ""
		})),
		table("by-country", "country", rows(st.ByCountry, func(c habeas.StatCount) (string, string) {
			return t.country(c.Key), ""
		})),
		table("by-classification", "classification", rows(st.ByClassification, func(c habeas.StatCount) (string, string) {
			return t.code("classification", c.Key), ""
		})),
		table("by-organization", "organization", rows(st.ByOrganization, func(c habeas.StatCount) (string, string) {
			return c.Label, "/organizations/" + c.Key
		})),
		table("by-charge", "charge", rows(st.ByCharge, func(c habeas.StatCount) (string, string) {
			if c.Key != c.Label {
				return t.T("stats_charge_article", "Article", c.Key, "Text", c.Label), ""
			}
			return c.Label, ""
		})),
		table("by-facility", "facility", rows(st.ByFacility, func(c habeas.StatCount) (string, string) {
			return c.Label, "/facilities/" + c.Key
		})),
		table("by-region", "region", rows(st.ByRegion, func(c habeas.StatCount) (string, string) {
			return c.Label + ", " + t.country(c.Key), ""
		})),
	}
}

// statsPage is the data of /stats.
type statsPage struct {
	Stats     *habeas.Stats
	Tables    []statTable
	Monthly   any // the series' chart
	Estimates []estimateEntry
	Sources   []numberedSource
	// On is the day asked for (?on=), with its count or the problem with it.
	On      string
	HeldOn  *habeas.DayCount
	OnError string
	// Undated is how many of the people held today the series leaves out
	// for want of an arrest date.
	Undated int
}

type estimateEntry struct {
	habeas.Estimate
	Cites cites
}

func (s *Server) stats(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	t := s.tr(r)
	q := r.URL.Query()
	p := statsPage{On: q.Get("on")}
	status := http.StatusOK
	for k := range q {
		if k != "on" && k != "lang" { // lang: every page takes it
			s.renderError(w, r, http.StatusBadRequest, t.T("stats_one_parameter"))
			return
		}
	}
	st, err := s.store.Stats(ctx, public)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p.Stats, p.Tables = st, statTables(t, st)
	p.Monthly = t.seriesChart(st.Monthly)
	if n := len(st.Monthly); n > 0 {
		p.Undated = max(st.Detained-st.Monthly[n-1].Count, 0)
	}
	if p.On != "" {
		day, err := time.Parse(time.DateOnly, p.On)
		switch {
		case err != nil:
			p.OnError, status = t.T("stats_bad_day"), http.StatusBadRequest
		case day.After(habeas.Today(s.clock)):
			p.OnError, status = t.T("stats_future_day"), http.StatusBadRequest
		default:
			p.HeldOn = &habeas.DayCount{Date: p.On, Count: st.HeldOnDay(day)}
		}
	}
	var ids []int64
	for _, e := range st.Estimates {
		ids = append(ids, e.SourceIDs...)
	}
	ct, err := newCiter(ctx, s.store, ids)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	for _, e := range st.Estimates {
		p.Estimates = append(p.Estimates, estimateEntry{Estimate: e, Cites: ct.cite(e.SourceIDs, e.WithheldSources)})
	}
	p.Sources = ct.list
	s.render(w, r, status, "stats", &view{Title: t.T("stats_title"), Nav: "stats", Canonical: "/stats",
		Description: t.T("stats_description"), Page: p})
}

// statsCSV answers one table, or the monthly series, as CSV.
func (s *Server) statsCSV(w http.ResponseWriter, r *http.Request) {
	name, ok := strings.CutSuffix(r.PathValue("file"), ".csv")
	if !ok || r.URL.RawQuery != "" {
		s.notFound(w, r)
		return
	}
	st, err := s.store.Stats(r.Context(), public)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	var records [][]string
	if name == "monthly" {
		records = append(records, []string{"month", "detentions ongoing at the end of the month (at least)"})
		for _, m := range st.Monthly {
			records = append(records, []string{m.Month, strconv.Itoa(m.Count)})
		}
	} else {
		for _, table := range statTables(s.tr(r), st) {
			if table.ID != name {
				continue
			}
			records = append(records, []string{strings.ToLower(table.Heading), "people"})
			for _, row := range table.Rows {
				records = append(records, []string{row.Label, strconv.Itoa(row.Count)})
			}
		}
	}
	if records == nil {
		s.notFound(w, r)
		return
	}
	var b bytes.Buffer
	cw := csv.NewWriter(&b)
	for _, rec := range records {
		for i := range rec {
			rec[i] = inertCell(rec[i])
		}
		cw.Write(rec)
	}
	cw.Flush()
	reply.AddVary(w.Header(), "Accept-Language") // the labels are in the reader's language
	reply.AddVary(w.Header(), "Cookie")
	w.Header().Set("Content-Disposition", `attachment; filename="stats-`+name+`-`+st.Today+`.csv"`)
	reply.Write(w, r, http.StatusOK, "text/csv; charset=utf-8", b.Bytes())
}

// inertCell keeps a spreadsheet from reading a cell as a formula: names
// and charges come from people, and may begin with = + - or @.
func inertCell(v string) string {
	if v != "" && strings.ContainsRune("=+-@\t\r", rune(v[0])) {
		return "'" + v
	}
	return v
}
