package api

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"codeberg.org/habeas/habeas"
)

// query reads a collection's query parameters, remembering every problem
// and rejecting parameters the collection does not know.
type query struct {
	vals url.Values // the pairs that parse
	used map[string]bool
	pr   habeas.Problems
}

// newQuery parses the request's query string; a pair that does not parse
// is a problem naming its parameter, never silently dropped.
func newQuery(r *http.Request) *query {
	q := &query{used: map[string]bool{}, pr: habeas.Problems{}}
	var err error
	q.vals, err = habeas.ParseQuery(r.URL.RawQuery)
	for k, reason := range habeas.ErrorFields(err) {
		q.pr.Add(k, reason)
	}
	return q
}

func (q *query) str(name string) string {
	q.used[name] = true
	v := q.vals.Get(name)
	if !utf8.ValidString(v) || len(v) > 200 {
		q.pr.Add(name, "must be valid text of at most 200 bytes")
		return ""
	}
	return v
}

func (q *query) id(name string) int64 {
	v := q.str(name)
	if v == "" {
		return 0
	}
	id, err := strconv.ParseInt(v, 10, 64)
	if err != nil || id <= 0 {
		q.pr.Add(name, "must be a positive whole number")
	}
	return id
}

// enum reads a value that must be one of allowed, or absent.
func (q *query) enum(name string, allowed []string) string {
	v := q.str(name)
	if v != "" && !slices.Contains(allowed, v) {
		q.pr.Add(name, "unknown value (want one of "+strings.Join(allowed, ", ")+")")
	}
	return v
}

// country reads an ISO 3166-1 alpha-2 code, or nothing.
func (q *query) country() string {
	v := q.str("country")
	if v != "" && !habeas.IsCountryCode(v) {
		q.pr.Add("country", "must be an ISO 3166-1 alpha-2 code in capitals, such as AZ")
	}
	return v
}

// score reads a number in [0,1], def when absent.
func (q *query) score(name string, def float64) float64 {
	v := q.str(name)
	if v == "" {
		return def
	}
	f, err := strconv.ParseFloat(v, 64)
	if err != nil || f < 0 || f > 1 {
		q.pr.Add(name, "must be a number from 0 to 1")
	}
	return f
}

func (q *query) page() habeas.ListOptions {
	o := habeas.ListOptions{Cursor: q.str("cursor")}
	if v := q.str("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > habeas.MaxLimit {
			q.pr.Add("limit", "must be a whole number from 1 to "+strconv.Itoa(habeas.MaxLimit))
		}
		o.Limit = n
	}
	return o
}

// err reports bad and unknown parameters.
func (q *query) err() error {
	for k := range q.vals {
		if !q.used[k] {
			q.pr.Add(k, "unknown parameter")
		}
	}
	if len(q.pr) == 0 {
		return nil
	}
	return &habeas.Error{Code: habeas.EBADREQUEST, Message: "invalid query parameters", Fields: q.pr}
}
