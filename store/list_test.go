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

// An organization's members come a page at a time, by name, current and
// former apart, with counts that agree with the pages.
func TestMembersPagedByName(t *testing.T) {
	storetest.ForEach(t, clock, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		org := &habeas.Organization{Name: "Union", Kind: "trade_union", Country: "AZ", Visibility: habeas.Public}
		must(t, s.CreateOrganization(ctx, habeas.Operator, org))
		for i, name := range []string{"Emil", "Bahruz", "Dilara", "Aysel", "Cavid"} {
			p := newPerson(name+" Aliyev", habeas.Public)
			must(t, s.CreatePerson(ctx, habeas.Operator, p))
			if i == 0 {
				must(t, s.CreateCase(ctx, habeas.Operator, newCase(p.ID, habeas.Public)))
			}
			m := &habeas.Membership{PersonID: p.ID, OrganizationID: org.ID, Visibility: habeas.Public}
			if i >= 3 {
				m.Until = "2020"
			}
			must(t, s.CreateMembership(ctx, habeas.Operator, m))
		}
		all := func(former bool) string {
			var names []string
			f := habeas.MemberFilter{Former: former, ListOptions: habeas.ListOptions{Limit: 2}}
			for range 10 {
				page, err := s.Members(ctx, habeas.Public, org.ID, f)
				must(t, err)
				for _, m := range page.Items {
					names = append(names, m.PersonName)
				}
				if page.NextCursor == "" {
					break
				}
				f.Cursor = page.NextCursor
			}
			return strings.Join(names, ",")
		}
		if got, want := all(false), "Bahruz Aliyev,Dilara Aliyev,Emil Aliyev"; got != want {
			t.Errorf("current members %q, want %q", got, want)
		}
		if got, want := all(true), "Aysel Aliyev,Cavid Aliyev"; got != want {
			t.Errorf("former members %q, want %q", got, want)
		}
		c, err := s.MemberCounts(ctx, habeas.Public, org.ID)
		must(t, err)
		if c != (habeas.MemberCounts{Current: 3, Former: 2, DetainedNow: 1}) {
			t.Errorf("counts %+v, want 3 current, 2 former, 1 detained now", c)
		}
	})
}
