package bench

import (
	"math/rand/v2"
	"net/url"
	"strconv"
	"strings"
	"time"

	"codeberg.org/habeas/habeas"
)

// loadRoute is one route of the table: its name, what its URLs look like,
// and how to make them from the sample.
type loadRoute struct {
	name, pattern string
	pageCached    bool
	urls          func(s *loadSample) []string
}

// loadRoutes is the table of routes a load run measures, in the order
// they run.
var loadRoutes = []loadRoute{
	{"people", "/people?[country|status|classification|facility][&sort][&cursor]", true, peopleListURLs},
	{"home", "/", true, func(*loadSample) []string { return []string{"/"} }},
	{"facility", "/facilities/{slug}", true, func(s *loadSample) []string {
		return each(s.facilities, func(f habeas.Facility) string { return "/facilities/" + url.PathEscape(f.Slug) })
	}},
	{"organization", "/organizations/{slug}", true, func(s *loadSample) []string {
		return each(s.orgs, func(o habeas.Organization) string { return "/organizations/" + url.PathEscape(o.Slug) })
	}},
	{"people-org", "/people?organization={slug}[&status][&sort]", true, peopleByOrganizationURLs},
	{"people-q", "/people?q={name}", true, func(s *loadSample) []string { return searchURLs(s, "/people?q=") }},
	{"api-people", "/api/v1/people?[filters][&sort][&limit][&cursor]", false, apiPeopleURLs},
	{"api-match", "/api/v1/people?match={name}", false, func(s *loadSample) []string { return searchURLs(s, "/api/v1/people?match=") }},
	{"person", "/people/{slug}", true, func(s *loadSample) []string {
		return each(s.people, func(p habeas.PersonSummary) string { return "/people/" + url.PathEscape(p.Slug) })
	}},
	{"search", "/search?q={name|words|\"phrase\"|article}", true, func(s *loadSample) []string { return textSearchURLs(s, "/search?q=") }},
	{"api-search", "/api/v1/search?q={name|words|\"phrase\"|article}", false, func(s *loadSample) []string {
		return textSearchURLs(s, "/api/v1/search?q=")
	}},
	{"stats", "/stats[?on={day}]", true, statsURLs},
}

// textSearchURLs are searches as readers type them: the sampled names in
// each spelling, the words of charges and courts alone, as prefixes and
// as phrases, and legal articles.
func textSearchURLs(s *loadSample, prefix string) []string {
	urls := searchURLs(s, prefix)
	for _, list := range charges {
		for _, c := range list {
			words := strings.Fields(c.Text)
			qs := []string{c.Text, `"` + c.Text + `"`, words[0]}
			if len(words[0]) > 4 {
				qs = append(qs, words[0][:4])
			}
			if c.Article != "" {
				qs = append(qs, c.Article)
			}
			for _, q := range qs {
				urls = append(urls, prefix+url.QueryEscape(q))
			}
		}
	}
	for _, list := range courts {
		for _, c := range list {
			urls = append(urls, prefix+url.QueryEscape(c))
		}
	}
	return urls
}

// statsURLs are the statistics page and the count on days over ten years.
func statsURLs(*loadSample) []string {
	urls := []string{"/stats"}
	day := time.Date(2015, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range 400 {
		urls = append(urls, "/stats?on="+day.AddDate(0, 0, 9*i).Format(time.DateOnly))
	}
	return urls
}

// LoadRouteNames lists the routes a load run can measure, in order.
func LoadRouteNames() []string {
	names := make([]string, len(loadRoutes))
	for i, r := range loadRoutes {
		names[i] = r.name
	}
	return names
}

// peopleListURLs are the people list's pages: every order, each filter
// of the form alone and with an order, a country with a status, and the
// pages its own "next" links lead to.
func peopleListURLs(s *loadSample) []string {
	var filters []url.Values
	for _, c := range s.countries {
		filters = append(filters, url.Values{"country": {c}})
		for _, st := range habeas.Statuses {
			filters = append(filters, url.Values{"country": {c}, "status": {st}})
		}
	}
	for _, st := range habeas.Statuses {
		filters = append(filters, url.Values{"status": {st}})
	}
	for _, c := range habeas.Classifications {
		filters = append(filters, url.Values{"classification": {c}})
	}
	for _, f := range s.facilities {
		filters = append(filters, url.Values{"facility": {f.Slug}})
	}
	urls := withSorts("/people", append([]url.Values{{}}, filters...))
	return append(urls, s.peoplePages...)
}

// peopleByOrganizationURLs are the people list filtered by organization,
// as the form's organization filter sends it (by slug).
func peopleByOrganizationURLs(s *loadSample) []string {
	var filters []url.Values
	for _, o := range s.orgs {
		filters = append(filters, url.Values{"organization": {o.Slug}})
		for _, st := range habeas.Statuses[:3] {
			filters = append(filters, url.Values{"organization": {o.Slug}, "status": {st}})
		}
	}
	return withSorts("/people", filters)
}

// apiPeopleURLs are the API's people list with each filter it takes
// (facility and organization by id), page sizes, and cursors.
func apiPeopleURLs(s *loadSample) []string {
	filters := []url.Values{{}, {"limit": {"10"}}, {"limit": {"100"}}, {"limit": {strconv.Itoa(habeas.MaxLimit)}}}
	for _, c := range s.countries {
		filters = append(filters, url.Values{"country": {c}})
	}
	for _, st := range habeas.Statuses {
		filters = append(filters, url.Values{"status": {st}})
	}
	for _, c := range habeas.Classifications {
		filters = append(filters, url.Values{"classification": {c}})
	}
	for _, f := range s.facilities {
		filters = append(filters, url.Values{"facility_id": {strconv.FormatInt(f.ID, 10)}})
	}
	for _, o := range s.orgs {
		filters = append(filters, url.Values{"organization_id": {strconv.FormatInt(o.ID, 10)}})
	}
	urls := withSorts("/api/v1/people", filters)
	for _, c := range s.apiCursors {
		q := url.Values{"cursor": {c.cursor}}
		if c.sort != habeas.PeopleSorts[0] {
			q.Set("sort", c.sort)
		}
		urls = append(urls, "/api/v1/people?"+q.Encode())
	}
	return urls
}

// searchURLs are name searches: each spelling of each sampled name.
func searchURLs(s *loadSample, prefix string) []string {
	var urls []string
	for _, n := range s.names {
		for _, sp := range nameSpellings(n) {
			urls = append(urls, prefix+url.QueryEscape(sp))
		}
	}
	return urls
}

// withSorts returns path with each query, and each query with every
// order but the default.
func withSorts(path string, queries []url.Values) []string {
	var urls []string
	for _, q := range queries {
		urls = append(urls, withQuery(path, q))
		for _, sort := range habeas.PeopleSorts[1:] {
			sq := url.Values{"sort": {sort}}
			for k, v := range q {
				sq[k] = v
			}
			urls = append(urls, withQuery(path, sq))
		}
	}
	return urls
}

func withQuery(path string, q url.Values) string {
	if len(q) == 0 {
		return path
	}
	return path + "?" + q.Encode()
}

func each[T any](items []T, f func(T) string) []string {
	out := make([]string, len(items))
	for i, it := range items {
		out[i] = f(it)
	}
	return out
}

// chooseURLs drops repeats and, from what is left, keeps at most n in a
// shuffled order, the same for the same input: consecutive requests then
// go to different kinds of URL.
func chooseURLs(urls []string, n int) []string {
	urls = dedupe(urls)
	rng := rand.New(rand.NewPCG(1, 2))
	rng.Shuffle(len(urls), func(i, j int) { urls[i], urls[j] = urls[j], urls[i] })
	return urls[:min(n, len(urls))]
}
