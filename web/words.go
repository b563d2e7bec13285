package web

import (
	"html/template"
	"regexp"
	"slices"
	"strings"
	"time"

	"codeberg.org/habeas/habeas"
	"codeberg.org/habeas/habeas/edtf"
)

// The words the site uses for the domain's stable codes are in the message
// catalogues, under the code's kind: status_sentenced, event_transfer. A
// code without words (a value added later) is shown as it is, never dropped.

// countryCodes are the countries the catalogues name (country_AZ); any
// other code is shown as the code.
var countryCodes = []string{"AF", "AM", "AZ", "BH", "BY", "CN", "CU", "EG", "ER", "ET", "GE", "IR", "IQ", "KZ",
	"KG", "KP", "MD", "MM", "NI", "PK", "RU", "SA", "SY", "TJ", "TM", "TR", "UA", "AE", "UZ", "VE", "VN"}

func (t *tr) country(code string) string {
	if !habeas.IsCountryCode(code) {
		return code
	}
	return t.code("country", code)
}

// countries returns the codes of the countries the catalogues name, and
// extra when it is a code they do not, in the order of their names.
func (t *tr) countries(extra string) []string {
	if extra != "" && len(extra) == 2 && t.country(extra) == extra {
		return append(slices.Clone(t.byName), extra) // a bare code, after the names
	}
	return t.byName
}

// date writes an EDTF date as people write it, in a <time> element when it
// names an exact day, month or year; an unparsable date is shown as stored.
func (t *tr) date(s string) template.HTML {
	if s == "" {
		return ""
	}
	d, err := edtf.Parse(s)
	if err != nil {
		return template.HTML(template.HTMLEscapeString(s))
	}
	return timeElement(d, d.Format(t.Lang))
}

// timeElement writes text, the words of date d, in a <time> element when
// d is exact enough for one.
func timeElement(d edtf.Date, text string) template.HTML {
	text = template.HTMLEscapeString(text)
	if machine, ok := machineDate(d); ok {
		return template.HTML(`<time datetime="` + machine + `">` + text + `</time>`)
	}
	return template.HTML(text)
}

// since writes "since" and an EDTF date, in markup: "since 6 May 2025",
// and for an interval, which names some day within it, "since some day
// between 6 and 14 May 2025" (edtf.Date.FormatSince).
func (t *tr) since(s string) template.HTML {
	d, err := edtf.Parse(s)
	if err != nil {
		return template.HTML(template.HTMLEscapeString(t.T("since_raw", "Date", s)))
	}
	// The <time> holds the date alone, where the phrase has it whole.
	phrase, text := d.FormatSince(t.Lang), d.Format(t.Lang)
	if before, after, ok := strings.Cut(phrase, text); ok {
		return template.HTML(template.HTMLEscapeString(before)) + timeElement(d, text) + template.HTML(template.HTMLEscapeString(after))
	}
	return template.HTML(template.HTMLEscapeString(phrase))
}

// sinceText is since without markup.
func (t *tr) sinceText(s string) string {
	if d, err := edtf.Parse(s); err == nil {
		return d.FormatSince(t.Lang)
	}
	return t.T("since_raw", "Date", s)
}

// dateText is date without markup, for attributes and plain sentences.
func (t *tr) dateText(s string) string {
	if d, err := edtf.Parse(s); err == nil {
		return d.Format(t.Lang)
	}
	return s
}

// dayText writes a moment as its day, "15 May 2025", in the site's time
// zone, UTC.
func (t *tr) dayText(at time.Time) string { return t.dateText(at.UTC().Format(time.DateOnly)) }

// exactDate matches the EDTF forms that are also valid HTML datetime
// values: a year, a month, a day, and a day with a time of day whose zone,
// if any, is Z or ±hh:mm (or ±hhmm).
var exactDate = regexp.MustCompile(`^\d{4}(-\d{2}(-\d{2}(T\d{2}:\d{2}(:\d{2})?(Z|[+-]\d{2}:?\d{2})?)?)?)?$`)

// machineDate returns the HTML datetime value of an exact date.
func machineDate(d edtf.Date) (string, bool) {
	s := d.String()
	if d.Approximate() || d.Uncertain() || d.Season() != 0 || !exactDate.MatchString(s) { // 2023-21 is no month
		return "", false
	}
	return s, true
}

// smallNumbers are the numbers English writes in words in a prison term.
var smallNumbers = []string{"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
	"eleven", "twelve"}

// count writes n of a unit (message id) with the plural the language asks
// for: "three years", "one month", "15 days" in English, which writes
// small numbers in words; digits elsewhere.
func (t *tr) count(id string, n int) string {
	if t.Lang == "en" && n >= 0 && n < len(smallNumbers) {
		return t.localize(id, n, map[string]any{"Count": smallNumbers[n]})
	}
	return t.N(id, n)
}

// sentenceWords writes a prison term: "three years and six months".
func (t *tr) sentenceWords(term habeas.Sentence) string {
	var parts []string
	if term.Years > 0 {
		parts = append(parts, t.count("term_years", term.Years))
	}
	if term.Months > 0 {
		parts = append(parts, t.count("term_months", term.Months))
	}
	if term.Days > 0 {
		parts = append(parts, t.count("term_days", term.Days))
	}
	return t.and(parts)
}

// and joins words into a list: "a, b and c".
func (t *tr) and(parts []string) string {
	switch len(parts) {
	case 0:
		return ""
	case 1:
		return parts[0]
	}
	return t.T("list_and", "List", strings.Join(parts[:len(parts)-1], t.T("list_comma")), "Last", parts[len(parts)-1])
}

var langTag = regexp.MustCompile(`^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$`)

// safeLang returns a language tag fit for a lang attribute, or "".
func safeLang(tag string) string {
	if langTag.MatchString(tag) {
		return tag
	}
	return ""
}

// localURL reports whether u is a path on this site, so an <img> never
// makes a request to another origin even if bad data reached the store.
func localURL(u string) bool {
	return strings.HasPrefix(u, "/") && !strings.HasPrefix(u, "//") && !strings.HasPrefix(u, "/\\")
}

// externalURL reports whether u is a web link fit for an <a href>.
func externalURL(u string) bool {
	return strings.HasPrefix(u, "https://") || strings.HasPrefix(u, "http://")
}

// onDate puts a date in a sentence: "on 6 May 2025", "in May 2025", and no
// preposition before a hedged date ("around 7 May 2025"); see
// edtf.Date.FormatOn.
func (t *tr) onDate(s string) string {
	if s == "" {
		return ""
	}
	d, err := edtf.Parse(s)
	if err != nil {
		return s
	}
	return d.FormatOn(t.Lang)
}

// interventionSent says who did what, as a sentence: "Relatives and
// colleagues asked the Penitentiary Service in May 2025."
func (t *tr) interventionSent(iv habeas.Intervention) string {
	kind := iv.Kind
	switch kind {
	case "inquiry", "appeal", "letter", "statement":
	default:
		kind = "letter"
	}
	recipient := iv.Recipient
	if t.Lang == "en" {
		recipient = withArticle(recipient)
	}
	id := "intervention_sent_" + kind
	if iv.SentOn == "" {
		id += "_undated"
	}
	return t.T(id, "Sender", iv.Sender, "Recipient", recipient, "When", t.onDate(iv.SentOn))
}

// withArticle puts "the" before an authority's name written as a common
// noun phrase ("Penitentiary Service"), not before one that has its own
// article or is a person's or a body's proper name with "of" in front.
// English only: the other languages have no articles.
func withArticle(recipient string) string {
	lower := strings.ToLower(recipient)
	for _, p := range []string{"the ", "a ", "an ", "his ", "her ", "their "} {
		if strings.HasPrefix(lower, p) {
			return recipient
		}
	}
	for _, w := range []string{"Service", "Office", "Ministry", "Court", "Prosecutor", "Committee", "Commission", "Administration", "Council"} {
		if strings.Contains(recipient, w) {
			return "the " + recipient
		}
	}
	return recipient
}

// interventionAnswer says what came back, as a sentence.
func (t *tr) interventionAnswer(iv interventionEntry) string {
	switch iv.AnswerStatus {
	case "partial", "full":
		if when := t.onDate(iv.AnsweredOn); when != "" {
			return t.T("intervention_answer_"+iv.AnswerStatus, "When", when)
		}
		return t.T("intervention_answer_" + iv.AnswerStatus + "_undated")
	}
	if iv.DueOn != "" {
		if iv.Unanswered {
			return t.T("intervention_overdue", "Due", t.dateText(iv.DueOn))
		}
		return t.T("intervention_due", "Due", t.dateText(iv.DueOn))
	}
	return t.T("intervention_no_answer")
}

var exactDay = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)

// inexactDate reports whether a count of days from an EDTF date can only
// be a least count: the date is not a single known day (a month, a year,
// an approximate or uncertain day). An empty or unparsable date is inexact.
func inexactDate(s string) bool {
	d, err := edtf.Parse(s)
	if err != nil {
		return true
	}
	return d.Approximate() || d.Uncertain() || !exactDay.MatchString(d.String())
}

// estimateWords reads an estimate's number as its source words it:
// "Around 350 political prisoners".
func (t *tr) estimateWords(e habeas.Estimate) string {
	q := e.Qualifier
	if q == "" {
		q = habeas.EstimateExactly
	}
	of := e.Of
	switch of {
	case "political_prisoner", "prisoner_of_conscience", "at_risk":
	default:
		of = "political_prisoner"
	}
	return t.N("estimate_"+q+"_"+of, e.Count)
}
