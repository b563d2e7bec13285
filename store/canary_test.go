package store_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"codeberg.org/habeas/habeas"
	"codeberg.org/habeas/habeas/search"
	"codeberg.org/habeas/habeas/store"
	"codeberg.org/habeas/habeas/store/storetest"
)

// Canaries planted in every field of confidential records and in
// confidential names are nowhere in the raw database: not in the SQLite
// file nor its WAL, not in a pg_dump. Staff with the grant still read
// them back and find the person by name.
func TestNoConfidentialCanaryAtRest(t *testing.T) {
	for _, d := range storetest.Backends() {
		t.Run(string(d), func(t *testing.T) {
			ctx := context.Background()
			dsn := storetest.DSN(t, d)
			s, err := store.Open(ctx, store.Config{DSN: dsn, Key: storetest.Key(), Clock: clock})
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			if _, err := s.Migrate(ctx); err != nil {
				t.Fatal(err)
			}
			op := habeas.Operator
			var planted []string
			canary := func(n string) string {
				v := "Canary" + n + "Zq"
				planted = append(planted, v)
				return v
			}
			must := func(err error) {
				t.Helper()
				if err != nil {
					t.Fatal(err)
				}
			}
			src := &habeas.Source{Kind: "testimony", Title: canary("SourceTitle"), Publisher: canary("Publisher"),
				Reliability: "reliable", Identity: canary("Identity"), Visibility: habeas.Confidential}
			must(s.CreateSource(ctx, op, src))
			p := &habeas.Person{Names: []habeas.PersonName{{Name: canary("Primary") + " Aliyev", Kind: habeas.NamePrimary},
				{Name: canary("Alias"), Kind: habeas.NameAlias, Visibility: habeas.Confidential}},
				Country: "AZ", Occupation: canary("Occupation"), Bio: canary("Bio"), InternalNotes: canary("Notes"),
				BioLang: "en", BioTranslations: habeas.Translations{"ru": canary("BioRu")}, Visibility: habeas.Confidential}
			must(s.CreatePerson(ctx, op, p))
			// A public person with a confidential alias.
			pub := &habeas.Person{Names: []habeas.PersonName{{Name: "Public Person", Kind: habeas.NamePrimary},
				{Name: canary("HiddenAlias"), Kind: habeas.NameAlias, Visibility: habeas.Confidential}}, Country: "AZ"}
			must(s.CreatePerson(ctx, op, pub))
			c := &habeas.Case{PersonID: p.ID, Country: "AZ", Status: habeas.StatusDetained, ArrestDate: "2023-08",
				Charges: []habeas.Charge{{Article: "234", Text: canary("Charge")}}, Court: canary("Court"),
				Classification: "not_assessed", Position: "denies", PositionNote: canary("Position"),
				Summary: canary("CaseSummary"), InternalNotes: canary("CaseNotes"), Visibility: habeas.Confidential}
			must(s.CreateCase(ctx, op, c))
			e := &habeas.Event{CaseID: c.ID, Kind: habeas.EventStatement, Date: "2025-05-01", Summary: canary("EventSummary"),
				Quote: canary("Quote"), Speaker: canary("Speaker"), SourceIDs: []int64{src.ID}, Visibility: habeas.Confidential}
			must(s.CreateEvent(ctx, op, e))
			iv := &habeas.Intervention{CaseID: c.ID, Kind: "inquiry", Sender: canary("Sender"), Recipient: canary("Recipient"),
				SentOn: "2025-05-10", AnswerStatus: "none", Summary: canary("InquirySummary"), Visibility: habeas.Confidential}
			must(s.CreateIntervention(ctx, op, iv))
			// A public person made confidential: what was in clear is sealed.
			later := &habeas.Person{Names: []habeas.PersonName{{Name: canary("Later") + " Mammadov", Kind: habeas.NamePrimary}},
				Country: "AZ", Bio: canary("LaterBio"), BioTranslations: habeas.Translations{"az": canary("LaterBioAz")}}
			must(s.CreatePerson(ctx, op, later))
			lc := &habeas.Case{PersonID: later.ID, Country: "AZ", Status: habeas.StatusDetained, Classification: "not_assessed",
				Position: "unknown", Summary: canary("LaterCase")}
			must(s.CreateCase(ctx, op, lc))
			must(s.CreateEvent(ctx, op, &habeas.Event{CaseID: lc.ID, Kind: habeas.EventNews, Date: "2025-05-02", Summary: canary("LaterEvent")}))
			readsBack := plantOrganizationCanaries(t, s, canary, p, pub, later)
			later.Visibility = habeas.Confidential
			must(s.UpdatePerson(ctx, op, later))
			// A merge record keeps copies of a confidential duplicate.
			dup := &habeas.Person{Names: []habeas.PersonName{{Name: canary("Duplicate"), Kind: habeas.NamePrimary}},
				Country: "AZ", Bio: canary("DupBio"), BioTranslations: habeas.Translations{"ru": canary("DupBioRu")}, Visibility: habeas.Confidential}
			must(s.CreatePerson(ctx, op, dup))
			_, err = s.MergePeople(ctx, op, p.ID, dup.ID)
			must(err)

			// Staff with the grant read everything back, and find by name.
			got, err := s.Person(ctx, habeas.Confidential, p.ID)
			must(err)
			if got.Bio != canary("Bio") || got.DisplayName() != canary("Primary")+" Aliyev" ||
				got.BioLang != "en" || got.BioTranslations["ru"] != canary("BioRu") {
				t.Errorf("sealed person reads back as %+v", got)
			}
			gc, err := s.Case(ctx, habeas.Confidential, c.ID)
			must(err)
			if gc.Summary != canary("CaseSummary") || len(gc.Charges) != 1 || gc.Charges[0].Text != canary("Charge") {
				t.Errorf("sealed case reads back as %+v", gc)
			}
			tl, err := s.Timeline(ctx, habeas.Confidential, c.ID)
			must(err)
			if len(tl) != 1 || tl[0].Quote != canary("Quote") {
				t.Errorf("sealed timeline reads back as %+v", tl)
			}
			found, err := s.Candidates(ctx, habeas.Confidential, canary("Alias"), habeas.SearchThreshold, 5)
			must(err)
			if len(found) == 0 || found[0].PersonID != p.ID {
				t.Errorf("a confidential alias finds %+v", found)
			}
			if found, _ := s.Candidates(ctx, habeas.Internal, canary("Alias"), habeas.SearchThreshold, 5); len(found) != 0 {
				t.Errorf("a confidential alias is found without the grant: %+v", found)
			}
			page, err := s.ListPeople(ctx, habeas.Confidential, habeas.PeopleFilter{})
			must(err)
			for _, it := range page.Items {
				if strings.Contains(it.Name, "\x01") {
					t.Errorf("the list shows a sealed name: %q", it.Name)
				}
			}

			readsBack()
			if n := countRows(t, d, dsn, "SELECT COUNT(*) FROM facilities WHERE visibility = 2 AND (region <> '' OR latitude IS NOT NULL OR longitude IS NOT NULL)"); n != 0 {
				t.Errorf("%d confidential facilities keep their region or place in clear", n)
			}

			raw := rawDatabase(t, d, dsn, s)
			// Case-insensitive: a slug made from a name spells it in lower case.
			if i := bytes.Index(asciiLower(raw), []byte("canary")); i >= 0 {
				end := min(len(raw), i+40)
				t.Errorf("a confidential value is readable at rest: %q", raw[i:end])
			}
			// Nor are their words, as the search index keeps them.
			for _, v := range planted {
				if tok := search.Tokens(v); len(tok) == 1 && bytes.Contains(asciiLower(raw), []byte(tok[0])) {
					t.Errorf("the search index keeps the words of confidential %q (%s)", v, tok[0])
				}
			}
			if !bytes.Contains(raw, []byte("Public Person")) {
				t.Errorf("the raw database does not hold even the public name: is the dump empty?")
			}
		})
	}
}

// An organization, membership or facility made less than confidential is
// written back in clear in the same write, region and coordinates in their
// own columns again.
func TestLoweredFromConfidentialIsInClear(t *testing.T) {
	for _, d := range storetest.Backends() {
		t.Run(string(d), func(t *testing.T) {
			ctx, op, c := context.Background(), habeas.Operator, habeas.Confidential
			dsn := storetest.DSN(t, d)
			s, err := store.Open(ctx, store.Config{DSN: dsn, Key: storetest.Key(), Clock: clock})
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			if _, err := s.Migrate(ctx); err != nil {
				t.Fatal(err)
			}
			must := func(err error) {
				t.Helper()
				if err != nil {
					t.Fatal(err)
				}
			}
			p := newPerson("Open Person", habeas.Internal)
			must(s.CreatePerson(ctx, op, p))
			o := &habeas.Organization{Name: "Quiet Union", OtherNames: []string{"QU"}, Kind: "trade_union", Country: "AZ",
				Description: "Meets at night", Visibility: c}
			must(s.CreateOrganization(ctx, op, o))
			m := &habeas.Membership{PersonID: p.ID, OrganizationID: o.ID, Role: "organiser", Visibility: c}
			must(s.CreateMembership(ctx, op, m))
			lat, long := 40.5, 49.5
			f := &habeas.Facility{Name: "Quiet Prison", Kind: "prison", Country: "AZ", Region: "Absheron", Address: "Box 7",
				Latitude: &lat, Longitude: &long, Visibility: c}
			must(s.CreateFacility(ctx, op, f))
			o.Visibility, m.Visibility, f.Visibility = habeas.Internal, habeas.Internal, habeas.Internal
			must(s.UpdateOrganization(ctx, op, o))
			must(s.UpdateMembership(ctx, op, m))
			must(s.UpdateFacility(ctx, op, f))

			for _, q := range []string{
				fmt.Sprintf("SELECT COUNT(*) FROM organizations WHERE id = %d AND name = 'Quiet Union' AND other_names = '[\"QU\"]' AND description = 'Meets at night'", o.ID),
				fmt.Sprintf("SELECT COUNT(*) FROM memberships WHERE id = %d AND role = 'organiser'", m.ID),
				fmt.Sprintf("SELECT COUNT(*) FROM facilities WHERE id = %d AND name = 'Quiet Prison' AND region = 'Absheron' AND address = 'Box 7' AND latitude = 40.5 AND longitude = 49.5", f.ID),
			} {
				if n := countRows(t, d, dsn, q); n != 1 {
					t.Errorf("not in clear after lowering: %s", q)
				}
			}
			got, err := s.Facility(ctx, habeas.Internal, f.ID)
			must(err)
			if got.Region != "Absheron" || got.Address != "Box 7" || got.Latitude == nil || *got.Latitude != lat {
				t.Errorf("a lowered facility reads back as %+v", got)
			}
		})
	}
}

// plantOrganizationCanaries writes canaries in confidential organizations,
// memberships and facilities, written so or made so after being written in
// clear, before later is made confidential. It returns the check that staff
// with the grant read them all back.
func plantOrganizationCanaries(t *testing.T, s *store.Store, canary func(string) string, conf, pub, later *habeas.Person) func() {
	t.Helper()
	ctx, op := context.Background(), habeas.Operator
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	org := &habeas.Organization{Name: canary("OrgName"), OtherNames: []string{canary("OrgAlias")}, Kind: "ngo",
		Country: "AZ", Description: canary("OrgDescription"), DescriptionTranslations: habeas.Translations{"az": canary("OrgDescAz")},
		Visibility: habeas.Confidential}
	must(s.CreateOrganization(ctx, op, org))
	public := &habeas.Organization{Name: "Public Union", Kind: "trade_union", Country: "AZ"}
	must(s.CreateOrganization(ctx, op, public))
	// A public organization made confidential, with a public member.
	laterOrg := &habeas.Organization{Name: canary("LaterOrg"), Kind: "media", Country: "AZ", Description: canary("LaterOrgText"),
		DescriptionTranslations: habeas.Translations{"ru": canary("LaterOrgTextRu")}}
	must(s.CreateOrganization(ctx, op, laterOrg))
	member := &habeas.Membership{PersonID: conf.ID, OrganizationID: org.ID, Role: canary("Role")}
	must(s.CreateMembership(ctx, op, member))
	// A confidential membership of a public person in a public organization.
	must(s.CreateMembership(ctx, op, &habeas.Membership{PersonID: pub.ID, OrganizationID: public.ID,
		Role: canary("HiddenRole"), Visibility: habeas.Confidential}))
	// Memberships raised to confidential with their organization, and with their person.
	must(s.CreateMembership(ctx, op, &habeas.Membership{PersonID: pub.ID, OrganizationID: laterOrg.ID, Role: canary("OrgLaterRole")}))
	must(s.CreateMembership(ctx, op, &habeas.Membership{PersonID: later.ID, OrganizationID: public.ID, Role: canary("LaterRole")}))
	laterOrg.Visibility = habeas.Confidential
	must(s.UpdateOrganization(ctx, op, laterOrg))

	lat, long := 40.4093, 49.8671
	fac := &habeas.Facility{Name: canary("FacilityName"), Kind: "prison", Country: "AZ", Region: canary("Region"),
		Address: canary("Address"), Latitude: &lat, Longitude: &long, Description: canary("FacilityText"),
		DescriptionLang: "ru", DescriptionTranslations: habeas.Translations{"en": canary("FacilityTextEn")}, Visibility: habeas.Confidential}
	must(s.CreateFacility(ctx, op, fac))
	laterFac := &habeas.Facility{Name: canary("LaterFacility"), Kind: "colony", Country: "AZ", Region: canary("LaterRegion"),
		Address: canary("LaterAddress"), Latitude: &lat, Longitude: &long, Description: canary("LaterFacilityText"),
		DescriptionTranslations: habeas.Translations{"az": canary("LaterFacilityTextAz")}}
	must(s.CreateFacility(ctx, op, laterFac))
	laterFac.Visibility = habeas.Confidential
	must(s.UpdateFacility(ctx, op, laterFac))

	return func() {
		t.Helper()
		c := habeas.Confidential
		for _, o := range []*habeas.Organization{org, laterOrg} {
			got, err := s.Organization(ctx, c, o.ID)
			must(err)
			if got.Name != o.Name || got.Description != o.Description || fmt.Sprint(got.OtherNames) != fmt.Sprint(o.OtherNames) ||
				fmt.Sprint(got.DescriptionTranslations) != fmt.Sprint(o.DescriptionTranslations) {
				t.Errorf("sealed organization reads back as %+v, want %+v", got, o)
			}
			if !strings.HasPrefix(got.Slug, "organization-") {
				t.Errorf("a confidential organization's slug is %q", got.Slug)
			}
		}
		if bySlug, err := s.OrganizationBySlug(ctx, c, org.Slug); err != nil || bySlug.Name != org.Name {
			t.Errorf("a sealed organization by its slug: %v %+v", err, bySlug)
		}
		orgs, err := s.ListOrganizations(ctx, c, habeas.OrganizationFilter{})
		must(err)
		if len(orgs.Items) != 3 || orgs.Items[0].Name != org.Name {
			t.Errorf("the organizations list reads %+v", orgs.Items)
		}
		m, err := s.Membership(ctx, c, member.ID)
		must(err)
		if m.Role != canary("Role") {
			t.Errorf("a sealed membership reads back as %+v", m)
		}
		aff, err := s.Affiliations(ctx, c, conf.ID)
		must(err)
		if len(aff) != 1 || aff[0].Role != canary("Role") || aff[0].OrganizationName != org.Name {
			t.Errorf("sealed affiliations read back as %+v", aff)
		}
		aff, err = s.Affiliations(ctx, c, pub.ID)
		must(err)
		roles := map[string]string{}
		for _, a := range aff {
			roles[a.OrganizationName] = a.Role
		}
		if len(aff) != 2 || roles["Public Union"] != canary("HiddenRole") || roles[laterOrg.Name] != canary("OrgLaterRole") {
			t.Errorf("affiliations of the public person read back as %+v", aff)
		}
		members, err := s.Members(ctx, c, public.ID, habeas.MemberFilter{})
		must(err)
		for _, x := range members.Items {
			if strings.HasPrefix(x.Role, "\x01") || x.Role == "" {
				t.Errorf("a member of a public organization reads back as %+v", x)
			}
		}
		for _, f := range []*habeas.Facility{fac, laterFac} {
			got, err := s.Facility(ctx, c, f.ID)
			must(err)
			if got.Name != f.Name || got.Region != f.Region || got.Address != f.Address || got.Description != f.Description ||
				got.DescriptionLang != f.DescriptionLang || fmt.Sprint(got.DescriptionTranslations) != fmt.Sprint(f.DescriptionTranslations) ||
				got.Latitude == nil || *got.Latitude != lat || got.Longitude == nil || *got.Longitude != long {
				t.Errorf("sealed facility reads back as %+v, want %+v", got, f)
			}
			if !strings.HasPrefix(got.Slug, "facility-") {
				t.Errorf("a confidential facility's slug is %q", got.Slug)
			}
		}
		facs, err := s.ListFacilities(ctx, c, habeas.FacilityFilter{})
		must(err)
		if len(facs.Items) != 2 || facs.Items[1].Address != laterFac.Address {
			t.Errorf("the facilities list reads %+v", facs.Items)
		}
	}
}

// asciiLower lowers the ASCII letters of b, keeping every byte where it is
// (bytes.ToLower would rewrite the invalid UTF-8 of a database file).
func asciiLower(b []byte) []byte {
	out := make([]byte, len(b))
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		out[i] = c
	}
	return out
}

// countRows runs a COUNT query on the raw database.
func countRows(t *testing.T, d store.Dialect, dsn, query string) int {
	t.Helper()
	var n int
	if err := rawDB(t, d, dsn).QueryRow(query).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// rawDatabase returns the bytes an intruder with the database files would
// have: the SQLite file and its WAL, or a pg_dump.
func rawDatabase(t *testing.T, d store.Dialect, dsn string, s *store.Store) []byte {
	t.Helper()
	if d == store.SQLite {
		var all []byte
		for _, f := range []string{dsn, dsn + "-wal"} {
			b, err := os.ReadFile(f)
			if err != nil && !os.IsNotExist(err) {
				t.Fatal(err)
			}
			all = append(all, b...)
		}
		if len(all) == 0 {
			t.Fatal("no database file at " + filepath.Base(dsn))
		}
		return all
	}
	out, err := exec.Command("pg_dump", "--data-only", dsn).Output()
	if err != nil {
		t.Fatalf("pg_dump: %v", err)
	}
	return out
}
