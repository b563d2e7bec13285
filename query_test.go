package habeas

import (
	"reflect"
	"testing"
)

// A query string that does not parse is refused, naming the parameter,
// and the pairs that parse are kept.
func TestParseQuery(t *testing.T) {
	tests := []struct {
		raw    string
		fields map[string]string // nil when valid; values are reason prefixes
		kept   map[string]string
	}{
		{"", nil, map[string]string{}},
		{"country=BY&status=detained", nil, map[string]string{"country": "BY", "status": "detained"}},
		{"q=a%3Bb", nil, map[string]string{"q": "a;b"}},
		{"country=BY;", map[string]string{"country": "is malformed: it holds a ;"}, map[string]string{}},
		{"status=detained&country=BY;", map[string]string{"country": "is malformed: it holds a ;"}, map[string]string{"status": "detained"}},
		{"country=BY;status=detained", map[string]string{"country": "is malformed: it holds a ;"}, map[string]string{}},
		{"q=100%", map[string]string{"q": "is malformed: it holds a %"}, map[string]string{}},
		{"q=%zz&limit=5", map[string]string{"q": "is malformed: it holds a %"}, map[string]string{"limit": "5"}},
		{"%zz=1", map[string]string{"%zz": "is malformed: it holds a %"}, map[string]string{}},
		{"a;b", map[string]string{"a": "is malformed: it holds a ;"}, map[string]string{}},
	}
	for _, tc := range tests {
		v, err := ParseQuery(tc.raw)
		got := map[string]string{}
		for k := range v {
			got[k] = v.Get(k)
		}
		if !reflect.DeepEqual(got, tc.kept) {
			t.Errorf("%q: kept %v, want %v", tc.raw, got, tc.kept)
		}
		if tc.fields == nil {
			if err != nil {
				t.Errorf("%q: %v", tc.raw, err)
			}
			continue
		}
		if ErrorCode(err) != EBADREQUEST {
			t.Errorf("%q: error %v, want bad_request", tc.raw, err)
			continue
		}
		fields := ErrorFields(err)
		if len(fields) != len(tc.fields) {
			t.Errorf("%q: fields %v, want %v", tc.raw, fields, tc.fields)
		}
		for k, want := range tc.fields {
			if got := fields[k]; len(got) < len(want) || got[:len(want)] != want {
				t.Errorf("%q: %s = %q, want %q…", tc.raw, k, got, want)
			}
		}
	}
}
