package store_test

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strconv"
	"testing"
	"time"

	"codeberg.org/habeas/habeas"
	"codeberg.org/habeas/habeas/store"
	"codeberg.org/habeas/habeas/store/storetest"
)

// A batch keeps the times its records carry (an import reproduces an
// export); a single create stamps now whatever it is given, and a batch
// stamps now where a record carries no time.
func TestBatchKeepsRecordTimes(t *testing.T) {
	storetest.ForEach(t, clock, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		op := habeas.Operator
		made := time.Date(2024, 2, 3, 4, 5, 6, 789000000, time.UTC)
		edited := made.Add(49 * time.Hour)
		now := clock.Now().UTC()

		given := newPerson("Given Times", habeas.Public)
		given.CreatedAt, given.UpdatedAt = made, edited
		if err := s.CreatePerson(ctx, op, given); err != nil {
			t.Fatal(err)
		}
		if got, _ := s.Person(ctx, habeas.Public, given.ID); !got.CreatedAt.Equal(now) || !got.UpdatedAt.Equal(now) {
			t.Errorf("a single create kept the times it was given: %v, %v; want now (%v)", got.CreatedAt, got.UpdatedAt, now)
		}

		var p, bare *habeas.Person
		var c *habeas.Case
		var e *habeas.Event
		var src *habeas.Source
		var f *habeas.Facility
		var o *habeas.Organization
		var iv *habeas.Intervention
		err := s.InBatch(ctx, op, func(b habeas.Batch) error {
			f = &habeas.Facility{Name: "Colony", Kind: "colony", Country: "AZ", CreatedAt: made, UpdatedAt: edited}
			o = &habeas.Organization{Name: "Union", Kind: "trade_union", Country: "AZ", CreatedAt: made, UpdatedAt: edited}
			src = &habeas.Source{Kind: "article", Title: "Post", Reliability: "reliable", CreatedAt: made, UpdatedAt: edited}
			p = newPerson("Kept Times", habeas.Public)
			p.CreatedAt, p.UpdatedAt = made, edited
			bare = newPerson("No Times", habeas.Public)
			for _, create := range []func() error{
				func() error { return b.CreateFacility(f) },
				func() error { return b.CreateOrganization(o) },
				func() error { return b.CreateSource(src) },
				func() error { return b.CreatePerson(p) },
				func() error { return b.CreatePerson(bare) },
			} {
				if err := create(); err != nil {
					return err
				}
			}
			c = &habeas.Case{PersonID: p.ID, Country: "AZ", Status: habeas.StatusDetained, ArrestDate: "2023-08",
				Classification: "not_assessed", Position: "denies", FacilityID: f.ID, CreatedAt: made, UpdatedAt: edited}
			if err := b.CreateCase(c); err != nil {
				return err
			}
			e = &habeas.Event{CaseID: c.ID, Kind: habeas.EventArrest, Date: "2023-08", SourceIDs: []int64{src.ID},
				CreatedAt: made, UpdatedAt: edited}
			if err := b.CreateEvent(e); err != nil {
				return err
			}
			iv = &habeas.Intervention{CaseID: c.ID, Kind: "inquiry", Sender: "Family", Recipient: "Prosecutor",
				AnswerStatus: "none", CreatedAt: made, UpdatedAt: edited}
			return b.CreateIntervention(iv)
		})
		if err != nil {
			t.Fatal(err)
		}
		a := habeas.Confidential
		check := func(what string, created, updated time.Time, err error) {
			t.Helper()
			if err != nil {
				t.Fatalf("%s: %v", what, err)
			}
			// PostgreSQL keeps microseconds: made has none finer.
			if !created.Equal(made) || !updated.Equal(edited) {
				t.Errorf("%s: stored times %v, %v; want %v, %v", what, created, updated, made, edited)
			}
		}
		gp, err := s.Person(ctx, a, p.ID)
		check("person", gp.CreatedAt, gp.UpdatedAt, err)
		gc, err := s.Case(ctx, a, c.ID)
		check("case", gc.CreatedAt, gc.UpdatedAt, err)
		ge, err := s.Event(ctx, a, e.ID)
		check("event", ge.CreatedAt, ge.UpdatedAt, err)
		gs, err := s.Source(ctx, a, src.ID)
		check("source", gs.CreatedAt, gs.UpdatedAt, err)
		gf, err := s.Facility(ctx, a, f.ID)
		check("facility", gf.CreatedAt, gf.UpdatedAt, err)
		gorg, err := s.Organization(ctx, a, o.ID)
		check("organization", gorg.CreatedAt, gorg.UpdatedAt, err)
		giv, err := s.Intervention(ctx, a, iv.ID)
		check("intervention", giv.CreatedAt, giv.UpdatedAt, err)
		if gb, _ := s.Person(ctx, a, bare.ID); !gb.CreatedAt.Equal(now) || !gb.UpdatedAt.Equal(now) {
			t.Errorf("a batch record without times got %v, %v; want now (%v)", gb.CreatedAt, gb.UpdatedAt, now)
		}
	})
}

// A batch writes the rows of names, charges, events and citations many to
// a statement. Every row arrives, in its order, whether it ended a full
// statement or not, and what the batch reads back in the same transaction
// (the case's derived state, the lists) already counts them. On PostgreSQL
// a single write by another connection in the middle of the batch gets an
// id of its own.
func TestBatchHeldRowsAllArrive(t *testing.T) {
	storetest.ForEach(t, clock, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		op := habeas.Operator
		const events = 700 // more than two full statements, and a remainder
		var c *habeas.Case
		var other *habeas.Event
		var srcs [3]*habeas.Source
		err := s.InBatch(ctx, op, func(b habeas.Batch) error {
			p := newPerson("Held Rows", habeas.Public)
			p.Names = append(p.Names, habeas.PersonName{Name: "Хелд Роуз", Kind: habeas.NameTransliteration, Script: "Cyrl", Visibility: habeas.Public})
			if err := b.CreatePerson(p); err != nil {
				return err
			}
			for i := range srcs {
				srcs[i] = &habeas.Source{Kind: "article", Title: "Post " + strconv.Itoa(i), Reliability: "reliable", Visibility: habeas.Public}
				if err := b.CreateSource(srcs[i]); err != nil {
					return err
				}
			}
			c = &habeas.Case{PersonID: p.ID, Country: "AZ", Status: habeas.StatusDetained, ArrestDate: "2023-08-01",
				Classification: "not_assessed", Position: "denies", Visibility: habeas.Public,
				Charges: []habeas.Charge{{Article: "228.2", Text: "drugs"}, {Article: "206.3.2", Text: "smuggling"}}}
			if err := b.CreateCase(c); err != nil {
				return err
			}
			for i := range events {
				day := time.Date(2023, 8, 2, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i/3)
				e := &habeas.Event{CaseID: c.ID, Kind: habeas.EventNews, Date: day.Format(time.DateOnly),
					Summary: "Report " + strconv.Itoa(i), Visibility: habeas.Public,
					SourceIDs: []int64{srcs[i%3].ID, srcs[(i+1)%3].ID}}
				if err := b.CreateEvent(e); err != nil {
					return err
				}
				if i == events/2 && s.Dialect() == store.Postgres {
					other = &habeas.Event{CaseID: 0, Kind: habeas.EventNews, Date: "2023-08-01", Summary: "Elsewhere", Visibility: habeas.Public}
					other.CaseID = otherCase(t, s)
					if err := s.CreateEvent(ctx, op, other); err != nil {
						t.Errorf("a write beside the batch: %v", err)
					}
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		tl, err := s.Timeline(ctx, habeas.Public, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(tl) != events {
			t.Fatalf("timeline has %d events, want %d", len(tl), events)
		}
		seen := map[int64]bool{}
		for i, e := range tl {
			if want := "Report " + strconv.Itoa(i); e.Summary != want {
				t.Fatalf("event %d is %q, want %q", i, e.Summary, want)
			}
			if len(e.SourceIDs) != 2 || e.SourceIDs[0] != srcs[i%3].ID || e.SourceIDs[1] != srcs[(i+1)%3].ID {
				t.Fatalf("event %d cites %v, want %d then %d", i, e.SourceIDs, srcs[i%3].ID, srcs[(i+1)%3].ID)
			}
			if seen[e.ID] || other != nil && e.ID == other.ID {
				t.Fatalf("event id %d given twice", e.ID)
			}
			seen[e.ID] = true
		}
		got, err := s.Case(ctx, habeas.Public, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(got.Charges) != 2 || got.Charges[1].Article != "206.3.2" {
			t.Errorf("charges %+v, want both in order", got.Charges)
		}
		cands, err := s.Candidates(ctx, habeas.Public, "Хелд Роуз", 0.85, 5)
		if err != nil || len(cands) != 1 {
			t.Errorf("candidates for the Cyrillic name: %v, %v; want the person", cands, err)
		}
		if err := s.VerifyLists(ctx); err != nil {
			t.Errorf("lists after the batch: %v", err)
		}
		// The last news is the last event's day, which the case's derived
		// state, computed inside the batch, saw.
		last := time.Date(2023, 8, 2, 0, 0, 0, 0, time.UTC).AddDate(0, 0, (events-1)/3)
		want := int(clock.Now().Sub(last).Hours() / 24)
		page, err := s.ListPeople(ctx, habeas.Public, habeas.PeopleFilter{Q: "Held Rows"})
		if err != nil || len(page.Items) != 1 {
			t.Fatalf("list: %v, %v", page.Items, err)
		}
		if got := page.Items[0].DaysWithoutNews; got != want {
			t.Errorf("days without news %d, want %d (since the last event, %s)", got, want, last.Format(time.DateOnly))
		}
	})
}

// otherCase creates, outside any batch, a case to write beside one.
func otherCase(t *testing.T, s *store.Store) int64 {
	ctx := context.Background()
	p := newPerson("Beside The Batch", habeas.Public)
	if err := s.CreatePerson(ctx, habeas.Operator, p); err != nil {
		t.Fatal(err)
	}
	c := &habeas.Case{PersonID: p.ID, Country: "AZ", Status: habeas.StatusDetained, ArrestDate: "2023-08-01",
		Classification: "not_assessed", Position: "denies", Visibility: habeas.Public}
	if err := s.CreateCase(ctx, habeas.Operator, c); err != nil {
		t.Fatal(err)
	}
	return c.ID
}

// A batch that writes to cases far apart derives each of them, and only
// them, as a single write would: the public sees the news a batch adds,
// never what an internal event says.
func TestBatchDerivesScatteredCases(t *testing.T) {
	storetest.ForEach(t, clock, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		indexes, err := s.ListIndexes(ctx)
		if err != nil || len(indexes) < 10 {
			t.Fatalf("indexes of the lists: %v, %v", indexes, err)
		}
		defer store.SetBulkRelistAt(100)() // the first batch builds the lists' indexes anew
		var cases []int64
		err = s.InBatch(ctx, habeas.Operator, func(b habeas.Batch) error {
			for i := range 520 { // ids further apart than one chunk reads
				p := newPerson("Scattered "+strconv.Itoa(i), habeas.Public)
				if err := b.CreatePerson(p); err != nil {
					return err
				}
				c := &habeas.Case{PersonID: p.ID, Country: "AZ", Status: habeas.StatusDetained, ArrestDate: "2023-08-01",
					Classification: "not_assessed", Position: "denies", Visibility: habeas.Public}
				if err := b.CreateCase(c); err != nil {
					return err
				}
				cases = append(cases, c.ID)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if again, err := s.ListIndexes(ctx); err != nil || !slices.Equal(again, indexes) {
			t.Fatalf("indexes after a bulk batch: %v, %v; want %v", again, err, indexes)
		}
		first, near, far := cases[0], cases[518], cases[519]
		err = s.InBatch(ctx, habeas.Operator, func(b habeas.Batch) error {
			for _, e := range []*habeas.Event{
				{CaseID: first, Kind: habeas.EventNews, Date: "2024-01-10", Summary: "Seen in court", Visibility: habeas.Public},
				{CaseID: near, Kind: habeas.EventHungerStrikeStart, Date: "2024-02-01", Summary: "Refuses food", Visibility: habeas.Public},
				{CaseID: far, Kind: habeas.EventNews, Date: "2024-03-05", Summary: "Told staff only", Visibility: habeas.Internal},
			} {
				if err := b.CreateEvent(e); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if err := s.VerifyDerived(ctx); err != nil {
			t.Error(err)
		}
		if err := s.VerifyLists(ctx); err != nil {
			t.Error(err)
		}
		seen := map[int64]habeas.PersonSummary{}
		f := habeas.PeopleFilter{ListOptions: habeas.ListOptions{Limit: habeas.MaxLimit}}
		for {
			page, err := s.ListPeople(ctx, habeas.Public, f)
			if err != nil {
				t.Fatal(err)
			}
			for _, p := range page.Items {
				seen[p.CaseID] = p
			}
			if f.Cursor = page.NextCursor; f.Cursor == "" {
				break
			}
		}
		days := func(day string) int {
			d, _ := time.Parse(time.DateOnly, day)
			return int(clock.Now().Sub(d).Hours() / 24)
		}
		untouched := seen[cases[1]].DaysWithoutNews
		for _, tc := range []struct {
			id   int64
			want int
		}{{first, days("2024-01-10")}, {near, days("2024-02-01")}, {far, untouched}} {
			if got := seen[tc.id].DaysWithoutNews; got != tc.want {
				t.Errorf("case %d: %d days without news, want %d", tc.id, got, tc.want)
			}
		}
		if _, _, strike, err := s.PeopleCounts(ctx, habeas.Public); err != nil || strike != 1 {
			t.Errorf("%d on hunger strike (%v), want 1", strike, err)
		}
	})
}

// A batch gives each new record a slug nobody has: not another record's,
// not the old address of a merged person, not one it gave itself; a slug
// it is asked for that is taken is refused, and the batch writes nothing.
func TestBatchSlugsAreFree(t *testing.T) {
	storetest.ForEach(t, clock, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		op := habeas.Operator
		kept, merged := newPerson("Same Name", habeas.Public), newPerson("Old Address", habeas.Public)
		for _, p := range []*habeas.Person{kept, merged} {
			if err := s.CreatePerson(ctx, op, p); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := s.MergePeople(ctx, op, kept.ID, merged.ID); err != nil {
			t.Fatal(err)
		}
		var made []*habeas.Person
		o := &habeas.Organization{Name: "Same Name", Kind: "ngo", Country: "AZ", Visibility: habeas.Public}
		err := s.InBatch(ctx, op, func(b habeas.Batch) error {
			for _, name := range []string{"Same Name", "Same Name", "Old Address"} {
				p := newPerson(name, habeas.Public)
				if err := b.CreatePerson(p); err != nil {
					return err
				}
				made = append(made, p)
			}
			return b.CreateOrganization(o)
		})
		if err != nil {
			t.Fatal(err)
		}
		for i, want := range []string{"same-name-2", "same-name-3", "old-address-2"} {
			if made[i].Slug != want {
				t.Errorf("person %d of the batch has slug %q, want %q", i, made[i].Slug, want)
			}
		}
		if o.Slug != "same-name" { // another table: its own slugs
			t.Errorf("the organization has slug %q, want same-name", o.Slug)
		}
		before, _ := s.Fingerprint(ctx)
		err = s.InBatch(ctx, op, func(b habeas.Batch) error {
			if err := b.CreatePerson(newPerson("Fresh Person", habeas.Public)); err != nil {
				return err
			}
			p := newPerson("Asks For A Slug", habeas.Public)
			p.Slug = "same-name-3"
			return b.CreatePerson(p)
		})
		if habeas.ErrorCode(err) != habeas.ECONFLICT {
			t.Errorf("a batch asking for a taken slug: %v, want a conflict", err)
		}
		if after, _ := s.Fingerprint(ctx); after != before {
			t.Error("the refused batch changed the database")
		}
	})
}

// Records a batch refers to that it created itself are checked as any
// others: their children are stored at least as restricted as they are,
// and an event before the arrest of a case the batch made is refused.
func TestBatchChecksWhatItCreated(t *testing.T) {
	storetest.ForEach(t, clock, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		var c, ic *habeas.Case
		var e *habeas.Event
		var iv *habeas.Intervention
		var m, im *habeas.Membership
		err := s.InBatch(ctx, habeas.Operator, func(b habeas.Batch) error {
			hidden, staff := newPerson("Hidden In Batch", habeas.Confidential), newPerson("Staff Only", habeas.Internal)
			open := newPerson("Open Person", habeas.Public)
			o := &habeas.Organization{Name: "Internal Union", Kind: "trade_union", Country: "AZ", Visibility: habeas.Internal}
			for _, p := range []*habeas.Person{hidden, staff, open} {
				if err := b.CreatePerson(p); err != nil {
					return err
				}
			}
			if err := b.CreateOrganization(o); err != nil {
				return err
			}
			c, ic = newCase(hidden.ID, habeas.Public), newCase(staff.ID, habeas.Public)
			for _, cc := range []*habeas.Case{c, ic} {
				if err := b.CreateCase(cc); err != nil {
					return err
				}
			}
			e = &habeas.Event{CaseID: ic.ID, Kind: habeas.EventNews, Date: "2024-05-01", Summary: "News.", Visibility: habeas.Public}
			iv = &habeas.Intervention{CaseID: c.ID, Kind: "inquiry", Sender: "Relatives", Recipient: "Penitentiary Service",
				SentOn: "2024-05-10", AnswerStatus: "none", Visibility: habeas.Public}
			m = &habeas.Membership{PersonID: hidden.ID, OrganizationID: o.ID, Role: "member", Visibility: habeas.Public}
			im = &habeas.Membership{PersonID: open.ID, OrganizationID: o.ID, Role: "member", Visibility: habeas.Public}
			if err := b.CreateEvent(e); err != nil {
				return err
			}
			if err := b.CreateIntervention(iv); err != nil {
				return err
			}
			if err := b.CreateMembership(m); err != nil {
				return err
			}
			return b.CreateMembership(im)
		})
		if err != nil {
			t.Fatal(err)
		}
		for what, got := range map[string]struct{ v, want habeas.Visibility }{
			"case of a confidential person":                   {c.Visibility, habeas.Confidential},
			"case of an internal person":                      {ic.Visibility, habeas.Internal},
			"event of an internal case":                       {e.Visibility, habeas.Internal},
			"intervention on a confidential case":             {iv.Visibility, habeas.Confidential},
			"membership of a confidential person":             {m.Visibility, habeas.Confidential},
			"public person's membership of an internal union": {im.Visibility, habeas.Internal},
		} {
			if got.v != got.want {
				t.Errorf("%s stored %s, want %s", what, got.v, got.want)
			}
		}
		if _, err := s.Case(ctx, habeas.Internal, c.ID); habeas.ErrorCode(err) != habeas.ENOTFOUND {
			t.Errorf("the confidential person's case read as internal: %v, want not found", err)
		}

		before, _ := s.Fingerprint(ctx)
		err = s.InBatch(ctx, habeas.Operator, func(b habeas.Batch) error {
			p := newPerson("Arrested Later", habeas.Public)
			if err := b.CreatePerson(p); err != nil {
				return err
			}
			lc := newCase(p.ID, habeas.Public) // arrested in August 2023
			if err := b.CreateCase(lc); err != nil {
				return err
			}
			return b.CreateEvent(&habeas.Event{CaseID: lc.ID, Kind: habeas.EventNews, Date: "2023-01-05", Summary: "Too early.", Visibility: habeas.Public})
		})
		if f := habeas.ErrorFields(err); f["date"] == "" {
			t.Errorf("an event before the arrest of a case made in the batch: %v, want the date refused", err)
		}
		if after, _ := s.Fingerprint(ctx); after != before {
			t.Error("the refused batch changed the database")
		}
	})
}

// A batch never gives a new record the id of one deleted before: a
// deleted or merged person's id stays theirs (an undo brings it back).
func TestBatchNeverReusesIDs(t *testing.T) {
	storetest.ForEach(t, clock, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		gone := newPerson("Deleted Person", habeas.Public)
		if err := s.CreatePerson(ctx, habeas.Operator, gone); err != nil {
			t.Fatal(err)
		}
		if err := s.DeletePerson(ctx, habeas.Operator, gone.ID); err != nil {
			t.Fatal(err)
		}
		fresh := newPerson("Fresh Person", habeas.Public)
		if err := s.InBatch(ctx, habeas.Operator, func(b habeas.Batch) error { return b.CreatePerson(fresh) }); err != nil {
			t.Fatal(err)
		}
		if fresh.ID <= gone.ID {
			t.Errorf("the batch gave id %d after id %d was deleted", fresh.ID, gone.ID)
		}
	})
}

// A large batch on PostgreSQL ends with fresh statistics for every table
// it wrote, so the first readers after an import get the plans of a full
// database rather than of an empty one.
func TestLargeBatchRefreshesStatistics(t *testing.T) {
	dsn := storetest.DSN(t, store.Postgres)
	ctx := context.Background()
	s, err := store.Open(ctx, store.Config{DSN: dsn, Key: storetest.Key(), Clock: clock})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := s.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	defer store.SetFreshStatsAfter(2)()
	err = s.InBatch(ctx, habeas.Operator, func(b habeas.Batch) error {
		for i := range 3 {
			p := newPerson(fmt.Sprintf("Person %d", i), habeas.Public)
			if err := b.CreatePerson(p); err != nil {
				return err
			}
			if err := b.CreateCase(newCase(p.ID, habeas.Public)); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("pgx", dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	tables := []string{"people", "person_names", "name_keys", "name_words", "person_sources", "memberships", "membership_sources",
		"cases", "case_sources", "charges", "events", "member_list", "member_counts",
		"event_sources", "interventions", "intervention_sources", "person_list"}
	deadline := time.Now().Add(10 * time.Second)
	for {
		var missing []string
		for _, table := range tables {
			var analyzed bool
			err := db.QueryRowContext(ctx, "SELECT last_analyze IS NOT NULL FROM pg_stat_user_tables WHERE relname = $1", table).Scan(&analyzed)
			if err != nil {
				t.Fatalf("%s: %v", table, err)
			}
			if !analyzed {
				missing = append(missing, table)
			}
		}
		if len(missing) == 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("not analyzed after the batch: %v", missing)
		}
		time.Sleep(100 * time.Millisecond)
	}
}
