package importer

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"strconv"
	"strings"
	"time"

	"codeberg.org/habeas/habeas"
	"codeberg.org/habeas/habeas/casefile"
)

// FlatFile is the file of a CSV export: the flat layout, one row per
// person, describing their current case.
const FlatFile = "people.csv"

// FlatColumns are the columns of the flat layout, in order; the first row
// of the file names them.
var FlatColumns = []string{"name", "other_names", "country", "birth_year", "arrest_date", "charges", "court",
	"sentence", "sentence_date", "facility", "status", "classification", "notes", "source_url", "source_title",
	"visibility"}

// Separators inside a cell of the flat layout.
const (
	flatNameSep   = " | " // other_names
	flatChargeSep = "; "  // charges
)

// flat writes the CSV export: FlatFile, one row per person in id order.
func (x *exporter) flat() error {
	f, err := x.create(FlatFile)
	if err != nil {
		return err
	}
	bw := bufio.NewWriterSize(f, 1<<16)
	w := csv.NewWriter(bw)
	today := x.opt.Today
	if today.IsZero() {
		today = habeas.Today(habeas.SystemClock{})
	}
	facilities := map[int64]string{}
	n := 0
	err = w.Write(FlatColumns)
	if err == nil {
		err = pages(x.ctx, func(o habeas.ListOptions) (habeas.Page[habeas.Person], error) {
			return x.r.ListPersonRecords(x.ctx, x.a, o)
		}, func(p *habeas.Person) error {
			row, err := x.flatRow(p, today, facilities)
			if err != nil {
				return err
			}
			for i := range row {
				row[i] = neutralise(row[i])
			}
			n++
			if x.opt.Progress != nil && n%5000 == 0 {
				x.opt.Progress(FlatFile, n)
			}
			return w.Write(row)
		})
	}
	if err == nil {
		w.Flush()
		err = w.Error()
	}
	if err == nil {
		err = bw.Flush()
	}
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("export %s: %w", FlatFile, err)
	}
	x.rep.Counts[FlatFile] = n
	if x.opt.Progress != nil {
		x.opt.Progress(FlatFile, n)
	}
	return nil
}

// flatRow is the row of one person: their names and country, and what
// their current case (the one the people list shows) says, with the
// status and facility its timeline gives today. The source is the first
// one the timeline cites.
func (x *exporter) flatRow(p *habeas.Person, today time.Time, facilities map[int64]string) ([]string, error) {
	var others []string
	for _, n := range p.Names {
		if n.Kind != habeas.NamePrimary {
			others = append(others, n.Name)
		}
	}
	row := make([]string, len(FlatColumns))
	set := func(col, v string) { row[flatColumn[col]] = v }
	set("name", p.DisplayName())
	set("other_names", strings.Join(others, flatNameSep))
	set("country", p.Country)
	if p.BirthYear != 0 {
		set("birth_year", strconv.Itoa(p.BirthYear))
	}
	set("visibility", p.Visibility.String())
	c, err := x.r.CurrentCase(x.ctx, x.a, p.ID)
	if habeas.ErrorCode(err) == habeas.ENOTFOUND {
		return row, nil // no case the reader may see
	} else if err != nil {
		return nil, err
	}
	tl, err := x.r.Timeline(x.ctx, x.a, c.ID)
	if err != nil {
		return nil, err
	}
	st := casefile.Compute(c, tl, today)
	charges := make([]string, len(c.Charges))
	for i, ch := range c.Charges {
		charges[i] = ch.Text
		if ch.Article != "" {
			charges[i] = ch.Article + ": " + ch.Text
		}
	}
	set("arrest_date", c.ArrestDate)
	set("charges", strings.Join(charges, flatChargeSep))
	set("court", c.Court)
	set("sentence", sentenceText(c.Sentence))
	set("sentence_date", c.SentenceDate)
	set("status", st.Status)
	set("classification", c.Classification)
	set("notes", c.Summary)
	if st.FacilityID != 0 {
		name, ok := facilities[st.FacilityID]
		if !ok {
			fac, err := x.r.Facility(x.ctx, x.a, st.FacilityID)
			if err != nil && habeas.ErrorCode(err) != habeas.ENOTFOUND {
				return nil, err
			}
			if fac != nil {
				name = fac.Name
			}
			facilities[st.FacilityID] = name
		}
		set("facility", name)
	}
	for _, e := range tl {
		if len(e.SourceIDs) == 0 {
			continue
		}
		src, err := x.r.Source(x.ctx, x.a, e.SourceIDs[0])
		if habeas.ErrorCode(err) == habeas.ENOTFOUND {
			continue
		} else if err != nil {
			return nil, err
		}
		set("source_url", src.URL)
		set("source_title", src.Title)
		break
	}
	return row, nil
}

var flatColumn = func() map[string]int {
	m := map[string]int{}
	for i, c := range FlatColumns {
		m[c] = i
	}
	return m
}()

// sentenceText writes a prison term as an ISO 8601 duration (P3Y, P1Y6M,
// P45D); "" when none is recorded.
func sentenceText(s habeas.Sentence) string {
	if s.IsZero() {
		return ""
	}
	var b strings.Builder
	b.WriteString("P")
	for _, part := range []struct {
		n    int
		unit string
	}{{s.Years, "Y"}, {s.Months, "M"}, {s.Days, "D"}} {
		if part.n != 0 {
			b.WriteString(strconv.Itoa(part.n) + part.unit)
		}
	}
	return b.String()
}

// neutralise keeps a cell from being read as a formula by a spreadsheet:
// one beginning with =, +, -, @, a tab or a carriage return gets a leading
// apostrophe, which spreadsheets show as text.
func neutralise(cell string) string {
	if cell != "" && strings.ContainsRune("=+-@\t\r", rune(cell[0])) {
		return "'" + cell
	}
	return cell
}
