package store_test

import (
	"context"
	"slices"
	"testing"

	"codeberg.org/habeas/habeas"
	"codeberg.org/habeas/habeas/store"
	"codeberg.org/habeas/habeas/store/storetest"
)

// TestRecordCitations covers the sources a person, a case, a membership, an
// organization and a facility cite for their own facts: stored and read
// back in order, refused when the writer cannot see them, kept on an update
// by a writer who cannot, and counted, never shown, to readers who may not
// see them.
func TestRecordCitations(t *testing.T) {
	storetest.ForEach(t, clock, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		editor := &habeas.User{Email: "editor@example.org", Name: "Editor", Role: habeas.RoleEditor} // internal access
		post := &habeas.Source{Kind: "article", Title: "A post", Reliability: "reliable"}
		report := &habeas.Source{Kind: "document", Title: "A report", Reliability: "reliable"}
		witness := &habeas.Source{Kind: "testimony", Title: "A witness", Reliability: "reliable", Visibility: habeas.Confidential}
		for _, src := range []*habeas.Source{post, report, witness} {
			if err := s.CreateSource(ctx, habeas.Operator, src); err != nil {
				t.Fatal(err)
			}
		}
		both := []int64{report.ID, post.ID}

		f := &habeas.Facility{Name: "Prison No. 1", Kind: "unknown", Country: "AZ", SourceIDs: both}
		o := &habeas.Organization{Name: "A union", Kind: "trade_union", Country: "AZ", SourceIDs: both}
		p := &habeas.Person{Country: "AZ", Names: []habeas.PersonName{{Name: "Ada Example", Kind: habeas.NamePrimary}},
			SourceIDs: append(slices.Clone(both), witness.ID)}
		if err := s.CreateFacility(ctx, habeas.Operator, f); err != nil {
			t.Fatal(err)
		}
		if err := s.CreateOrganization(ctx, habeas.Operator, o); err != nil {
			t.Fatal(err)
		}
		if err := s.CreatePerson(ctx, habeas.Operator, p); err != nil {
			t.Fatal(err)
		}
		m := &habeas.Membership{PersonID: p.ID, OrganizationID: o.ID, Role: "member", SourceIDs: both}
		if err := s.CreateMembership(ctx, habeas.Operator, m); err != nil {
			t.Fatal(err)
		}
		c := &habeas.Case{PersonID: p.ID, Country: "AZ", Status: habeas.StatusDetained, Charges: []habeas.Charge{},
			Classification: "not_assessed", Position: "denies", SourceIDs: both}
		if err := s.CreateCase(ctx, habeas.Operator, c); err != nil {
			t.Fatal(err)
		}

		check := func(what string, got []int64, withheld int, want []int64, wantWithheld int) {
			t.Helper()
			if !slices.Equal(got, want) || withheld != wantWithheld {
				t.Errorf("%s cites %v and %d withheld; want %v and %d", what, got, withheld, want, wantWithheld)
			}
		}
		gp, err := s.Person(ctx, habeas.Public, p.ID)
		if err != nil {
			t.Fatal(err)
		}
		check("person (public)", gp.SourceIDs, gp.WithheldSources, both, 1)
		gp, err = s.Person(ctx, habeas.Confidential, p.ID)
		if err != nil {
			t.Fatal(err)
		}
		check("person (confidential)", gp.SourceIDs, gp.WithheldSources, []int64{report.ID, post.ID, witness.ID}, 0)
		gc, err := s.CurrentCase(ctx, habeas.Public, p.ID)
		if err != nil {
			t.Fatal(err)
		}
		check("case", gc.SourceIDs, gc.WithheldSources, both, 0)
		gf, err := s.FacilityBySlug(ctx, habeas.Public, f.Slug)
		if err != nil {
			t.Fatal(err)
		}
		check("facility", gf.SourceIDs, gf.WithheldSources, both, 0)
		goo, err := s.OrganizationBySlug(ctx, habeas.Public, o.Slug)
		if err != nil {
			t.Fatal(err)
		}
		check("organization", goo.SourceIDs, goo.WithheldSources, both, 0)
		as, err := s.Affiliations(ctx, habeas.Public, p.ID)
		if err != nil || len(as) != 1 {
			t.Fatalf("affiliations %v, %v", as, err)
		}
		check("affiliation", as[0].SourceIDs, as[0].WithheldSources, both, 0)
		members, err := s.Members(ctx, habeas.Public, o.ID, habeas.MemberFilter{})
		if err != nil || len(members.Items) != 1 {
			t.Fatalf("members %v, %v", members, err)
		}
		check("member", members.Items[0].SourceIDs, members.Items[0].WithheldSources, both, 0)

		// An editor without confidential access cannot cite the witness, and
		// an update of theirs keeps the citation they cannot see.
		gp, err = s.Person(ctx, habeas.Internal, p.ID)
		if err != nil {
			t.Fatal(err)
		}
		bad := *gp
		bad.SourceIDs = []int64{witness.ID}
		if err := s.UpdatePerson(ctx, editor, &bad); habeas.ErrorCode(err) != habeas.EINVALID || habeas.ErrorFields(err)["source_ids"] == "" {
			t.Errorf("citing a source the writer cannot see: %v; want invalid source_ids", err)
		}
		gp.SourceIDs = []int64{post.ID}
		if err := s.UpdatePerson(ctx, editor, gp); err != nil {
			t.Fatal(err)
		}
		gp, err = s.Person(ctx, habeas.Confidential, p.ID)
		if err != nil {
			t.Fatal(err)
		}
		check("person after the editor's update", gp.SourceIDs, gp.WithheldSources, []int64{post.ID, witness.ID}, 0)

		// A cited source cannot be deleted; the record's deletion takes its
		// citations along.
		if err := s.DeleteSource(ctx, habeas.Operator, report.ID); habeas.ErrorCode(err) != habeas.ECONFLICT {
			t.Errorf("deleting a cited source: %v; want conflict", err)
		}
		if err := s.DeleteFacility(ctx, habeas.Operator, f.ID); err != nil {
			t.Fatal(err)
		}
		for _, bad := range [][]int64{{post.ID, post.ID}, {0}, {999999}} {
			g := &habeas.Facility{Name: "Prison No. 2", Kind: "prison", Country: "AZ", SourceIDs: bad}
			if err := s.CreateFacility(ctx, habeas.Operator, g); habeas.ErrorCode(err) != habeas.EINVALID {
				t.Errorf("facility citing %v: %v; want invalid", bad, err)
			}
		}
		if page, err := s.ListFacilities(ctx, habeas.Confidential, habeas.FacilityFilter{}); err != nil || len(page.Items) != 0 {
			t.Errorf("facilities after refused writes: %v, %v; want none", page.Items, err)
		}
	})
}

// TestFormerDetainees covers who a facility's page lists as held there
// before: from their timelines, with the dates of the first event there
// and of the transfer away, never a person held there now, and never what
// the reader may not see.
func TestFormerDetainees(t *testing.T) {
	storetest.ForEach(t, clock, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		post := &habeas.Source{Kind: "article", Title: "A post", Reliability: "reliable"}
		if err := s.CreateSource(ctx, habeas.Operator, post); err != nil {
			t.Fatal(err)
		}
		here := &habeas.Facility{Name: "Prison No. 1", Kind: "prison", Country: "AZ"}
		there := &habeas.Facility{Name: "Prison No. 2", Kind: "prison", Country: "AZ"}
		for _, f := range []*habeas.Facility{here, there} {
			if err := s.CreateFacility(ctx, habeas.Operator, f); err != nil {
				t.Fatal(err)
			}
		}
		person := func(name string, v habeas.Visibility, events ...habeas.Event) *habeas.Case {
			t.Helper()
			p := &habeas.Person{Country: "AZ", Visibility: v, Names: []habeas.PersonName{{Name: name, Kind: habeas.NamePrimary}}}
			if err := s.CreatePerson(ctx, habeas.Operator, p); err != nil {
				t.Fatal(err)
			}
			c := &habeas.Case{PersonID: p.ID, Country: "AZ", Status: habeas.StatusDetained, ArrestDate: "2024-01-10",
				Charges: []habeas.Charge{}, Classification: "not_assessed", Position: "denies", Visibility: v}
			if err := s.CreateCase(ctx, habeas.Operator, c); err != nil {
				t.Fatal(err)
			}
			for _, e := range events {
				e.CaseID = c.ID
				if e.Visibility < v {
					e.Visibility = v
				}
				if err := s.CreateEvent(ctx, habeas.Operator, &e); err != nil {
					t.Fatal(err)
				}
			}
			return c
		}
		moved := person("Ada Moved", habeas.Public,
			habeas.Event{Kind: habeas.EventTransfer, Date: "2024-03-01", FacilityID: here.ID, SourceIDs: []int64{post.ID}},
			habeas.Event{Kind: habeas.EventHungerStrikeStart, Date: "2024-04", FacilityID: here.ID, SourceIDs: []int64{}},
			habeas.Event{Kind: habeas.EventTransfer, Date: "2024-06-05", FacilityID: there.ID, SourceIDs: []int64{post.ID}})
		person("Bea Stays", habeas.Public,
			habeas.Event{Kind: habeas.EventTransfer, Date: "2024-03-01", FacilityID: here.ID, SourceIDs: []int64{}})
		person("Cem Internal", habeas.Internal,
			habeas.Event{Kind: habeas.EventTransfer, Date: "2024-03-01", FacilityID: here.ID, SourceIDs: []int64{}},
			habeas.Event{Kind: habeas.EventTransfer, Date: "2024-06-05", FacilityID: there.ID, SourceIDs: []int64{}})
		person("Dan Quiet", habeas.Public,
			habeas.Event{Kind: habeas.EventTransfer, Date: "2024-03-01", FacilityID: here.ID, SourceIDs: []int64{}, Visibility: habeas.Internal},
			habeas.Event{Kind: habeas.EventTransfer, Date: "2024-06-05", FacilityID: there.ID, SourceIDs: []int64{}})

		page, err := s.FormerDetainees(ctx, habeas.Public, here.ID, habeas.ListOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if len(page.Items) != 1 {
			t.Fatalf("former detainees %+v; want Ada Moved only", page.Items)
		}
		got := page.Items[0]
		if got.CaseID != moved.ID || got.PersonName != "Ada Moved" || got.First != "2024-03-01" ||
			got.LeftKind != habeas.EventTransfer || got.Left != "2024-06-05" || !slices.Equal(got.SourceIDs, []int64{post.ID}) {
			t.Errorf("stay %+v; want Ada Moved from 2024-03-01, moved on 2024-06-05, citing the post", got)
		}
		// Staff see the internal person too, a page at a time.
		var all []string
		o := habeas.ListOptions{Limit: 1}
		for {
			page, err := s.FormerDetainees(ctx, habeas.Internal, here.ID, o)
			if err != nil {
				t.Fatal(err)
			}
			for _, x := range page.Items {
				all = append(all, x.PersonName)
			}
			if page.NextCursor == "" {
				break
			}
			o.Cursor = page.NextCursor
		}
		if want := []string{"Dan Quiet", "Cem Internal", "Ada Moved"}; !slices.Equal(all, want) {
			t.Errorf("former detainees to staff, page by page: %v; want %v", all, want)
		}
		if _, err := s.FormerDetainees(ctx, habeas.Public, here.ID, habeas.ListOptions{Cursor: "nonsense"}); habeas.ErrorCode(err) != habeas.EBADREQUEST {
			t.Errorf("a bad cursor: %v; want bad request", err)
		}
	})
}

// TestMergeKeepsCitations: a merge moves the duplicate's sources to the
// survivor (after its own, none twice), and undoing it gives each back
// what it cited before.
func TestMergeKeepsCitations(t *testing.T) {
	storetest.ForEach(t, clock, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		var src [3]int64
		for i, title := range []string{"A post", "A report", "A witness"} {
			x := &habeas.Source{Kind: "article", Title: title, Reliability: "reliable"}
			if i == 2 {
				x.Visibility = habeas.Confidential
			}
			if err := s.CreateSource(ctx, habeas.Operator, x); err != nil {
				t.Fatal(err)
			}
			src[i] = x.ID
		}
		survivor := &habeas.Person{Country: "AZ", Names: []habeas.PersonName{{Name: "Ada Example", Kind: habeas.NamePrimary}},
			SourceIDs: []int64{src[1]}}
		dup := &habeas.Person{Country: "AZ", Names: []habeas.PersonName{{Name: "Ada Exampel", Kind: habeas.NamePrimary}},
			SourceIDs: []int64{src[0], src[1], src[2]}}
		for _, p := range []*habeas.Person{survivor, dup} {
			if err := s.CreatePerson(ctx, habeas.Operator, p); err != nil {
				t.Fatal(err)
			}
		}
		cites := func(id int64, a habeas.Access) ([]int64, int) {
			t.Helper()
			p, err := s.Person(ctx, a, id)
			if err != nil {
				t.Fatal(err)
			}
			return p.SourceIDs, p.WithheldSources
		}
		m, err := s.MergePeople(ctx, habeas.Operator, survivor.ID, dup.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got, _ := cites(survivor.ID, habeas.Confidential); !slices.Equal(got, []int64{src[1], src[0], src[2]}) {
			t.Errorf("after the merge the survivor cites %v, want %v", got, []int64{src[1], src[0], src[2]})
		}
		if got, withheld := cites(survivor.ID, habeas.Public); !slices.Equal(got, []int64{src[1], src[0]}) || withheld != 1 {
			t.Errorf("a public reader sees %v and %d withheld, want the two public sources and 1", got, withheld)
		}
		if err := s.UndoMerge(ctx, habeas.Operator, m.ID); err != nil {
			t.Fatal(err)
		}
		if got, _ := cites(survivor.ID, habeas.Confidential); !slices.Equal(got, []int64{src[1]}) {
			t.Errorf("after the undo the survivor cites %v, want only its own %v", got, src[1])
		}
		if got, _ := cites(dup.ID, habeas.Confidential); !slices.Equal(got, []int64{src[0], src[1], src[2]}) {
			t.Errorf("after the undo the duplicate cites %v, want %v", got, []int64{src[0], src[1], src[2]})
		}
	})
}
