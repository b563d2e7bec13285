package importer

import "testing"

// Popolo dates are ISO 8601: an EDTF date that says more (approximate,
// uncertain, an interval) is left out rather than stated as certain.
func TestPopoloDate(t *testing.T) {
	tests := map[string]string{
		"": "", "2016": "2016", "2016-03": "2016-03", "2016-03-14": "2016-03-14",
		"2016~": "", "2016?": "", "2016-03-14%": "", "2016-21": "", "2016-02-30": "", "-016": "", "2016/2018": "", "201x": "", "20160314": "",
	}
	for in, want := range tests {
		if got := popoloDate(in); got != want {
			t.Errorf("popoloDate(%q) = %q, want %q", in, got, want)
		}
	}
}
