package habeas

import (
	"encoding/json"
	"math"
	"strings"
	"testing"
	"time"
)

func TestSlugify(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Elvin Mustafayev", "elvin-mustafayev"},
		{"Afiəddin Məmmədov", "afieddin-memmedov"},
		{"Şahin Çələbi", "shahin-chelebi"},
		{"Эльвин Мустафаев", "elvin-mustafaev"},
		{"Ігар Лосік", "igar-losik"},
		{"  “Workers’ Table”  ", "workers-table"},
		{"Correctional Facility No. 3", "correctional-facility-no-3"},
		{"王小波", ""},
		{"", ""},
	}
	for _, tc := range tests {
		if got := Slugify(tc.in); got != tc.want {
			t.Errorf("Slugify(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	if got := Slugify(strings.Repeat("abc ", 100)); len(got) > 84 {
		t.Errorf("slug of a long name is %d bytes", len(got))
	}
}

func TestVisibilityText(t *testing.T) {
	for _, v := range []Visibility{Public, Internal, Confidential} {
		b, _ := v.MarshalText()
		var back Visibility
		if err := back.UnmarshalText(b); err != nil || back != v {
			t.Errorf("%v round trip: %v, %v", v, back, err)
		}
	}
	var v Visibility
	if err := v.UnmarshalText([]byte("secret")); ErrorCode(err) != EINVALID {
		t.Errorf("unknown visibility: %v", err)
	}
}

func validCase() Case {
	return Case{PersonID: 1, Country: "AZ", Status: StatusSentenced, ArrestDate: "2023-08",
		Charges: []Charge{{Text: "drug trafficking"}}, Sentence: Sentence{Years: 3}, SentenceDate: "2024-01-31",
		Classification: "not_assessed", Position: "denies"}
}

// Each rule of the case: the field it names when broken.
func TestCaseValidation(t *testing.T) {
	tests := []struct {
		name  string
		edit  func(c *Case)
		field string // "" when valid
	}{
		{"valid", func(c *Case) {}, ""},
		{"approximate arrest", func(c *Case) { c.ArrestDate = "2023-08~" }, ""},
		{"unspecified day", func(c *Case) { c.ArrestDate = "2023-08-XX" }, ""},
		{"no person", func(c *Case) { c.PersonID = 0 }, "person_id"},
		{"unknown status", func(c *Case) { c.Status = "missing" }, "status"},
		{"no status", func(c *Case) { c.Status = "" }, "status"},
		{"malformed date", func(c *Case) { c.ArrestDate = "August 2023" }, "arrest_date"},
		{"impossible date", func(c *Case) { c.SentenceDate = "2023-02-29" }, "sentence_date"},
		{"verdict before arrest", func(c *Case) { c.SentenceDate = "2022-12-31" }, "sentence_date"},
		{"verdict in the arrest month is fine", func(c *Case) { c.SentenceDate = "2023-08-15" }, ""},
		{"release before arrest", func(c *Case) { c.ExpectedRelease = "2023-07" }, "expected_release"},
		{"negative sentence", func(c *Case) { c.Sentence.Months = -1 }, "sentence"},
		{"charge without words", func(c *Case) { c.Charges = []Charge{{Article: "234.4.3"}} }, "charges[0].text"},
		{"unknown classification", func(c *Case) { c.Classification = "criminal" }, "classification"},
		{"unknown position", func(c *Case) { c.Position = "silent" }, "position"},
		{"bad visibility", func(c *Case) { c.Visibility = 7 }, "visibility"},
		{"country name", func(c *Case) { c.Country = "Azerbaijan" }, "country"},
		{"huge summary", func(c *Case) { c.Summary = strings.Repeat("a", 20001) }, "summary"},
	}
	for _, tc := range tests {
		c := validCase()
		tc.edit(&c)
		err := c.Validate()
		switch {
		case tc.field == "" && err != nil:
			t.Errorf("%s: unexpected error %v", tc.name, err)
		case tc.field != "" && ErrorFields(err)[tc.field] == "":
			t.Errorf("%s: error %v does not name %s", tc.name, err, tc.field)
		}
	}
}

func TestEventValidation(t *testing.T) {
	tests := []struct {
		name  string
		e     Event
		field string
	}{
		{"transfer to an undisclosed place", Event{CaseID: 1, Kind: EventTransfer, Date: "2025-05"}, ""},
		{"no date", Event{CaseID: 1, Kind: EventHearing}, "date"},
		{"unknown kind", Event{CaseID: 1, Kind: "rumour", Date: "2025"}, "kind"},
		{"statement without words", Event{CaseID: 1, Kind: EventStatement, Date: "2025-05-14"}, "quote"},
		{"bad source id", Event{CaseID: 1, Kind: EventNews, Date: "2025", SourceIDs: []int64{0}}, "source_ids"},
		{"lower-case x", Event{CaseID: 1, Kind: EventNews, Date: "2025-05-xx"}, "date"},
	}
	for _, tc := range tests {
		err := tc.e.Validate()
		if tc.field == "" && err != nil || tc.field != "" && ErrorFields(err)[tc.field] == "" {
			t.Errorf("%s: error %v, want field %q", tc.name, err, tc.field)
		}
	}
}

func TestPersonValidation(t *testing.T) {
	ok := func() Person {
		return Person{Country: "AZ", Names: []PersonName{{Name: "Elvin Mustafayev", Kind: NamePrimary}}}
	}
	tests := []struct {
		name  string
		edit  func(p *Person)
		field string
	}{
		{"valid", func(p *Person) {}, ""},
		{"no names", func(p *Person) { p.Names = nil }, "names"},
		{"two primaries", func(p *Person) { p.Names = append(p.Names, PersonName{Name: "E", Kind: NamePrimary}) }, "names"},
		{"blank name", func(p *Person) { p.Names[0].Name = "   " }, "names[0].name"},
		{"bidi override", func(p *Person) { p.Names[0].Name = "Elvin\u202e" }, "names[0].name"},
		{"right-to-left mark", func(p *Person) { p.Names[0].Name = "\u0625\u0644\u0641\u064a\u0646\u200f" }, ""},
		{"NUL", func(p *Person) { p.Names[0].Name = "El\x00vin" }, "names[0].name"},
		{"line separator", func(p *Person) { p.Names[0].Name = "El\u2028vin" }, "names[0].name"},
		{"photo elsewhere", func(p *Person) { p.PhotoURL = "https://cdn.example.org/p.jpg" }, "photo_url"},
		{"photo protocol-relative", func(p *Person) { p.PhotoURL = "//cdn.example.org/p.jpg" }, "photo_url"},
		{"photo here", func(p *Person) { p.PhotoURL = "/media/p.jpg" }, ""},
		{"photo backslash-relative", func(p *Person) { p.PhotoURL = `/\evil.example/x.png` }, "photo_url"},
		{"photo backslashes", func(p *Person) { p.PhotoURL = `\\evil.example\x.png` }, "photo_url"},
		{"photo backslash later", func(p *Person) { p.PhotoURL = `/media/a\b.png` }, "photo_url"},
		{"birth year", func(p *Person) { p.BirthYear = 1850 }, "birth_year"},
		{"slug with capitals", func(p *Person) { p.Slug = "Elvin" }, "slug"},
	}
	for _, tc := range tests {
		p := ok()
		tc.edit(&p)
		err := p.Validate()
		if tc.field == "" && err != nil || tc.field != "" && ErrorFields(err)[tc.field] == "" {
			t.Errorf("%s: error %v, want field %q", tc.name, err, tc.field)
		}
	}
}

// A source's URL is an absolute http(s) URL without a backslash, which
// browsers read as a slash.
func TestSourceURLValidation(t *testing.T) {
	tests := []struct {
		url string
		ok  bool
	}{
		{"https://example.org/news/1", true},
		{"http://example.org", true},
		{"", true},
		{"ftp://example.org/x", false},
		{"//example.org/x", false},
		{`https://example.org\@evil.example/`, false},
		{`https:\\evil.example/x`, false},
		{`https://example.org/a\b`, false},
	}
	for _, tc := range tests {
		s := Source{Kind: "article", Title: "T", URL: tc.url, Reliability: "reliable"}
		bad := ErrorFields(s.Validate())["url"] != ""
		if bad == tc.ok {
			t.Errorf("%q: refused %v, want refused %v", tc.url, bad, !tc.ok)
		}
	}
}

func TestInterventionValidation(t *testing.T) {
	iv := Intervention{CaseID: 1, Kind: "inquiry", Sender: "IHR", Recipient: "Penitentiary Service",
		SentOn: "2025-05-10", DueOn: "2025-05-01", AnswerStatus: "none"}
	if ErrorFields(iv.Validate())["due_on"] == "" {
		t.Errorf("a due date before the sending is accepted")
	}
	iv.DueOn, iv.AnswerStatus = "2025-06-10", "maybe"
	if ErrorFields(iv.Validate())["answer_status"] == "" {
		t.Errorf("unknown answer status accepted")
	}
}

func TestOffsetClockRunsFromItsBase(t *testing.T) {
	wall := FixedClock{T: time.Date(2026, 11, 29, 10, 0, 0, 0, time.UTC)}
	c := OffsetClock{Base: time.Date(2025, 5, 15, 0, 0, 0, 0, time.UTC), Start: wall.T.Add(-3 * time.Hour), Wall: wall}
	if got := Today(c); !got.Equal(time.Date(2025, 5, 15, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("Today = %v", got)
	}
	if got := c.Now(); got.Hour() != 3 {
		t.Errorf("Now = %v, want three hours after the base", got)
	}
}

// Decoded from JSON, a visibility is never public by omission: null is
// refused, and a name sent without one fails validation. Names built in Go
// keep the zero value, public.
func TestVisibilityFromJSON(t *testing.T) {
	tests := []struct {
		json  string
		err   bool   // json.Unmarshal fails
		field string // the field Validate names, "" when valid
	}{
		{`{"names":[{"name":"A B","kind":"primary","visibility":"public"}],"country":"AZ","visibility":"internal"}`, false, ""},
		{`{"names":[{"name":"A B","kind":"primary","visibility":"public"}],"country":"AZ","visibility":null}`, true, ""},
		{`{"names":[{"name":"A B","kind":"primary","visibility":null}],"country":"AZ","visibility":"public"}`, true, ""},
		{`{"names":[{"name":"A B","kind":"primary","visibility":3}],"country":"AZ","visibility":"public"}`, true, ""},
		{`{"names":[{"name":"A B","kind":"primary"}],"country":"AZ","visibility":"public"}`, false, "names[0].visibility"},
		{`{"names":[{"name":"A B","kind":"primary","visibility":"public"},{"name":"C","kind":"alias","visiblity":"confidential"}],"country":"AZ","visibility":"public"}`, false, "names[1].visibility"},
		{`{"names":[null],"country":"AZ","visibility":"public"}`, false, "names[0].visibility"},
	}
	for _, tc := range tests {
		var p Person
		err := json.Unmarshal([]byte(tc.json), &p)
		if (err != nil) != tc.err {
			t.Errorf("%s: unmarshal error %v, want error %v", tc.json, err, tc.err)
			continue
		}
		if err != nil {
			continue
		}
		fields := ErrorFields(p.Validate())
		if tc.field == "" && len(fields) > 0 {
			t.Errorf("%s: %v", tc.json, fields)
		} else if tc.field != "" && !strings.HasPrefix(fields[tc.field], "is required") {
			t.Errorf("%s: %s = %q, want is required", tc.json, tc.field, fields[tc.field])
		}
	}
	p := Person{Names: []PersonName{{Name: "A B", Kind: NamePrimary}}, Country: "AZ"}
	if err := p.Validate(); err != nil {
		t.Errorf("a person built in Go: %v", err)
	}
}

func TestFacilityCoordinates(t *testing.T) {
	f := func(v float64) *float64 { return &v }
	tests := []struct {
		name     string
		lat, lon *float64
		bad      string
	}{
		{"none", nil, nil, ""},
		{"both", f(40.4), f(49.9), ""},
		{"the poles and the date line", f(-90), f(180), ""},
		{"latitude alone", f(40.4), nil, "latitude"},
		{"latitude too large", f(91), f(49.9), "latitude"},
		{"longitude too small", f(40.4), f(-180.5), "longitude"},
		{"latitude not a number", f(math.NaN()), f(49.9), "latitude"},
		{"longitude not a number", f(40.4), f(math.NaN()), "longitude"},
	}
	for _, tc := range tests {
		fac := Facility{Name: "Correctional Facility No. 3", Kind: "colony", Country: "AZ", Latitude: tc.lat, Longitude: tc.lon}
		fields := ErrorFields(fac.Validate())
		if _, got := fields[tc.bad]; tc.bad != "" && !got || tc.bad == "" && len(fields) > 0 {
			t.Errorf("%s: problems %v, want one with %q", tc.name, fields, tc.bad)
		}
	}
}
