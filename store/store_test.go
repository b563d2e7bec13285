package store_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"codeberg.org/habeas/habeas"
	"codeberg.org/habeas/habeas/demo"
	"codeberg.org/habeas/habeas/store"
	"codeberg.org/habeas/habeas/store/storetest"
)

var clock = habeas.FixedClock{T: demo.AsOf.Add(10 * time.Hour)}

func demoStore(t *testing.T, s *store.Store) {
	t.Helper()
	if err := demo.Load(context.Background(), s); err != nil {
		t.Fatalf("load demo: %v", err)
	}
}

func newPerson(name string, v habeas.Visibility) *habeas.Person {
	return &habeas.Person{Country: "AZ", Visibility: v, Names: []habeas.PersonName{{Name: name, Kind: habeas.NamePrimary}}}
}

func TestMigrateTwiceAndCheckSchema(t *testing.T) {
	storetest.ForEach(t, clock, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		ran, err := s.Migrate(ctx)
		if err != nil || len(ran) != 0 {
			t.Fatalf("second migrate ran %v, err %v; want nothing", ran, err)
		}
		if err := s.CheckSchema(ctx); err != nil {
			t.Fatalf("check schema: %v", err)
		}
	})
}

// A Migrate with nothing to apply takes no write lock: it starts while
// another process holds the lock (an import, a migrator) instead of waiting
// for it, and applies nothing.
func TestMigrateUpToDateNeedsNoWriteLock(t *testing.T) {
	for _, d := range storetest.Backends() {
		t.Run(string(d), func(t *testing.T) {
			ctx := context.Background()
			dsn := storetest.DSN(t, d)
			key := storetest.Key()
			first, err := store.Open(ctx, store.Config{DSN: dsn, Key: key, Clock: clock})
			if err != nil {
				t.Fatal(err)
			}
			defer first.Close()
			if ran, err := first.Migrate(ctx); err != nil || len(ran) == 0 {
				t.Fatalf("first migrate ran %v, err %v", ran, err)
			}
			// Another process holds the lock a migration takes.
			driver := map[store.Dialect]string{store.SQLite: "sqlite", store.Postgres: "pgx"}[d]
			raw, err := sql.Open(driver, dsn)
			if err != nil {
				t.Fatal(err)
			}
			defer raw.Close()
			conn, err := raw.Conn(ctx)
			if err != nil {
				t.Fatal(err)
			}
			defer conn.Close()
			lock := map[store.Dialect]string{store.SQLite: "BEGIN IMMEDIATE", store.Postgres: "SELECT pg_advisory_lock(7251013)"}[d]
			if _, err := conn.ExecContext(ctx, lock); err != nil {
				t.Fatal(err)
			}
			second, err := store.Open(ctx, store.Config{DSN: dsn, Key: key, Clock: clock})
			if err != nil {
				t.Fatal(err)
			}
			defer second.Close()
			short, cancel := context.WithTimeout(ctx, 3*time.Second)
			defer cancel()
			ran, err := second.Migrate(short)
			if err != nil || len(ran) != 0 {
				t.Fatalf("migrate while another holds the lock ran %v, err %v; want nothing, at once", ran, err)
			}
			if err := second.CheckSchema(short); err != nil {
				t.Fatal(err)
			}
		})
	}
}

// A migration not yet recorded on a database that has the others is still
// applied, alone, by the next Migrate.
func TestMigrateAppliesWhatIsPending(t *testing.T) {
	storetest.ForEach(t, clock, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		// Undo 0007 (indexes only) and forget it, as on a database made
		// before it existed.
		for _, q := range []string{"DELETE FROM schema_migrations WHERE version = 7",
			"DROP INDEX person_list_country_news", "DROP INDEX person_list_country_arrest",
			"DROP INDEX person_list_status_news", "DROP INDEX person_list_status_arrest",
			"DROP INDEX person_list_classification_name", "DROP INDEX person_list_classification_news",
			"DROP INDEX person_list_classification_arrest", "DROP INDEX person_list_facility_news",
			"DROP INDEX person_list_facility_arrest"} {
			if err := s.ExecForTest(ctx, q); err != nil {
				t.Fatalf("%s: %v", q, err)
			}
		}
		if err := s.CheckSchema(ctx); err == nil {
			t.Fatal("CheckSchema passed with 0007 not applied")
		}
		ran, err := s.Migrate(ctx)
		if err != nil || len(ran) != 1 || ran[0] != "0007_person_list_orders.sql" {
			t.Fatalf("migrate ran %v, err %v; want 0007 alone", ran, err)
		}
		if err := s.CheckSchema(ctx); err != nil {
			t.Fatal(err)
		}
		if err := s.ExecForTest(ctx, "DROP INDEX person_list_facility_arrest"); err != nil {
			t.Errorf("0007's index was not made again: %v", err)
		}
	})
}

func TestCheckSchemaRefusesEmptyDatabase(t *testing.T) {
	for _, d := range storetest.Backends() {
		t.Run(string(d), func(t *testing.T) {
			s, err := store.Open(context.Background(), store.Config{DSN: storetest.DSN(t, d), Key: storetest.Key(), Clock: clock})
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			if err := s.CheckSchema(context.Background()); err == nil || !strings.Contains(err.Error(), "habeas migrate") {
				t.Fatalf("CheckSchema on an empty database = %v, want advice to run habeas migrate", err)
			}
		})
	}
}

func TestPersonRoundTripAndSlugs(t *testing.T) {
	storetest.ForEach(t, clock, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		p := newPerson("Elvin Mustafayev", habeas.Public)
		p.Names = append(p.Names, habeas.PersonName{Name: "Эльвин Мустафаев", Kind: habeas.NameTransliteration, Script: "Cyrl", Lang: "ru"})
		p.BirthYear, p.InternalNotes = 1980, "met his lawyer in May"
		if err := s.CreatePerson(ctx, habeas.Operator, p); err != nil {
			t.Fatal(err)
		}
		if p.Slug != "elvin-mustafayev" {
			t.Errorf("slug = %q, want elvin-mustafayev", p.Slug)
		}
		twin := newPerson("Elvin Mustafayev", habeas.Public)
		if err := s.CreatePerson(ctx, habeas.Operator, twin); err != nil {
			t.Fatal(err)
		}
		if twin.Slug != "elvin-mustafayev-2" {
			t.Errorf("second slug = %q, want elvin-mustafayev-2", twin.Slug)
		}
		twin.Slug = p.Slug
		if err := s.UpdatePerson(ctx, habeas.Operator, twin); habeas.ErrorCode(err) != habeas.ECONFLICT {
			t.Errorf("taking a used slug: err %v, want conflict", err)
		}

		got, err := s.PersonBySlug(ctx, habeas.Internal, "elvin-mustafayev")
		if err != nil {
			t.Fatal(err)
		}
		if len(got.Names) != 2 || got.Names[1].Name != "Эльвин Мустафаев" || got.BirthYear != 1980 || got.InternalNotes != "met his lawyer in May" {
			t.Errorf("staff read back %+v", got)
		}
		pub, err := s.Person(ctx, habeas.Public, p.ID)
		if err != nil {
			t.Fatal(err)
		}
		if pub.InternalNotes != "" {
			t.Errorf("public read sees internal notes %q", pub.InternalNotes)
		}
		if err := s.DeletePerson(ctx, habeas.Operator, p.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Person(ctx, habeas.Internal, p.ID); habeas.ErrorCode(err) != habeas.ENOTFOUND {
			t.Errorf("deleted person: err %v, want not found", err)
		}
		if err := s.DeletePerson(ctx, habeas.Operator, p.ID); habeas.ErrorCode(err) != habeas.ENOTFOUND {
			t.Errorf("deleting twice: err %v, want not found", err)
		}
	})
}

// Bad input gets an error naming the field, and nothing is written.
func TestInvalidWritesChangeNothing(t *testing.T) {
	storetest.ForEach(t, clock, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		demoStore(t, s)
		before := counts(t, s)
		p, _ := s.PersonBySlug(ctx, habeas.Internal, demo.PersonSlug)
		cases, _ := s.ListCases(ctx, habeas.Internal, habeas.CaseFilter{PersonID: p.ID})
		caseID := cases.Items[0].ID
		tests := []struct {
			name  string
			write func() error
			field string
		}{
			{"unknown status", func() error {
				return s.CreateCase(ctx, habeas.Operator, &habeas.Case{PersonID: p.ID, Country: "AZ", Status: "vanished", Classification: "at_risk", Position: "denies"})
			}, "status"},
			{"release before arrest", func() error {
				return s.CreateCase(ctx, habeas.Operator, &habeas.Case{PersonID: p.ID, Country: "AZ", Status: "detained", Classification: "at_risk",
					Position: "denies", ArrestDate: "2023-08", ExpectedRelease: "2022-01-01"})
			}, "expected_release"},
			{"impossible date", func() error {
				return s.CreateEvent(ctx, habeas.Operator, &habeas.Event{CaseID: caseID, Kind: "hearing", Date: "2024-02-30"})
			}, "date"},
			{"event of no case", func() error {
				return s.CreateEvent(ctx, habeas.Operator, &habeas.Event{CaseID: 99999, Kind: "hearing", Date: "2024-02-03"})
			}, "case_id"},
			{"citing no source", func() error {
				return s.CreateEvent(ctx, habeas.Operator, &habeas.Event{CaseID: caseID, Kind: "hearing", Date: "2024-02-03", SourceIDs: []int64{424242}})
			}, "source_ids"},
			{"membership pointing at nothing", func() error {
				return s.CreateMembership(ctx, habeas.Operator, &habeas.Membership{PersonID: p.ID, OrganizationID: 777})
			}, "organization_id"},
			{"invalid UTF-8 name", func() error { return s.CreatePerson(ctx, habeas.Operator, newPerson("Elvin \xff", habeas.Public)) }, "names[0].name"},
			{"control character", func() error { return s.CreatePerson(ctx, habeas.Operator, newPerson("Elvin\x00", habeas.Public)) }, "names[0].name"},
			{"lower-case country", func() error {
				x := newPerson("Someone", habeas.Public)
				x.Country = "az"
				return s.CreatePerson(ctx, habeas.Operator, x)
			}, "country"},
			{"answer date while unanswered", func() error {
				return s.CreateIntervention(ctx, habeas.Operator, &habeas.Intervention{CaseID: caseID, Kind: "inquiry", Sender: "a", Recipient: "b",
					AnswerStatus: "none", AnsweredOn: "2025-05-01"})
			}, "answered_on"},
		}
		for _, tc := range tests {
			err := tc.write()
			if habeas.ErrorCode(err) != habeas.EINVALID {
				t.Errorf("%s: err %v, want invalid", tc.name, err)
				continue
			}
			if _, ok := habeas.ErrorFields(err)[tc.field]; !ok {
				t.Errorf("%s: fields %v do not name %s", tc.name, habeas.ErrorFields(err), tc.field)
			}
		}
		if after := counts(t, s); after != before {
			t.Errorf("rows changed by rejected writes: before %v, after %v", before, after)
		}
	})
}

// counts returns the number of rows of every table, as a string to compare.
func counts(t *testing.T, s *store.Store) string {
	t.Helper()
	ctx := context.Background()
	var b strings.Builder
	people, err := s.ListPeople(ctx, habeas.Confidential, habeas.PeopleFilter{ListOptions: habeas.ListOptions{Limit: habeas.MaxLimit}})
	if err != nil {
		t.Fatal(err)
	}
	cases, _ := s.ListCases(ctx, habeas.Confidential, habeas.CaseFilter{ListOptions: habeas.ListOptions{Limit: habeas.MaxLimit}})
	events := 0
	for _, c := range cases.Items {
		tl, _ := s.Timeline(ctx, habeas.Confidential, c.ID)
		events += len(tl)
	}
	ms, _ := s.ListMemberships(ctx, habeas.Confidential, habeas.MembershipFilter{ListOptions: habeas.ListOptions{Limit: habeas.MaxLimit}})
	ivs, _ := s.ListInterventions(ctx, habeas.Confidential, habeas.InterventionFilter{ListOptions: habeas.ListOptions{Limit: habeas.MaxLimit}})
	posts, _ := s.ListPosts(ctx, habeas.Confidential, habeas.PostFilter{ListOptions: habeas.ListOptions{Limit: habeas.MaxLimit}})
	fmt.Fprintf(&b, "people=%d cases=%d events=%d memberships=%d interventions=%d posts=%d",
		len(people.Items), len(cases.Items), events, len(ms.Items), len(ivs.Items), len(posts.Items))
	for _, p := range posts.Items {
		fmt.Fprintf(&b, " %q/%s/%d/%v/%v", p.Title, p.Lang, p.TranslationOf, p.PersonIDs, p.SourceIDs)
	}
	return b.String()
}

func TestVisibilityIsEnforcedInQueries(t *testing.T) {
	storetest.ForEach(t, clock, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		demoStore(t, s)
		p, _ := s.PersonBySlug(ctx, habeas.Public, demo.PersonSlug)
		cases, _ := s.ListCases(ctx, habeas.Public, habeas.CaseFilter{PersonID: p.ID})
		c := cases.Items[0]

		hidden := newPerson("Hidden Witness", habeas.Internal)
		if err := s.CreatePerson(ctx, habeas.Operator, hidden); err != nil {
			t.Fatal(err)
		}
		secretPlace := &habeas.Facility{Name: "Secret Site", Kind: "unknown", Country: "AZ", Visibility: habeas.Internal}
		if err := s.CreateFacility(ctx, habeas.Operator, secretPlace); err != nil {
			t.Fatal(err)
		}
		src := &habeas.Source{Kind: "testimony", Title: "Call with a relative", Reliability: "reliable",
			Identity: "Aunt, +994 55 000 00 00", Visibility: habeas.Confidential}
		if err := s.CreateSource(ctx, habeas.Operator, src); err != nil {
			t.Fatal(err)
		}
		visit := &habeas.Event{CaseID: c.ID, Kind: habeas.EventFamilyVisit, Date: "2025-05-14", FacilityID: secretPlace.ID,
			Summary: "His aunt saw him", SourceIDs: []int64{src.ID}, Visibility: habeas.Internal}
		if err := s.CreateEvent(ctx, habeas.Operator, visit); err != nil {
			t.Fatal(err)
		}

		if _, err := s.Person(ctx, habeas.Public, hidden.ID); habeas.ErrorCode(err) != habeas.ENOTFOUND {
			t.Errorf("internal person visible to the public: %v", err)
		}
		if _, err := s.Facility(ctx, habeas.Public, secretPlace.ID); habeas.ErrorCode(err) != habeas.ENOTFOUND {
			t.Errorf("internal facility visible to the public: %v", err)
		}
		pub, _ := s.Timeline(ctx, habeas.Public, c.ID)
		for _, e := range pub {
			if e.ID == visit.ID {
				t.Errorf("internal event in the public timeline")
			}
		}
		staff, _ := s.Timeline(ctx, habeas.Internal, c.ID)
		found := false
		for _, e := range staff {
			if e.ID == visit.ID {
				found = true
				if len(e.SourceIDs) != 0 || e.WithheldSources != 1 {
					t.Errorf("staff without confidential access: sources %v withheld %d, want none and 1", e.SourceIDs, e.WithheldSources)
				}
			}
		}
		if !found {
			t.Errorf("staff timeline lacks the internal event")
		}
		if _, err := s.Source(ctx, habeas.Internal, src.ID); habeas.ErrorCode(err) != habeas.ENOTFOUND {
			t.Errorf("confidential source visible at internal access: %v", err)
		}
		got, err := s.Source(ctx, habeas.Confidential, src.ID)
		if err != nil || got.Identity != "Aunt, +994 55 000 00 00" {
			t.Errorf("confidential reader gets identity %q, err %v", got.Identity, err)
		}

		// The public list still says whereabouts unknown: the visit is internal.
		list, err := s.ListPeople(ctx, habeas.Public, habeas.PeopleFilter{})
		if err != nil {
			t.Fatal(err)
		}
		for _, it := range list.Items {
			if it.Name == "Hidden Witness" {
				t.Errorf("internal person in the public list")
			}
			if it.Slug == demo.PersonSlug && (!it.WhereaboutsUnknown || it.FacilityID != 0) {
				t.Errorf("public list reveals the internal visit: %+v", it)
			}
		}
	})
}

func TestConfidentialFieldsAreEncryptedAtRest(t *testing.T) {
	for _, d := range storetest.Backends() {
		t.Run(string(d), func(t *testing.T) {
			dsn := storetest.DSN(t, d)
			ctx := context.Background()
			s, err := store.Open(ctx, store.Config{DSN: dsn, Key: storetest.Key(), Clock: clock})
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			if _, err := s.Migrate(ctx); err != nil {
				t.Fatal(err)
			}
			secret := "Brother, lives at 12 Nizami street"
			if err := s.CreateSource(ctx, habeas.Operator, &habeas.Source{Kind: "testimony", Title: "t", Reliability: "reliable",
				Identity: secret, Visibility: habeas.Confidential}); err != nil {
				t.Fatal(err)
			}
			driver := map[store.Dialect]string{store.SQLite: "sqlite", store.Postgres: "pgx"}[d]
			raw, err := sql.Open(driver, dsn)
			if err != nil {
				t.Fatal(err)
			}
			defer raw.Close()
			var sealed []byte
			if err := raw.QueryRow("SELECT identity_sealed FROM sources").Scan(&sealed); err != nil {
				t.Fatal(err)
			}
			if len(sealed) == 0 || strings.Contains(string(sealed), "Nizami") {
				t.Errorf("identity stored in the clear or not at all: %q", sealed)
			}
			// Another key is refused before it reads or seals anything.
			other, err := store.Open(ctx, store.Config{DSN: dsn, Key: storetest.Key(), Clock: clock})
			if err != nil {
				t.Fatal(err)
			}
			defer other.Close()
			if err := other.CheckSchema(ctx); !errors.Is(err, store.ErrWrongKey) {
				t.Errorf("a store with the wrong key: %v, want ErrWrongKey", err)
			}
		})
	}
}

func TestListPeopleFiltersSortsAndPages(t *testing.T) {
	storetest.ForEach(t, clock, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		demoStore(t, s)
		union, _ := s.OrganizationBySlug(ctx, habeas.Public, demo.OrganizationSlug)
		colony, _ := s.FacilityBySlug(ctx, habeas.Public, demo.FacilitySlug)
		names := func(f habeas.PeopleFilter) []string {
			t.Helper()
			page, err := s.ListPeople(ctx, habeas.Public, f)
			if err != nil {
				t.Fatalf("list %+v: %v", f, err)
			}
			var out []string
			for _, p := range page.Items {
				out = append(out, p.Name)
			}
			return out
		}
		tests := []struct {
			name   string
			filter habeas.PeopleFilter
			want   string
		}{
			{"all by name", habeas.PeopleFilter{}, "Afieddin Mammadov,Aykhan Israfilov,Elvin Mustafayev,Mohyaddin Orujov,Tofig Yagublu"},
			{"members of the union", habeas.PeopleFilter{OrganizationID: union.ID}, "Afieddin Mammadov,Aykhan Israfilov,Elvin Mustafayev,Mohyaddin Orujov"},
			{"members of the union, longest detained first", habeas.PeopleFilter{OrganizationID: union.ID, Sort: "detention", ListOptions: habeas.ListOptions{Limit: 1}}, "Elvin Mustafayev"},
			{"sentenced members of the union", habeas.PeopleFilter{OrganizationID: union.ID, Status: "sentenced"}, "Elvin Mustafayev"},
			{"a name in another script", habeas.PeopleFilter{Q: "Мустафаев"}, "Elvin Mustafayev"},
			{"a name among the union's members", habeas.PeopleFilter{Q: "Mammadov", OrganizationID: union.ID}, "Afieddin Mammadov"},
			{"sentenced", habeas.PeopleFilter{Status: "sentenced"}, "Elvin Mustafayev"},
			{"charge words", habeas.PeopleFilter{Charge: "DRUG"}, "Elvin Mustafayev"},
			{"other country", habeas.PeopleFilter{Country: "BY"}, ""},
			{"longest detained first", habeas.PeopleFilter{Sort: "detention", ListOptions: habeas.ListOptions{Limit: 1}}, "Elvin Mustafayev"},
			{"longest silence first", habeas.PeopleFilter{Sort: "news", ListOptions: habeas.ListOptions{Limit: 1}}, "Elvin Mustafayev"},
			// He was moved to an undisclosed place: the facility no longer lists him.
			{"held at the colony", habeas.PeopleFilter{FacilityID: colony.ID}, ""},
		}
		for _, tc := range tests {
			if got := strings.Join(names(tc.filter), ","); got != tc.want {
				t.Errorf("%s: got %q, want %q", tc.name, got, tc.want)
			}
		}

		// Paging two at a time visits everyone once, in order.
		var seen []string
		f := habeas.PeopleFilter{ListOptions: habeas.ListOptions{Limit: 2}}
		for i := 0; i < 10; i++ {
			page, err := s.ListPeople(ctx, habeas.Public, f)
			if err != nil {
				t.Fatal(err)
			}
			for _, p := range page.Items {
				seen = append(seen, p.Name)
			}
			if page.NextCursor == "" {
				break
			}
			f.Cursor = page.NextCursor
		}
		if got, want := strings.Join(seen, ","), "Afieddin Mammadov,Aykhan Israfilov,Elvin Mustafayev,Mohyaddin Orujov,Tofig Yagublu"; got != want {
			t.Errorf("paged: %s, want %s", got, want)
		}
		for _, bad := range []string{"garbage", "W10", "aW5qZWN0"} {
			_, err := s.ListPeople(ctx, habeas.Public, habeas.PeopleFilter{ListOptions: habeas.ListOptions{Cursor: bad}})
			if habeas.ErrorCode(err) != habeas.EBADREQUEST {
				t.Errorf("cursor %q: err %v, want bad request", bad, err)
			}
		}
		if _, err := s.ListPeople(ctx, habeas.Public, habeas.PeopleFilter{Status: "missing"}); habeas.ErrorCode(err) != habeas.EINVALID {
			t.Errorf("unknown status filter: err %v, want invalid", err)
		}
	})
}

func TestSeedCaseInTheList(t *testing.T) {
	storetest.ForEach(t, clock, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		demoStore(t, s)
		page, err := s.ListPeople(ctx, habeas.Public, habeas.PeopleFilter{})
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range page.Items {
			if p.Slug != demo.PersonSlug {
				continue
			}
			if p.DaysWithoutNews < 8 || !p.WhereaboutsUnknown || p.Status != habeas.StatusSentenced {
				t.Errorf("seed case in the list: %+v", p)
			}
			return
		}
		t.Fatal("seed person not listed")
	})
}

func TestDeleteReferencedFacilityConflicts(t *testing.T) {
	storetest.ForEach(t, clock, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		demoStore(t, s)
		colony, _ := s.FacilityBySlug(ctx, habeas.Public, demo.FacilitySlug)
		if err := s.DeleteFacility(ctx, habeas.Operator, colony.ID); habeas.ErrorCode(err) != habeas.ECONFLICT {
			t.Errorf("deleting a facility cases refer to: err %v, want conflict", err)
		}
		if _, err := s.Facility(ctx, habeas.Public, colony.ID); err != nil {
			t.Errorf("facility gone after a refused delete: %v", err)
		}
	})
}

// Many writers at once queue; none sees "database is locked".
func TestConcurrentWritesAndReads(t *testing.T) {
	storetest.ForEach(t, clock, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		var wg sync.WaitGroup
		errs := make(chan error, 200)
		for i := 0; i < 8; i++ {
			wg.Add(2)
			go func() {
				defer wg.Done()
				for j := 0; j < 10; j++ {
					errs <- s.CreatePerson(ctx, habeas.Operator, newPerson(fmt.Sprintf("Writer %d %d", i, j), habeas.Public))
				}
			}()
			go func() {
				defer wg.Done()
				for j := 0; j < 10; j++ {
					_, err := s.ListPeople(ctx, habeas.Public, habeas.PeopleFilter{})
					errs <- err
				}
			}()
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			if err != nil {
				t.Fatalf("concurrent access: %v", err)
			}
		}
		page, _ := s.ListPeople(ctx, habeas.Public, habeas.PeopleFilter{ListOptions: habeas.ListOptions{Limit: 500}})
		if len(page.Items) != 80 {
			t.Errorf("%d people after 80 concurrent creates", len(page.Items))
		}
	})
}

func TestTokens(t *testing.T) {
	storetest.ForEach(t, clock, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		u := &habeas.User{Email: "editor@example.org", Role: habeas.RoleEditor}
		if err := s.CreateUser(ctx, u); err != nil {
			t.Fatal(err)
		}
		if err := s.CreateUser(ctx, &habeas.User{Email: "editor@example.org", Role: habeas.RoleAdmin}); habeas.ErrorCode(err) != habeas.ECONFLICT {
			t.Errorf("duplicate e-mail: err %v, want conflict", err)
		}
		tok, err := s.CreateToken(ctx, u.ID)
		if err != nil {
			t.Fatal(err)
		}
		got, err := s.UserByToken(ctx, tok)
		if err != nil || got.Email != u.Email {
			t.Fatalf("user by token: %+v, %v", got, err)
		}
		for _, bad := range []string{"", "habeas_nope", tok + "x", strings.ToUpper(tok)} {
			if _, err := s.UserByToken(ctx, bad); habeas.ErrorCode(err) != habeas.EUNAUTHORIZED {
				t.Errorf("token %q: err %v, want unauthorized", bad, err)
			}
		}
	})
}

func TestPeopleCounts(t *testing.T) {
	storetest.ForEach(t, clock, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		demoStore(t, s)
		held, unknown, strike, err := s.PeopleCounts(ctx, habeas.Public)
		if err != nil || held != 5 || unknown != 1 || strike != 1 {
			t.Errorf("counts: held %d, unknown %d, hunger strike %d, err %v; want 5, 1, 1", held, unknown, strike, err)
		}
		// The strike ends: the count follows at once.
		p, _ := s.PersonBySlug(ctx, habeas.Public, demo.PersonSlug)
		cases, _ := s.ListCases(ctx, habeas.Public, habeas.CaseFilter{PersonID: p.ID})
		end := &habeas.Event{CaseID: cases.Items[0].ID, Kind: habeas.EventHungerStrikeEnd, Date: "2025-05-15"}
		if err := s.CreateEvent(ctx, habeas.Operator, end); err != nil {
			t.Fatal(err)
		}
		if _, _, strike, _ := s.PeopleCounts(ctx, habeas.Public); strike != 0 {
			t.Errorf("hunger strikes after the end: %d", strike)
		}
		// Refreshing everything gives the same answer.
		if err := s.RefreshDerived(ctx); err != nil {
			t.Fatal(err)
		}
		if held2, unknown2, strike2, _ := s.PeopleCounts(ctx, habeas.Public); held2 != 5 || unknown2 != 1 || strike2 != 0 {
			t.Errorf("after a full refresh: %d %d %d", held2, unknown2, strike2)
		}
	})
}

// A timeline longer than one page comes back whole, in timeline order.
func TestLongTimeline(t *testing.T) {
	storetest.ForEach(t, clock, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		p := newPerson("Long Timeline", habeas.Public)
		if err := s.CreatePerson(ctx, habeas.Operator, p); err != nil {
			t.Fatal(err)
		}
		c := &habeas.Case{PersonID: p.ID, Country: "AZ", Status: "detained", Classification: "at_risk", Position: "unknown", Charges: []habeas.Charge{}}
		if err := s.CreateCase(ctx, habeas.Operator, c); err != nil {
			t.Fatal(err)
		}
		n := habeas.MaxLimit + 20
		for i := n - 1; i >= 0; i-- { // entered newest first
			day := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i).Format(time.DateOnly)
			if err := s.CreateEvent(ctx, habeas.Operator, &habeas.Event{CaseID: c.ID, Kind: habeas.EventLetter, Date: day}); err != nil {
				t.Fatal(err)
			}
		}
		tl, err := s.Timeline(ctx, habeas.Public, c.ID)
		if err != nil || len(tl) != n {
			t.Fatalf("timeline: %d events, %v; want %d", len(tl), err, n)
		}
		if tl[0].Date != "2020-01-01" || tl[n-1].Date <= tl[n-2].Date {
			t.Errorf("timeline out of order: first %s, last two %s %s", tl[0].Date, tl[n-2].Date, tl[n-1].Date)
		}
	})
}

// The charge filter takes the user's words literally: % and _ are no
// wildcards, and a backslash is a backslash.
func TestChargeFilterIsLiteral(t *testing.T) {
	storetest.ForEach(t, clock, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		for _, pc := range []struct{ name, article, text string }{
			{"Percent Person", "179.3", "embezzling 100% of the funds"},
			{"Underscore Person", "221.2", "posting under the name free_speech"},
			{"Backslash Person", "233", `writing C:\samizdat`},
			{"Plain Person", "228.2", "drug trafficking"},
		} {
			p := newPerson(pc.name, habeas.Public)
			if err := s.CreatePerson(ctx, habeas.Operator, p); err != nil {
				t.Fatal(err)
			}
			c := &habeas.Case{PersonID: p.ID, Country: "AZ", Status: "detained", Classification: "at_risk",
				Position: "unknown", Charges: []habeas.Charge{{Article: pc.article, Text: pc.text}}}
			if err := s.CreateCase(ctx, habeas.Operator, c); err != nil {
				t.Fatal(err)
			}
		}
		for charge, want := range map[string]string{
			"%":       "Percent Person",
			"100%":    "Percent Person",
			"_":       "Underscore Person",
			"free_sp": "Underscore Person",
			`\`:       "Backslash Person",
			`\s`:      "Backslash Person",
			"%drug%":  "",
			"d_ug":    "",
			"DRUG":    "Plain Person",
			"233":     "Backslash Person",
			"":        "Backslash Person,Percent Person,Plain Person,Underscore Person",
		} {
			page, err := s.ListPeople(ctx, habeas.Public, habeas.PeopleFilter{Charge: charge})
			if err != nil {
				t.Fatalf("charge %q: %v", charge, err)
			}
			var got []string
			for _, p := range page.Items {
				got = append(got, p.Name)
			}
			if g := strings.Join(got, ","); g != want {
				t.Errorf("charge %q: got %q, want %q", charge, g, want)
			}
		}
	})
}
