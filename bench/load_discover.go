package bench

import (
	"context"
	"encoding/json"
	"fmt"
	"html"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"codeberg.org/habeas/habeas"
)

// loadSample is what discovery found through the public interfaces: the
// material the routes' URLs are made of.
type loadSample struct {
	people     []habeas.PersonSummary
	names      []string // every public spelling of the sampled people's names
	orgs       []habeas.Organization
	facilities []habeas.Facility
	countries  []string
	// peoplePages are /people addresses taken from the pages' own "next"
	// links, so they carry real cursors.
	peoplePages []string
	// apiCursors are next_cursor values of the API's people list, each
	// with the sort it belongs to.
	apiCursors []loadCursor
}

type loadCursor struct{ sort, cursor string }

// loadDiscoverer reads a running server as any anonymous reader could.
type loadDiscoverer struct {
	client *http.Client
	base   string
	// pool is how many people, organizations and facilities to gather, at
	// most, to choose URLs from.
	pool int
	// chain is how many "next" links to follow per starting page.
	chain int
	// records is how many people's full records to read for their names.
	records int
}

// discover gathers the sample. Only the API's people list must answer;
// organizations and facilities may be missing from a server.
func (d *loadDiscoverer) discover(ctx context.Context) (*loadSample, error) {
	s := &loadSample{}
	seen := map[int64]bool{}
	add := func(items []habeas.PersonSummary) {
		for _, p := range items {
			if !seen[p.ID] && len(s.people) < d.pool {
				seen[p.ID] = true
				s.people = append(s.people, p)
			}
		}
	}
	for _, sort := range habeas.PeopleSorts {
		// Each order starts elsewhere in the list: together they reach
		// beyond the first names of the alphabet.
		cursor := ""
		for page := 0; page < d.pagesOf(habeas.MaxLimit*len(habeas.PeopleSorts)) && (page == 0 || cursor != ""); page++ {
			q := url.Values{"limit": {strconv.Itoa(habeas.MaxLimit)}, "sort": {sort}}
			if cursor != "" {
				q.Set("cursor", cursor)
			}
			var p habeas.Page[habeas.PersonSummary]
			if err := d.getJSON(ctx, "/api/v1/people?"+q.Encode(), &p); err != nil {
				return nil, err
			}
			add(p.Items)
			cursor = p.NextCursor
			if cursor != "" {
				s.apiCursors = append(s.apiCursors, loadCursor{sort, cursor})
			}
		}
	}
	for _, status := range habeas.Statuses {
		var p habeas.Page[habeas.PersonSummary]
		if err := d.getJSON(ctx, "/api/v1/people?limit=100&status="+status, &p); err != nil {
			return nil, err
		}
		add(p.Items)
	}
	var err error
	if s.orgs, err = pageAll[habeas.Organization](ctx, d, "/api/v1/organizations"); err != nil {
		return nil, err
	}
	if s.facilities, err = pageAll[habeas.Facility](ctx, d, "/api/v1/facilities"); err != nil {
		return nil, err
	}
	if s.names, err = d.personNames(ctx, s.people); err != nil {
		return nil, err
	}
	if s.peoplePages, err = d.followNext(ctx, s.people); err != nil {
		return nil, err
	}
	s.countries = countriesOf(s)
	return s, nil
}

// pagesOf is how many pages of size limit fill the pool (at least one).
func (d *loadDiscoverer) pagesOf(limit int) int { return max(1, (d.pool+limit-1)/limit) }

// pageAll reads a collection page by page up to the pool's size. A server
// without the collection (404) gives an empty list.
func pageAll[T any](ctx context.Context, d *loadDiscoverer, path string) ([]T, error) {
	var all []T
	cursor := ""
	for page := 0; page < d.pagesOf(habeas.MaxLimit) && (page == 0 || cursor != ""); page++ {
		q := url.Values{"limit": {strconv.Itoa(habeas.MaxLimit)}}
		if cursor != "" {
			q.Set("cursor", cursor)
		}
		var p habeas.Page[T]
		err := d.getJSON(ctx, path+"?"+q.Encode(), &p)
		if e, ok := err.(*loadStatusError); ok && e.status == http.StatusNotFound {
			return all, nil
		}
		if err != nil {
			return nil, err
		}
		all = append(all, p.Items...)
		cursor = p.NextCursor
	}
	return all[:min(len(all), d.pool)], nil
}

// personNames reads the full records of some of the people for every
// public spelling of their names (a Cyrillic one beside the Latin).
func (d *loadDiscoverer) personNames(ctx context.Context, people []habeas.PersonSummary) ([]string, error) {
	var names []string
	for _, p := range people {
		names = append(names, p.Name)
	}
	for _, p := range spread(people, d.records) {
		var full habeas.Person
		err := d.getJSON(ctx, "/api/v1/people/"+strconv.FormatInt(p.ID, 10), &full)
		if e, ok := err.(*loadStatusError); ok && e.status == http.StatusNotFound {
			continue // gone since the list was read
		}
		if err != nil {
			return nil, err
		}
		for _, n := range full.Names {
			names = append(names, n.Name)
		}
	}
	return dedupe(names), nil
}

// nextLink is the people list's link to its next page.
var nextLink = regexp.MustCompile(`<a href="([^"]+)" rel="next">`)

// followNext follows the "next" links of the people list from the first
// page of each order and of a few filters, as a reader paging on would.
func (d *loadDiscoverer) followNext(ctx context.Context, people []habeas.PersonSummary) ([]string, error) {
	starts := []string{"/people"}
	for _, sort := range habeas.PeopleSorts[1:] {
		starts = append(starts, "/people?sort="+sort)
	}
	if len(people) > 0 {
		starts = append(starts, "/people?country="+url.QueryEscape(people[0].Country))
	}
	for _, status := range habeas.Statuses[:3] {
		starts = append(starts, "/people?status="+status)
	}
	var pages []string
	for _, start := range starts {
		next := start
		for range d.chain {
			body, err := d.get(ctx, next)
			if err != nil {
				return nil, err
			}
			m := nextLink.FindStringSubmatch(body)
			if m == nil {
				break
			}
			next = html.UnescapeString(m[1])
			if !strings.HasPrefix(next, "/people") {
				return nil, fmt.Errorf("the next link of %s leads to %q, not to /people", start, next)
			}
			pages = append(pages, next)
		}
	}
	return pages, nil
}

// loadStatusError is an answer that is not 200.
type loadStatusError struct {
	path   string
	status int
}

func (e *loadStatusError) Error() string {
	return fmt.Sprintf("GET %s: %d %s", e.path, e.status, http.StatusText(e.status))
}

func (d *loadDiscoverer) get(ctx context.Context, path string) (string, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, d.base+path, nil)
	if err != nil {
		return "", err
	}
	res, err := d.client.Do(req)
	if err != nil {
		return "", fmt.Errorf("discover: %w", err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(io.LimitReader(res.Body, 32<<20))
	if err != nil {
		return "", fmt.Errorf("discover: read %s: %w", path, err)
	}
	if res.StatusCode != http.StatusOK {
		return "", &loadStatusError{path: path, status: res.StatusCode}
	}
	return string(b), nil
}

func (d *loadDiscoverer) getJSON(ctx context.Context, path string, v any) error {
	body, err := d.get(ctx, path)
	if err != nil {
		return err
	}
	if err := json.Unmarshal([]byte(body), v); err != nil {
		return fmt.Errorf("discover: %s: %w", path, err)
	}
	return nil
}

// countriesOf returns the countries of the sample's people, organizations
// and facilities.
func countriesOf(s *loadSample) []string {
	var cs []string
	for _, p := range s.people {
		cs = append(cs, p.Country)
	}
	for _, o := range s.orgs {
		cs = append(cs, o.Country)
	}
	for _, f := range s.facilities {
		cs = append(cs, f.Country)
	}
	cs = slices.DeleteFunc(cs, func(c string) bool { return c == "" })
	slices.Sort(cs)
	return slices.Compact(cs)
}

// nameSpellings returns the searches a reader might type for a name: the
// whole name, in lower case, in the other order, each part alone, and
// with a letter missing from the surname.
func nameSpellings(name string) []string {
	parts := strings.Fields(name)
	if len(parts) == 0 {
		return nil
	}
	out := []string{name, strings.ToLower(name)}
	if len(parts) > 1 {
		first, last := parts[0], parts[len(parts)-1]
		out = append(out, last+" "+strings.Join(parts[:len(parts)-1], " "), last, first)
	}
	longest := slices.MaxFunc(parts, func(a, b string) int { return utf8.RuneCountInString(a) - utf8.RuneCountInString(b) })
	if r := []rune(longest); len(r) >= 5 && unicode.IsLetter(r[len(r)/2]) {
		typo := string(r[:len(r)/2]) + string(r[len(r)/2+1:])
		out = append(out, strings.Replace(name, longest, typo, 1))
	}
	return dedupe(out)
}

// spread returns at most n items taken evenly across items.
func spread[T any](items []T, n int) []T {
	if len(items) <= n {
		return items
	}
	out := make([]T, 0, n)
	for i := range n {
		out = append(out, items[i*len(items)/n])
	}
	return out
}

// dedupe drops repeats and empty strings, keeping the first of each.
func dedupe(items []string) []string {
	seen := map[string]bool{}
	out := items[:0:0]
	for _, s := range items {
		if s != "" && !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}
