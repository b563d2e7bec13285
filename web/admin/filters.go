package admin

import (
	"net/http"
	"net/url"
	"slices"
	"strings"

	"codeberg.org/habeas/habeas"
)

// listFilters is the filter form above a list of shared records
// (organizations, places of detention, sources): a kind, and a country for
// the records that have one; "" is any.
type listFilters struct {
	Action        string // the list's path
	Kind, Country string
	Kinds         []string
	Countries     bool // the records have a country
	// Problem says why a filter typed into the address cannot be used;
	// the list is then not shown, and the page answers 400.
	Problem string
}

// readFilters reads and checks the filters of the list at path: a kind
// from kinds, a country as its two-letter code.
func readFilters(r *http.Request, path string, kinds []string, countries bool) listFilters {
	q := r.URL.Query()
	f := listFilters{Action: path, Kind: q.Get("kind"), Kinds: kinds, Countries: countries}
	if countries {
		f.Country = strings.ToUpper(strings.TrimSpace(q.Get("country")))
	}
	switch {
	case f.Kind != "" && !slices.Contains(kinds, f.Kind):
		f.Problem = "This filter cannot be used: there is no such kind; choose one from the list."
	case f.Country != "" && !habeas.IsCountryCode(f.Country):
		f.Problem = "This filter cannot be used: a country is its two-letter code, such as AZ."
	}
	return f
}

// Set says whether any filter is chosen.
func (f listFilters) Set() bool { return f.Kind != "" || f.Country != "" }

// next is the address of the list's next page, with the same filters.
func (f listFilters) next(cursor string) string {
	if cursor == "" {
		return ""
	}
	v := url.Values{"cursor": {cursor}}
	if f.Kind != "" {
		v.Set("kind", f.Kind)
	}
	if f.Country != "" {
		v.Set("country", f.Country)
	}
	return f.Action + "?" + v.Encode()
}

// status is the answer of a list page: 400 for a filter that cannot be used.
func (f listFilters) status() int {
	if f.Problem != "" {
		return http.StatusBadRequest
	}
	return http.StatusOK
}
