package alerts

import (
	"maps"
	"strconv"
	"strings"

	"codeberg.org/habeas/habeas"
)

// Rule names.
const (
	NoNews         = "no_news"
	NoContact      = "no_contact"
	HungerStrike   = "hunger_strike"
	Unanswered     = "unanswered_intervention"
	ReleaseOverdue = "release_overdue"
	ComingUp       = "coming_up"
)

// titles name each rule for readers.
var titles = map[string]string{
	NoNews:         "No news",
	NoContact:      "No contact with family or lawyer",
	HungerStrike:   "Hunger strike",
	Unanswered:     "Inquiry without an answer",
	ReleaseOverdue: "Release overdue",
	ComingUp:       "Coming up",
}

// Title names a rule for readers ("No news"); an unknown rule is its name.
func Title(rule string) string {
	if t, ok := titles[rule]; ok {
		return t
	}
	return rule
}

// Rules lists every rule in the order Evaluate reports them.
var Rules = []string{NoNews, NoContact, HungerStrike, Unanswered, ReleaseOverdue, ComingUp}

// DefaultDays is each rule's N, in days, when no threshold is set:
//
//	no_news                  7   days without news
//	no_contact               14  days without family or lawyer contact
//	hunger_strike            7   days on hunger strike
//	unanswered_intervention  10  days from sending to the answer's due day
//	release_overdue          30  days past the term before it is critical
//	coming_up                7   days ahead to look
var DefaultDays = map[string]int{
	NoNews:         7,
	NoContact:      14,
	HungerStrike:   7,
	Unanswered:     10,
	ReleaseOverdue: 30,
	ComingUp:       7,
}

// RulesVersion names this version of the rules. Change it with any change
// of what a rule finds or says: the sweep takes every case again when it
// changes (store.sweepMark), where it would otherwise pass over the cases
// it swept earlier the same day.
const RulesVersion = "2026-12-04"

// MaxDays is the largest threshold accepted: ten years. Anything longer is
// a typo, and would silence a rule for good.
const MaxDays = 3650

// Thresholds are the rules' N values. An instance has one set; a case may
// override some of them (With). A rule missing from Days uses DefaultDays.
type Thresholds struct {
	// Days maps a rule name to its N in days.
	Days map[string]int `json:"days,omitempty"`
	// AnswerDays maps an authority, as written in Intervention.Recipient,
	// to the days it has to answer (a legal answer deadline), in place of
	// Days[unanswered_intervention]. Names match exactly, after trimming
	// spaces.
	AnswerDays map[string]int `json:"answer_days,omitempty"`
}

// Validate refuses thresholds of 0 days or fewer, over MaxDays, for an
// unknown rule or for an authority with no name, naming the field:
// "days.no_news", "answer_days[Penitentiary Service]".
func (t Thresholds) Validate() error {
	pr := habeas.Problems{}
	for rule, n := range t.Days {
		field := "days." + rule
		if _, ok := DefaultDays[rule]; !ok {
			pr.Add(field, "unknown rule "+strconv.Quote(truncate(rule, 40))+" (want one of "+strings.Join(Rules, ", ")+")")
			continue
		}
		validDays(pr, field, n)
	}
	for who, n := range t.AnswerDays {
		field := "answer_days[" + truncate(who, 60) + "]"
		if strings.TrimSpace(who) == "" {
			pr.Add(field, "needs the authority's name")
			continue
		}
		validDays(pr, field, n)
	}
	return pr.Err("alert thresholds")
}

func validDays(pr habeas.Problems, field string, n int) {
	switch {
	case n <= 0:
		pr.Add(field, "must be at least 1 day")
	case n > MaxDays:
		pr.Add(field, "must be at most "+strconv.Itoa(MaxDays)+" days")
	}
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8Start(s[n]) {
		n--
	}
	return s[:n] + "…"
}

func utf8Start(b byte) bool { return b&0xC0 != 0x80 }

// With returns t overridden by o, rule by rule and authority by authority:
// a case's own thresholds over the instance's. Neither is modified.
func (t Thresholds) With(o Thresholds) Thresholds {
	r := Thresholds{Days: maps.Clone(t.Days), AnswerDays: maps.Clone(t.AnswerDays)}
	if len(o.Days) > 0 && r.Days == nil {
		r.Days = make(map[string]int, len(o.Days))
	}
	maps.Copy(r.Days, o.Days)
	if len(o.AnswerDays) > 0 && r.AnswerDays == nil {
		r.AnswerDays = make(map[string]int, len(o.AnswerDays))
	}
	maps.Copy(r.AnswerDays, o.AnswerDays)
	return r
}

// DaysFor returns the N of rule: the set value when it is valid, else the
// default. Evaluate never runs on an invalid threshold.
func (t Thresholds) DaysFor(rule string) int {
	if n, ok := t.Days[rule]; ok && n > 0 && n <= MaxDays {
		return n
	}
	return DefaultDays[rule]
}

// AnswerDaysFor returns the days an authority has to answer: its own
// figure when set and valid, else DaysFor(unanswered_intervention).
func (t Thresholds) AnswerDaysFor(recipient string) int {
	if len(t.AnswerDays) > 0 {
		if n, ok := t.AnswerDays[strings.TrimSpace(recipient)]; ok && n > 0 && n <= MaxDays {
			return n
		}
	}
	return t.DaysFor(Unanswered)
}
