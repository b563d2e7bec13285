package alerts

import (
	"strconv"
	"strings"
	"time"

	"codeberg.org/habeas/habeas"
	"codeberg.org/habeas/habeas/casefile"
	"codeberg.org/habeas/habeas/edtf"
)

// ContactKinds are the event kinds that count as family or lawyer contact
// for no_contact: a family or lawyer visit, a call, a letter.
//
// The data model records who visited (family_visit, lawyer_visit) but not
// who was on the other end of a call or a letter. A detainee's calls and
// letters go, in practice, to family and lawyers, so they count as
// contact; a call recorded with someone else stops this clock too. News,
// health reports, statements, hearings and hunger strikes do not count:
// they are others speaking of the person, which is the point of the rule.
var ContactKinds = []string{
	habeas.EventFamilyVisit,
	habeas.EventLawyerVisit,
	habeas.EventCall,
	habeas.EventLetter,
}

// IsContact reports whether an event of kind counts as family or lawyer
// contact (one of ContactKinds).
func IsContact(kind string) bool {
	switch kind {
	case habeas.EventFamilyVisit, habeas.EventLawyerVisit, habeas.EventCall, habeas.EventLetter:
		return true
	}
	return false
}

// AnsweredKinds are the intervention kinds that wait for an answer; a
// statement is made to the world and waits for none.
var AnsweredKinds = []string{"inquiry", "appeal", "letter"}

// later says contact p is a better last contact than best: it may have
// come later, or on the same last day it is the more precise, or as
// precise the one recorded later (the greater id). The order the events
// come in never decides: a sweep and a write must find the same anchor.
func later(p, best *parsed) bool {
	if p.last != best.last {
		return p.last > best.last
	}
	if pi, bi := imprecise(p.date), imprecise(best.date); pi != bi {
		return bi
	}
	return p.ev.ID > best.ev.ID
}

// noNews: no news for N days, or a transfer to an undisclosed place with
// no news certainly after it.
func (e *eval) noNews() {
	st := &e.st
	if st.DaysWithoutNews < 0 {
		return // free, or neither news nor an arrest date
	}
	news, arrest := parse(st.LastNews), parse(st.DetainedSince)
	from, anchor, eventID := news, "event:"+strconv.FormatInt(st.LastNewsEventID, 10), st.LastNewsEventID
	if !arrest.IsZero() && (news.IsZero() || arrest.Latest().After(news.Latest())) {
		from, anchor, eventID = arrest, "arrest:"+arrest.String(), 0
	}
	if from.IsZero() {
		return
	}
	n := st.DaysWithoutNews
	sev := level(n, e.th.DaysFor(NoNews))
	var transfer edtf.Date
	undisclosed := false
	if st.WhereaboutsUnknown {
		transfer = parse(st.UnknownSince)
		// Only news that certainly came after the transfer says the person
		// was heard of in the undisclosed place.
		undisclosed = eventID == 0 || transfer.IsZero() || !transfer.Latest().Before(news.Earliest())
	}
	if undisclosed {
		sev = Critical
	}
	if sev == 0 {
		return
	}
	var b strings.Builder
	b.WriteString("No news for " + days(n, hedge(from)) + ", since ")
	if eventID == 0 {
		b.WriteString("the arrest " + onDate(from))
	} else {
		b.WriteString(from.Format("en"))
	}
	if undisclosed {
		b.WriteString("; moved to an undisclosed place")
		if !transfer.IsZero() {
			b.WriteString(" " + onDate(transfer))
		}
	}
	if place := e.lastKnownPlace(); place != "" {
		b.WriteString("; last known place: " + place)
	}
	b.WriteString(".")
	e.add(Finding{Rule: NoNews, Severity: sev, Key: e.key(NoNews, anchor), EventID: eventID,
		Since: from.String(), Days: n, AtLeast: imprecise(from), Message: b.String()})
}

// lastKnownPlace names where the person is held or, while the whereabouts
// are unknown, the last facility named by an event that may have come
// before the transfer to the undisclosed place (any kind: a strike begun
// at Facility No. 3 says he was there), else the case's stored facility.
func (e *eval) lastKnownPlace() string {
	st := &e.st
	if !st.WhereaboutsUnknown {
		return e.facilityName(st.FacilityID)
	}
	var tr parsed
	var best *parsed
	if p, ok := parseTransfer(e.in.Events, st.FacilityEventID); ok {
		tr = p
	}
	var cand parsed
	for i := range e.in.Events {
		ev := &e.in.Events[i]
		if ev.FacilityID <= 0 {
			continue
		}
		p, ok := parseEvent(ev)
		if !ok || p.first > e.now || (tr.ev != nil && p.first > tr.last) {
			continue
		}
		if best == nil || p.first > best.first || p.first == best.first && (p.last > best.last || p.last == best.last && p.ev.ID > best.ev.ID) {
			cand = p
			best = &cand
		}
	}
	if best != nil {
		if name := e.facilityName(best.ev.FacilityID); name != "" {
			return name
		}
	}
	return e.facilityName(e.c.FacilityID)
}

// parseTransfer finds the transfer to the undisclosed place, by its id.
func parseTransfer(events []habeas.Event, id int64) (parsed, bool) {
	for i := range events {
		if events[i].ID == id && events[i].Kind == habeas.EventTransfer {
			return parseEvent(&events[i])
		}
	}
	return parsed{}, false
}

// noContact: no family or lawyer contact for N days, counted like the
// silence: from the latest possible day of the last contact or of the
// arrest, whichever is later.
func (e *eval) noContact() {
	st := &e.st
	if casefile.Free(st.Status) {
		return
	}
	var last *parsed
	for i := range e.evs {
		p := &e.evs[i]
		if !IsContact(p.ev.Kind) || p.first > e.now {
			continue
		}
		if last == nil || later(p, last) {
			last = p
		}
	}
	arrest := parse(st.DetainedSince)
	var from edtf.Date
	var anchor string
	var eventID int64
	if last != nil {
		from, anchor, eventID = last.date, "event:"+strconv.FormatInt(last.ev.ID, 10), last.ev.ID
	}
	if !arrest.IsZero() && (last == nil || dayOf(arrest.Latest()) > last.last) {
		from, anchor, eventID = arrest, "arrest:"+arrest.String(), 0
	}
	if from.IsZero() {
		return
	}
	n := int(max(e.now-dayOf(from.Latest()), 0))
	sev := level(n, e.th.DaysFor(NoContact))
	if sev == 0 {
		return
	}
	msg := "No family or lawyer contact recorded for " + days(n, hedge(from)) + ", since "
	if eventID == 0 {
		msg += "the arrest " + onDate(from)
	} else {
		msg += "a " + strings.ReplaceAll(last.ev.Kind, "_", " ") + " " + onDate(from)
	}
	if news := parse(st.LastNews); !news.IsZero() && news.Latest().After(from.Latest()) {
		msg += "; others have reported since, last " + onDate(news)
	}
	e.add(Finding{Rule: NoContact, Severity: sev, Key: e.key(NoContact, anchor), EventID: eventID,
		Since: from.String(), Days: n, AtLeast: imprecise(from), Message: msg + "."})
}

// hungerStrike: the ongoing strike has lasted N days; one level more each
// week after.
func (e *eval) hungerStrike() {
	st := &e.st
	if st.HungerStrikeSince == "" {
		return
	}
	n, N := st.HungerStrikeDays, e.th.DaysFor(HungerStrike)
	if n < N {
		return
	}
	sev := Warning
	if n >= N+14 {
		sev = Critical
	} else if n >= N+7 {
		sev = High
	}
	start := parse(st.HungerStrikeSince)
	day := "Day " + strconv.Itoa(n+1)
	switch hedge(start) {
	case "at least":
		day = "At least day " + strconv.Itoa(n+1)
	case "about":
		day = "About day " + strconv.Itoa(n+1)
	}
	e.add(Finding{Rule: HungerStrike, Severity: sev,
		Key:     e.key(HungerStrike, "event:"+strconv.FormatInt(st.HungerStrikeEventID, 10)),
		EventID: st.HungerStrikeEventID, Since: start.String(), Days: n, AtLeast: imprecise(start),
		Message: day + " of a hunger strike begun " + onDate(start) + ", if it continues."})
}

// Due is when an answer to an intervention is due: from its own due day
// when it has one, else from the day it was sent plus the days its
// recipient has to answer.
type Due struct {
	// First and Last are the earliest and the latest day the answer is
	// due, as day numbers (days since 1970-01-01); they differ when the
	// dates it rests on name more than one day.
	First, Last int64
	// Date is the EDTF due day: the intervention's own, or sent + Period.
	Date string
	// Exact is false when the dates it rests on are imprecise.
	Exact bool
	// Period is the days the recipient has to answer.
	Period int
	// Own is true when the intervention sets its own due day.
	Own bool
}

// Day returns the earliest due day as an ISO date (2025-05-16).
func (d Due) Day() string { return fromDay(d.First) }

// DueOf returns when the answer to iv is due under th, and false when iv
// awaits no answer: a statement, an answered intervention, or one with
// neither a sent nor a due day to count from. The silence clock's
// unanswered_intervention rule and the workspace's "due this week" both
// read it, so they never disagree.
func DueOf(iv *habeas.Intervention, th Thresholds) (Due, bool) {
	if iv.Kind == "statement" || (iv.AnswerStatus != "none" && iv.AnswerStatus != "") {
		return Due{}, false
	}
	sent, due := parse(iv.SentOn), parse(iv.DueOn)
	d := Due{Period: th.AnswerDaysFor(iv.Recipient), Exact: true}
	switch {
	case !due.IsZero():
		d.First, d.Last = dayOf(due.Earliest()), dayOf(due.Latest())
		if !sent.IsZero() {
			d.Period = int(max(d.First-dayOf(sent.Latest()), 1))
		}
		d.Date, d.Exact, d.Own = due.String(), !imprecise(due), true
	case !sent.IsZero():
		d.First, d.Last = dayOf(sent.Earliest())+int64(d.Period), dayOf(sent.Latest())+int64(d.Period)
		d.Date, d.Exact = fromDay(d.First), !imprecise(sent)
	default:
		return Due{}, false
	}
	return d, true
}

// unanswered: an intervention that waits for an answer, past its due day.
func (e *eval) unanswered() {
	for i := range e.in.Interventions {
		iv := &e.in.Interventions[i]
		d, ok := DueOf(iv, e.th)
		if !ok {
			continue
		}
		sent := parse(iv.SentOn)
		first, last, period, since, exact := d.First, d.Last, d.Period, d.Date, d.Exact
		var dueText string
		switch {
		case d.Own:
			dueText = "it was due " + onDate(parse(iv.DueOn))
		case exact:
			dueText = "it was due " + onDate(edtf.MustParse(since))
		default:
			dueText = "an answer was due from " + edtf.MustParse(since).Format("en") + " at the earliest"
		}
		if e.now <= first {
			continue
		}
		n := int(e.now - first)
		sev := Warning
		if e.now-last >= int64(period) {
			sev = High
		}
		msg := "No answer"
		if to := strings.TrimSpace(iv.Recipient); to != "" {
			msg += " from " + to
		}
		msg += " to the " + iv.Kind
		if !sent.IsZero() {
			msg += " sent " + onDate(sent)
		}
		msg += "; " + dueText
		if exact {
			msg += ", " + days(n, "") + " ago"
		}
		e.add(Finding{Rule: Unanswered, Severity: sev,
			Key:            e.key(Unanswered, "intervention:"+strconv.FormatInt(iv.ID, 10)+"/due:"+since),
			InterventionID: iv.ID, Since: since, Days: n, AtLeast: !exact, Message: msg + "."})
	}
}

// releaseOverdue: the whole expected release date has passed while the
// person is held; critical after N days.
func (e *eval) releaseOverdue() {
	st := &e.st
	exp := parse(st.ExpectedRelease)
	if !st.ReleaseOverdue || exp.IsZero() {
		return
	}
	n := int(max(e.now-dayOf(exp.Latest()), 0))
	sev := High
	if n >= e.th.DaysFor(ReleaseOverdue) {
		sev = Critical
	}
	h := ""
	if imprecise(exp) {
		h = "at least"
	}
	e.add(Finding{Rule: ReleaseOverdue, Severity: sev, Key: e.key(ReleaseOverdue, "release:"+exp.String()),
		Since: exp.String(), Days: n, AtLeast: h != "",
		Message: "No release is recorded, " + days(n, h) + " after the expected release " + onDate(exp) + "."})
}

// comingUp: a hearing or an appeal, or the expected release, within N days.
// A date counts from its earliest possible day; once that day has passed
// the event may have happened and is no longer ahead.
func (e *eval) comingUp() {
	N := int64(e.th.DaysFor(ComingUp))
	for i := range e.evs {
		p := &e.evs[i]
		if p.ev.Kind != habeas.EventHearing && p.ev.Kind != habeas.EventAppeal {
			continue
		}
		n := p.first - e.now
		if n < 0 || n > N {
			continue
		}
		what := "Hearing "
		if p.ev.Kind == habeas.EventAppeal {
			what = "Appeal "
		}
		e.add(Finding{Rule: ComingUp, Severity: Info,
			Key:     e.key(ComingUp, "event:"+strconv.FormatInt(p.ev.ID, 10)+"/"+p.date.String()),
			EventID: p.ev.ID, Since: p.date.String(), Days: int(n), AtLeast: imprecise(p.date),
			Message: what + onDate(p.date) + ", " + ahead(int(n), imprecise(p.date)) + "."})
	}
	st := &e.st
	exp := parse(st.ExpectedRelease)
	if st.Detained && !st.ReleaseOverdue && !exp.IsZero() && st.DaysToRelease >= 0 && int64(st.DaysToRelease) <= N {
		e.add(Finding{Rule: ComingUp, Severity: Info, Key: e.key(ComingUp, "release:"+exp.String()),
			Since: exp.String(), Days: st.DaysToRelease, AtLeast: imprecise(exp),
			Message: "Expected release " + onDate(exp) + ", " + ahead(st.DaysToRelease, imprecise(exp)) + "."})
	}
}

// ahead says when a date n days from today comes: "today", "tomorrow",
// "in 5 days", or "in 5 days at the soonest" for an imprecise date.
func ahead(n int, imprecise bool) string {
	switch {
	case n == 0 && imprecise:
		return "possibly any day now"
	case n == 0:
		return "today"
	case imprecise:
		return "in " + days(n, "") + " at the soonest"
	case n == 1:
		return "tomorrow"
	}
	return "in " + days(n, "")
}

// endKinds are, per rule, the event kinds that end its condition.
var endKinds = map[string][]string{
	NoNews:         casefile.NewsKinds,
	NoContact:      ContactKinds,
	HungerStrike:   {habeas.EventHungerStrikeEnd, habeas.EventRelease, habeas.EventPardon, habeas.EventDeath},
	ReleaseOverdue: {habeas.EventRelease, habeas.EventPardon, habeas.EventDeath},
}

// EndedBy returns the id of the event that ended the condition of a finding
// that no longer holds, as the life cycle records it: the first event
// (timeline order) of a kind that ends the rule's condition — news for
// no_news, contact for no_contact, a strike end, release, pardon or death
// for hunger_strike, a release, pardon or death for release_overdue — that
// may already have happened by today, is not the finding's own anchor and
// is not certainly before the condition began. It returns 0 when no event
// ended it: an answer recorded on the intervention, a hearing day come, a
// corrected date or a changed threshold.
func EndedBy(f Finding, events []habeas.Event, today time.Time) int64 {
	kinds, ok := endKinds[f.Rule]
	if !ok {
		return 0
	}
	since := parse(f.Since)
	from := int64(-1 << 40)
	if !since.IsZero() && f.Rule != ReleaseOverdue {
		from = dayOf(since.Earliest())
		if f.Rule == NoNews || f.Rule == NoContact {
			from = dayOf(since.Latest())
		}
	}
	now := dayOf(today)
	var best *parsed
	for i := range events {
		ev := &events[i]
		if ev.ID == f.EventID && f.EventID != 0 || !contains(kinds, ev.Kind) {
			continue
		}
		d, err := edtf.Parse(ev.Date)
		if err != nil {
			continue
		}
		p := parsed{ev: ev, date: d, first: dayOf(d.Earliest()), last: dayOf(d.Latest())}
		if p.first > now || p.last < from {
			continue
		}
		if best == nil || p.first < best.first || p.first == best.first && (p.last < best.last || p.last == best.last && p.ev.ID < best.ev.ID) {
			best = &p
		}
	}
	if best == nil {
		return 0
	}
	return best.ev.ID
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}
