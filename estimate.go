package habeas

import "time"

// Qualifiers of an estimate's number, as its source words it.
const (
	EstimateExactly = "exactly"
	EstimateAround  = "around"
	EstimateAtLeast = "at_least"
	EstimateAtMost  = "at_most"
)

// EstimateQualifiers are the ways a source may qualify a number.
var EstimateQualifiers = []string{EstimateExactly, EstimateAround, EstimateAtLeast, EstimateAtMost}

// Estimate is a count someone else published ("around 350 political
// prisoners according to local human rights organizations"), shown beside
// the group's own count with its source and any counter-statement
// ("Government officials reject this classification …"). It is reported
// as the sources word it, never computed: the group's own figures are.
type Estimate struct {
	ID      int64  `json:"id"`
	Country string `json:"country"` // ISO 3166-1 alpha-2
	Count   int    `json:"count"`
	// Qualifier is how the source qualifies Count: one of EstimateQualifiers.
	Qualifier string `json:"qualifier"`
	// Of is what is counted: a classification of Classifications.
	Of string `json:"of"`
	// By is who made the estimate, as the source names them.
	By string `json:"by"`
	// AsOf is when the estimate was made or reported (EDTF).
	AsOf string `json:"as_of"`
	// Counter is a counter-statement as the source reports it, in its
	// words, and CounterBy who made it; both "" when none is reported.
	Counter   string `json:"counter,omitempty"`
	CounterBy string `json:"counter_by,omitempty"`
	// SourceIDs report the estimate (and the counter-statement): at least one.
	SourceIDs       []int64    `json:"source_ids"`
	WithheldSources int        `json:"withheld_sources,omitempty"`
	Visibility      Visibility `json:"visibility"`
	CreatedAt       time.Time  `json:"created_at"`
	UpdatedAt       time.Time  `json:"updated_at"`
}

// Validate checks the estimate's fields (not that its sources exist: the
// store does).
func (e *Estimate) Validate() error {
	pr := Problems{}
	validCountry(pr, "country", e.Country)
	if e.Count < 0 || e.Count > 10_000_000 {
		pr.Add("count", "must be a number of people from 0 to 10,000,000")
	}
	validEnum(pr, "qualifier", e.Qualifier, EstimateQualifiers)
	validEnum(pr, "of", e.Of, Classifications)
	if e.Of == "not_assessed" {
		pr.Add("of", "an estimate counts people of a classification: political_prisoner, prisoner_of_conscience or at_risk")
	}
	validText(pr, "by", e.By, 1, 300)
	if e.AsOf == "" {
		pr.Add("as_of", "is required: when the source made or reported the estimate")
	} else {
		validDate(pr, "as_of", e.AsOf)
	}
	validText(pr, "counter", e.Counter, 0, 2000)
	validText(pr, "counter_by", e.CounterBy, 0, 300)
	if (e.Counter == "") != (e.CounterBy == "") {
		pr.Add("counter_by", "a counter-statement and who made it go together")
	}
	if len(e.SourceIDs) == 0 {
		pr.Add("source_ids", "an estimate needs at least one source that reports it")
	}
	validSources(pr, "source_ids", e.SourceIDs)
	validVisibility(pr, "visibility", e.Visibility)
	if e.Visibility == Confidential {
		pr.Add("visibility", "an estimate is public or internal")
	}
	return pr.Err("estimate")
}
