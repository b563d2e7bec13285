package bench

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"codeberg.org/habeas/habeas"
	"codeberg.org/habeas/habeas/casefile"
	"codeberg.org/habeas/habeas/edtf"
)

var testNow = time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)

func smallOptions() GenOptions {
	return GenOptions{People: 2000, Events: 20000, Facilities: 120, Organizations: 60, Sources: 150, Seed: 7, Now: testNow}
}

// set is a generated folder read back with the domain's own types.
type set struct {
	manifest      Manifest
	facilities    []habeas.Facility
	organizations []habeas.Organization
	sources       []habeas.Source
	people        []habeas.Person
	memberships   []habeas.Membership
	cases         []habeas.Case
	events        []habeas.Event
	interventions []habeas.Intervention
}

func generate(t *testing.T, opt GenOptions) (string, *set) {
	t.Helper()
	dir := t.TempDir()
	counts, err := Generate(dir, opt)
	if err != nil {
		t.Fatal(err)
	}
	s := readSet(t, dir)
	if s.manifest.Counts != counts {
		t.Errorf("manifest counts %+v, Generate returned %+v", s.manifest.Counts, counts)
	}
	return dir, s
}

func readSet(t *testing.T, dir string) *set {
	t.Helper()
	s := &set{}
	b, err := os.ReadFile(filepath.Join(dir, FileManifest))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &s.manifest); err != nil {
		t.Fatal(err)
	}
	readLines(t, dir, FileFacilities, &s.facilities)
	readLines(t, dir, FileOrganizations, &s.organizations)
	readLines(t, dir, FileSources, &s.sources)
	readLines(t, dir, FilePeople, &s.people)
	readLines(t, dir, FileMemberships, &s.memberships)
	readLines(t, dir, FileCases, &s.cases)
	readLines(t, dir, FileEvents, &s.events)
	readLines(t, dir, FileInterventions, &s.interventions)
	return s
}

// readLines decodes one record a line, refusing any field the type does
// not have: the files use exactly the API's field names.
func readLines[T any](t *testing.T, dir, name string, into *[]T) {
	t.Helper()
	f, err := os.Open(filepath.Join(dir, name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for line := 1; sc.Scan(); line++ {
		var v T
		dec := json.NewDecoder(bytes.NewReader(sc.Bytes()))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&v); err != nil {
			t.Fatalf("%s:%d: %v", name, line, err)
		}
		*into = append(*into, v)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
}

// checkSet checks that every record would be accepted by the domain: its
// own validation, the date rules across records, references, ids in file
// order, the visibility of children, and the stored status agreeing with
// the timeline.
func checkSet(t *testing.T, s *set, today time.Time) {
	t.Helper()
	c := s.manifest.Counts
	if s.manifest.Format != ExportFormat || s.manifest.Version != ExportVersion {
		t.Errorf("manifest %q version %d", s.manifest.Format, s.manifest.Version)
	}
	got := GenCounts{len(s.facilities), len(s.organizations), len(s.sources), len(s.people),
		len(s.memberships), len(s.cases), len(s.events), len(s.interventions)}
	if got != c {
		t.Fatalf("files hold %+v, manifest says %+v", got, c)
	}
	fail := func(what string, id int64, err error) {
		t.Helper()
		if err != nil {
			t.Fatalf("%s %d: %v", what, id, err)
		}
	}
	ids := func(what string, i int, id int64) {
		t.Helper()
		if id != int64(i+1) {
			t.Fatalf("%s on line %d has id %d", what, i+1, id)
		}
	}
	refs := func(what string, id int64, n int, optional bool) {
		t.Helper()
		if id == 0 && optional {
			return
		}
		if id < 1 || id > int64(n) {
			t.Fatalf("%s %d does not exist", what, id)
		}
	}
	for i, f := range s.facilities {
		ids("facility", i, f.ID)
		fail("facility", f.ID, f.Validate())
	}
	for i, o := range s.organizations {
		ids("organization", i, o.ID)
		fail("organization", o.ID, o.Validate())
	}
	for i, src := range s.sources {
		ids("source", i, src.ID)
		fail("source", src.ID, src.Validate())
	}
	for i, p := range s.people {
		ids("person", i, p.ID)
		fail("person", p.ID, p.Validate())
		if p.Slug != "" {
			t.Fatalf("person %d has slug %q", p.ID, p.Slug)
		}
	}
	for i, m := range s.memberships {
		ids("membership", i, m.ID)
		fail("membership", m.ID, m.Validate())
		refs("person", m.PersonID, c.People, false)
		refs("organization", m.OrganizationID, c.Organizations, false)
		if m.Visibility < s.people[m.PersonID-1].Visibility || m.Visibility < s.organizations[m.OrganizationID-1].Visibility {
			t.Fatalf("membership %d is less restricted than its person or organization", m.ID)
		}
	}
	byCase := make([][]habeas.Event, len(s.cases))
	for i, e := range s.events {
		ids("event", i, e.ID)
		fail("event", e.ID, e.Validate())
		refs("case", e.CaseID, c.Cases, false)
		refs("facility", e.FacilityID, c.Facilities, true)
		for _, id := range e.SourceIDs {
			refs("source", id, c.Sources, false)
		}
		if i > 0 && e.CaseID < s.events[i-1].CaseID {
			t.Fatalf("event %d: events are not grouped by case", e.ID)
		}
		byCase[e.CaseID-1] = append(byCase[e.CaseID-1], e)
	}
	for i := range s.cases {
		cs := &s.cases[i]
		ids("case", i, cs.ID)
		fail("case", cs.ID, cs.Validate())
		fail("case", cs.ID, cs.CheckDates(today))
		refs("person", cs.PersonID, c.People, false)
		refs("facility", cs.FacilityID, c.Facilities, true)
		if cs.Visibility < s.people[cs.PersonID-1].Visibility {
			t.Fatalf("case %d is less restricted than its person", cs.ID)
		}
		evs := byCase[i]
		for j := range evs {
			fail("event", evs[j].ID, habeas.CheckEventDate(cs, &evs[j], today))
			if evs[j].Visibility < cs.Visibility {
				t.Fatalf("event %d is less restricted than its case", evs[j].ID)
			}
			if j > 0 && edtf.Compare(edtf.MustParse(evs[j-1].Date), edtf.MustParse(evs[j].Date)) > 0 {
				t.Fatalf("case %d: event %d (%s) before event %d (%s)", cs.ID, evs[j].ID, evs[j].Date, evs[j-1].ID, evs[j-1].Date)
			}
		}
		if sorted := casefile.Sorted(evs); !slices.EqualFunc(sorted, evs, func(a, b habeas.Event) bool { return a.ID == b.ID }) {
			t.Fatalf("case %d: events are not in timeline order", cs.ID)
		}
		if st := casefile.Compute(cs, evs, today); st.Status != cs.Status {
			t.Fatalf("case %d is stored %s, its timeline says %s", cs.ID, cs.Status, st.Status)
		}
	}
	for i, iv := range s.interventions {
		ids("intervention", i, iv.ID)
		fail("intervention", iv.ID, iv.Validate())
		fail("intervention", iv.ID, iv.CheckDates(today))
		refs("case", iv.CaseID, c.Cases, false)
		if iv.Visibility < s.cases[iv.CaseID-1].Visibility {
			t.Fatalf("intervention %d is less restricted than its case", iv.ID)
		}
	}
}

func TestGenerateValid(t *testing.T) {
	opt := smallOptions()
	_, s := generate(t, opt)
	checkSet(t, s, opt.Now)
	c := s.manifest.Counts
	if c.People != opt.People || c.Events != opt.Events || c.Facilities != opt.Facilities ||
		c.Organizations != opt.Organizations || c.Sources != opt.Sources {
		t.Errorf("counts %+v for options %+v", c, opt)
	}
	if c.Cases < opt.People*105/100 || c.Cases > opt.People*115/100 {
		t.Errorf("%d cases for %d people: want about one in ten with two", c.Cases, opt.People)
	}
}

// The mix the pages and alerts are tested on: every status, partial and
// uncertain dates, hunger strikes, undisclosed places, long silences,
// answered and overdue interventions, every visibility.
func TestGenerateMix(t *testing.T) {
	opt := smallOptions()
	_, s := generate(t, opt)
	today := opt.Now
	byCase := map[int64][]habeas.Event{}
	for _, e := range s.events {
		byCase[e.CaseID] = append(byCase[e.CaseID], e)
	}
	statuses := map[string]int{}
	var striking, unknown, silent, withIV int
	for i := range s.cases {
		cs := &s.cases[i]
		statuses[cs.Status]++
		st := casefile.Compute(cs, byCase[cs.ID], today)
		if st.HungerStrikeSince != "" {
			striking++
		}
		if st.WhereaboutsUnknown {
			unknown++
		}
		if st.DaysWithoutNews > 90 {
			silent++
		}
	}
	for _, st := range habeas.Statuses {
		if statuses[st] == 0 {
			t.Errorf("no case is %s", st)
		}
	}
	if statuses[habeas.StatusSentenced] < statuses[habeas.StatusReleased] {
		t.Errorf("statuses %v: most people should be held", statuses)
	}
	n := len(s.cases)
	for what, got := range map[string]int{"on hunger strike": striking, "held in an undisclosed place": unknown, "silent for months": silent} {
		if got == 0 || got > n/4 {
			t.Errorf("%d of %d cases %s", got, n, what)
		}
	}
	seen := map[int64]bool{}
	var answered, overdue int
	for _, iv := range s.interventions {
		if !seen[iv.CaseID] {
			seen[iv.CaseID], withIV = true, withIV+1
		}
		if iv.AnswerStatus != "none" {
			answered++
		} else if d, err := edtf.Parse(iv.DueOn); err == nil && d.Latest().Before(today) {
			overdue++
		}
	}
	if withIV < n*15/100 || withIV > n*25/100 {
		t.Errorf("%d of %d cases have interventions: want about one in five", withIV, n)
	}
	if answered == 0 || overdue == 0 {
		t.Errorf("%d answered, %d overdue interventions", answered, overdue)
	}
	forms := map[string]int{}
	for _, e := range s.events {
		d := edtf.MustParse(e.Date)
		switch {
		case d.Approximate():
			forms["approximate"]++
		case d.Uncertain():
			forms["uncertain"]++
		}
		forms[d.Precision().String()]++
		if e.Kind == habeas.EventHearing && d.Earliest().After(today) {
			forms["scheduled"]++
		}
	}
	for _, f := range []string{"day", "month", "year", "approximate", "uncertain", "scheduled"} {
		if forms[f] == 0 {
			t.Errorf("no event date is %s (%v)", f, forms)
		}
	}
	if forms["day"] < len(s.events)*2/3 {
		t.Errorf("date forms %v: most dates should be days", forms)
	}
	vis := map[habeas.Visibility]int{}
	for _, p := range s.people {
		vis[p.Visibility]++
	}
	if vis[habeas.Public] < len(s.people)*8/10 || vis[habeas.Internal] == 0 || vis[habeas.Confidential] == 0 {
		t.Errorf("visibility of people %v", vis)
	}
}

// Names in the three scripts, with patronymics, female forms and other
// spellings.
func TestGenerateNames(t *testing.T) {
	opt := smallOptions()
	opt.People, opt.Events = 600, 1200
	_, s := generate(t, opt)
	want := map[string]func(p habeas.Person, n habeas.PersonName) bool{
		"Azerbaijani Latin": func(_ habeas.Person, n habeas.PersonName) bool {
			return n.Lang == "az" && n.Script == "Latn" && strings.ContainsAny(n.Name, "əğışçöü")
		},
		"Russian Cyrillic": func(_ habeas.Person, n habeas.PersonName) bool {
			return n.Lang == "ru" && n.Script == "Cyrl" && strings.ContainsAny(n.Name, "иыэщ")
		},
		"Belarusian Cyrillic": func(_ habeas.Person, n habeas.PersonName) bool {
			return n.Lang == "be" && n.Script == "Cyrl" && strings.ContainsAny(n.Name, "іў")
		},
		"Azerbaijani patronymic": func(_ habeas.Person, n habeas.PersonName) bool {
			return n.Kind == habeas.NameAlias && (strings.HasSuffix(n.Name, " oğlu") || strings.HasSuffix(n.Name, " qızı"))
		},
		"Russian patronymic": func(_ habeas.Person, n habeas.PersonName) bool {
			return n.Kind == habeas.NameAlias && (strings.HasSuffix(n.Name, "вич") || strings.HasSuffix(n.Name, "вна"))
		},
		"Belarusian female patronymic": func(_ habeas.Person, n habeas.PersonName) bool {
			return n.Kind == habeas.NameAlias && strings.HasSuffix(n.Name, "ўна")
		},
		"Azerbaijani female surname": func(p habeas.Person, n habeas.PersonName) bool {
			return p.Gender == "female" && n.Kind == habeas.NamePrimary && (strings.HasSuffix(n.Name, "ova") || strings.HasSuffix(n.Name, "yeva"))
		},
		"Slavic female surname": func(p habeas.Person, n habeas.PersonName) bool {
			return p.Gender == "female" && n.Kind == habeas.NamePrimary && (strings.HasSuffix(n.Name, "ова") || strings.HasSuffix(n.Name, "ская"))
		},
		"English transliteration": func(_ habeas.Person, n habeas.PersonName) bool {
			return n.Kind == habeas.NameTransliteration && n.Script == "Latn" && n.Lang == "en"
		},
		"hidden alias": func(_ habeas.Person, n habeas.PersonName) bool {
			return n.Kind == habeas.NameAlias && n.Visibility != habeas.Public
		},
	}
	for what, ok := range want {
		found := false
		for _, p := range s.people {
			for _, n := range p.Names {
				found = found || ok(p, n)
			}
		}
		if !found {
			t.Errorf("no name is %s", what)
		}
	}
	for _, p := range s.people {
		if p.Names[0].Kind != habeas.NamePrimary {
			t.Fatalf("person %d: the first name is not the primary one", p.ID)
		}
		if p.Gender == "male" && strings.HasSuffix(p.Names[0].Name, "ova") {
			t.Errorf("person %d is male with a female surname: %s", p.ID, p.Names[0].Name)
		}
	}
}

func TestGenerateDeterministic(t *testing.T) {
	opt := smallOptions()
	opt.People, opt.Events = 300, 3000
	a, _ := generate(t, opt)
	b, _ := generate(t, opt)
	opt.Seed++
	c, _ := generate(t, opt)
	files := []string{FileManifest, FileFacilities, FileOrganizations, FileSources, FilePeople,
		FileMemberships, FileCases, FileEvents, FileInterventions}
	for _, name := range files {
		x, _ := os.ReadFile(filepath.Join(a, name))
		y, _ := os.ReadFile(filepath.Join(b, name))
		if len(x) == 0 || !bytes.Equal(x, y) {
			t.Errorf("%s differs between two runs with the same options", name)
		}
		if z, _ := os.ReadFile(filepath.Join(c, name)); name == FilePeople && bytes.Equal(x, z) {
			t.Errorf("%s is the same for another seed", name)
		}
	}
}

// Sizes are honoured, down to sets too small for every kind of record,
// and each is still valid.
func TestGenerateSizes(t *testing.T) {
	for _, tc := range []struct {
		name   string
		opt    GenOptions
		events int
	}{
		{"one person", GenOptions{People: 1, Events: 25, Facilities: 3, Organizations: 1}, 25},
		{"fewer events than people", GenOptions{People: 40, Events: 7, Facilities: 5, Organizations: 2}, 7},
		{"no events", GenOptions{People: 20, Facilities: 5, Organizations: 2}, 0},
		{"events per person", GenOptions{People: 50, EventsPerPerson: 3, Facilities: 10, Organizations: 4}, 150},
		{"long timelines", GenOptions{People: 10, Events: 2000, Facilities: 20, Organizations: 4}, 2000},
		{"no facilities or organizations", GenOptions{People: 30, Events: 300}, 300},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tc.opt.Seed, tc.opt.Now = 3, testNow
			_, s := generate(t, tc.opt)
			checkSet(t, s, testNow)
			c := s.manifest.Counts
			if c.People != tc.opt.People || c.Events != tc.events || c.Facilities != tc.opt.Facilities || c.Organizations != tc.opt.Organizations {
				t.Errorf("counts %+v, want %d people, %d events, %d facilities, %d organizations",
					c, tc.opt.People, tc.events, tc.opt.Facilities, tc.opt.Organizations)
			}
		})
	}
}

func TestGenerateOptionsRefused(t *testing.T) {
	for _, opt := range []GenOptions{
		{People: 0, Now: testNow},
		{People: 5, Events: -1, Now: testNow},
		{People: 5, Facilities: -1, Now: testNow},
		{People: 5},
	} {
		if _, err := Generate(t.TempDir(), opt); err == nil {
			t.Errorf("Generate(%+v) did not fail", opt)
		}
	}
}

func TestTransliteration(t *testing.T) {
	for _, tc := range []struct{ got, want string }{
		{ruToLatin("Дмитрий Покровский", false), "Dmitry Pokrovsky"},
		{ruToLatin("Дмитрий Покровский", true), "Dmitrii Pokrovskii"},
		{ruToLatin("Юлия Соловьёва", false), "Yuliya Solovyova"},
		{ruToLatin("Юлия Соловьёва", true), "Iuliia Soloveva"},
		{ruToLatin("Евгений Сергеевич", false), "Yevgeny Sergeyevich"},
		{ruToLatin("Наталья Кара-Мурза", false), "Natalya Kara-Murza"},
		{beToLatin("Ціханоўская"), "Tsikhanouskaya"},
		{beToLatin("Бяляцкі"), "Bialiatski"},
		{beToLatin("Аляксандр Лапцёнак"), "Aliaksandr Laptsionak"},
		{beToLatin("Дар'я Юр'еўна"), "Darya Yuryeuna"},
		{azToEnglish("Xədicə Cəfərova"), "Khadija Jafarova"},
		{azToEnglish("İlqar Qasımov"), "Ilgar Gasimov"},
		{azToASCII("Rəşad Məmmədov"), "Resad Memmedov"},
		{cyrFemale("Казлоў"), "Казлова"},
		{cyrFemale("Ціханоўскі"), "Ціханоўская"},
		{cyrFemale("Толстой"), "Толстая"},
		{cyrFemale("Шевчук"), "Шевчук"},
		{cyrFemale("Сарокін"), "Сарокіна"},
	} {
		if tc.got != tc.want {
			t.Errorf("got %q, want %q", tc.got, tc.want)
		}
	}
}

// The written dates of a timeline sort as their true days do.
func TestTimelineDatesKeepOrder(t *testing.T) {
	start := dayOf(time.Date(2023, 8, 14, 0, 0, 0, 0, time.UTC))
	precs := []precision{precDay, precMonth, precYear, precDayApprox, precDayUncertain, precMonthApprox, precYearUncertain}
	for i := range 2000 {
		var td timelineDates
		prev := span{}
		d := start
		for j := range 12 {
			d += day((i * (j + 3)) % 5) // some days repeat
			p := precs[(i+j*j)%len(precs)]
			text := td.date(d, p)
			s, err := edtf.Parse(text)
			if err != nil {
				t.Fatal(err)
			}
			if dayOf(s.Earliest()) > d || dayOf(s.Latest()) < d {
				t.Fatalf("%s does not hold its day %s", text, dayText(d))
			}
			if j > 0 && edtf.Compare(edtf.MustParse(prev.text), s) > 0 {
				t.Fatalf("%s sorts before the earlier %s", text, prev.text)
			}
			prev = span{text: text}
		}
	}
}
