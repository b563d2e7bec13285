package habeas

import "time"

// Organization kinds.
var OrganizationKinds = []string{"trade_union", "media", "party", "ngo", "movement", "religious", "other"}

// Organization is a group people belong to: a union, a newsroom, a party.
type Organization struct {
	ID          int64    `json:"id"`
	Slug        string   `json:"slug"`
	Name        string   `json:"name"`
	OtherNames  []string `json:"other_names,omitempty"`
	Kind        string   `json:"kind"`
	Country     string   `json:"country"`
	Founded     string   `json:"founded,omitempty"` // EDTF
	Description string   `json:"description,omitempty"`
	// DescriptionLang is the language Description is written in, of
	// PostLanguages ("" for the site's main language);
	// DescriptionTranslations are Description in others.
	DescriptionLang         string       `json:"description_lang,omitempty"`
	DescriptionTranslations Translations `json:"description_translations,omitempty"`
	// SourceIDs are the sources the record's own facts cite; none means
	// unsourced. WithheldSources counts those the reader may not see.
	SourceIDs       []int64    `json:"source_ids,omitempty"`
	WithheldSources int        `json:"withheld_sources,omitempty"`
	Visibility      Visibility `json:"visibility"`
	CreatedAt       time.Time  `json:"created_at"`
	UpdatedAt       time.Time  `json:"updated_at"`
}

// Validate checks the organization's fields.
func (o *Organization) Validate() error {
	pr := Problems{}
	validSlug(pr, "slug", o.Slug, false)
	validText(pr, "name", o.Name, 1, 300)
	if len(o.OtherNames) > 20 {
		pr.Add("other_names", "at most 20 names")
	}
	for i, n := range o.OtherNames {
		validText(pr, "other_names["+itoa(i)+"]", n, 1, 300)
	}
	validEnum(pr, "kind", o.Kind, OrganizationKinds)
	validCountry(pr, "country", o.Country)
	validDate(pr, "founded", o.Founded)
	validText(pr, "description", o.Description, 0, 20000)
	validTranslations(pr, "description_translations", o.Description, "description_lang", o.DescriptionLang, o.DescriptionTranslations, 20000)
	validSources(pr, "source_ids", o.SourceIDs)
	validVisibility(pr, "visibility", o.Visibility)
	return pr.Err("organization")
}

// Membership ties a person to an organization with a role over a time.
type Membership struct {
	ID             int64  `json:"id"`
	PersonID       int64  `json:"person_id"`
	OrganizationID int64  `json:"organization_id"`
	Role           string `json:"role,omitempty"` // "chairman", "member" …
	Since          string `json:"since,omitempty"`
	Until          string `json:"until,omitempty"`
	// SourceIDs are the sources the record's own facts cite; none means
	// unsourced. WithheldSources counts those the reader may not see.
	SourceIDs       []int64    `json:"source_ids,omitempty"`
	WithheldSources int        `json:"withheld_sources,omitempty"`
	Visibility      Visibility `json:"visibility"`
}

// Validate checks the membership's fields (not that the ids exist: the store does).
func (m *Membership) Validate() error {
	pr := Problems{}
	if m.PersonID <= 0 {
		pr.Add("person_id", "is required")
	}
	if m.OrganizationID <= 0 {
		pr.Add("organization_id", "is required")
	}
	validText(pr, "role", m.Role, 0, 100)
	validDate(pr, "since", m.Since)
	validDate(pr, "until", m.Until)
	validOrder(pr, "until", m.Since, m.Until, "cannot be before since")
	validSources(pr, "source_ids", m.SourceIDs)
	validVisibility(pr, "visibility", m.Visibility)
	return pr.Err("membership")
}

// Facility kinds.
var FacilityKinds = []string{"police_station", "pre_trial", "colony", "prison", "psychiatric", "unknown"}

// Facility is a place where people are held.
type Facility struct {
	ID        int64    `json:"id"`
	Slug      string   `json:"slug"`
	Name      string   `json:"name"`
	Kind      string   `json:"kind"`
	Country   string   `json:"country"`
	Region    string   `json:"region,omitempty"`
	Address   string   `json:"address,omitempty"` // postal address for letters
	Latitude  *float64 `json:"latitude,omitempty"`
	Longitude *float64 `json:"longitude,omitempty"`
	// Description says what is known of the place (conditions, who runs
	// it); DescriptionLang and DescriptionTranslations as for an
	// organization.
	Description             string       `json:"description,omitempty"`
	DescriptionLang         string       `json:"description_lang,omitempty"`
	DescriptionTranslations Translations `json:"description_translations,omitempty"`
	// SourceIDs are the sources the record's own facts cite; none means
	// unsourced. WithheldSources counts those the reader may not see.
	SourceIDs       []int64    `json:"source_ids,omitempty"`
	WithheldSources int        `json:"withheld_sources,omitempty"`
	Visibility      Visibility `json:"visibility"`
	CreatedAt       time.Time  `json:"created_at"`
	UpdatedAt       time.Time  `json:"updated_at"`
}

// Validate checks the facility's fields.
func (f *Facility) Validate() error {
	pr := Problems{}
	validSlug(pr, "slug", f.Slug, false)
	validText(pr, "name", f.Name, 1, 300)
	validEnum(pr, "kind", f.Kind, FacilityKinds)
	validCountry(pr, "country", f.Country)
	validText(pr, "region", f.Region, 0, 200)
	validText(pr, "address", f.Address, 0, 1000)
	if (f.Latitude == nil) != (f.Longitude == nil) {
		pr.Add("latitude", "latitude and longitude go together")
	}
	if f.Latitude != nil && !(*f.Latitude >= -90 && *f.Latitude <= 90) { // NaN is refused too
		pr.Add("latitude", "must be between -90 and 90")
	}
	if f.Longitude != nil && !(*f.Longitude >= -180 && *f.Longitude <= 180) {
		pr.Add("longitude", "must be between -180 and 180")
	}
	validText(pr, "description", f.Description, 0, 20000)
	validTranslations(pr, "description_translations", f.Description, "description_lang", f.DescriptionLang, f.DescriptionTranslations, 20000)
	validSources(pr, "source_ids", f.SourceIDs)
	validVisibility(pr, "visibility", f.Visibility)
	return pr.Err("facility")
}
