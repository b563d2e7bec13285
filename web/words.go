package web

import (
	"html/template"
	"regexp"
	"strconv"
	"strings"

	"codeberg.org/habeas/habeas"
	"codeberg.org/habeas/habeas/edtf"
)

// The words the site uses for the domain's stable codes. A code without
// words (a value added later) is shown as it is, never dropped.

var statusWords = map[string]string{
	habeas.StatusDetained:  "Detained",
	habeas.StatusPretrial:  "In pre-trial detention",
	habeas.StatusSentenced: "Sentenced",
	habeas.StatusReleased:  "Released",
	habeas.StatusPardoned:  "Pardoned",
	habeas.StatusDeceased:  "Died",
}

// statusFilterWords name the statuses in the filter of the people list.
var statusFilterWords = map[string]string{
	habeas.StatusDetained:  "Detained",
	habeas.StatusPretrial:  "Pre-trial detention",
	habeas.StatusSentenced: "Sentenced",
	habeas.StatusReleased:  "Released",
	habeas.StatusPardoned:  "Pardoned",
	habeas.StatusDeceased:  "Died",
}

var classificationWords = map[string]string{
	"political_prisoner":     "Political prisoner",
	"prisoner_of_conscience": "Prisoner of conscience",
	"at_risk":                "At risk",
	"not_assessed":           "Not assessed yet",
}

var positionWords = map[string]string{
	"denies":           "Denies the charges",
	"admits":           "Admits the charges",
	"partially_admits": "Admits part of the charges",
	"unknown":          "Not known",
}

var eventWords = map[string]string{
	habeas.EventArrest:            "Arrest",
	habeas.EventCharge:            "Charged",
	habeas.EventHearing:           "Hearing",
	habeas.EventVerdict:           "Verdict",
	habeas.EventAppeal:            "Appeal",
	habeas.EventTransfer:          "Transfer",
	habeas.EventHungerStrikeStart: "Hunger strike begins",
	habeas.EventHungerStrikeEnd:   "Hunger strike ends",
	habeas.EventFamilyVisit:       "Family visit",
	habeas.EventLawyerVisit:       "Lawyer visit",
	habeas.EventCall:              "Phone call",
	habeas.EventLetter:            "Letter",
	habeas.EventIllTreatment:      "Ill-treatment reported",
	habeas.EventHealth:            "Health",
	habeas.EventRelease:           "Release",
	habeas.EventPardon:            "Pardon",
	habeas.EventDeath:             "Death",
	habeas.EventStatement:         "Statement",
	habeas.EventNews:              "News",
}

var facilityKindWords = map[string]string{
	"police_station": "Police station",
	"pre_trial":      "Pre-trial detention centre",
	"colony":         "Penal colony",
	"prison":         "Prison",
	"psychiatric":    "Psychiatric institution",
	"unknown":        "Kind of place not known",
}

var organizationKindWords = map[string]string{
	"trade_union": "Trade union",
	"media":       "Media",
	"party":       "Political party",
	"ngo":         "Non-governmental organization",
	"movement":    "Movement",
	"religious":   "Religious community",
	"other":       "Organization",
}

var interventionKindWords = map[string]string{
	"inquiry":   "Inquiry",
	"appeal":    "Appeal",
	"letter":    "Letter",
	"statement": "Statement",
}

var sourceKindWords = map[string]string{
	"article":   "article",
	"url":       "web page",
	"document":  "document",
	"testimony": "testimony",
	"statement": "statement",
}

// countryNames names the countries the site is most likely to show; any
// other code is shown as the code.
var countryNames = map[string]string{
	"AF": "Afghanistan", "AM": "Armenia", "AZ": "Azerbaijan", "BH": "Bahrain", "BY": "Belarus",
	"CN": "China", "CU": "Cuba", "EG": "Egypt", "ER": "Eritrea", "ET": "Ethiopia", "GE": "Georgia",
	"IR": "Iran", "IQ": "Iraq", "KZ": "Kazakhstan", "KG": "Kyrgyzstan", "KP": "North Korea",
	"MD": "Moldova", "MM": "Myanmar", "NI": "Nicaragua", "PK": "Pakistan", "RU": "Russia",
	"SA": "Saudi Arabia", "SY": "Syria", "TJ": "Tajikistan", "TM": "Turkmenistan", "TR": "Türkiye",
	"UA": "Ukraine", "AE": "United Arab Emirates", "UZ": "Uzbekistan", "VE": "Venezuela", "VN": "Vietnam",
}

func wordsFor(m map[string]string, code string) string {
	if w, ok := m[code]; ok {
		return w
	}
	return strings.ReplaceAll(code, "_", " ")
}

func countryName(code string) string {
	if n, ok := countryNames[code]; ok {
		return n
	}
	return code
}

// date writes an EDTF date as people write it, in a <time> element when it
// names an exact day, month or year; an unparsable date is shown as stored.
func date(s string) template.HTML {
	if s == "" {
		return ""
	}
	d, err := edtf.Parse(s)
	if err != nil {
		return template.HTML(template.HTMLEscapeString(s))
	}
	text := template.HTMLEscapeString(d.Format("en"))
	if machine, ok := machineDate(d); ok {
		return template.HTML(`<time datetime="` + machine + `">` + text + `</time>`)
	}
	return template.HTML(text)
}

// since writes "since" and an EDTF date, in markup: "since 6 May 2025",
// and for an interval, which names some day within it, "since some day
// between 6 and 14 May 2025".
func since(s string) template.HTML {
	return template.HTML(sincePrefix(s)) + date(s)
}

// sinceText is since without markup.
func sinceText(s string) string { return sincePrefix(s) + dateText(s) }

func sincePrefix(s string) string {
	if d, err := edtf.Parse(s); err == nil && d.IsInterval() && !d.Start().IsZero() && !d.End().IsZero() {
		return "since some day "
	}
	return "since "
}

// dateText is date without markup, for attributes and plain sentences.
func dateText(s string) string {
	if d, err := edtf.Parse(s); err == nil {
		return d.Format("en")
	}
	return s
}

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

var smallNumbers = []string{"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
	"eleven", "twelve"}

// count writes n of a unit in words: "three years", "one month", "15 days".
func count(n int, unit string) string {
	s := strconv.Itoa(n)
	if n >= 0 && n < len(smallNumbers) {
		s = smallNumbers[n]
	}
	if n != 1 {
		unit += "s"
	}
	return s + " " + unit
}

// sentenceWords writes a prison term: "three years and six months".
func sentenceWords(t habeas.Sentence) string {
	var parts []string
	if t.Years > 0 {
		parts = append(parts, count(t.Years, "year"))
	}
	if t.Months > 0 {
		parts = append(parts, count(t.Months, "month"))
	}
	if t.Days > 0 {
		parts = append(parts, count(t.Days, "day"))
	}
	switch len(parts) {
	case 0:
		return ""
	case 1:
		return parts[0]
	}
	return strings.Join(parts[:len(parts)-1], ", ") + " and " + parts[len(parts)-1]
}

// number writes n with thousands separators: 1,234.
func number(n int) string {
	s := strconv.Itoa(n)
	if n < 0 {
		return s
	}
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
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

// leftWords say how a stay at a facility ended, by the kind of the event
// that ended it.
var leftWords = map[string]string{
	habeas.EventTransfer: "moved elsewhere",
	habeas.EventRelease:  "released",
	habeas.EventPardon:   "pardoned",
	habeas.EventDeath:    "died",
}

// interventionVerbs say what the sender of an intervention did to its recipient.
var interventionVerbs = map[string]string{
	"inquiry":   "asked",
	"appeal":    "appealed to",
	"letter":    "wrote to",
	"statement": "addressed a statement to",
}

// onDate puts a date in a sentence: "on 6 May 2025", "in May 2025", and no
// preposition before a hedged date ("around 7 May 2025").
func onDate(s string) string {
	text := dateText(s)
	switch {
	case text == "":
		return ""
	case exactDay.MatchString(s):
		return "on " + text
	case text[0] >= 'a' && text[0] <= 'z':
		return text
	}
	return "in " + text
}

var exactDay = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)

// interventionSent says who did what, as a sentence: "Relatives and
// colleagues asked the Penitentiary Service in May 2025."
func interventionSent(iv habeas.Intervention) string {
	verb, ok := interventionVerbs[iv.Kind]
	if !ok {
		verb = "wrote to"
	}
	s := iv.Sender + " " + verb + " " + withArticle(iv.Recipient)
	if when := onDate(iv.SentOn); when != "" {
		s += " " + when
	}
	return s + "."
}

// withArticle puts "the" before an authority's name written as a common
// noun phrase ("Penitentiary Service"), not before one that has its own
// article or is a person's or a body's proper name with "of" in front.
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
func interventionAnswer(iv interventionEntry) string {
	switch iv.AnswerStatus {
	case "partial":
		if when := onDate(iv.AnsweredOn); when != "" {
			return "A partial answer came " + when + "."
		}
		return "A partial answer came."
	case "full":
		if when := onDate(iv.AnsweredOn); when != "" {
			return "An answer came " + when + "."
		}
		return "An answer came."
	}
	if iv.DueOn != "" {
		if iv.Unanswered {
			return "No answer, although one was due by " + dateText(iv.DueOn) + "."
		}
		return "An answer is due by " + dateText(iv.DueOn) + "."
	}
	return "No answer so far."
}

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

// estimateQualifiers are how an estimate's number reads.
var estimateQualifiers = map[string]string{
	habeas.EstimateExactly: "", habeas.EstimateAround: "around ", habeas.EstimateAtLeast: "at least ", habeas.EstimateAtMost: "at most ",
}

// classificationPlurals name the people an estimate counts.
var classificationPlurals = map[string][2]string{
	"political_prisoner":     {"political prisoner", "political prisoners"},
	"prisoner_of_conscience": {"prisoner of conscience", "prisoners of conscience"},
	"at_risk":                {"person at risk", "people at risk"},
}

// estimateWords reads an estimate's number as its source words it:
// "Around 350 political prisoners".
func estimateWords(e habeas.Estimate) string {
	words := classificationPlurals[e.Of]
	s := estimateQualifiers[e.Qualifier] + number(e.Count) + " " + plural(e.Count, words[0], words[1])
	return strings.ToUpper(s[:1]) + s[1:]
}
