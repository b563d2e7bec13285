package bench

import (
	"math/rand/v2"
	"slices"

	"codeberg.org/habeas/habeas"
)

// A case is planned on true days: the arrest, the milestones its status
// needs (a verdict for a sentence, a release for a released person), the
// optional ones (a charge, transfers, an appeal, a hunger strike, a move to
// an undisclosed place), then ordinary news up to the last word from the
// person. The plan is sorted, the facilities followed along it, and the
// days written as EDTF dates that sort in the same order. The stored
// status is the one the timeline leads to.

// planned is an event on a true day. order sorts the events of one day:
// the arrest first, the end of the detention last.
type planned struct {
	d           day
	order       int8
	kind        string
	class       dateClass
	undisclosed bool // a transfer to an undisclosed place
}

type dateClass uint8

const (
	classFiller dateClass = iota
	classMilestone
	classArrest
	classScheduled
)

var (
	// ordinary events before and after a verdict
	fillersBefore = weights[string]{
		{habeas.EventLawyerVisit, 18}, {habeas.EventFamilyVisit, 12}, {habeas.EventHearing, 16}, {habeas.EventLetter, 8},
		{habeas.EventCall, 7}, {habeas.EventNews, 10}, {habeas.EventHealth, 6}, {habeas.EventStatement, 9},
		{habeas.EventIllTreatment, 4}, {habeas.EventTransfer, 4}, {habeas.EventCharge, 2},
	}
	fillersAfter = weights[string]{
		{habeas.EventLawyerVisit, 16}, {habeas.EventFamilyVisit, 18}, {habeas.EventLetter, 12}, {habeas.EventCall, 10},
		{habeas.EventNews, 10}, {habeas.EventHealth, 8}, {habeas.EventStatement, 8}, {habeas.EventIllTreatment, 5},
		{habeas.EventTransfer, 5},
	}
	lastNews = weights[string]{
		{habeas.EventLawyerVisit, 30}, {habeas.EventFamilyVisit, 20}, {habeas.EventLetter, 20}, {habeas.EventCall, 15},
		{habeas.EventNews, 10}, {habeas.EventHealth, 5},
	}
	sentenceYears = weights[[2]int]{{[2]int{1, 2}, 10}, {[2]int{3, 5}, 35}, {[2]int{6, 8}, 30}, {[2]int{9, 12}, 18}, {[2]int{13, 20}, 7}}
)

func held(status string) bool {
	return status == habeas.StatusDetained || status == habeas.StatusPretrial || status == habeas.StatusSentenced
}

// timeline is what the plan decided, for the case's own fields.
type timeline struct {
	verdict    day // 0: none
	sentence   habeas.Sentence
	credited   bool
	last       day // the last day of news (held) or the end of the detention
	hasHearing bool
}

// planner plans one case's timeline into plan, at most spec.events events.
type planner struct {
	r     *rand.Rand
	spec  caseSpec
	today day
	plan  []planned
	t     timeline
	// limit is the last day of milestones: the end of a detention, else until
	limit        day
	lastTransfer day
	unknownFrom  day // the move to an undisclosed place the person is still in; 0: none
}

// add plans an event, unless the case has all its events.
func (p *planner) add(d day, order int8, kind string, class dateClass) bool {
	if len(p.plan) >= p.spec.events {
		return false
	}
	p.plan = append(p.plan, planned{d: d, order: order, kind: kind, class: class})
	return true
}

// planTimeline plans the case in the order of what matters most, so that a
// short timeline keeps its arrest and the events its status needs.
func (g *generator) planTimeline(r *rand.Rand, spec caseSpec, co *caseOut) timeline {
	p := planner{r: r, spec: spec, today: g.today, plan: co.plan[:0]}
	p.planEnd()
	p.planMilestones()
	p.planFillers()
	slices.SortStableFunc(p.plan, func(a, b planned) int {
		if a.d != b.d {
			return int(a.d - b.d)
		}
		return int(a.order) - int(b.order)
	})
	co.plan = p.plan
	return p.t
}

// planEnd decides the verdict and sentence, and the day the detention
// ended (free) or the last news came (held): the span of the timeline.
func (p *planner) planEnd() {
	r, A, L, S := p.r, p.spec.arrest, p.spec.until, p.spec.status
	t := &p.t
	if S == habeas.StatusSentenced || S == habeas.StatusPardoned ||
		S == habeas.StatusReleased && chance(r, 0.6) || S == habeas.StatusDeceased && chance(r, 0.4) {
		t.verdict = clampDay(A+day(between(r, 60, 540)), A+1, L-31)
		t.sentence = drawSentence(r)
		t.credited = chance(r, 0.8)
		if S == habeas.StatusSentenced && p.termEnd() < L && chance(r, 0.97) {
			// most sentenced people are still serving
			t.sentence.Years = min(25, t.sentence.Years+int(L-p.termEnd())/365+1+r.IntN(3))
		}
	}
	switch S {
	case habeas.StatusReleased:
		t.last = clampDay(A+day(between(r, 3, 400)), A, L-1)
		if t.verdict > 0 {
			if served := p.termEnd(); served < L && chance(r, 0.6) {
				t.last = clampDay(served, t.verdict+30, L-1)
			} else {
				t.last = clampDay(t.verdict+day(between(r, 30, 900)), t.verdict+30, L-1)
			}
		}
	case habeas.StatusPardoned:
		t.last = clampDay(t.verdict+day(between(r, 30, 900)), t.verdict+30, L-1)
	case habeas.StatusDeceased:
		t.last = clampDay(A+day(between(r, 20, 2000)), A+1, L-1)
		if t.verdict >= t.last {
			t.verdict = 0
		}
	default:
		silence := between(r, 0, 20)
		if chance(r, 0.12) {
			silence = between(r, 60, 500) // a long silence: the clock the alerts watch
		}
		t.last = max(A, L-day(silence))
	}
	p.limit = L
	if !held(S) {
		p.limit = t.last
	}
}

// termEnd is the day the sentence runs out.
func (p *planner) termEnd() day {
	start := p.t.verdict
	if p.t.credited {
		start = p.spec.arrest
	}
	return start + termDays(p.t.sentence)
}

func (p *planner) planMilestones() {
	r, A, L, S, t := p.r, p.spec.arrest, p.spec.until, p.spec.status, &p.t
	end := t.last
	p.add(A, 0, habeas.EventArrest, classArrest)
	switch S {
	case habeas.StatusReleased:
		p.add(end, 9, habeas.EventRelease, classMilestone)
	case habeas.StatusPardoned:
		p.add(end, 8, habeas.EventPardon, classMilestone)
	case habeas.StatusDeceased:
		p.add(end, 9, habeas.EventDeath, classMilestone)
	}
	if t.verdict > 0 {
		p.add(t.verdict, 3, habeas.EventVerdict, classMilestone)
	}
	if held(S) {
		p.add(end, 5, lastNews.pick(r), classFiller) // the last word of the person, which starts the silence
	}
	if S != habeas.StatusDetained && chance(r, 0.9) {
		d := clampDay(A+day(between(r, 0, 7)), A, p.limit)
		if chance(r, 0.04) {
			d = A - day(between(r, 30, 300)) // charged in absentia before the arrest
		}
		p.add(d, 1, habeas.EventCharge, classMilestone)
	}
	if chance(r, 0.6) && A+1 <= p.limit {
		d := clampDay(A+day(between(r, 1, 10)), A+1, p.limit)
		if (t.verdict == 0 || d < t.verdict) && p.add(d, 2, habeas.EventTransfer, classMilestone) {
			p.lastTransfer = d
		}
	}
	if t.verdict > 0 {
		if d := t.verdict + day(between(r, 15, 120)); d <= p.limit && chance(r, 0.8) && p.add(d, 2, habeas.EventTransfer, classMilestone) {
			p.lastTransfer = d
		}
		if d := t.verdict + day(between(r, 20, 150)); d <= p.limit && chance(r, 0.7) {
			p.add(d, 4, habeas.EventAppeal, classMilestone)
		}
	}
	if S == habeas.StatusPardoned && chance(r, 0.7) {
		p.add(min(end+day(r.IntN(4)), L), 9, habeas.EventRelease, classMilestone) // walked out on the pardon
	}
	if p.spec.current && S == habeas.StatusPretrial && chance(r, 0.4) {
		t.hasHearing = p.add(p.today+day(between(r, 3, 60)), 4, habeas.EventHearing, classScheduled)
	}
	if p.spec.current && S == habeas.StatusSentenced && chance(r, 0.08) {
		p.add(p.today+day(between(r, 5, 90)), 4, habeas.EventAppeal, classScheduled)
	}
	p.planHungerStrike()
	if held(S) && p.spec.current && chance(r, 0.05) {
		if lo := max(A+1, end-90, p.lastTransfer+1); lo <= end {
			d := day(between(r, int(lo), int(end)))
			if p.add(d, 4, habeas.EventTransfer, classMilestone) {
				p.plan[len(p.plan)-1].undisclosed = true
				p.unknownFrom = d
			}
		}
	}
}

// planHungerStrike plans a hunger strike for a few cases: ended, or for a
// held person sometimes still going on.
func (p *planner) planHungerStrike() {
	r, A, end := p.r, p.spec.arrest, p.t.last
	if !chance(r, 0.07) || end <= A+3 {
		return
	}
	if held(p.spec.status) && end >= p.spec.until-30 && chance(r, 0.35) {
		p.add(day(between(r, int(max(A+1, end-40)), int(end))), 5, habeas.EventHungerStrikeStart, classFiller)
		return
	}
	s := day(between(r, int(A+1), int(end-3)))
	if p.add(s, 5, habeas.EventHungerStrikeStart, classFiller) {
		p.add(min(s+day(between(r, 3, 50)), end), 6, habeas.EventHungerStrikeEnd, classFiller)
	}
}

// planFillers fills the rest of the timeline with ordinary events between
// the arrest and its last day.
func (p *planner) planFillers() {
	r, A, S, t := p.r, p.spec.arrest, p.spec.status, &p.t
	for len(p.plan) < p.spec.events {
		d := day(between(r, int(A), int(t.last)))
		kinds := fillersBefore
		if t.verdict > 0 && d >= t.verdict {
			kinds = fillersAfter
		}
		kind := kinds.pick(r)
		switch {
		case S == habeas.StatusDetained && (kind == habeas.EventHearing || kind == habeas.EventCharge),
			p.unknownFrom > 0 && d >= p.unknownFrom && kind == habeas.EventTransfer:
			kind = habeas.EventNews // the stage is unknown; nobody knows where the person was taken
		case kind == habeas.EventHearing:
			t.hasHearing = true
		}
		p.add(d, 5, kind, classFiller)
		if kind == habeas.EventTransfer && chance(r, 0.08) {
			p.plan[len(p.plan)-1].undisclosed = true
		}
	}
}

func drawSentence(r *rand.Rand) habeas.Sentence {
	yr := sentenceYears.pick(r)
	s := habeas.Sentence{Years: between(r, yr[0], yr[1])}
	switch n := r.IntN(10); {
	case n < 2:
		s.Months = 6
	case n < 3:
		s.Months = between(r, 1, 11)
	}
	return s
}

func termDays(s habeas.Sentence) day { return day(s.Years*365 + s.Months*30 + s.Days) }

func clampDay(d, lo, hi day) day {
	if d > hi {
		d = hi
	}
	if d < lo {
		d = lo
	}
	return d
}
