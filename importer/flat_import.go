package importer

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"

	"codeberg.org/habeas/habeas"
	"codeberg.org/habeas/habeas/edtf"
	"codeberg.org/habeas/habeas/names"
)

// Decisions say what the operator decided about what a preview listed.
type Decisions struct {
	// SplitFacilities lists facility cells, as the file writes them, that
	// are not to be matched to another facility by name: each becomes a
	// facility of its own (one per spelling, shared by the rows that write
	// it so).
	SplitFacilities []string `json:"split_facilities,omitempty"`
	// Skip lists rows not to import, as the preview names them
	// ("people.csv:12"): a suspected duplicate already in habeas, say.
	Skip []string `json:"skip,omitempty"`
}

// ReadDecisions reads a decisions file (JSON, see Decisions).
func ReadDecisions(file string) (*Decisions, error) {
	b, err := os.ReadFile(file)
	if err != nil {
		return nil, fmt.Errorf("decisions: %w", err)
	}
	var d Decisions
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&d); err != nil {
		return nil, fmt.Errorf("%s: not a decisions file (a JSON object with \"split_facilities\" and \"skip\"): %v", file, err)
	}
	return &d, nil
}

// Kinds of records a flat import creates, as its report counts them.
const (
	CreatedPeople     = "people"
	CreatedCases      = "cases"
	CreatedEvents     = "events"
	CreatedSources    = "sources"
	CreatedFacilities = "facilities"
)

// place is a facility a row may be matched to: one stored, or one an
// earlier row of the import creates (at names that row).
type place struct {
	id         int64
	name       string
	at         string
	visibility habeas.Visibility
	read       names.Place // name as the names package reads a place (PreparePlace)
}

// flatRun is the import of flat files within one batch.
type flatRun struct {
	*run
	ctx    context.Context
	svc    Reader
	a      habeas.Access
	today  time.Time
	places []place
	// placeOf remembers what each facility cell, as written, was matched
	// to, so that a spelling is matched once and listed once.
	placeOf map[string]*place
	split   map[string]bool
	skip    map[string]bool
	// sources by "url " + URL, or "title " + title for one without a URL.
	sources     map[string]*habeas.Source
	earlier     map[string][]earlierRow // by blocking key of the name
	exp         *exporter
	expFacility map[int64]string
}

type earlierRow struct {
	at   string
	name names.Name
	text string
}

func newFlatRun(ctx context.Context, r *run, svc Reader, u *habeas.User, opt Options) (*flatRun, error) {
	fr := &flatRun{run: r, ctx: ctx, svc: svc, a: u.Access(), today: opt.Today,
		placeOf: map[string]*place{}, split: map[string]bool{}, skip: map[string]bool{},
		sources: map[string]*habeas.Source{}, earlier: map[string][]earlierRow{}, expFacility: map[int64]string{}}
	if fr.today.IsZero() {
		fr.today = habeas.Today(habeas.SystemClock{})
	}
	if d := opt.Decisions; d != nil {
		for _, s := range d.SplitFacilities {
			fr.split[s] = true
		}
		for _, s := range d.Skip {
			fr.skip[s] = true
		}
	}
	fr.exp = &exporter{ctx: ctx, r: svc, a: fr.a}
	// What the writer may see is what rows are matched to: a facility or
	// source hidden from them is, to this import, one that does not exist.
	err := pages(ctx, func(o habeas.ListOptions) (habeas.Page[habeas.Facility], error) {
		return svc.ListFacilities(ctx, fr.a, habeas.FacilityFilter{ListOptions: o})
	}, func(f *habeas.Facility) error {
		fr.places = append(fr.places, place{id: f.ID, name: f.Name, visibility: f.Visibility, read: names.PreparePlace(f.Name)})
		return nil
	})
	if err == nil {
		err = pages(ctx, func(o habeas.ListOptions) (habeas.Page[habeas.Source], error) {
			return svc.ListSources(ctx, fr.a, habeas.SourceFilter{ListOptions: o})
		}, func(s *habeas.Source) error {
			if k := sourceKey(s.URL, s.Title); fr.sources[k] == nil {
				c := *s
				fr.sources[k] = &c
			}
			return nil
		})
	}
	if err != nil {
		return nil, fmt.Errorf("read what the import matches rows to: %w", err)
	}
	return fr, nil
}

func sourceKey(url, title string) string {
	if url != "" {
		return "url " + url
	}
	return "title " + title
}

// note adds a line to the preview.
func (fr *flatRun) note(s string) { fr.rep.Preview = append(fr.rep.Preview, s) }

// file imports the rows of one flat file.
func (fr *flatRun) file(r *flatReader) error {
	n := 0
	for {
		if n%1024 == 0 {
			if err := fr.ctx.Err(); err != nil {
				return err
			}
		}
		rec, probs, err := r.next()
		if err != nil {
			if errors.Is(err, io.EOF) {
				break
			}
			if fr.opt.Progress != nil {
				fr.opt.Progress(r.name, n)
			}
			return err
		}
		n++
		if fr.opt.Progress != nil && n%5000 == 0 {
			fr.opt.Progress(r.name, n)
		}
		if len(probs) > 0 {
			for _, p := range probs {
				if err := fr.problem(r.name+":"+strconv.Itoa(p.line), p.column, p.reason); err != nil {
					return err
				}
			}
			continue
		}
		if err := fr.row(r, rec); err != nil {
			return err
		}
	}
	if fr.opt.Progress != nil {
		fr.opt.Progress(r.name, n)
	}
	return nil
}

// parsedRow is what one row says, read from its cells.
type parsedRow struct {
	person habeas.Person
	cas    *habeas.Case // nil when the row says nothing of a case
	events []habeas.Event
	source *habeas.Source
	place  string // the facility cell
}

// row reads, checks and creates one row.
func (fr *flatRun) row(r *flatReader, rec *flatRecord) error {
	at := r.name + ":" + strconv.Itoa(rec.line)
	if fr.skip[at] {
		fr.note(at + ": skipped (decisions file)")
		fr.rep.Skipped++
		return nil
	}
	bad := false
	col := func(c string) string { return r.columnName(flatColumn[c]) }
	fail := func(c, reason string) error {
		bad = true
		return fr.problem(at, col(c), reason)
	}
	p, err := fr.parse(rec.cells, fail)
	if err != nil || bad {
		return err
	}
	// Check every record of the row before creating any, so that a bad
	// row is reported as a whole and creates nothing.
	checks := []struct {
		err   error
		field func(string) string
	}{{p.person.Validate(), personColumn}}
	if p.cas != nil {
		c := *p.cas
		c.PersonID = 1
		checks = append(checks, struct {
			err   error
			field func(string) string
		}{c.Validate(), caseColumn})
	}
	if p.source != nil {
		checks = append(checks, struct {
			err   error
			field func(string) string
		}{p.source.Validate(), sourceColumn})
	}
	for _, c := range checks {
		if c.err == nil {
			continue
		}
		bad = true
		if err := fr.refusedAs(at, c.err, func(f string) string { return col(c.field(f)) }); err != nil {
			return err
		}
	}
	if bad {
		return nil
	}
	if same, err := fr.matchPeople(at, p); err != nil || same {
		return err
	}
	return fr.create(at, p, col)
}

// parse reads the cells of a row into records; fail reports a bad cell.
func (fr *flatRun) parse(cells []string, fail func(col, reason string) error) (*parsedRow, error) {
	get := func(c string) string { return cells[flatColumn[c]] }
	var stop error
	bad := func(c, reason string) {
		if err := fail(c, reason); err != nil && stop == nil {
			stop = err
		}
	}
	p := &parsedRow{}
	vis := habeas.Internal
	if v := get("visibility"); v != "" {
		if err := vis.UnmarshalText([]byte(strings.ToLower(v))); err != nil {
			bad("visibility", habeas.ErrorMessage(err))
		}
	}
	name := get("name")
	if name == "" {
		bad("name", "is required")
	}
	country := get("country")
	if len(country) == 2 {
		country = strings.ToUpper(country)
	}
	p.person = habeas.Person{Country: country, Visibility: vis,
		Names: []habeas.PersonName{{Name: name, Kind: habeas.NamePrimary, Visibility: habeas.Public}}}
	for _, n := range strings.Split(get("other_names"), "|") {
		if n = strings.TrimSpace(n); n != "" {
			p.person.Names = append(p.person.Names, habeas.PersonName{Name: n, Kind: habeas.NameAlias, Visibility: vis})
		}
	}
	if y := get("birth_year"); y != "" {
		n, err := strconv.Atoi(y)
		if err != nil {
			bad("birth_year", "is not a year (write four digits, such as 1987)")
		}
		p.person.BirthYear = n
	}
	date := func(c string) string {
		v := get(c)
		if v == "" {
			return ""
		}
		d, err := edtf.ParseTyped(v)
		if err != nil {
			reason := err.Error()
			if pe, ok := err.(*edtf.ParseError); ok {
				reason = fmt.Sprintf("%q: %s", truncateText(v, 40), pe.Reason)
			}
			bad(c, reason)
			return ""
		}
		return d.String()
	}
	arrest, sentenceDate := date("arrest_date"), date("sentence_date")
	term, err := ParseSentence(get("sentence"))
	if err != nil {
		bad("sentence", fmt.Sprintf("%q: %v", truncateText(get("sentence"), 40), err))
	}
	var charges []habeas.Charge
	for _, ch := range strings.Split(get("charges"), ";") {
		if ch = strings.TrimSpace(ch); ch == "" {
			continue
		}
		c := habeas.Charge{Text: ch}
		if art, text, ok := strings.Cut(ch, ":"); ok && strings.ContainsAny(art, "0123456789") && len(art) <= 50 && strings.TrimSpace(text) != "" {
			c = habeas.Charge{Article: strings.TrimSpace(art), Text: strings.TrimSpace(text)}
		}
		charges = append(charges, c)
	}
	p.place = get("facility")
	srcURL, srcTitle := get("source_url"), get("source_title")
	hasCase := false
	for _, c := range []string{"arrest_date", "charges", "court", "sentence", "sentence_date", "facility", "status", "classification", "notes"} {
		if get(c) != "" {
			hasCase = true
		}
	}
	if !hasCase {
		if srcURL != "" || srcTitle != "" {
			bad(sourceCellName(srcURL), "the row says nothing of a case for the source to be cited by")
		}
		return p, stop
	}
	status := enumValue(get("status"))
	class := enumValue(get("classification"))
	if class == "" {
		class = "not_assessed" // nobody has assessed it: what the row says
	}
	p.cas = &habeas.Case{Country: country, Status: status, ArrestDate: arrest, Charges: charges, Court: get("court"),
		Sentence: term, SentenceDate: sentenceDate, Classification: class, Position: "unknown",
		Summary: get("notes"), Visibility: vis}
	if p.cas.Charges == nil {
		p.cas.Charges = []habeas.Charge{}
	}
	kinds, reason, column := timelineOf(status, arrest != "", sentenceDate != "", p.place != "")
	if reason != "" {
		bad(column, reason)
		return p, stop
	}
	dates := map[string]string{habeas.EventArrest: arrest, habeas.EventVerdict: sentenceDate}
	for _, k := range kinds {
		p.events = append(p.events, habeas.Event{Kind: k, Date: dates[k], Visibility: vis, SourceIDs: []int64{}})
	}
	if srcURL != "" || srcTitle != "" {
		if len(p.events) == 0 {
			why := "the row has no arrest_date or sentence_date: a source is cited by the row's dated facts"
			if status == habeas.StatusReleased || status == habeas.StatusPardoned {
				why = "a " + status + " row has no dated fact on its timeline to cite the source by (the flat layout has no release date); add the source to the case after the import"
			}
			bad(sourceCellName(srcURL), why)
			return p, stop
		}
		title := srcTitle
		if title == "" {
			title = srcURL
		}
		kind := "document"
		if srcURL != "" {
			kind = "url"
		}
		p.source = &habeas.Source{Kind: kind, Title: title, URL: srcURL, Reliability: "unverified", Visibility: vis}
	}
	return p, stop
}

func sourceCellName(url string) string {
	if url != "" {
		return "source_url"
	}
	return "source_title"
}

// enumValue reads a status or classification as people write it:
// "Pre-trial" and "pre trial" are pre_trial.
func enumValue(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	return strings.NewReplacer(" ", "_", "-", "_").Replace(s)
}

// timelineOf says which events make the timeline of a row say its status
// (see package casefile: an arrest makes a case pre_trial unless it is
// already held or deceased, a verdict makes it sentenced unless
// deceased), or why the status cannot be said with what the row holds.
// The stored status is the status itself; the events are the row's dated
// facts that do not contradict it.
func timelineOf(status string, arrest, sentenced, facility bool) (kinds []string, reason, column string) {
	allowed := strings.Join(habeas.Statuses, ", ")
	switch status {
	case "":
		return nil, "is required when the row describes a case: one of " + allowed + " (or give one for every row in the mapping file's defaults)", "status"
	case habeas.StatusDetained, habeas.StatusPretrial:
		if sentenced {
			return nil, "a sentence date says there was a verdict, which makes the timeline say sentenced, not " + status + ": write sentenced, or leave sentence_date empty", "sentence_date"
		}
	case habeas.StatusSentenced:
	case habeas.StatusDeceased:
		if facility {
			return nil, "a deceased person is not held anywhere: leave facility empty", "facility"
		}
	case habeas.StatusReleased, habeas.StatusPardoned:
		// An arrest or verdict on the timeline would read as after the
		// release (the flat layout has no release date) and make the
		// person held again: the dates stay on the case only.
		if facility {
			return nil, "a " + status + " person is not held: leave facility empty", "facility"
		}
		return nil, "", ""
	default:
		return nil, fmt.Sprintf("unknown status %q (want one of %s)", truncateText(status, 40), allowed), "status"
	}
	if arrest {
		kinds = append(kinds, habeas.EventArrest)
	}
	if sentenced {
		kinds = append(kinds, habeas.EventVerdict)
	}
	return kinds, "", ""
}

// matchPeople looks for the person of a row among the people stored and
// the earlier rows. A stored person the import would export exactly as
// the row is left unchanged (it reports same); other people whose names
// score as probably the same are listed with their scores, and the row is
// imported as a person of their own: never merged silently.
func (fr *flatRun) matchPeople(at string, p *parsedRow) (same bool, err error) {
	name := p.person.DisplayName()
	cands, err := fr.svc.Candidates(fr.ctx, fr.a, name, names.Threshold, 10)
	if err != nil {
		return false, fmt.Errorf("%s: find people named %q: %w", at, name, err)
	}
	want := fr.exportForm(p)
	var maybe []string
	for _, c := range cands {
		stored, err := fr.svc.Person(fr.ctx, fr.a, c.PersonID)
		if habeas.ErrorCode(err) == habeas.ENOTFOUND {
			continue
		} else if err != nil {
			return false, fmt.Errorf("%s: %w", at, err)
		}
		row, err := fr.exp.flatRow(stored, fr.today, fr.expFacility)
		if err != nil {
			return false, fmt.Errorf("%s: %w", at, err)
		}
		if slices.Equal(row, want) {
			fr.rep.Unchanged++
			return true, nil
		}
		maybe = append(maybe, fmt.Sprintf("%q (person %d, /people/%s) %.2f", c.Name, c.PersonID, c.Slug, c.Score))
	}
	prepared := names.Prepare(name)
	seen := map[string]bool{}
	for _, k := range prepared.Keys() {
		for _, e := range fr.earlier[k] {
			if seen[e.at] {
				continue
			}
			seen[e.at] = true
			if s := prepared.Score(e.name); s >= names.Threshold {
				maybe = append(maybe, fmt.Sprintf("%q (%s) %.2f", e.text, e.at, s))
			}
		}
	}
	for _, k := range prepared.Keys() {
		fr.earlier[k] = append(fr.earlier[k], earlierRow{at: at, name: prepared, text: name})
	}
	if len(maybe) > 0 {
		fr.rep.Duplicates++
		fr.note(fmt.Sprintf("%s: %q may be the same person as %s: imported as a person of their own; merge them after the import, or list %q under \"skip\" in a decisions file",
			at, name, strings.Join(maybe, ", "), at))
	}
	return false, nil
}

// exportForm is the row an export would write for what p holds, to tell
// a row already imported.
func (fr *flatRun) exportForm(p *parsedRow) []string {
	row := make([]string, len(FlatColumns))
	set := func(col, v string) { row[flatColumn[col]] = v }
	var others []string
	for _, n := range p.person.Names[1:] {
		others = append(others, n.Name)
	}
	set("name", p.person.DisplayName())
	set("other_names", strings.Join(others, flatNameSep))
	set("country", p.person.Country)
	if p.person.BirthYear != 0 {
		set("birth_year", strconv.Itoa(p.person.BirthYear))
	}
	set("visibility", p.person.Visibility.String())
	c := p.cas
	if c == nil {
		return row
	}
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
	set("status", c.Status)
	set("classification", c.Classification)
	set("notes", c.Summary)
	if p.place != "" {
		name := p.place
		if pl := fr.findPlace(p.place); pl != nil {
			name = pl.name
		}
		set("facility", name)
	}
	if s := p.source; s != nil {
		set("source_url", s.URL)
		set("source_title", s.Title)
		if known := fr.sources[sourceKey(s.URL, s.Title)]; known != nil {
			set("source_title", known.Title)
		}
	}
	return row
}

// findPlace is the facility a facility cell names, by names.SamePlace,
// unless the decisions split that spelling off: then only a facility
// written exactly so.
func (fr *flatRun) findPlace(written string) *place {
	if pl, ok := fr.placeOf[written]; ok {
		return pl
	}
	for i := range fr.places {
		if fr.places[i].name == written {
			return &fr.places[i]
		}
	}
	if fr.split[written] {
		return nil
	}
	read := names.PreparePlace(written)
	for i := range fr.places {
		if read.Same(fr.places[i].read) {
			return &fr.places[i]
		}
	}
	return nil
}

// create writes the records of a row through the batch.
func (fr *flatRun) create(at string, p *parsedRow, col func(string) string) error {
	refused := func(err error, field func(string) string) error {
		return fr.refusedAs(at, err, func(f string) string { return col(field(f)) })
	}
	var facilityID int64
	if p.place != "" {
		pl := fr.findPlace(p.place)
		if pl == nil {
			f := habeas.Facility{Name: p.place, Kind: "unknown", Country: p.person.Country, Visibility: p.person.Visibility}
			if err := fr.b.CreateFacility(&f); err != nil {
				return refused(err, func(string) string { return "facility" })
			}
			fr.rep.Created[CreatedFacilities]++
			fr.places = append(fr.places, place{id: f.ID, name: f.Name, at: at, visibility: f.Visibility, read: names.PreparePlace(f.Name)})
			pl = &fr.places[len(fr.places)-1]
			fr.placeOf[p.place] = &place{id: f.ID, name: f.Name, at: at}
		} else if _, listed := fr.placeOf[p.place]; !listed {
			fr.placeOf[p.place] = pl
			if pl.name != p.place {
				what := fmt.Sprintf("facility %d", pl.id)
				if pl.at != "" {
					what = "the facility of " + pl.at
				}
				fr.rep.Matches++
				fr.note(fmt.Sprintf("%s: %s: %q is taken for %q (%s); to keep it apart, list %q under \"split_facilities\" in a decisions file (--decisions FILE)",
					at, col("facility"), p.place, pl.name, what, p.place))
			}
		}
		facilityID = pl.id
	}
	var sourceIDs []int64
	if s := p.source; s != nil {
		key := sourceKey(s.URL, s.Title)
		known := fr.sources[key]
		if known == nil {
			if err := fr.b.CreateSource(s); err != nil {
				return refused(err, sourceColumn)
			}
			fr.rep.Created[CreatedSources]++
			fr.sources[key] = s
			known = s
		}
		sourceIDs = []int64{known.ID}
	}
	if err := fr.b.CreatePerson(&p.person); err != nil {
		return refused(err, personColumn)
	}
	fr.rep.Created[CreatedPeople]++
	if p.cas == nil {
		return nil
	}
	p.cas.PersonID, p.cas.FacilityID = p.person.ID, facilityID
	if err := fr.b.CreateCase(p.cas); err != nil {
		return refused(err, caseColumn)
	}
	fr.rep.Created[CreatedCases]++
	for i := range p.events {
		e := &p.events[i]
		e.CaseID, e.SourceIDs = p.cas.ID, sourceIDs
		if err := fr.b.CreateEvent(e); err != nil {
			return refused(err, func(f string) string {
				if f == "date" && e.Kind == habeas.EventVerdict {
					return "sentence_date"
				} else if f == "date" {
					return "arrest_date"
				}
				return "status"
			})
		}
		fr.rep.Created[CreatedEvents]++
	}
	return nil
}

// refusedAs records the problems of an error the store gave for a record
// of a row, naming the columns its fields come from.
func (fr *flatRun) refusedAs(at string, err error, column func(string) string) error {
	switch habeas.ErrorCode(err) {
	case habeas.EINVALID, habeas.EBADREQUEST, habeas.EFORBIDDEN:
	case habeas.ECONFLICT:
		fr.problem(at, "", habeas.ErrorMessage(err))
		return errTooMany
	default:
		return fmt.Errorf("%s: %w", at, err)
	}
	fields := habeas.ErrorFields(err)
	if len(fields) == 0 {
		return fr.problem(at, "", habeas.ErrorMessage(err))
	}
	for _, f := range slices.Sorted(maps.Keys(fields)) {
		if err := fr.problem(at, column(f), fields[f]); err != nil {
			return err
		}
	}
	return nil
}

// The columns the fields of each record come from.
func personColumn(field string) string {
	switch {
	case strings.HasPrefix(field, "names[0]"), field == "slug":
		return "name"
	case strings.HasPrefix(field, "names"):
		return "other_names"
	case field == "country", field == "birth_year", field == "visibility":
		return field
	}
	return "name"
}

func caseColumn(field string) string {
	switch {
	case strings.HasPrefix(field, "charges"):
		return "charges"
	case field == "summary":
		return "notes"
	case field == "facility_id":
		return "facility"
	case field == "person_id":
		return "name"
	}
	if _, ok := flatColumn[field]; ok {
		return field
	}
	return "status"
}

func sourceColumn(field string) string {
	if field == "url" {
		return "source_url"
	}
	return "source_title"
}
