package habeas

import (
	"encoding/json"
	"strings"
	"time"
)

// NameKind says what a written name of a person is.
type NameKind string

// Name kinds.
const (
	NamePrimary         NameKind = "primary"         // the name the organization uses
	NameAlias           NameKind = "alias"           // another name the person is known by
	NameTransliteration NameKind = "transliteration" // the same name written in another script or spelling
)

// NameKinds lists the valid name kinds.
var NameKinds = []NameKind{NamePrimary, NameAlias, NameTransliteration}

// PersonName is one written form of a person's name.
type PersonName struct {
	Name   string   `json:"name"`
	Kind   NameKind `json:"kind"`
	Script string   `json:"script,omitempty"` // ISO 15924: Latn, Cyrl, Arab …
	Lang   string   `json:"lang,omitempty"`   // BCP 47 language: az, ru, en …
	// Visibility of this name: an alias can be more sensitive than the
	// person (a name used in hiding). The primary name is as visible as the
	// person.
	Visibility Visibility `json:"visibility"`
}

// noVisibility marks a visibility that was not given; Validate refuses it.
const noVisibility Visibility = -1

// UnmarshalJSON reads a name. A name sent without "visibility" gets an
// invalid one, so that Validate refuses it rather than storing it public.
func (n *PersonName) UnmarshalJSON(b []byte) error {
	type plain PersonName // without this method
	p := plain{Visibility: noVisibility}
	if err := json.Unmarshal(b, &p); err != nil {
		return err
	}
	*n = PersonName(p)
	return nil
}

// Gender values; empty means not recorded.
var Genders = []string{"female", "male", "other"}

// Person is a detained person (or, later, a contact). The first name of kind
// primary is the display name.
type Person struct {
	ID         int64        `json:"id"`
	Slug       string       `json:"slug"`
	Names      []PersonName `json:"names"`
	BirthYear  int          `json:"birth_year,omitempty"`
	Gender     string       `json:"gender,omitempty"`
	Occupation string       `json:"occupation,omitempty"`
	Bio        string       `json:"bio,omitempty"`
	// BioLang is the language Bio is written in, of PostLanguages ("" for
	// the site's main language); BioTranslations are Bio in others.
	BioLang         string       `json:"bio_lang,omitempty"`
	BioTranslations Translations `json:"bio_translations,omitempty"`
	Country         string       `json:"country"` // ISO 3166-1 alpha-2
	PhotoURL        string       `json:"photo_url,omitempty"`
	PhotoAlt        string       `json:"photo_alt,omitempty"`
	// PhotoMediaID is the person's photo from the media store (an image);
	// a reader sees it only if they may see the file, and the public
	// site shows it only when the file is public.
	PhotoMediaID int64 `json:"photo_media_id,omitempty"`
	// SourceIDs are the sources the record's own facts cite; none means
	// unsourced. WithheldSources counts those the reader may not see.
	SourceIDs       []int64 `json:"source_ids,omitempty"`
	WithheldSources int     `json:"withheld_sources,omitempty"`
	// InternalNotes are for staff only and never leave the workspace.
	InternalNotes string     `json:"internal_notes,omitempty"`
	Visibility    Visibility `json:"visibility"`
	CreatedAt     time.Time  `json:"created_at"`
	UpdatedAt     time.Time  `json:"updated_at"`
}

// DisplayName returns the person's primary name (or the first name given).
func (p *Person) DisplayName() string {
	for _, n := range p.Names {
		if n.Kind == NamePrimary {
			return n.Name
		}
	}
	if len(p.Names) > 0 {
		return p.Names[0].Name
	}
	return ""
}

// NameIn returns the person's name as written in language lang (a BCP 47
// tag: "ru" for the Russian spelling), else the display name. An alias is
// never chosen: it may be a name used in hiding, or a pen name.
func (p *Person) NameIn(lang string) string {
	for _, n := range p.Names {
		if n.Kind != NameAlias && SameLanguage(n.Lang, lang) {
			return n.Name
		}
	}
	return p.DisplayName()
}

// SameLanguage reports whether two language tags name the same language
// ("ru" and "ru-RU"), by their primary subtags.
func SameLanguage(a, b string) bool {
	return a != "" && baseLanguage(a) == baseLanguage(b)
}

// baseLanguage returns the lowercased primary subtag of a language tag.
func baseLanguage(tag string) string {
	if i := strings.IndexAny(tag, "-_"); i >= 0 {
		tag = tag[:i]
	}
	return strings.ToLower(tag)
}

// Validate checks the person's fields and returns an EINVALID *Error
// naming each bad field.
func (p *Person) Validate() error {
	pr := Problems{}
	validSlug(pr, "slug", p.Slug, false)
	if len(p.Names) == 0 {
		pr.Add("names", "at least one name is required")
	}
	if len(p.Names) > 50 {
		pr.Add("names", "at most 50 names")
	}
	primaries := 0
	for i, n := range p.Names {
		f := "names[" + itoa(i) + "]"
		validText(pr, f+".name", n.Name, 1, 200)
		validEnum(pr, f+".kind", string(n.Kind), NameKinds)
		validText(pr, f+".script", n.Script, 0, 8)
		validText(pr, f+".lang", n.Lang, 0, 16)
		validVisibility(pr, f+".visibility", n.Visibility)
		if n.Kind == NamePrimary {
			primaries++
			if n.Visibility != Public {
				pr.Add(f+".visibility", "the primary name is as visible as the person: leave it public")
			}
		}
	}
	if len(p.Names) > 0 && primaries != 1 {
		pr.Add("names", "exactly one name must be of kind primary")
	}
	if p.BirthYear != 0 && (p.BirthYear < 1900 || p.BirthYear > 2100) {
		pr.Add("birth_year", "must be between 1900 and 2100, or left out")
	}
	if p.Gender != "" {
		validEnum(pr, "gender", p.Gender, Genders)
	}
	validText(pr, "occupation", p.Occupation, 0, 200)
	validText(pr, "bio", p.Bio, 0, 20000)
	validTranslations(pr, "bio_translations", p.Bio, "bio_lang", p.BioLang, p.BioTranslations, 20000)
	validCountry(pr, "country", p.Country)
	validLocalURL(pr, "photo_url", p.PhotoURL)
	validText(pr, "photo_alt", p.PhotoAlt, 0, 300)
	validText(pr, "internal_notes", p.InternalNotes, 0, 20000)
	validSources(pr, "source_ids", p.SourceIDs)
	validVisibility(pr, "visibility", p.Visibility)
	return pr.Err("person")
}

// Candidate is a stored person whose name may be the same as a given one.
type Candidate struct {
	PersonID    int64   `json:"person_id"`
	Slug        string  `json:"slug"`
	Name        string  `json:"name"`         // the person's primary name
	MatchedName string  `json:"matched_name"` // the stored name that scored best
	Score       float64 `json:"score"`        // in [0,1]; 0.85 and above: probably the same person
}

// Merge records that a duplicate person was folded into another.
type Merge struct {
	ID          int64     `json:"id"`
	SurvivorID  int64     `json:"survivor_id"`
	DuplicateID int64     `json:"duplicate_id"`
	MergedAt    time.Time `json:"merged_at"`
	// What moved: the duplicate's names added to the survivor, its cases
	// and memberships, and its slug, which now redirects.
	NamesAdded    []PersonName `json:"names_added"`
	CaseIDs       []int64      `json:"case_ids"`
	MembershipIDs []int64      `json:"membership_ids"`
	Slug          string       `json:"slug"`
	// Duplicate is the duplicate as it was, so the merge can be undone.
	Duplicate Person `json:"duplicate"`
	// SurvivorNotes are the survivor's internal notes before the merge.
	SurvivorNotes string     `json:"survivor_notes,omitempty"`
	UndoneAt      *time.Time `json:"undone_at,omitempty"`
}
