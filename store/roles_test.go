package store_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"codeberg.org/habeas/habeas"
	"codeberg.org/habeas/habeas/store"
	"codeberg.org/habeas/habeas/store/storetest"
)

// refused asserts that a write was refused with code and changed nothing.
func refused(t *testing.T, s *store.Store, what, code string, write func() error) {
	t.Helper()
	ctx := context.Background()
	before, err := s.Fingerprint(ctx)
	must(t, err)
	err = write()
	if got := habeas.ErrorCode(err); got != code {
		t.Errorf("%s: %v (%s), want %s", what, err, got, code)
	}
	after, err := s.Fingerprint(ctx)
	must(t, err)
	if before != after {
		t.Errorf("%s: refused, but the database changed", what)
	}
}

// A researcher documents: internal people, cases and events, and sources,
// but publishes nothing and takes nothing off the public site; merging,
// news, moderation and alerts made public are an editor's.
func TestResearcherPublishesNothing(t *testing.T) {
	storetest.ForEach(t, clock, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		r := staff(t, s, "researcher@example.org", habeas.RoleResearcher, "")
		name := func(n string) []habeas.PersonName { return []habeas.PersonName{{Name: n, Kind: habeas.NamePrimary}} }

		p := &habeas.Person{Names: name("Afieddin Mammadov"), Country: "AZ", Visibility: habeas.Internal}
		must(t, s.CreatePerson(ctx, r, p))
		c := &habeas.Case{PersonID: p.ID, Country: "AZ", Status: habeas.StatusDetained, ArrestDate: "2023-09",
			Classification: "not_assessed", Position: "unknown", Visibility: habeas.Internal}
		must(t, s.CreateCase(ctx, r, c))
		src := &habeas.Source{Kind: "document", Title: "Letter from the family", Reliability: "reliable", Visibility: habeas.Internal}
		must(t, s.CreateSource(ctx, r, src))
		ev := &habeas.Event{CaseID: c.ID, Kind: habeas.EventNews, Date: "2025-05-01", Summary: "A call.", SourceIDs: []int64{src.ID}, Visibility: habeas.Internal}
		must(t, s.CreateEvent(ctx, r, ev))

		pub := &habeas.Person{Names: name("Tofig Yagublu"), Country: "AZ", Visibility: habeas.Public}
		must(t, s.CreatePerson(ctx, habeas.Operator, pub))
		refused(t, s, "a public person", habeas.EFORBIDDEN, func() error {
			return s.CreatePerson(ctx, r, &habeas.Person{Names: name("Someone"), Country: "AZ", Visibility: habeas.Public})
		})
		p.Visibility = habeas.Public
		refused(t, s, "making a person public", habeas.EFORBIDDEN, func() error { return s.UpdatePerson(ctx, r, p) })
		refused(t, s, "renaming a public person", habeas.EFORBIDDEN, func() error {
			pub.Names = name("Tofig Yagublu Renamed")
			return s.UpdatePerson(ctx, r, pub)
		})
		refused(t, s, "deleting a public person", habeas.EFORBIDDEN, func() error { return s.DeletePerson(ctx, r, pub.ID) })
		refused(t, s, "a merge", habeas.EFORBIDDEN, func() error { _, err := s.MergePeople(ctx, r, pub.ID, p.ID); return err })
		refused(t, s, "a post", habeas.EFORBIDDEN, func() error {
			return s.CreatePost(ctx, r, &habeas.Post{Lang: "en", Title: "News", Body: "Text.", State: habeas.PostDraft, Visibility: habeas.Internal})
		})
		refused(t, s, "an assignment", habeas.EFORBIDDEN, func() error { _, err := s.Assign(ctx, r, r.ID, p.ID); return err })

		// What is internal, a researcher changes and deletes.
		ev.Summary = "A call from the family."
		must(t, s.UpdateEvent(ctx, r, ev))
		must(t, s.DeleteEvent(ctx, r, ev.ID))
		if err := s.VerifyLists(ctx); err != nil {
			t.Error(err)
		}
	})
}

// A volunteer sees and edits only the case files assigned to them: an
// unassigned person is answered as a missing one, the records many files
// share are theirs to cite only when public, and whatever they write is
// internal or above. Assigning is an editor's, to volunteers only.
func TestVolunteerEditsOnlyAssigned(t *testing.T) {
	storetest.ForEach(t, clock, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		op := habeas.Operator
		vol := staff(t, s, "volunteer@example.org", habeas.RoleVolunteer, "")
		ed := staff(t, s, "editor@example.org", habeas.RoleEditor, "")
		name := func(n string) []habeas.PersonName { return []habeas.PersonName{{Name: n, Kind: habeas.NamePrimary}} }
		newCase := func(n string, v habeas.Visibility) (*habeas.Person, *habeas.Case) {
			p := &habeas.Person{Names: name(n), Country: "AZ", Visibility: v}
			must(t, s.CreatePerson(ctx, op, p))
			c := &habeas.Case{PersonID: p.ID, Country: "AZ", Status: habeas.StatusDetained, ArrestDate: "2023-09",
				Classification: "not_assessed", Position: "unknown", Visibility: v}
			must(t, s.CreateCase(ctx, op, c))
			return p, c
		}
		mine, myCase := newCase("Aykhan Israfilov", habeas.Internal)
		other, otherCase := newCase("Mohyaddin Orujov", habeas.Public)
		internalSrc := &habeas.Source{Kind: "document", Title: "A letter", Reliability: "reliable", Visibility: habeas.Internal}
		publicSrc := &habeas.Source{Kind: "article", Title: "A news post", Reliability: "reliable", Visibility: habeas.Public}
		must(t, s.CreateSource(ctx, op, internalSrc))
		must(t, s.CreateSource(ctx, op, publicSrc))
		event := func(caseID int64, v habeas.Visibility, sources ...int64) *habeas.Event {
			return &habeas.Event{CaseID: caseID, Kind: habeas.EventNews, Date: "2025-05-07", Summary: "The family heard from him.",
				SourceIDs: sources, Visibility: v}
		}

		// Before any assignment, nothing is theirs.
		refused(t, s, "an event on an unassigned case", habeas.EINVALID, func() error { return s.CreateEvent(ctx, vol, event(myCase.ID, habeas.Internal)) })
		refused(t, s, "an event on a public unassigned case", habeas.EINVALID, func() error { return s.CreateEvent(ctx, vol, event(otherCase.ID, habeas.Internal)) })
		refused(t, s, "changing an unassigned person", habeas.ENOTFOUND, func() error { return s.UpdatePerson(ctx, vol, other) })
		refused(t, s, "a new person", habeas.EFORBIDDEN, func() error {
			return s.CreatePerson(ctx, vol, &habeas.Person{Names: name("Someone"), Country: "AZ", Visibility: habeas.Internal})
		})
		refused(t, s, "a source", habeas.EFORBIDDEN, func() error {
			return s.CreateSource(ctx, vol, &habeas.Source{Kind: "document", Title: "Mine", Reliability: "reliable", Visibility: habeas.Internal})
		})
		refused(t, s, "assigning themself", habeas.EFORBIDDEN, func() error { _, err := s.Assign(ctx, vol, vol.ID, mine.ID); return err })
		refused(t, s, "assigning to an editor", habeas.EINVALID, func() error { _, err := s.Assign(ctx, ed, ed.ID, mine.ID); return err })
		refused(t, s, "assigning a missing person", habeas.ENOTFOUND, func() error { _, err := s.Assign(ctx, ed, vol.ID, 999999); return err })
		if a, err := s.AccessTo(ctx, vol, "case", myCase.ID); err != nil || a != habeas.Public {
			t.Errorf("before the assignment, the volunteer reads the case at %s (%v), want public", a, err)
		}

		if changed, err := s.Assign(ctx, ed, vol.ID, mine.ID); err != nil || !changed {
			t.Fatalf("assign: %v, changed %v", err, changed)
		}
		if changed, err := s.Assign(ctx, ed, vol.ID, mine.ID); err != nil || changed { // twice is once
			t.Fatalf("assign twice: %v, changed %v", err, changed)
		}
		assigned, volunteers, err := s.Assignees(ctx, ed, mine.ID)
		must(t, err)
		if len(assigned) != 1 || assigned[0].ID != vol.ID || len(volunteers) != 1 {
			t.Errorf("assignees %+v, volunteers %+v", assigned, volunteers)
		}
		if a, err := s.AccessTo(ctx, vol, "case", myCase.ID); err != nil || a != habeas.Internal {
			t.Errorf("the volunteer reads their case at %s (%v), want internal", a, err)
		}
		if a, err := s.AccessTo(ctx, vol, "case", otherCase.ID); err != nil || a != habeas.Public {
			t.Errorf("the volunteer reads another case at %s (%v), want public", a, err)
		}

		// Their own case file: internal events citing public sources.
		mineEvent := event(myCase.ID, habeas.Internal, publicSrc.ID)
		must(t, s.CreateEvent(ctx, vol, mineEvent))
		// Public on an internal case, the event is internal: allowed. On a
		// public case, it would be public: refused.
		must(t, s.CreateEvent(ctx, vol, event(myCase.ID, habeas.Public)))
		_, err = s.Assign(ctx, ed, vol.ID, other.ID)
		must(t, err)
		refused(t, s, "a public event", habeas.EFORBIDDEN, func() error { return s.CreateEvent(ctx, vol, event(otherCase.ID, habeas.Public)) })
		_, err = s.Unassign(ctx, ed, vol.ID, other.ID)
		must(t, err)
		refused(t, s, "citing an internal source", habeas.EINVALID, func() error {
			return s.CreateEvent(ctx, vol, event(myCase.ID, habeas.Internal, internalSrc.ID))
		})
		refused(t, s, "a confidential event without the grant", habeas.EFORBIDDEN, func() error {
			return s.CreateEvent(ctx, vol, event(myCase.ID, habeas.Confidential))
		})
		mine.Occupation = "journalist"
		must(t, s.UpdatePerson(ctx, vol, mine))
		refused(t, s, "deleting their person", habeas.EFORBIDDEN, func() error { return s.DeletePerson(ctx, vol, mine.ID) })

		// Their lists: the people and alerts of their case files.
		people, err := s.ListPeople(ctx, vol.Grant(), habeas.PeopleFilter{AssignedTo: vol.ID})
		must(t, err)
		if len(people.Items) != 1 || people.Items[0].ID != mine.ID {
			t.Errorf("the volunteer's people: %+v", people.Items)
		}
		alerts, err := s.ListAlerts(ctx, vol.Grant(), habeas.AlertFilter{AssignedTo: vol.ID})
		must(t, err)
		for _, al := range alerts.Items {
			if al.PersonID != mine.ID {
				t.Errorf("the volunteer's alerts include person %d's", al.PersonID)
			}
		}

		// Taken back, the file is no longer theirs.
		if changed, err := s.Unassign(ctx, ed, vol.ID, mine.ID); err != nil || !changed {
			t.Fatalf("take back: %v, changed %v", err, changed)
		}
		same, _ := s.Fingerprint(ctx)
		if changed, err := s.Unassign(ctx, ed, vol.ID, mine.ID); err != nil || changed { // not assigned: nothing to take back
			t.Fatalf("take back twice: %v, changed %v", err, changed)
		}
		if now, _ := s.Fingerprint(ctx); now != same {
			t.Error("taking back a case file that was not given wrote something")
		}
		refused(t, s, "changing their former event", habeas.ENOTFOUND, func() error {
			mineEvent.Summary = "Changed."
			return s.UpdateEvent(ctx, vol, mineEvent)
		})
		h, err := s.History(ctx, ed, "person", mine.ID)
		must(t, err)
		var actions []string
		for _, e := range h {
			actions = append(actions, e.Action)
		}
		if n := len(slices.DeleteFunc(slices.Clone(actions), func(a string) bool { return a != habeas.AuditAssign })); n != 1 {
			t.Errorf("the person's history %v has %d assignments, want 1 (given twice, given once)", actions, n)
		}
		if got := actions; len(got) < 3 || got[len(got)-1] != habeas.AuditUnassign {
			t.Errorf("the person's history %v ends without the unassignment", got)
		}
	})
}

// The dashboard's latest changes show a reader only the entries they may
// read, and are not for volunteers.
func TestRecentChangesAtAccess(t *testing.T) {
	storetest.ForEach(t, clock, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		secret := &habeas.Person{Names: []habeas.PersonName{{Name: "A Source's Relative", Kind: habeas.NamePrimary}}, Country: "AZ",
			Visibility: habeas.Confidential}
		must(t, s.CreatePerson(ctx, habeas.Operator, secret))
		shows := func(u *habeas.User) bool {
			t.Helper()
			es, err := s.RecentChanges(ctx, u, 10)
			must(t, err)
			for _, e := range es {
				if e.Kind == "person" && e.RecordID == secret.ID {
					return !e.Withheld
				}
			}
			return false
		}
		if shows(&habeas.User{Role: habeas.RoleEditor}) {
			t.Error("an editor without the grant sees a confidential person's creation")
		}
		if !shows(&habeas.User{Role: habeas.RoleEditor, Confidential: true}) {
			t.Error("an editor with the grant does not see it")
		}
		if _, err := s.RecentChanges(ctx, &habeas.User{Role: habeas.RoleVolunteer, Confidential: true}, 10); habeas.ErrorCode(err) != habeas.EFORBIDDEN {
			t.Errorf("a volunteer reads the latest changes: %v", err)
		}
	})
}

// Restore puts back a whole version only: a merge's entry, which holds the
// merge, is refused and changes nothing.
func TestRestoreTakesVersionsOnly(t *testing.T) {
	storetest.ForEach(t, clock, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		op := habeas.Operator
		name := func(n string) []habeas.PersonName { return []habeas.PersonName{{Name: n, Kind: habeas.NamePrimary}} }
		a := &habeas.Person{Names: name("Afieddin Mammadov"), Country: "AZ", Visibility: habeas.Internal}
		b := &habeas.Person{Names: name("Afiyaddin Mammadov"), Country: "AZ", Visibility: habeas.Internal}
		must(t, s.CreatePerson(ctx, op, a))
		must(t, s.CreatePerson(ctx, op, b))
		a.Occupation = "activist"
		must(t, s.UpdatePerson(ctx, op, a))
		_, err := s.MergePeople(ctx, op, a.ID, b.ID)
		must(t, err)
		h, err := s.History(ctx, op, "person", a.ID)
		must(t, err)
		var created, merged int64
		for _, e := range h {
			switch e.Action {
			case habeas.AuditCreate:
				created = e.ID
			case habeas.AuditMerge:
				merged = e.ID
			}
		}
		refused(t, s, "restoring a merge's entry", habeas.EINVALID, func() error { return s.Restore(ctx, op, "person", a.ID, merged) })
		refused(t, s, "restoring an entry of another record", habeas.ENOTFOUND, func() error { return s.Restore(ctx, op, "person", b.ID+1000, created) })
		must(t, s.Restore(ctx, op, "person", a.ID, created))
		if got, _ := s.Person(ctx, habeas.Internal, a.ID); got.Occupation != "" {
			t.Errorf("restored to its creation, the person's occupation is %q", got.Occupation)
		}
	})
}

// A merge gives the survivor's case file to the volunteers who worked on
// the duplicate's, whose cases are the survivor's now; its undo gives the
// duplicate's back and takes the survivor's away again, leaving the
// survivor's own volunteer alone.
func TestMergeMovesVolunteers(t *testing.T) {
	storetest.ForEach(t, clock, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		ed := staff(t, s, "editor@example.org", habeas.RoleEditor, "")
		dupVol := staff(t, s, "leyla@example.org", habeas.RoleVolunteer, "")
		ownVol := staff(t, s, "rauf@example.org", habeas.RoleVolunteer, "")
		name := func(n string) []habeas.PersonName { return []habeas.PersonName{{Name: n, Kind: habeas.NamePrimary}} }
		survivor := &habeas.Person{Names: name("Elvin Mustafayev"), Country: "AZ", Visibility: habeas.Internal}
		dup := &habeas.Person{Names: name("Elvin Mustafaev"), Country: "AZ", Visibility: habeas.Internal}
		must(t, s.CreatePerson(ctx, ed, survivor))
		must(t, s.CreatePerson(ctx, ed, dup))
		c := &habeas.Case{PersonID: dup.ID, Country: "AZ", Status: habeas.StatusDetained, ArrestDate: "2024-11-20",
			Classification: "not_assessed", Position: "unknown", Visibility: habeas.Internal}
		must(t, s.CreateCase(ctx, ed, c))
		for _, a := range [][2]int64{{dupVol.ID, dup.ID}, {ownVol.ID, survivor.ID}} {
			_, err := s.Assign(ctx, ed, a[0], a[1])
			must(t, err)
		}
		assignees := func(id int64) []string {
			t.Helper()
			list, _, err := s.Assignees(ctx, ed, id)
			must(t, err)
			var out []string
			for _, u := range list {
				out = append(out, u.Email)
			}
			return out
		}

		m, err := s.MergePeople(ctx, ed, survivor.ID, dup.ID)
		must(t, err)
		if got := assignees(survivor.ID); !slices.Equal(got, []string{"leyla@example.org", "rauf@example.org"}) {
			t.Errorf("after the merge the survivor is assigned to %v, want both volunteers", got)
		}
		if a, err := s.AccessTo(ctx, dupVol, "case", c.ID); err != nil || a != habeas.Internal {
			t.Errorf("after the merge the duplicate's volunteer reads the moved case at %s (%v), want internal", a, err)
		}
		h, err := s.History(ctx, ed, "person", survivor.ID)
		must(t, err)
		given := false
		for _, e := range h {
			given = given || e.Action == habeas.AuditAssign && strings.Contains(string(e.After), `"leyla@example.org"`) && strings.Contains(string(e.After), `"merge"`)
		}
		if !given {
			t.Error("the survivor's history does not say the merge gave its file to the duplicate's volunteer")
		}

		must(t, s.UndoMerge(ctx, ed, m.ID))
		if got := assignees(survivor.ID); !slices.Equal(got, []string{"rauf@example.org"}) {
			t.Errorf("after the undo the survivor is assigned to %v, want its own volunteer only", got)
		}
		if got := assignees(dup.ID); !slices.Equal(got, []string{"leyla@example.org"}) {
			t.Errorf("after the undo the duplicate is assigned to %v, want its volunteer back", got)
		}
		if a, _ := s.AccessTo(ctx, dupVol, "person", survivor.ID); a != habeas.Public {
			t.Errorf("after the undo the duplicate's volunteer reads the survivor at %s, want public", a)
		}
	})
}
