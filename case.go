package habeas

import "time"

// Case statuses. The timeline derives the current status where it can
// (see package casefile); the stored status is the fallback.
const (
	StatusDetained  = "detained" // held, stage not known
	StatusPretrial  = "pre_trial"
	StatusSentenced = "sentenced"
	StatusReleased  = "released"
	StatusPardoned  = "pardoned"
	StatusDeceased  = "deceased"
)

// Statuses lists the valid case statuses, in life-cycle order.
var Statuses = []string{StatusDetained, StatusPretrial, StatusSentenced, StatusReleased, StatusPardoned, StatusDeceased}

// Classifications of a case.
var Classifications = []string{"political_prisoner", "prisoner_of_conscience", "at_risk", "not_assessed"}

// Positions a person can take on the charges against them.
var Positions = []string{"denies", "admits", "partially_admits", "unknown"}

// Charge is one accusation: the article of the code and its words.
type Charge struct {
	Article string `json:"article,omitempty"` // e.g. "234.4.3"
	Text    string `json:"text"`              // e.g. "drug trafficking"
}

// Sentence is a prison term. All zero means no custodial sentence is known.
type Sentence struct {
	Years  int `json:"years,omitempty"`
	Months int `json:"months,omitempty"`
	Days   int `json:"days,omitempty"`
}

// IsZero reports whether no term is recorded.
func (s Sentence) IsZero() bool { return s.Years == 0 && s.Months == 0 && s.Days == 0 }

// Case is one detention of one person.
type Case struct {
	ID       int64  `json:"id"`
	PersonID int64  `json:"person_id"`
	Country  string `json:"country"`
	// Status is the status as last recorded by staff; the timeline's
	// events override it (casefile.State.Status).
	Status string `json:"status"`
	// ArrestDate and the other dates are EDTF strings ("2023-08", "2025-05-06~").
	ArrestDate   string   `json:"arrest_date,omitempty"`
	Charges      []Charge `json:"charges"`
	Court        string   `json:"court,omitempty"`
	Sentence     Sentence `json:"sentence"`
	SentenceDate string   `json:"sentence_date,omitempty"`
	// PretrialCredited says the time held before the verdict counts
	// towards the sentence, so it runs from the arrest.
	PretrialCredited bool `json:"pretrial_credited"`
	// ExpectedRelease, when set, overrides the release date computed from
	// the sentence.
	ExpectedRelease string `json:"expected_release,omitempty"`
	// FacilityID is where the person is held as last recorded by staff;
	// transfers on the timeline override it.
	FacilityID     int64  `json:"facility_id,omitempty"`
	Classification string `json:"classification"`
	ClassifiedBy   string `json:"classified_by,omitempty"`
	ClassifiedOn   string `json:"classified_on,omitempty"`
	Position       string `json:"position"`                // the person's own position on the charges
	PositionNote   string `json:"position_note,omitempty"` // in their words
	Summary        string `json:"summary,omitempty"`
	// SourceIDs are the sources the record's own facts cite; none means
	// unsourced. WithheldSources counts those the reader may not see.
	SourceIDs       []int64 `json:"source_ids,omitempty"`
	WithheldSources int     `json:"withheld_sources,omitempty"`
	// InternalNotes are for staff only.
	InternalNotes string     `json:"internal_notes,omitempty"`
	Visibility    Visibility `json:"visibility"`
	CreatedAt     time.Time  `json:"created_at"`
	UpdatedAt     time.Time  `json:"updated_at"`
}

// Validate checks the case's fields.
func (c *Case) Validate() error {
	pr := Problems{}
	if c.PersonID <= 0 {
		pr.Add("person_id", "is required")
	}
	validCountry(pr, "country", c.Country)
	validEnum(pr, "status", c.Status, Statuses)
	validDate(pr, "arrest_date", c.ArrestDate)
	if len(c.Charges) > 50 {
		pr.Add("charges", "at most 50 charges")
	}
	for i, ch := range c.Charges {
		f := "charges[" + itoa(i) + "]"
		validText(pr, f+".article", ch.Article, 0, 50)
		validText(pr, f+".text", ch.Text, 1, 500)
	}
	validText(pr, "court", c.Court, 0, 300)
	s := c.Sentence
	if s.Years < 0 || s.Months < 0 || s.Days < 0 || s.Years > 100 || s.Months > 1200 || s.Days > 36500 {
		pr.Add("sentence", "years, months and days must be between 0 and a lifetime")
	}
	validDate(pr, "sentence_date", c.SentenceDate)
	validOrder(pr, "sentence_date", c.ArrestDate, c.SentenceDate, "cannot be before the arrest")
	validDate(pr, "expected_release", c.ExpectedRelease)
	validOrder(pr, "expected_release", c.ArrestDate, c.ExpectedRelease, "cannot be before the arrest")
	if c.FacilityID < 0 {
		pr.Add("facility_id", "must be a facility id")
	}
	validEnum(pr, "classification", c.Classification, Classifications)
	validText(pr, "classified_by", c.ClassifiedBy, 0, 200)
	validDate(pr, "classified_on", c.ClassifiedOn)
	validEnum(pr, "position", c.Position, Positions)
	validText(pr, "position_note", c.PositionNote, 0, 5000)
	validText(pr, "summary", c.Summary, 0, 20000)
	validText(pr, "internal_notes", c.InternalNotes, 0, 20000)
	validSources(pr, "source_ids", c.SourceIDs)
	validVisibility(pr, "visibility", c.Visibility)
	return pr.Err("case")
}
