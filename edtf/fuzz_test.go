package edtf

import "testing"

func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"2023", "2023-08", "2024-02-29", "2025-05-06~", "2023?", "2023-08%",
		"201X", "20XX", "2023-XX", "2023-08-XX", "2023-XX-XX~", "0000", "9999-12-31",
		"2023-13", "2023-02-29", "2023-XX-15", "201x", "2004?-06", "2023/2024",
		" 2023", "2023\xff", "-2023", "2023??", "2023-08-31T00:00",
		"2023-21", "2023-24", "2023-25", "2025-05-06/2025-05-14", "2025-05/..", "../2025", "/2025", "2025/",
		"2025-05-14T09:30", "2025-05-14T09:30:00Z", "2025-05-14T09:30+04:00", "2025-05-14T09:30-0530",
		"2025-05-14T09:30/2025-05-15", "2004-06~/2004-08?", "2025-05-14/2025-05-06", "../..",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := Parse(s)
		if err != nil {
			pe, ok := err.(*ParseError)
			if !ok {
				t.Fatalf("Parse(%q) error %T is not a *ParseError", s, err)
			}
			if pe.Pos < 0 || pe.Pos > len(s) || pe.Reason == "" || pe.Input != s {
				t.Fatalf("Parse(%q) gave a bad ParseError %+v", s, pe)
			}
			if !d.IsZero() {
				t.Fatalf("Parse(%q) returned %#v with an error", s, d)
			}
			return
		}
		if d.IsZero() {
			t.Fatalf("Parse(%q) succeeded with the zero Date", s)
		}
		str := d.String()
		if str != s {
			t.Fatalf("Parse(%q).String() = %q; Parse should accept only the canonical form", s, str)
		}
		again, err := Parse(str)
		if err != nil || again != d {
			t.Fatalf("round trip of %q: %#v, %v; want %#v", s, again, err, d)
		}
		if d.Latest().Before(d.Earliest()) {
			t.Fatalf("%q: Latest %v is before Earliest %v", s, d.Latest(), d.Earliest())
		}
		if d.IsInterval() {
			if start, end := d.Start(), d.End(); (!start.IsZero() && d.Earliest() != start.Earliest()) || (!end.IsZero() && d.Latest() != end.Latest()) {
				t.Fatalf("%q: the interval does not span from its start %q to its end %q", s, start, end)
			}
		}
		if Compare(d, again) != 0 || d.Before(again) {
			t.Fatalf("%q: a Date is not equal to itself", s)
		}
		for _, lang := range []string{"en", "az", "ru", "xx"} {
			if d.Format(lang) == "" {
				t.Fatalf("%q: Format(%q) is empty", s, lang)
			}
		}
	})
}

// A date as typed either comes out a valid EDTF date or is refused with a
// reason; it never panics.
func FuzzParseTyped(f *testing.F) {
	for _, s := range []string{
		"31.01.2024", "Jan 2024", "January 31st, 2024", "2024-01-31", "2014?", "~2014",
		"31 января 2024", "yanvar 2024", "01/02/2024", "31.02.2024", "31jan2024", "2024г.", "..", "~?%",
		"spring 2023", "winter 2023/24", "зимой 2023/2024", "2025-05-06/2025-05-14", "2025-05-14T09:30",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseTyped(s)
		if err != nil {
			pe, ok := err.(*ParseError)
			if !ok || pe.Reason == "" || pe.Input != s || !d.IsZero() {
				t.Fatalf("ParseTyped(%q): bad error %#v, %#v", s, err, d)
			}
			return
		}
		again, err := Parse(d.String())
		if err != nil || again != d {
			t.Fatalf("ParseTyped(%q) = %#v, whose String %q does not parse back: %v", s, d, d.String(), err)
		}
	})
}
