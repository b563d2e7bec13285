package habeas

// Page is one page of a collection. NextCursor, when not empty, fetches the
// next page.
type Page[T any] struct {
	Items      []T    `json:"items"`
	NextCursor string `json:"next_cursor,omitempty"`
}

// MaxLimit is the largest page a collection returns; DefaultLimit is used
// when none is asked for.
const (
	DefaultLimit = 50
	MaxLimit     = 500
)

// ListOptions are the paging options of every collection.
type ListOptions struct {
	Limit  int    // 0 means DefaultLimit
	Cursor string // from a previous page's NextCursor
}

// SearchThreshold is the least name score a person needs to be found by a
// name search: lower than the 0.85 of "probably the same person", so that
// a surname alone or a given name alone finds them.
const SearchThreshold = 0.7

// PeopleSorts are the orders of the people list.
var PeopleSorts = []string{"name", "news", "detention"}

// PeopleFilter selects and orders people. Status and facility refer to the
// person's current case as its public timeline has it.
type PeopleFilter struct {
	Country        string
	Status         string
	Classification string
	FacilityID     int64
	OrganizationID int64
	Charge         string // a legal article, or words of the charge
	Q              string // a name in any script or spelling (see SearchThreshold)
	Sort           string // one of PeopleSorts; "" is name
	// AssignedTo, a volunteer's account id, keeps the people assigned to
	// them: the list a volunteer works from.
	AssignedTo int64
	ListOptions
}

// Validate checks the filter's values.
func (f *PeopleFilter) Validate() error {
	pr := Problems{}
	if f.Country != "" {
		validCountry(pr, "country", f.Country)
	}
	if f.Status != "" {
		validEnum(pr, "status", f.Status, Statuses)
	}
	if f.Classification != "" {
		validEnum(pr, "classification", f.Classification, Classifications)
	}
	if f.Sort != "" {
		validEnum(pr, "sort", f.Sort, PeopleSorts)
	}
	validText(pr, "charge", f.Charge, 0, 200)
	validText(pr, "q", f.Q, 0, 200)
	return pr.Err("filter")
}

// PersonSummary is one row of the people list: the person and what their
// current case's public timeline says.
type PersonSummary struct {
	ID                 int64  `json:"id"`
	Slug               string `json:"slug"`
	Name               string `json:"name"`
	Country            string `json:"country"`
	Occupation         string `json:"occupation,omitempty"`
	PhotoURL           string `json:"photo_url,omitempty"`
	PhotoAlt           string `json:"photo_alt,omitempty"`
	CaseID             int64  `json:"case_id,omitempty"`
	Status             string `json:"status,omitempty"`
	Classification     string `json:"classification,omitempty"`
	FacilityID         int64  `json:"facility_id,omitempty"`
	FacilityName       string `json:"facility_name,omitempty"`
	FacilitySlug       string `json:"facility_slug,omitempty"`
	WhereaboutsUnknown bool   `json:"whereabouts_unknown"`
	ArrestDate         string `json:"arrest_date,omitempty"`
	// DaysWithoutNews and DaysDetained are -1 when not known or not detained.
	DaysWithoutNews int `json:"days_without_news"`
	// DaysWithoutNewsAtLeast marks DaysWithoutNews as an "at least"
	// figure: the last news is dated only roughly ("around 7 May").
	DaysWithoutNewsAtLeast bool `json:"days_without_news_at_least,omitempty"`
	DaysDetained           int  `json:"days_detained"`
}

// Detained reports whether the status means the person is held now.
func Detained(status string) bool {
	return status == StatusDetained || status == StatusPretrial || status == StatusSentenced
}

// MemberFilter selects the current members of an organization (those
// without an end date), or the former ones.
type MemberFilter struct {
	Former bool
	ListOptions
}

// MemberCounts counts the members of an organization.
type MemberCounts struct {
	Current, Former int
	DetainedNow     int // current members held now
}

// Member is one membership seen from its organization's page.
type Member struct {
	MembershipID       int64  `json:"membership_id"`
	Role               string `json:"role,omitempty"`
	Since              string `json:"since,omitempty"`
	Until              string `json:"until,omitempty"`
	PersonID           int64  `json:"person_id"`
	PersonSlug         string `json:"person_slug"`
	PersonName         string `json:"person_name"`
	Status             string `json:"status,omitempty"`
	WhereaboutsUnknown bool   `json:"whereabouts_unknown"`
	// SourceIDs are the sources the membership cites; WithheldSources
	// counts those the reader may not see.
	SourceIDs       []int64 `json:"source_ids,omitempty"`
	WithheldSources int     `json:"withheld_sources,omitempty"`
}

// Affiliation is one membership seen from its person's page.
type Affiliation struct {
	MembershipID     int64  `json:"membership_id"`
	Role             string `json:"role,omitempty"`
	Since            string `json:"since,omitempty"`
	Until            string `json:"until,omitempty"`
	OrganizationID   int64  `json:"organization_id"`
	OrganizationSlug string `json:"organization_slug"`
	OrganizationName string `json:"organization_name"`
	// SourceIDs are the sources the membership cites; WithheldSources
	// counts those the reader may not see.
	SourceIDs       []int64 `json:"source_ids,omitempty"`
	WithheldSources int     `json:"withheld_sources,omitempty"`
}

// CaseFilter selects cases. Status is as the public timeline derives it.
type CaseFilter struct {
	PersonID       int64
	Country        string
	Status         string
	Classification string
	ListOptions
}

// EventFilter selects the events of one case.
type EventFilter struct {
	CaseID int64
	Kind   string
	ListOptions
}

// SourceFilter selects sources.
type SourceFilter struct {
	Kind string
	ListOptions
}

// InterventionFilter selects interventions.
type InterventionFilter struct {
	CaseID       int64
	AnswerStatus string
	ListOptions
}

// OrganizationFilter selects organizations.
type OrganizationFilter struct {
	Country, Kind string
	ListOptions
}

// MembershipFilter selects memberships.
type MembershipFilter struct {
	PersonID, OrganizationID int64
	ListOptions
}

// FacilityFilter selects facilities.
type FacilityFilter struct {
	Country, Kind string
	ListOptions
}

// Stay is a time a person was held at a facility, as their case's timeline
// tells it: from the first event there (the transfer that brought them, or
// the first fact recorded there) to the event that took them away, if any.
type Stay struct {
	CaseID       int64  `json:"case_id"`
	PersonID     int64  `json:"person_id"`
	PersonSlug   string `json:"person_slug"`
	PersonName   string `json:"person_name"`
	FirstEventID int64  `json:"first_event_id"`
	First        string `json:"first"` // EDTF: the date of the first event there
	// LeftEventID, LeftKind and Left are the event that took them away
	// (a transfer elsewhere, release, pardon or death); empty when none is
	// recorded.
	LeftEventID int64  `json:"left_event_id,omitempty"`
	LeftKind    string `json:"left_kind,omitempty"`
	Left        string `json:"left,omitempty"`
	// LeftTo is the facility a transfer took them to; 0 for an undisclosed
	// place (or an event that is no transfer).
	LeftTo int64 `json:"left_to,omitempty"`
	// SourceIDs are the visible sources of those two events; WithheldSources
	// counts the others.
	SourceIDs       []int64 `json:"source_ids,omitempty"`
	WithheldSources int     `json:"withheld_sources,omitempty"`
}
