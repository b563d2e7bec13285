package web

import (
	"encoding/json"
	"fmt"
	"html/template"
	"net/url"
	"strings"

	"codeberg.org/habeas/habeas"
)

// What a page's <head> says about it to browsers, crawlers and the apps
// that show a shared link: its canonical address, Open Graph and, on a
// person's page, schema.org data. All of it is made from the page's own
// data, read at public access, so it can say nothing the page does not.

// parseBaseURL checks the site's public address: an http or https origin
// (https://habeas.example.org), nothing after the host. "" is allowed:
// then canonical links are paths, resolved against whatever address the
// reader used, and there is no og:url. The Host header is never used
// instead: a forged one would end up in pages the cache keeps for others.
func parseBaseURL(s string) (string, error) {
	if s == "" {
		return "", nil
	}
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" || u.User != nil ||
		(u.Path != "" && u.Path != "/") || u.RawQuery != "" || u.Fragment != "" || u.Opaque != "" {
		return "", fmt.Errorf("web: the public base URL %q must be an http or https origin such as https://habeas.example.org", s)
	}
	return u.Scheme + "://" + u.Host, nil
}

// head fills what the layout's <head> needs beyond the title: the
// canonical link (absolute with a base URL), og:url and the page's address
// in each interface language. The English page's address is the page's
// own; the others add ?lang=. A page whose address already names a
// language (/news?lang=ru, a list of posts in Russian) has no alternates.
func (s *Server) head(v *view, t *tr) {
	if v.Description == "" {
		v.Description = t.T("site_description", "Site", v.Site.Name)
		if v.Site.Tagline != "" {
			v.Description = v.Site.Name + ": " + v.Site.Tagline
		}
	}
	if v.OGType == "" {
		v.OGType = "website"
	}
	if v.Canonical == "" {
		return
	}
	path := v.Canonical
	if u, err := url.Parse(path); err == nil && !u.Query().Has("lang") {
		for _, l := range siteLangs {
			href := path
			if l != "en" {
				href = withLangParam(path, l)
			}
			v.Alternates = append(v.Alternates, langLink{Lang: l, Href: s.baseURL + href})
		}
		v.Alternates = append(v.Alternates, langLink{Lang: "x-default", Href: s.baseURL + path})
		if v.Lang != "en" {
			path = withLangParam(path, v.Lang)
		}
	}
	v.Canonical = s.baseURL + path
	if s.baseURL != "" {
		v.OGURL = v.Canonical
	}
}

// personLD is the schema.org Person of a person's page: only what the
// page shows, from records read at public access.
type personLD struct {
	Context       string   `json:"@context"`
	Type          string   `json:"@type"`
	Name          string   `json:"name"`
	AlternateName []string `json:"alternateName,omitempty"`
	JobTitle      string   `json:"jobTitle,omitempty"`
	BirthDate     string   `json:"birthDate,omitempty"`
	Description   string   `json:"description,omitempty"`
	URL           string   `json:"url,omitempty"`
	Image         string   `json:"image,omitempty"`
	MemberOf      []orgLD  `json:"memberOf,omitempty"`
}

type orgLD struct {
	Type string `json:"@type"`
	Name string `json:"name"`
	URL  string `json:"url,omitempty"`
}

// personJSONLD returns the person's schema.org data for a
// <script type="application/ld+json">. json.Marshal escapes <, > and &
// (and U+2028/9), so no name can close the script element.
func (s *Server) personJSONLD(p *personPage, description string) (template.JS, error) {
	ld := personLD{Context: "https://schema.org", Type: "Person", Name: p.Name, JobTitle: p.Person.Occupation,
		Description: description}
	for _, n := range append(append([]habeas.PersonName{}, p.Spellings...), p.Aliases...) {
		ld.AlternateName = append(ld.AlternateName, n.Name)
	}
	if p.Person.BirthYear > 0 {
		ld.BirthDate = fmt.Sprintf("%04d", p.Person.BirthYear)
	}
	if s.baseURL != "" {
		ld.URL = s.baseURL + "/people/" + p.Person.Slug
		if p.Photo != nil {
			ld.Image = s.baseURL + p.Photo.Large
		} else if localURL(p.Person.PhotoURL) {
			ld.Image = s.baseURL + p.Person.PhotoURL
		}
	}
	for _, a := range p.Affiliations {
		if a.Until != "" {
			continue
		}
		o := orgLD{Type: "Organization", Name: a.OrganizationName}
		if s.baseURL != "" {
			o.URL = s.baseURL + "/organizations/" + a.OrganizationSlug
		}
		ld.MemberOf = append(ld.MemberOf, o)
	}
	b, err := json.Marshal(ld)
	if err != nil {
		return "", fmt.Errorf("person JSON-LD: %w", err)
	}
	return template.JS(b), nil
}

// peopleTitle says in words what the people list shows: "Political
// prisoners sentenced in Azerbaijan", "Members of Workers’ Table held at
// Correctional Facility No. 3". orgName and facilityName are the names
// of the chosen organization and facility. English builds the phrase;
// other languages, whose grammar would decline the names, say "People:"
// and the filters in use, as the page lists them (active).
func peopleTitle(t *tr, f peopleForm, orgName, facilityName string, active []string) string {
	var b strings.Builder
	if t.Lang != "en" {
		b.WriteString(t.T("people_heading"))
		if len(active) > 0 {
			b.WriteString(t.T("people_title_filters", "Filters", strings.Join(active, "; ")))
		}
	} else {
		englishPeopleTitle(&b, t, f, orgName, facilityName)
	}
	switch f.Sort {
	case "news", "detention":
		b.WriteString(t.T("people_title_sort_" + f.Sort))
	}
	if f.Cursor != "" {
		b.WriteString(t.T("people_title_continued"))
	}
	return b.String()
}

// statusTitleWords say what a status filter shows, after the noun.
var statusTitleWords = map[string]string{
	habeas.StatusDetained:  "detained",
	habeas.StatusPretrial:  "in pre-trial detention",
	habeas.StatusSentenced: "sentenced",
	habeas.StatusReleased:  "released",
	habeas.StatusPardoned:  "pardoned",
	habeas.StatusDeceased:  "who died",
}

// classificationTitleWords are the noun of a list filtered by
// classification.
var classificationTitleWords = map[string]string{
	"political_prisoner":     "Political prisoners",
	"prisoner_of_conscience": "Prisoners of conscience",
	"at_risk":                "People at risk",
	"not_assessed":           "People not assessed yet",
}

func englishPeopleTitle(b *strings.Builder, t *tr, f peopleForm, orgName, facilityName string) {
	noun := "People"
	if w, ok := classificationTitleWords[f.Classification]; ok {
		noun = w
	}
	if orgName != "" {
		b.WriteString("Members of " + orgName)
		if noun != "People" {
			b.WriteString(" (" + strings.ToLower(noun[:1]) + noun[1:] + ")")
		}
	} else {
		b.WriteString(noun)
	}
	if w, ok := statusTitleWords[f.Status]; ok {
		b.WriteString(" " + w)
	}
	if f.Country != "" && t.country(f.Country) != "" {
		b.WriteString(" in " + t.country(f.Country))
	}
	if facilityName != "" {
		b.WriteString(" held at " + facilityName)
	}
	if f.Charge != "" {
		b.WriteString(" charged with “" + f.Charge + "”")
	}
	if f.Q != "" {
		b.WriteString(" named like “" + f.Q + "”")
	}
}

// describePeopleList gives a list that answers its title in words and its
// canonical address (the filters in one order, the page's cursor kept: each
// page of a list is its own).
func describePeopleList(v *view, t *tr, p *peopleListPage) {
	org, place := "", ""
	if p.Form.Organization != "" {
		org = p.OrganizationText // the name of the organization picked
	}
	if p.Form.Facility != "" {
		place = p.FacilityText
	}
	v.Title = peopleTitle(t, p.Form, org, place, p.Active)
	v.Canonical = peopleURL(p.Form, p.Form.Cursor)
}
