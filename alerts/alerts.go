package alerts

import (
	"strconv"
	"time"

	"codeberg.org/habeas/habeas"
	"codeberg.org/habeas/habeas/casefile"
	"codeberg.org/habeas/habeas/edtf"
)

// Severity is how grave a finding is: Info < Warning < High < Critical.
type Severity int

// Severities, in rising order. The zero Severity is no finding.
const (
	Info Severity = iota + 1
	Warning
	High
	Critical
)

var severityNames = [...]string{"", "info", "warning", "high", "critical"}

// String returns "info", "warning", "high" or "critical".
func (s Severity) String() string {
	if s < Info || s > Critical {
		return "severity(" + strconv.Itoa(int(s)) + ")"
	}
	return severityNames[s]
}

// MarshalText writes the severity's name.
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// ParseSeverity reads a severity's name.
func ParseSeverity(name string) (Severity, error) {
	for s := Info; s <= Critical; s++ {
		if severityNames[s] == name {
			return s, nil
		}
	}
	return 0, &habeas.Error{Code: habeas.EINVALID, Message: "invalid severity",
		Fields: map[string]string{"severity": "unknown value " + strconv.Quote(truncate(name, 40)) + " (want one of info, warning, high, critical)"}}
}

// Finding is one condition that holds for a case on the day evaluated.
type Finding struct {
	Rule     string   `json:"rule"`
	Severity Severity `json:"severity"`
	// Key identifies the condition: rule, case and anchor. Evaluating
	// again gives the same key while the condition lasts, a new one when
	// it has ended and returned.
	Key            string `json:"key"`
	CaseID         int64  `json:"case_id"`
	EventID        int64  `json:"event_id,omitempty"`        // the anchoring event: the last news or contact, the strike's start, the hearing
	InterventionID int64  `json:"intervention_id,omitempty"` // for unanswered_intervention
	// Since is the EDTF date the condition runs from (the last news, the
	// strike's start, the due day) or, for coming_up, the date ahead.
	Since string `json:"since"`
	// Days is the rule's counter: days without news or contact, days on
	// strike, days past due or past the term, days to go.
	Days    int  `json:"days"`
	AtLeast bool `json:"at_least,omitempty"` // Days rests on a partial, approximate or uncertain date
	// Message says it in one sentence, hedged as the sources are.
	Message string `json:"message"`
}

// Input is one case as the rules read it.
type Input struct {
	Case *habeas.Case
	// State is casefile.Compute(Case, Events, today); nil and Evaluate
	// computes it.
	State         *casefile.State
	Events        []habeas.Event
	Interventions []habeas.Intervention
	// Facility names a facility for the sentences ("last known place:
	// …"); nil, or "" for an id, and the place is left out.
	Facility func(id int64) string
}

// Evaluate runs every rule on one case as of today (its calendar day in its
// own location) and returns the findings in the order of Rules, events and
// interventions in the order given. It is pure and never panics on bad
// data; thresholds should have passed Validate (an invalid value falls
// back to the default).
func Evaluate(in Input, today time.Time, th Thresholds) []Finding {
	c := in.Case
	if c == nil {
		c = &habeas.Case{}
	}
	e := eval{in: in, c: c, now: dayOf(today), th: th}
	if in.State != nil {
		e.st = *in.State
	} else {
		e.st = casefile.Compute(c, in.Events, today)
	}
	e.parseEvents()
	e.noNews()
	e.noContact()
	e.hungerStrike()
	e.unanswered()
	e.releaseOverdue()
	e.comingUp()
	return e.out
}

// eval is one evaluation: the inputs with the events' dates parsed once.
type eval struct {
	in  Input
	c   *habeas.Case
	st  casefile.State
	now int64
	th  Thresholds
	evs []parsed // contacts, hearings and appeals with a valid date
	out []Finding
}

// parsed is an event with a valid date.
type parsed struct {
	ev          *habeas.Event
	date        edtf.Date
	first, last int64 // day numbers of the earliest and latest day it may mean
}

// parseEvents parses the dates of the events the rules read on every case:
// contacts, hearings and appeals. The facility events lastKnownPlace needs
// are parsed when it needs them (places).
func (e *eval) parseEvents() {
	n := 0
	for i := range e.in.Events {
		if readEvery(e.in.Events[i].Kind) {
			n++
		}
	}
	if n == 0 {
		return
	}
	e.evs = make([]parsed, 0, n)
	for i := range e.in.Events {
		ev := &e.in.Events[i]
		if !readEvery(ev.Kind) {
			continue
		}
		if p, ok := parseEvent(ev); ok {
			e.evs = append(e.evs, p)
		}
	}
}

// readEvery reports whether the rules read events of kind on every case.
func readEvery(kind string) bool {
	return IsContact(kind) || kind == habeas.EventHearing || kind == habeas.EventAppeal
}

func parseEvent(ev *habeas.Event) (parsed, bool) {
	if ev.Date == "" {
		return parsed{}, false
	}
	d, err := edtf.Parse(ev.Date)
	if err != nil {
		return parsed{}, false
	}
	return parsed{ev: ev, date: d, first: dayOf(d.Earliest()), last: dayOf(d.Latest())}, true
}

func (e *eval) add(f Finding) {
	f.CaseID = e.c.ID
	e.out = append(e.out, f)
}

func (e *eval) key(rule, anchor string) string {
	return rule + "/" + strconv.FormatInt(e.c.ID, 10) + "/" + anchor
}

func (e *eval) facilityName(id int64) string {
	if id <= 0 || e.in.Facility == nil {
		return ""
	}
	return e.in.Facility(id)
}

// dayOf returns the day number (days since 1970-01-01) of t's calendar day
// in t's own location.
func dayOf(t time.Time) int64 {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix() / 86400
}

// fromDay is the day-precision EDTF date of a day number.
func fromDay(n int64) string {
	return time.Unix(n*86400, 0).UTC().Format(time.DateOnly)
}

// parse returns the Date of s, the zero Date when s is empty or invalid.
func parse(s string) edtf.Date {
	if s == "" {
		return edtf.Date{} // most cases have no due day or expected release: skip the error's allocation
	}
	d, _ := edtf.Parse(s)
	return d
}

// hedge says how a count that rests on d is to be read: "at least" when d
// names more than one day, "about" when it is approximate or uncertain,
// "" when it is exact.
func hedge(d edtf.Date) string {
	switch {
	case d.Precision() != edtf.PrecisionDay:
		return "at least"
	case d.Approximate() || d.Uncertain():
		return "about"
	}
	return ""
}

func imprecise(d edtf.Date) bool { return hedge(d) != "" }

// days writes "1 day", "8 days", "at least 8 days".
func days(n int, hedge string) string {
	s := strconv.Itoa(n) + " days"
	if n == 1 {
		s = "1 day"
	}
	if hedge != "" {
		s = hedge + " " + s
	}
	return s
}

// onDate writes a date after a verb: "on 6 May 2025", "in May 2025", "in
// the 2010s", "around 6 May 2025", "between 6 and 14 May 2025", "in May 2025
// or later".
func onDate(d edtf.Date) string { return d.FormatOn("en") }

// level returns the severity of a count n against N: warning at N, high at
// 2N, critical at 4N; 0 below N.
func level(n, N int) Severity {
	switch {
	case n >= 4*N:
		return Critical
	case n >= 2*N:
		return High
	case n >= N:
		return Warning
	}
	return 0
}
