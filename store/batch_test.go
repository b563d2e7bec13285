package store_test

import (
	"context"
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
