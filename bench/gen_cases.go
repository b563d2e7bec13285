package bench

import (
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"time"

	"codeberg.org/habeas/habeas"
	"codeberg.org/habeas/habeas/edtf"
)

// caseSpec is what the person's generator decides about a case.
type caseSpec struct {
	status, country string
	arrest          day
	until           day // nothing of the case lies after it: today, or before a later arrest
	events          int
	current         bool // the person's latest case, which may have scheduled hearings
}

// caseOut is a generated case; its buffers are reused from person to person.
type caseOut struct {
	c             habeas.Case
	arrest        day
	events        []habeas.Event
	interventions []habeas.Intervention
	plan          []planned
}

var (
	caseVisibility         = weights[habeas.Visibility]{{habeas.Public, 95}, {habeas.Internal, 4}, {habeas.Confidential, 1}}
	eventVisibility        = weights[habeas.Visibility]{{habeas.Public, 93}, {habeas.Internal, 6}, {habeas.Confidential, 1}}
	interventionVisibility = weights[habeas.Visibility]{{habeas.Public, 70}, {habeas.Internal, 25}, {habeas.Confidential, 5}}
	classifications        = weights[string]{{"political_prisoner", 55}, {"prisoner_of_conscience", 10}, {"at_risk", 15}, {"not_assessed", 20}}
	positions              = weights[string]{{"denies", 70}, {"partially_admits", 5}, {"admits", 5}, {"unknown", 20}}
	sourcesPerEvent        = weights[int]{{0, 15}, {1, 65}, {2, 15}, {3, 5}}
	oneToThree             = weights[int]{{1, 60}, {2, 30}, {3, 10}} // charges of a case, interventions of one that has them
)

// genCase generates one case of person p into co.
func (g *generator) genCase(r *rand.Rand, p *habeas.Person, spec caseSpec, co *caseOut) {
	g.counts.Cases++
	co.events, co.interventions, co.plan = co.events[:0], co.interventions[:0], co.plan[:0]
	co.arrest = spec.arrest
	c := &co.c
	*c = habeas.Case{
		ID: int64(g.counts.Cases), PersonID: p.ID, Country: spec.country, Status: spec.status,
		Charges: []habeas.Charge{}, Visibility: max(p.Visibility, caseVisibility.pick(r)),
	}
	t := g.planTimeline(r, spec, co)
	g.fillCase(r, spec, co, t)
	g.writeEvents(r, p, spec, co, t)
	g.genInterventions(r, spec, co, t.last)
	c.CreatedAt = g.stamp(spec.arrest + 1)
	c.UpdatedAt = c.CreatedAt
	for i := range co.events {
		c.UpdatedAt = maxTime(c.UpdatedAt, co.events[i].UpdatedAt)
	}
}

// fillCase sets the case's own fields from its plan.
func (g *generator) fillCase(r *rand.Rand, spec caseSpec, co *caseOut, t timeline) {
	c := &co.c
	if spec.status != habeas.StatusDetained || chance(r, 0.3) {
		table := forCountry(charges, spec.country)
		for range oneToThree.pick(r) {
			ch := pick(r, table)
			if !slices.Contains(c.Charges, ch) {
				c.Charges = append(c.Charges, ch)
			}
		}
	}
	if t.verdict > 0 || t.hasHearing {
		c.Court = pick(r, forCountry(courts, spec.country))
	}
	if t.verdict > 0 {
		c.Sentence, c.PretrialCredited = t.sentence, t.credited
	}
	c.Classification = classifications.pick(r)
	if c.Classification != "not_assessed" {
		c.ClassifiedBy = pick(r, classifiers)
		if d := spec.arrest + day(between(r, 10, 200)); d <= g.today && chance(r, 0.7) {
			c.ClassifiedOn = dayText(d)
		}
	}
	c.Position = positions.pick(r)
	if c.Position == "denies" && chance(r, 0.2) {
		c.PositionNote = "The charges are fabricated; I am being punished for my work."
	}
	if chance(r, 0.05) {
		c.InternalNotes = "The family asks that the case stay off social media until the appeal."
	}
}

// writeEvents turns the plan into events: it follows the facilities along
// the timeline and writes each day as an EDTF date in timeline order. The
// case's arrest and sentence dates are those of its events.
func (g *generator) writeEvents(r *rand.Rand, p *habeas.Person, spec caseSpec, co *caseOut, t timeline) {
	c := &co.c
	pr := pronounsOf(p.Gender)
	var dates timelineDates
	cur, lastNamed := int64(0), int64(0)
	oldArrest := spec.arrest < g.today-1095
	for _, pl := range co.plan {
		e := habeas.Event{Kind: pl.kind, SourceIDs: []int64{}, Visibility: max(c.Visibility, eventVisibility.pick(r))}
		var fac int64
		afterVerdict := t.verdict > 0 && pl.d >= t.verdict
		switch pl.kind {
		case habeas.EventArrest:
			switch n := r.IntN(10); {
			case n < 5:
				fac = g.facs.pick(r, spec.country, "police_station", "pre_trial")
			case n < 8:
				fac = g.facs.pick(r, spec.country, "pre_trial")
			}
			cur = fac
		case habeas.EventTransfer:
			if !pl.undisclosed {
				fac = g.transferTarget(r, spec.country, cur, afterVerdict)
			}
			cur = fac
		case habeas.EventFamilyVisit, habeas.EventLawyerVisit:
			if cur > 0 && chance(r, 0.5) {
				fac = cur
			}
		case habeas.EventIllTreatment, habeas.EventHealth, habeas.EventHungerStrikeStart, habeas.EventHungerStrikeEnd:
			if cur > 0 && chance(r, 0.3) {
				fac = cur
			}
		case habeas.EventRelease, habeas.EventPardon, habeas.EventDeath:
			if pl.kind == habeas.EventDeath && cur > 0 && chance(r, 0.5) {
				fac = cur
			}
			cur = 0
		}
		e.FacilityID = fac
		if fac > 0 {
			lastNamed = fac
		}
		e.Date = dates.date(pl.d, g.precisionOf(r, pl, oldArrest))
		g.describe(r, &e, pl, pr, spec.country, c, t)
		if pl.class == classScheduled {
			e.SourceIDs = g.srcs.cite(r, g.today-10, r.IntN(2))
		} else {
			e.SourceIDs = g.srcs.cite(r, pl.d, sourcesPerEvent.pick(r))
		}
		e.CreatedAt = g.stamp(pl.d + 1)
		e.UpdatedAt = e.CreatedAt
		switch {
		case pl.kind == habeas.EventArrest && c.ArrestDate == "":
			c.ArrestDate = e.Date
		case pl.kind == habeas.EventVerdict:
			c.SentenceDate = e.Date
		}
		co.events = append(co.events, e)
	}
	if c.ArrestDate == "" {
		c.ArrestDate = render(spec.arrest, precisionsArrest.pick(r)).text
	}
	c.FacilityID = lastNamed
	c.Summary = caseSummary(c, spec.country)
}

func (g *generator) precisionOf(r *rand.Rand, pl planned, oldArrest bool) precision {
	switch pl.class {
	case classScheduled:
		return precDay
	case classArrest:
		p := precisionsArrest.pick(r)
		if p == precYear && !oldArrest {
			p = precMonth
		}
		return p
	case classMilestone:
		return precisionsMilestone.pick(r)
	}
	p := precisionsFiller.pick(r)
	if (p == precYear || p == precYearUncertain) && pl.d > g.today-730 {
		p = precMonth
	}
	return p
}

// transferTarget picks where a transfer takes the person: a pre-trial
// centre before the verdict, a colony or prison after it.
func (g *generator) transferTarget(r *rand.Rand, country string, cur int64, afterVerdict bool) int64 {
	kinds := []string{"pre_trial", "police_station"}
	if afterVerdict {
		switch n := r.IntN(20); {
		case n < 15:
			kinds = []string{"colony", "prison"}
		case n < 19:
			kinds = []string{"prison", "colony"}
		default:
			kinds = []string{"psychiatric", "colony"}
		}
	}
	fac := g.facs.pick(r, country, kinds...)
	for try := 0; fac == cur && try < 3; try++ {
		fac = g.facs.pick(r, country, kinds...)
	}
	return fac
}

// describe gives an event its words.
func (g *generator) describe(r *rand.Rand, e *habeas.Event, pl planned, pr *strings.Replacer, country string, c *habeas.Case, t timeline) {
	switch {
	case pl.kind == habeas.EventStatement:
		e.Quote = pr.Replace(pick(r, quotes))
		e.Speaker = pr.Replace(pick(r, speakers))
		if chance(r, 0.3) {
			e.Summary = "Statement on the case."
		}
	case pl.kind == habeas.EventTransfer && e.FacilityID == 0:
		e.Summary = pick(r, undisclosedTexts)
	case pl.kind == habeas.EventCharge:
		ch := pick(r, forCountry(charges, country))
		if len(c.Charges) > 0 {
			ch = pick(r, c.Charges)
		}
		e.Summary = eventText(r, pl.kind, pr, "{art}", ch.Article, "{text}", ch.Text)
		if ch.Article == "" {
			e.Summary = "Charged with " + ch.Text + "."
		}
	case pl.kind == habeas.EventVerdict:
		e.Summary = eventText(r, pl.kind, pr, "{term}", termText(t.sentence))
	case pl.kind == habeas.EventHearing:
		e.Summary = eventText(r, pl.kind, pr, "{m}", strconv.Itoa(between(r, 1, 3)))
	default:
		e.Summary = eventText(r, pl.kind, pr, "{fac}", g.facs.nameOf(e.FacilityID))
	}
}

func caseSummary(c *habeas.Case, country string) string {
	var b strings.Builder
	if d, err := edtf.Parse(c.ArrestDate); err == nil {
		on := "in "
		switch {
		case d.Approximate() || d.Uncertain():
			on = "" // "around 6 May 2025", "possibly 2023"
		case d.Precision() == edtf.PrecisionDay:
			on = "on "
		}
		b.WriteString("Arrested " + on + d.Format("en") + " in " + countryName(country) + ".")
	}
	if len(c.Charges) > 0 {
		b.WriteString(" Charged with " + c.Charges[0].Text + ".")
	}
	return strings.TrimSpace(b.String())
}

func countryName(code string) string {
	switch code {
	case "AZ":
		return "Azerbaijan"
	case "BY":
		return "Belarus"
	case "RU":
		return "Russia"
	case "KZ":
		return "Kazakhstan"
	case "GE":
		return "Georgia"
	case "TJ":
		return "Tajikistan"
	case "AM":
		return "Armenia"
	}
	return code
}

// genInterventions writes inquiries and appeals for about one case in five:
// some answered, some past their due date without an answer.
func (g *generator) genInterventions(r *rand.Rand, spec caseSpec, co *caseOut, last day) {
	if !chance(r, 0.2) {
		return
	}
	for range oneToThree.pick(r) {
		hi := min(last+30, spec.until)
		if spec.arrest+5 > hi {
			return
		}
		sent := day(between(r, int(spec.arrest+5), int(hi)))
		iv := habeas.Intervention{
			Kind:      weights[string]{{"inquiry", 45}, {"appeal", 25}, {"letter", 20}, {"statement", 10}}.pick(r),
			Sender:    pick(r, senders),
			Recipient: pick(r, forCountry(recipients, spec.country)),
			SourceIDs: []int64{}, Visibility: max(co.c.Visibility, interventionVisibility.pick(r)),
		}
		iv.SentOn = dayText(sent)
		if chance(r, 0.08) {
			iv.SentOn = render(sent, precMonth).text
		}
		due := sent + day(pick(r, []int{15, 30, 30, 60}))
		iv.DueOn = dayText(due)
		status := weights[string]{{"full", 35}, {"partial", 15}, {"none", 50}}
		if due > g.today {
			status = weights[string]{{"full", 10}, {"partial", 5}, {"none", 85}}
		}
		iv.AnswerStatus = status.pick(r)
		answered := day(0)
		if iv.AnswerStatus != "none" {
			answered = min(sent+day(between(r, 3, int(due-sent)+20)), g.today)
			iv.AnsweredOn = dayText(answered)
		}
		iv.Summary = "Asked about the conditions and whereabouts of the detained person."
		if iv.Kind == "appeal" {
			iv.Summary = "Called for the immediate release of the detained person."
		}
		if chance(r, 0.3) {
			iv.SourceIDs = g.srcs.cite(r, sent, 1)
		}
		iv.CreatedAt = g.stamp(sent + 1)
		iv.UpdatedAt = iv.CreatedAt
		if answered > 0 {
			iv.UpdatedAt = g.stamp(answered + 1)
		}
		co.interventions = append(co.interventions, iv)
	}
}

// stamp is the time a record of day d was entered: that day at midnight
// UTC, but never after today.
func (g *generator) stamp(d day) time.Time { return min(d, g.today).time() }

func maxTime(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}
