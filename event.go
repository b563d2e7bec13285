package habeas

import "time"

// Event kinds: the dated facts of a case's timeline.
const (
	EventArrest            = "arrest"
	EventCharge            = "charge"
	EventHearing           = "hearing"
	EventVerdict           = "verdict"
	EventAppeal            = "appeal"
	EventTransfer          = "transfer" // to FacilityID, or to an undisclosed place when FacilityID is 0
	EventHungerStrikeStart = "hunger_strike_start"
	EventHungerStrikeEnd   = "hunger_strike_end"
	EventFamilyVisit       = "family_visit"
	EventLawyerVisit       = "lawyer_visit"
	EventCall              = "call"
	EventLetter            = "letter"
	EventIllTreatment      = "ill_treatment"
	EventHealth            = "health"
	EventRelease           = "release"
	EventPardon            = "pardon"
	EventDeath             = "death"
	EventStatement         = "statement" // a quote with its speaker
	EventNews              = "news"      // other news of the person's condition
)

// EventKinds lists every valid event kind in the order forms show them.
var EventKinds = []string{
	EventArrest, EventCharge, EventHearing, EventVerdict, EventAppeal, EventTransfer,
	EventHungerStrikeStart, EventHungerStrikeEnd,
	EventFamilyVisit, EventLawyerVisit, EventCall, EventLetter,
	EventIllTreatment, EventHealth, EventRelease, EventPardon, EventDeath,
	EventStatement, EventNews,
}

// Event is one dated fact on a case's timeline.
type Event struct {
	ID     int64  `json:"id"`
	CaseID int64  `json:"case_id"`
	Kind   string `json:"kind"`
	Date   string `json:"date"` // EDTF
	// FacilityID is where a transfer took the person; 0 on a transfer means
	// an undisclosed place. For other kinds, where the event happened, if known.
	FacilityID int64  `json:"facility_id,omitempty"`
	Summary    string `json:"summary,omitempty"`
	Quote      string `json:"quote,omitempty"`   // a statement's words
	Speaker    string `json:"speaker,omitempty"` // who said them
	// SourceIDs are the sources this fact cites; none means unsourced.
	SourceIDs []int64 `json:"source_ids"`
	// WithheldSources counts the sources this fact cites that the reader
	// may not see (so a sourced fact is not shown as unsourced).
	WithheldSources int        `json:"withheld_sources,omitempty"`
	Visibility      Visibility `json:"visibility"`
	CreatedAt       time.Time  `json:"created_at"`
	UpdatedAt       time.Time  `json:"updated_at"`
}

// Validate checks the event's fields.
func (e *Event) Validate() error {
	pr := Problems{}
	if e.CaseID <= 0 {
		pr.Add("case_id", "is required")
	}
	validEnum(pr, "kind", e.Kind, EventKinds)
	if e.Date == "" {
		pr.Add("date", "is required (an EDTF date such as 2025-05-06, 2023-08 or 2025-05-06~)")
	}
	validDate(pr, "date", e.Date)
	if e.FacilityID < 0 {
		pr.Add("facility_id", "must be a facility id")
	}
	validText(pr, "summary", e.Summary, 0, 10000)
	validText(pr, "quote", e.Quote, 0, 10000)
	validText(pr, "speaker", e.Speaker, 0, 200)
	if e.Kind == EventStatement && e.Quote == "" && e.Summary == "" {
		pr.Add("quote", "a statement needs its words (quote) or a summary")
	}
	if len(e.SourceIDs) > 50 {
		pr.Add("source_ids", "at most 50 sources")
	}
	for _, id := range e.SourceIDs {
		if id <= 0 {
			pr.Add("source_ids", "must be source ids")
		}
	}
	validVisibility(pr, "visibility", e.Visibility)
	return pr.Err("event")
}

// Source kinds and reliabilities.
var (
	SourceKinds   = []string{"article", "url", "document", "testimony", "statement"}
	Reliabilities = []string{"confirmed", "reliable", "unverified", "doubtful"}
)

// Source is where a fact comes from.
type Source struct {
	ID          int64  `json:"id"`
	Kind        string `json:"kind"`
	Title       string `json:"title"`
	URL         string `json:"url,omitempty"`
	Publisher   string `json:"publisher,omitempty"`
	PublishedOn string `json:"published_on,omitempty"` // EDTF
	Reliability string `json:"reliability"`
	// Identity names who gave a testimony. It is confidential: encrypted at
	// rest and returned only to readers with confidential access.
	Identity   string     `json:"identity,omitempty"`
	Visibility Visibility `json:"visibility"`
	CreatedAt  time.Time  `json:"created_at"`
	UpdatedAt  time.Time  `json:"updated_at"`
}

// Validate checks the source's fields.
func (s *Source) Validate() error {
	pr := Problems{}
	validEnum(pr, "kind", s.Kind, SourceKinds)
	validText(pr, "title", s.Title, 1, 500)
	validURL(pr, "url", s.URL)
	if s.Kind == "url" && s.URL == "" {
		pr.Add("url", "is required for a source of kind url")
	}
	validText(pr, "publisher", s.Publisher, 0, 200)
	validDate(pr, "published_on", s.PublishedOn)
	validEnum(pr, "reliability", s.Reliability, Reliabilities)
	validText(pr, "identity", s.Identity, 0, 2000)
	validVisibility(pr, "visibility", s.Visibility)
	return pr.Err("source")
}

// Intervention kinds and answer statuses.
var (
	InterventionKinds = []string{"inquiry", "appeal", "letter", "statement"}
	AnswerStatuses    = []string{"none", "partial", "full"}
)

// Intervention is an inquiry, appeal, letter or statement about a case.
type Intervention struct {
	ID           int64      `json:"id"`
	CaseID       int64      `json:"case_id"`
	Kind         string     `json:"kind"`
	Sender       string     `json:"sender"`
	Recipient    string     `json:"recipient"` // the authority addressed
	SentOn       string     `json:"sent_on,omitempty"`
	DueOn        string     `json:"due_on,omitempty"`
	AnswerStatus string     `json:"answer_status"`
	AnsweredOn   string     `json:"answered_on,omitempty"`
	Summary      string     `json:"summary,omitempty"`
	SourceIDs    []int64    `json:"source_ids"`
	Visibility   Visibility `json:"visibility"`
	CreatedAt    time.Time  `json:"created_at"`
	UpdatedAt    time.Time  `json:"updated_at"`
}

// DueIntervention is an intervention that awaits its answer, with the day
// the answer is due (its own due day, else the day it was sent plus the
// days its recipient has to answer) and the person it is about.
type DueIntervention struct {
	Intervention
	PersonID int64  `json:"person_id"`
	DueDay   string `json:"due_day"` // an ISO date
}

// DueFilter chooses the interventions whose answers are due from From to
// To, ISO dates both included.
type DueFilter struct {
	From, To string
	// AssignedTo, a volunteer's account id, keeps those of the people
	// assigned to them.
	AssignedTo int64
	Limit      int
}

// Validate checks the intervention's fields.
func (iv *Intervention) Validate() error {
	pr := Problems{}
	if iv.CaseID <= 0 {
		pr.Add("case_id", "is required")
	}
	validEnum(pr, "kind", iv.Kind, InterventionKinds)
	validText(pr, "sender", iv.Sender, 1, 300)
	validText(pr, "recipient", iv.Recipient, 1, 300)
	validDate(pr, "sent_on", iv.SentOn)
	validDate(pr, "due_on", iv.DueOn)
	validOrder(pr, "due_on", iv.SentOn, iv.DueOn, "cannot be before sent_on")
	validEnum(pr, "answer_status", iv.AnswerStatus, AnswerStatuses)
	validDate(pr, "answered_on", iv.AnsweredOn)
	validOrder(pr, "answered_on", iv.SentOn, iv.AnsweredOn, "cannot be before sent_on")
	if iv.AnswerStatus == "none" && iv.AnsweredOn != "" {
		pr.Add("answered_on", "must be empty while answer_status is none")
	}
	validText(pr, "summary", iv.Summary, 0, 10000)
	for _, id := range iv.SourceIDs {
		if id <= 0 {
			pr.Add("source_ids", "must be source ids")
		}
	}
	validVisibility(pr, "visibility", iv.Visibility)
	return pr.Err("intervention")
}
