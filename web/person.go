package web

import (
	"context"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"codeberg.org/habeas/habeas"
	"codeberg.org/habeas/habeas/casefile"
	"codeberg.org/habeas/habeas/edtf"
)

// personPage is the data of a person's page.
type personPage struct {
	Person    *habeas.Person
	Photo     *photo // from the media store, when public
	Name      string
	Bio       habeas.TextIn // the biography in the page's language, or as written
	Aliases   []habeas.PersonName
	Spellings []habeas.PersonName
	// Pronoun names the words for the person in sentences about them:
	// "him", "her" or "them", in the catalogues' keys (person_write_him).
	Pronoun       string
	Case          *habeas.Case   // the current case (store.CurrentCase); nil when none is public
	Earlier       []earlierEntry // the person's other public cases, latest entered first
	State         casefile.State
	Facility      *habeas.Facility // where held now, when known and public
	LastKnown     *habeas.Facility // where last held, when the whereabouts are unknown
	Figures       []figure
	Alerts        []habeas.PublicAlert // published by staff, as the public timeline shows them
	News          []habeas.Post        // the latest posts about the person
	Timeline      []timelineEntry
	Interventions []interventionEntry
	Affiliations  []affiliationEntry
	Sources       []numberedSource

	// The sources of the person's own facts (occupation, biography), of the
	// case's, of where they are held or were last seen (the event that put
	// them there, else the case), and of the facility's address.
	PersonCites, CaseCites, PlaceCites, FacilityCites cites

	// TipForm is the "send us information" form, as the visitor filled it
	// in when it was refused; TipSent says a tip was just taken.
	TipForm inputForm
	TipSent bool
}

type earlierEntry struct {
	habeas.Case
	Cites cites
}

type affiliationEntry struct {
	habeas.Affiliation
	Cites cites
}

// pronounFor returns the key of the words for a person of gender.
func pronounFor(gender string) string {
	switch gender {
	case "male":
		return "him"
	case "female":
		return "her"
	}
	return "them"
}

// figure is one of the counters shown large on a person's page.
type figure struct {
	Value   string
	Label   string
	AtLeast bool
	Note    string
	Urgent  bool
}

// cites are the source numbers of a fact and how many of its sources are
// not public.
type cites struct {
	Numbers  []int
	Withheld int
}

// Sourced reports whether the fact cites at least one source, public or not.
func (c cites) Sourced() bool { return len(c.Numbers) > 0 || c.Withheld > 0 }

// citer numbers a page's sources in the order the page first cites them.
type citer struct {
	sources map[int64]*habeas.Source
	numbers map[int64]int
	list    []numberedSource
}

// newCiter loads, in one query, the public sources among ids.
func newCiter(ctx context.Context, st Store, ids []int64) (*citer, error) {
	sources, err := st.Sources(ctx, public, ids)
	if err != nil {
		return nil, err
	}
	return &citer{sources: sources, numbers: map[int64]int{}}, nil
}

// cite returns the numbers of the sources of a fact, numbering those cited
// for the first time.
func (c *citer) cite(sourceIDs []int64, withheld int) cites {
	ct := cites{Withheld: withheld}
	for _, id := range sourceIDs {
		src, ok := c.sources[id]
		if !ok {
			continue
		}
		n, seen := c.numbers[id]
		if !seen {
			n = len(c.list) + 1
			c.numbers[id] = n
			c.list = append(c.list, numberedSource{N: n, Source: src})
		}
		ct.Numbers = append(ct.Numbers, n)
	}
	slices.Sort(ct.Numbers)
	ct.Numbers = slices.Compact(ct.Numbers)
	return ct
}

type timelineEntry struct {
	habeas.Event
	Cites    cites
	Facility *habeas.Facility // for a transfer: where to, when public
}

type interventionEntry struct {
	habeas.Intervention
	Cites      cites
	Unanswered bool // no answer, and the due date has passed or there is none
}

type numberedSource struct {
	N int
	*habeas.Source
}

func (s *Server) person(w http.ResponseWriter, r *http.Request) {
	slug := r.PathValue("slug")
	if !habeas.IsSlug(slug) {
		s.notFound(w, r)
		return
	}
	p, err := s.loadPerson(r.Context(), s.tr(r), slug)
	if habeas.ErrorCode(err) == habeas.ENOTFOUND {
		// The old address of a person merged into another leads to them.
		if to, rerr := s.store.PersonRedirect(r.Context(), public, slug); rerr == nil {
			http.Redirect(w, r, "/people/"+to, http.StatusMovedPermanently)
			return
		}
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p.TipSent = formNotice(r, "tip", "sent")
	v, err := s.personView(p)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "person", v)
}

// personView is the page of a person.
func (s *Server) personView(p *personPage) (*view, error) {
	desc := p.Bio.Text
	if p.Case != nil && p.Case.Summary != "" {
		desc = p.Case.Summary
	}
	ld, err := s.personJSONLD(p, clip(desc, 300))
	if err != nil {
		return nil, err
	}
	return &view{Title: p.Name, Nav: "people", Description: clip(desc, 200),
		Canonical: "/people/" + p.Person.Slug, OGType: "profile", JSONLD: ld, Page: p}, nil
}

// loadPerson reads the page of a person, in the words of t: the name as
// written in t's language where the person has one (Мустафаев on the
// Russian page), else as it is usually written.
func (s *Server) loadPerson(ctx context.Context, t *tr, slug string) (*personPage, error) {
	person, err := s.store.PersonBySlug(ctx, public, slug)
	if err != nil {
		return nil, err
	}
	p := &personPage{Person: person, Name: person.NameIn(t.Lang), Pronoun: pronounFor(person.Gender),
		Bio: s.textIn(ctx, t, person.Bio, person.BioLang, person.BioTranslations)}
	if p.Photo, err = s.photo(ctx, t, person, p.Name); err != nil {
		return nil, err
	}
	for _, n := range person.Names {
		switch {
		case n.Name == p.Name:
		case n.Kind == habeas.NameAlias:
			p.Aliases = append(p.Aliases, n)
		default:
			p.Spellings = append(p.Spellings, n)
		}
	}
	if p.Alerts, err = s.store.PublicAlerts(ctx, person.ID, 20); err != nil {
		return nil, err
	}
	news, err := s.store.ListPosts(ctx, public, habeas.PostFilter{PersonID: person.ID, Originals: true,
		ListOptions: habeas.ListOptions{Limit: newsShown}})
	if err != nil {
		return nil, err
	}
	p.News = news.Items
	affiliations, err := s.store.Affiliations(ctx, public, person.ID)
	if err != nil {
		return nil, err
	}
	cases, err := s.store.ListCases(ctx, public, habeas.CaseFilter{PersonID: person.ID,
		ListOptions: habeas.ListOptions{Limit: habeas.MaxLimit}})
	if err != nil {
		return nil, err
	}
	var cl caseLoad
	var earlier []habeas.Case
	if len(cases.Items) > 0 {
		// The current case as on the people list; the others are listed.
		c, err := s.store.CurrentCase(ctx, public, person.ID)
		if err != nil {
			return nil, err
		}
		p.Case = c
		for i := len(cases.Items) - 1; i >= 0; i-- {
			if cases.Items[i].ID != c.ID {
				earlier = append(earlier, cases.Items[i])
			}
		}
		if cl, err = s.loadCase(ctx, t, p); err != nil {
			return nil, err
		}
	}

	// Sources are numbered in the order the page first cites them.
	ids := slices.Clone(person.SourceIDs)
	if p.Case != nil {
		ids = append(ids, p.Case.SourceIDs...)
	}
	if p.Facility != nil {
		ids = append(ids, p.Facility.SourceIDs...)
	}
	for _, e := range cl.events {
		ids = append(ids, e.SourceIDs...)
	}
	for _, iv := range cl.interventions {
		ids = append(ids, iv.SourceIDs...)
	}
	for _, c := range earlier {
		ids = append(ids, c.SourceIDs...)
	}
	for _, a := range affiliations {
		ids = append(ids, a.SourceIDs...)
	}
	ct, err := newCiter(ctx, s.store, ids)
	if err != nil {
		return nil, err
	}
	p.PersonCites = ct.cite(person.SourceIDs, person.WithheldSources)
	if c := p.Case; c != nil {
		p.CaseCites = ct.cite(c.SourceIDs, c.WithheldSources)
		p.PlaceCites = p.CaseCites
		for _, e := range cl.events {
			if e.ID == p.State.FacilityEventID {
				p.PlaceCites = ct.cite(e.SourceIDs, e.WithheldSources)
			}
		}
	}
	if p.Facility != nil {
		p.FacilityCites = ct.cite(p.Facility.SourceIDs, p.Facility.WithheldSources)
	}
	for _, e := range cl.events {
		te := timelineEntry{Event: e, Cites: ct.cite(e.SourceIDs, e.WithheldSources)}
		if e.Kind == habeas.EventTransfer && e.FacilityID != 0 {
			if te.Facility, err = cl.facilities.get(ctx, e.FacilityID); err != nil {
				return nil, err
			}
		}
		p.Timeline = append(p.Timeline, te)
	}
	for _, iv := range cl.interventions {
		p.Interventions = append(p.Interventions, interventionEntry{Intervention: iv,
			Cites: ct.cite(iv.SourceIDs, 0), Unanswered: unanswered(&iv, cl.today)})
	}
	for _, c := range earlier {
		p.Earlier = append(p.Earlier, earlierEntry{Case: c, Cites: ct.cite(c.SourceIDs, c.WithheldSources)})
	}
	for _, a := range affiliations {
		p.Affiliations = append(p.Affiliations, affiliationEntry{Affiliation: a, Cites: ct.cite(a.SourceIDs, a.WithheldSources)})
	}
	p.Sources = ct.list
	return p, nil
}

// caseLoad is what loadCase read, for the page to cite.
type caseLoad struct {
	events        []habeas.Event
	interventions []habeas.Intervention
	facilities    *facilityCache
	today         time.Time
}

// loadCase fills the case's state and the facilities it names, and returns
// its timeline and interventions.
func (s *Server) loadCase(ctx context.Context, t *tr, p *personPage) (caseLoad, error) {
	c := p.Case
	var cl caseLoad
	events, err := s.store.Timeline(ctx, public, c.ID)
	if err != nil {
		return cl, err
	}
	ivs, err := s.store.ListInterventions(ctx, public, habeas.InterventionFilter{CaseID: c.ID,
		ListOptions: habeas.ListOptions{Limit: habeas.MaxLimit}})
	if err != nil {
		return cl, err
	}
	cl = caseLoad{events: events, interventions: ivs.Items, facilities: newFacilityCache(s.store), today: habeas.Today(s.clock)}
	p.State = casefile.Compute(c, events, cl.today)
	if p.State.FacilityID != 0 {
		if p.Facility, err = cl.facilities.get(ctx, p.State.FacilityID); err != nil {
			return cl, err
		}
	}
	if p.State.WhereaboutsUnknown {
		if p.LastKnown, err = cl.facilities.get(ctx, lastKnownFacility(c, events, p.State.FacilityEventID)); err != nil {
			return cl, err
		}
	}
	p.Figures = t.figures(&p.State)
	return cl, nil
}

// lastKnownFacility returns where the person was last known to be before
// the transfer to an undisclosed place: the facility of the latest event
// before it that names one, else the case's recorded facility.
func lastKnownFacility(c *habeas.Case, events []habeas.Event, transferID int64) int64 {
	last := c.FacilityID
	for _, e := range events {
		if e.ID == transferID {
			break
		}
		if e.FacilityID != 0 {
			last = e.FacilityID
		}
	}
	return last
}

// unanswered reports whether an intervention has had no answer by its due
// date, or has none and no due date at all.
func unanswered(iv *habeas.Intervention, today time.Time) bool {
	if iv.AnswerStatus != "none" {
		return false
	}
	due, err := edtf.Parse(iv.DueOn)
	if err != nil {
		return true // no due date: every day without an answer counts
	}
	return due.Latest().Before(today)
}

// figures returns the counters of a case, "at least" where a date they
// count from is not exact.
func (t *tr) figures(st *casefile.State) []figure {
	var out []figure
	approx := func(k string) bool { return st.Approximate[k] }
	if st.DaysDetained >= 0 {
		f := figure{Value: t.number(st.DaysDetained), Label: t.N("figure_days_detained", st.DaysDetained),
			AtLeast: approx(casefile.CounterDaysDetained)}
		if st.DetainedSince != "" {
			f.Note = t.sinceText(st.DetainedSince)
		}
		out = append(out, f)
	}
	if st.DaysWithoutNews >= 0 {
		f := figure{Value: t.number(st.DaysWithoutNews), Label: t.N("figure_days_without_news", st.DaysWithoutNews),
			AtLeast: approx(casefile.CounterDaysWithoutNews), Urgent: st.DaysWithoutNews >= 7}
		if st.LastNews != "" {
			f.Note = t.T("figure_last_news", "Date", t.dateText(st.LastNews))
		} else {
			f.Note = t.T("figure_no_news_since_arrest")
		}
		out = append(out, f)
	}
	if st.HungerStrikeSince != "" {
		f := figure{Value: t.T("figure_strike_day", "Day", t.number(st.HungerStrikeDays+1)), Label: t.T("figure_strike"),
			AtLeast: approx(casefile.CounterHungerStrikeDays), Urgent: true, Note: t.sinceText(st.HungerStrikeSince)}
		if st.HungerStrikeUnconfirmed {
			// Nobody has said since the last news that it goes on: say
			// how long it has lasted if it does, and since when nothing
			// is known.
			f.Label = t.T("figure_strike_if_continues")
			// (the start is news itself, so LastNews is set)
			f.Note = t.T("figure_strike_unconfirmed", "Began", t.dateText(st.HungerStrikeSince), "LastNews", t.dateText(st.LastNews))
		}
		out = append(out, f)
	}
	if st.Detained && st.ExpectedRelease != "" {
		if st.ReleaseOverdue {
			out = append(out, figure{Value: t.T("figure_overdue"), Label: t.T("figure_release"), Urgent: true,
				Note: t.T("figure_expected", "Date", t.dateText(st.ExpectedRelease))})
		} else if st.DaysToRelease >= 0 {
			out = append(out, figure{Value: t.number(st.DaysToRelease),
				Label:   t.N("figure_days_to_release", st.DaysToRelease),
				AtLeast: approx(casefile.CounterDaysToRelease), Note: t.T("figure_expected", "Date", t.dateText(st.ExpectedRelease))})
		}
	}
	return out
}

// facilityCache looks up each facility once per page; a facility that is
// not public is nil.
type facilityCache struct {
	store Store
	seen  map[int64]*habeas.Facility
}

func newFacilityCache(st Store) *facilityCache {
	return &facilityCache{store: st, seen: map[int64]*habeas.Facility{}}
}

func (fc *facilityCache) get(ctx context.Context, id int64) (*habeas.Facility, error) {
	if id == 0 {
		return nil, nil
	}
	if f, ok := fc.seen[id]; ok {
		return f, nil
	}
	f, err := fc.store.Facility(ctx, public, id)
	if habeas.ErrorCode(err) == habeas.ENOTFOUND {
		f, err = nil, nil
	}
	if err != nil {
		return nil, err
	}
	fc.seen[id] = f
	return f, nil
}

// paragraphs splits text at blank lines.
func paragraphs(text string) []string {
	var out []string
	for _, p := range strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n\n") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// clip shortens text to at most n characters at a word boundary.
func clip(text string, n int) string {
	r := []rune(strings.Join(strings.Fields(text), " "))
	if len(r) <= n {
		return string(r)
	}
	cut := string(r[:n])
	if i := strings.LastIndexByte(cut, ' '); i > n/2 {
		cut = cut[:i]
	}
	return cut + "…"
}

// coordinates writes a latitude and longitude as text: 40.4093° N, 49.8671° E.
func coordinates(lat, lon *float64) string {
	if lat == nil || lon == nil {
		return ""
	}
	ns, ew := "N", "E"
	la, lo := *lat, *lon
	if la < 0 {
		ns, la = "S", -la
	}
	if lo < 0 {
		ew, lo = "W", -lo
	}
	return strconv.FormatFloat(la, 'f', 4, 64) + "° " + ns + ", " + strconv.FormatFloat(lo, 'f', 4, 64) + "° " + ew
}
