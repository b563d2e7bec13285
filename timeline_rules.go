package habeas

import (
	"slices"
	"time"

	"codeberg.org/habeas/habeas/edtf"
)

// The date rules that look across records: an event against its case's
// arrest, and every recorded date against today. They are pure; the store
// calls them inside its write transactions, where the case is read.
//
// Dates are EDTF and often partial or uncertain ("2023-08", "2025-05-06~"),
// so a date is refused only when it is certainly wrong: when the whole span
// it may mean lies before (or after) the other, as validOrder does.

// KindsBeforeArrest are the event kinds that may precede the arrest:
// charges can be filed in absentia.
var KindsBeforeArrest = []string{EventCharge}

// KindsScheduled are the event kinds that may lie in the future: a hearing
// or an appeal is set for a date.
var KindsScheduled = []string{EventHearing, EventAppeal}

// CheckEventDate returns an EINVALID *Error naming field date when e is
// certainly before c's arrest and is not of a kind that may precede it, or
// certainly after today and not of a kind that may be scheduled. c may be
// nil (then only today is checked). A date that does not parse is left to
// Event.Validate.
func CheckEventDate(c *Case, e *Event, today time.Time) error {
	d, err := edtf.Parse(e.Date)
	if err != nil {
		return nil
	}
	pr := Problems{}
	if c != nil && !slices.Contains(KindsBeforeArrest, e.Kind) {
		if arrest, err := edtf.Parse(c.ArrestDate); err == nil && d.Before(arrest) {
			pr.Add("date", "is before the arrest ("+c.ArrestDate+"): only a charge may precede it")
		}
	}
	if !slices.Contains(KindsScheduled, e.Kind) && afterToday(d, today) {
		pr.Add("date", "is after today ("+edtf.Day(today).String()+"): only a hearing or an appeal may be scheduled")
	}
	return pr.Err("event")
}

// CheckDates returns an EINVALID *Error naming each of arrest_date,
// sentence_date and classified_on that is certainly after today. The
// expected release may lie in the future.
func (c *Case) CheckDates(today time.Time) error {
	pr := Problems{}
	notAfterToday(pr, "arrest_date", c.ArrestDate, today)
	notAfterToday(pr, "sentence_date", c.SentenceDate, today)
	notAfterToday(pr, "classified_on", c.ClassifiedOn, today)
	return pr.Err("case")
}

// CheckDates returns an EINVALID *Error naming sent_on or answered_on when
// certainly after today. The date an answer is due may lie in the future.
func (iv *Intervention) CheckDates(today time.Time) error {
	pr := Problems{}
	notAfterToday(pr, "sent_on", iv.SentOn, today)
	notAfterToday(pr, "answered_on", iv.AnsweredOn, today)
	return pr.Err("intervention")
}

// afterToday reports whether every day d may mean is after today.
func afterToday(d edtf.Date, today time.Time) bool {
	return edtf.Day(today).Before(d)
}

func notAfterToday(pr Problems, field, s string, today time.Time) {
	if d, err := edtf.Parse(s); err == nil && afterToday(d, today) {
		pr.Add(field, "is after today ("+edtf.Day(today).String()+"): it cannot have happened yet")
	}
}
