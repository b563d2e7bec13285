package habeas

import (
	"slices"
	"strconv"
	"strings"
	"time"
)

// DefaultSiteName is what a site is called until its admins name it.
const DefaultSiteName = "habeas"

// SiteSettings are the group's own site: its name in the header, page
// titles, feeds and link previews, and its about and contact pages. One
// set per instance, edited by admins.
type SiteSettings struct {
	Name    string `json:"name"`
	Tagline string `json:"tagline,omitempty"`
	// LogoURL is an image on this site (a path), shown before the name
	// (so it needs no text of its own).
	LogoURL string `json:"logo_url,omitempty"`
	// About and Contact are Markdown, the pages /about and /contact; each
	// page exists only when its text is set.
	About   string `json:"about,omitempty"`
	Contact string `json:"contact,omitempty"`
	// DefaultCountry is the country the site is mostly about ("" none).
	DefaultCountry string `json:"default_country,omitempty"`
	// Languages are the languages the site offers its content in, of
	// PostLanguages, the first its main one.
	Languages []string  `json:"languages"`
	UpdatedAt time.Time `json:"updated_at"`
}

// DefaultSettings are the settings of a site nobody has set up yet.
func DefaultSettings() *SiteSettings {
	return &SiteSettings{Name: DefaultSiteName, Languages: slices.Clone(PostLanguages)}
}

// Validate checks the settings, naming the field at fault.
func (s *SiteSettings) Validate() error {
	pr := Problems{}
	validText(pr, "name", s.Name, 1, 100)
	validText(pr, "tagline", s.Tagline, 0, 200)
	validLocalURL(pr, "logo_url", s.LogoURL)
	validText(pr, "about", s.About, 0, 20000)
	validText(pr, "contact", s.Contact, 0, 5000)
	if s.DefaultCountry != "" {
		validCountry(pr, "default_country", s.DefaultCountry)
	}
	if len(s.Languages) == 0 {
		pr.Add("languages", "at least one: "+strings.Join(PostLanguages, ", "))
	}
	for i, l := range s.Languages {
		if !slices.Contains(PostLanguages, l) {
			pr.Add("languages", "unknown language "+strconv.Quote(l)+" (want "+strings.Join(PostLanguages, ", ")+")")
		} else if slices.Index(s.Languages, l) != i {
			pr.Add("languages", "each language once")
		}
	}
	return pr.Err("settings")
}
