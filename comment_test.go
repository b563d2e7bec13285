package habeas

import (
	"strings"
	"testing"
)

// What a visitor may send through the comment and tip forms: plain text
// within its bounds, one line for a name or a contact, no control
// characters, no bidirectional overrides, and some text.
func TestPublicInputValidation(t *testing.T) {
	tests := []struct {
		name                string
		inName, contact, tx string
		field               string // "" when valid
	}{
		{"valid", "A reader in Baku", "+994 50 000 00 00", "Free him.\n\nNow.", ""},
		{"no name, no contact", "", "", "Free him.", ""},
		{"tabs and CRLF in the text", "", "", "One\tTwo\r\nThree", ""},
		{"empty text", "Name", "", "", "text"},
		{"blank text", "Name", "", " \n\t ", "text"},
		{"text of 5,000 letters", "", "", strings.Repeat("ə", MaxInputText), ""},
		{"text of 5,001 letters", "", "", strings.Repeat("ə", MaxInputText+1), "text"},
		{"name of 100 letters", strings.Repeat("я", MaxInputName), "", "x", ""},
		{"name of 101 letters", strings.Repeat("я", MaxInputName+1), "", "x", "name"},
		{"contact of 200", "", strings.Repeat("c", MaxInputContact), "x", ""},
		{"contact of 201", "", strings.Repeat("c", MaxInputContact+1), "x", "contact"},
		{"NUL in the text", "", "", "a\x00b", "text"},
		{"escape in the text", "", "", "a\x1b[31mred", "text"},
		{"DEL in the text", "", "", "a\x7fb", "text"},
		{"C1 control in the text", "", "", "a\u0085b", "text"},
		{"line separator in the text", "", "", "a\u2028b", "text"},
		{"right-to-left override in the name", "abc\u202egnp.exe", "", "x", "name"},
		{"isolate in the text", "", "", "a\u2067b", "text"},
		{"newline in the name", "A\nB", "", "x", "name"},
		{"tab in the contact", "", "a\tb", "x", "contact"},
		{"bad UTF-8", "", "", "a\xffb", "text"},
	}
	for _, tc := range tests {
		c := Comment{Name: tc.inName, Text: tc.tx, Status: CommentPending}
		tip := Tip{Name: tc.inName, Contact: tc.contact, Text: tc.tx, Status: TipNew}
		errs := map[string]error{"comment": c.Validate(), "tip": tip.Validate()}
		for what, err := range errs {
			field := tc.field
			if what == "comment" && field == "contact" {
				field = "" // a comment has no contact
			}
			got := ErrorFields(err)
			switch {
			case field == "" && err != nil:
				t.Errorf("%s: %s refused: %v", tc.name, what, err)
			case field != "" && got[field] == "":
				t.Errorf("%s: %s: %v, want a problem with %s", tc.name, what, err, field)
			case field != "" && ErrorCode(err) != EINVALID:
				t.Errorf("%s: %s: code %s", tc.name, what, ErrorCode(err))
			}
		}
	}
	if err := (&Comment{Text: "x", Status: "published"}).Validate(); ErrorFields(err)["status"] == "" {
		t.Errorf("an unknown comment status: %v", err)
	}
	if err := (&Tip{Text: "x", Status: "done"}).Validate(); ErrorFields(err)["status"] == "" {
		t.Errorf("an unknown tip status: %v", err)
	}
}

// A client of the rate limits is an IPv4 address or an IPv6 /64.
func TestVisitorClient(t *testing.T) {
	for addr, want := range map[string]string{
		"192.0.2.10:51234":                 "192.0.2.10",
		"192.0.2.10":                       "192.0.2.10",
		"[::ffff:192.0.2.10]:80":           "192.0.2.10",
		"[2001:db8:1:2:3:4:5:6]:443":       "2001:db8:1:2::/64",
		"2001:db8:1:2::1":                  "2001:db8:1:2::/64",
		"[fe80::1%eth0]:80":                "fe80::/64",
		"":                                 "",
		"not an address":                   "",
		"example.org:80":                   "",
		"[2001:db8:1:2:ffff:ffff::1]:1234": "2001:db8:1:2::/64",
	} {
		if got := (&Visitor{Address: addr}).Client(); got != want {
			t.Errorf("Client(%q) = %q, want %q", addr, got, want)
		}
	}
}
