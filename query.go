package habeas

import (
	"net/url"
	"strings"
)

// ParseQuery parses a raw query string. Unlike url.URL.Query, which drops
// the pairs it cannot parse (so that "?country=BY;" silently loses its
// filter), it returns an EBADREQUEST *Error naming each malformed
// parameter, together with the pairs that did parse.
func ParseQuery(raw string) (url.Values, error) {
	v, err := url.ParseQuery(raw)
	if err == nil {
		return v, nil
	}
	pr := Problems{}
	for pair := range strings.SplitSeq(raw, "&") {
		if pair == "" {
			continue
		}
		if _, err := url.ParseQuery(pair); err == nil {
			continue
		}
		key, _, _ := strings.Cut(pair, "=")
		key, _, _ = strings.Cut(key, ";")
		name, err := url.QueryUnescape(key)
		if err != nil {
			name = key
		}
		if name == "" {
			name = pair
		}
		name = strings.ToValidUTF8(truncate(name, 40), "\uFFFD")
		if strings.Contains(pair, ";") {
			pr.Add(name, "is malformed: it holds a ; (separate parameters with &, and write a ; in a value as %3B)")
		} else {
			pr.Add(name, "is malformed: it holds a % that does not begin an escape such as %20")
		}
	}
	if len(pr) == 0 { // not expected: url.ParseQuery failed on the whole only
		pr.Add("query", "is malformed")
	}
	return v, &Error{Code: EBADREQUEST, Message: "the query string is malformed", Fields: pr}
}
