package casefile

import (
	"fmt"

	"codeberg.org/habeas/habeas"
	"codeberg.org/habeas/habeas/edtf"
)

// ReleaseDate returns the expected release date of a case as an EDTF string,
// or "" when it is unknown.
//
// The case's ExpectedRelease, when it is a valid date, overrides everything
// (a garbage value is ignored, like any unparsable date). Otherwise, when a
// Sentence is recorded, it is start + sentence, where start is the
// ArrestDate when PretrialCredited (time held before the verdict counts),
// else the SentenceDate. There is no fallback from one start to the other:
// without the right start the date is unknown.
//
// The sentence is added to the start's earliest possible day with
// time.AddDate (so 29 February + 1 year is 1 March), and the result is
// written at the start's precision with its qualifiers: arrest "2023-08" +
// 3 years is "2026-08", "2023~" + 2 years is "2025~". A month-precision start
// plus a sentence with days names the month of the earliest possible day
// (DaysToRelease counts to that day, so it stays an "at least" figure). A
// start with unspecified year digits ("201X") gives "": a decade plus a
// term is no longer a decade.
func ReleaseDate(c *habeas.Case) string {
	if c == nil {
		return ""
	}
	if d, err := edtf.Parse(c.ExpectedRelease); err == nil {
		return d.String()
	}
	if c.Sentence.IsZero() {
		return ""
	}
	start := c.SentenceDate
	if c.PretrialCredited {
		start = c.ArrestDate
	}
	d, err := edtf.Parse(start)
	if err != nil {
		return ""
	}
	return addTerm(d, c.Sentence)
}

// addTerm returns start + term at start's precision, or "" when the result
// is not a supported date. An interval adds the term to both its ends
// ("2023-08-06/2023-08-14" + 3 years is "2026-08-06/2026-08-14"); one with
// an open or unknown end gives "". A season plus whole years gives the
// same season ("2023-24" + 3 years is "2026-24"), plus months or days the
// month of the earliest possible day; a date with a time of day gives the
// day.
func addTerm(start edtf.Date, term habeas.Sentence) string {
	if start.IsInterval() {
		if start.Start().IsZero() || start.End().IsZero() {
			return ""
		}
		a, b := addTerm(start.Start(), term), addTerm(start.End(), term)
		d, err := edtf.Parse(a + "/" + b)
		if a == "" || b == "" || err != nil {
			return ""
		}
		return d.String()
	}
	from := start.Earliest()
	if from.Year() != start.Latest().Year() && start.Season() != edtf.Winter {
		return "" // 201X, 19XX
	}
	t := from.AddDate(term.Years, term.Months, term.Days)
	var s string
	switch start.Precision() {
	case edtf.PrecisionYear:
		s = fmt.Sprintf("%04d", t.Year())
	case edtf.PrecisionSeason:
		if term.Months == 0 && term.Days == 0 {
			s = fmt.Sprintf("%04d-%02d", t.Year(), start.Season())
		} else { // a season plus months is no season: the earliest month
			s = fmt.Sprintf("%04d-%02d", t.Year(), int(t.Month()))
		}
	case edtf.PrecisionMonth:
		s = fmt.Sprintf("%04d-%02d", t.Year(), int(t.Month()))
	default:
		s = fmt.Sprintf("%04d-%02d-%02d", t.Year(), int(t.Month()), t.Day())
	}
	switch {
	case start.Approximate() && start.Uncertain():
		s += "%"
	case start.Approximate():
		s += "~"
	case start.Uncertain():
		s += "?"
	}
	d, err := edtf.Parse(s) // rejects years outside 0000–9999
	if err != nil {
		return ""
	}
	return d.String()
}
