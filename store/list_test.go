package store_test

import (
	"context"
	"strings"
	"testing"

	"codeberg.org/habeas/habeas"
	"codeberg.org/habeas/habeas/store"
	"codeberg.org/habeas/habeas/store/storetest"
)

// The people lists are kept at write time. After each kind of write that
// can change what a list shows, the kept rows equal a recomputation from
// the case files, and the list answers what the write means.
func TestListsKeptByEveryWrite(t *testing.T) {
	storetest.ForEach(t, clock, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		names := func(a habeas.Access, f habeas.PeopleFilter) string {
			t.Helper()
			page, err := s.ListPeople(ctx, a, f)
			must(t, err)
			var out []string
			for _, p := range page.Items {
				out = append(out, p.Name)
			}
			return strings.Join(out, ",")
		}
		step := func(what string, err error, a habeas.Access, f habeas.PeopleFilter, want string) {
			t.Helper()
			if err != nil {
				t.Fatalf("%s: %v", what, err)
			}
			if err := s.VerifyLists(ctx); err != nil {
				t.Errorf("after %s: %v", what, err)
			}
			if got := names(a, f); got != want {
				t.Errorf("after %s: list %q, want %q", what, got, want)
			}
		}
		all := habeas.PeopleFilter{}
		held := habeas.PeopleFilter{Status: habeas.StatusDetained}

		anna := newPerson("Anna Lis", habeas.Public)
		step("a person without a case", s.CreatePerson(ctx, habeas.Operator, anna), habeas.Public, all, "Anna Lis")
		anna.Names[0].Name = "Anna Zorina"
		step("renaming a person without a case", s.UpdatePerson(ctx, habeas.Operator, anna), habeas.Public, all, "Anna Zorina")

		boris := newPerson("Boris Ivanov", habeas.Public)
		must(t, s.CreatePerson(ctx, habeas.Operator, boris))
		c := newCase(anna.ID, habeas.Public)
		step("a case", s.CreateCase(ctx, habeas.Operator, c), habeas.Public, held, "Anna Zorina")
		c.PersonID = boris.ID
		step("moving the case to another person", s.UpdateCase(ctx, habeas.Operator, c), habeas.Public, held, "Boris Ivanov")
		step("moving it, read by classification", nil, habeas.Public, habeas.PeopleFilter{Classification: "not_assessed"}, "Boris Ivanov")

		release := &habeas.Event{CaseID: c.ID, Kind: habeas.EventRelease, Date: "2024-01-10", Visibility: habeas.Public}
		step("a release", s.CreateEvent(ctx, habeas.Operator, release), habeas.Public, held, "")
		step("deleting the release", s.DeleteEvent(ctx, habeas.Operator, release.ID), habeas.Public, held, "Boris Ivanov")

		boris.Visibility = habeas.Internal
		step("hiding a person from the public", s.UpdatePerson(ctx, habeas.Operator, boris), habeas.Public, all, "Anna Zorina")
		step("hiding a person, read by staff", nil, habeas.Internal, held, "Boris Ivanov")

		step("deleting the case", s.DeleteCase(ctx, habeas.Operator, c.ID), habeas.Internal, held, "")

		dup := newPerson("Anna Zorina", habeas.Public)
		must(t, s.CreatePerson(ctx, habeas.Operator, dup))
		m, err := s.MergePeople(ctx, habeas.Operator, anna.ID, dup.ID)
		step("a merge", err, habeas.Public, all, "Anna Zorina")
		step("undoing it", s.UndoMerge(ctx, habeas.Operator, m.ID), habeas.Public, all, "Anna Zorina,Anna Zorina")

		step("deleting a person", s.DeletePerson(ctx, habeas.Operator, dup.ID), habeas.Public, all, "Anna Zorina")
	})
}
