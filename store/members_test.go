package store_test

import (
	"context"
	"strconv"
	"strings"
	"testing"

	"codeberg.org/habeas/habeas"
	"codeberg.org/habeas/habeas/store"
	"codeberg.org/habeas/habeas/store/storetest"
)

// An organization's member counts are kept at write time. After each kind
// of write that changes who is a member, who may see them or whether they
// are held, the counts are what counting the memberships again gives
// (VerifyLists counts them from nothing), the public sees only public
// people and memberships, and the people list of the organization names
// each member once.
func TestMemberCountsKeptByEveryWrite(t *testing.T) {
	storetest.ForEach(t, clock, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		op := habeas.Operator
		org := &habeas.Organization{Name: "Union", Kind: "trade_union", Country: "AZ", Visibility: habeas.Public}
		must(t, s.CreateOrganization(ctx, op, org))
		counts := func(a habeas.Access) habeas.MemberCounts {
			t.Helper()
			c, err := s.MemberCounts(ctx, a, org.ID)
			must(t, err)
			return c
		}
		people := func(a habeas.Access) string {
			t.Helper()
			page, err := s.ListPeople(ctx, a, habeas.PeopleFilter{OrganizationID: org.ID})
			must(t, err)
			var out []string
			for _, p := range page.Items {
				out = append(out, p.Name)
			}
			return strings.Join(out, ",")
		}
		step := func(what string, err error, public, internal habeas.MemberCounts, list string) {
			t.Helper()
			if err != nil {
				t.Fatalf("%s: %v", what, err)
			}
			if err := s.VerifyLists(ctx); err != nil {
				t.Errorf("after %s: %v", what, err)
			}
			if got := counts(habeas.Public); got != public {
				t.Errorf("after %s: public counts %+v, want %+v", what, got, public)
			}
			if got := counts(habeas.Internal); got != internal {
				t.Errorf("after %s: internal counts %+v, want %+v", what, got, internal)
			}
			if got := people(habeas.Public); got != list {
				t.Errorf("after %s: the public list of members %q, want %q", what, got, list)
			}
		}
		mc := func(current, former, held int) habeas.MemberCounts {
			return habeas.MemberCounts{Current: current, Former: former, DetainedNow: held}
		}

		anna := newPerson("Anna Lis", habeas.Public)
		must(t, s.CreatePerson(ctx, op, anna))
		annaCase := newCase(anna.ID, habeas.Public)
		must(t, s.CreateCase(ctx, op, annaCase))
		boris := newPerson("Boris Ivanov", habeas.Public)
		must(t, s.CreatePerson(ctx, op, boris))
		vera := newPerson("Vera Sokolova", habeas.Internal)
		must(t, s.CreatePerson(ctx, op, vera))
		step("no members", nil, mc(0, 0, 0), mc(0, 0, 0), "")

		a1 := &habeas.Membership{PersonID: anna.ID, OrganizationID: org.ID, Role: "member", Visibility: habeas.Public}
		step("a held person joins", s.CreateMembership(ctx, op, a1), mc(1, 0, 1), mc(1, 0, 1), "Anna Lis")
		b1 := &habeas.Membership{PersonID: boris.ID, OrganizationID: org.ID, Until: "2020", Visibility: habeas.Public}
		step("a former member", s.CreateMembership(ctx, op, b1), mc(1, 1, 1), mc(1, 1, 1), "Anna Lis,Boris Ivanov")
		a2 := &habeas.Membership{PersonID: anna.ID, OrganizationID: org.ID, Role: "delegate", Visibility: habeas.Public}
		step("a second membership of one person", s.CreateMembership(ctx, op, a2), mc(2, 1, 2), mc(2, 1, 2), "Anna Lis,Boris Ivanov")
		v1 := &habeas.Membership{PersonID: vera.ID, OrganizationID: org.ID, Visibility: habeas.Internal}
		step("an internal person joins", s.CreateMembership(ctx, op, v1), mc(2, 1, 2), mc(3, 1, 2), "Anna Lis,Boris Ivanov")
		b2 := &habeas.Membership{PersonID: boris.ID, OrganizationID: org.ID, Visibility: habeas.Internal}
		step("an internal membership of a public person", s.CreateMembership(ctx, op, b2), mc(2, 1, 2), mc(4, 1, 2), "Anna Lis,Boris Ivanov")

		a1.Until = "2024-05"
		step("a membership ended", s.UpdateMembership(ctx, op, a1), mc(1, 2, 1), mc(3, 2, 1), "Anna Lis,Boris Ivanov")
		release := &habeas.Event{CaseID: annaCase.ID, Kind: habeas.EventRelease, Date: "2024-06-01", Visibility: habeas.Public}
		step("a member released", s.CreateEvent(ctx, op, release), mc(1, 2, 0), mc(3, 2, 0), "Anna Lis,Boris Ivanov")
		step("the release deleted", s.DeleteEvent(ctx, op, release.ID), mc(1, 2, 1), mc(3, 2, 1), "Anna Lis,Boris Ivanov")

		anna.Visibility = habeas.Internal
		step("a member hidden from the public", s.UpdatePerson(ctx, op, anna), mc(0, 1, 0), mc(3, 2, 1), "Boris Ivanov")
		anna.Visibility = habeas.Public
		// Her memberships and her case were raised to internal with her, and stay so.
		step("the member public again", s.UpdatePerson(ctx, op, anna), mc(0, 1, 0), mc(3, 2, 1), "Boris Ivanov")
		a2.Visibility = habeas.Public
		step("a membership made public", s.UpdateMembership(ctx, op, a2), mc(1, 1, 0), mc(3, 2, 1), "Anna Lis,Boris Ivanov")
		annaCase.Visibility = habeas.Public
		step("her case made public", s.UpdateCase(ctx, op, annaCase), mc(1, 1, 1), mc(3, 2, 1), "Anna Lis,Boris Ivanov")

		b1.PersonID = vera.ID
		b1.Visibility = habeas.Internal
		step("a membership given to another person", s.UpdateMembership(ctx, op, b1), mc(1, 0, 1), mc(3, 2, 1), "Anna Lis")
		step("a membership removed", s.DeleteMembership(ctx, op, b2.ID), mc(1, 0, 1), mc(2, 2, 1), "Anna Lis")

		dup := newPerson("Anna Lis", habeas.Public)
		must(t, s.CreatePerson(ctx, op, dup))
		d1 := &habeas.Membership{PersonID: dup.ID, OrganizationID: org.ID, Visibility: habeas.Public}
		step("a duplicate record joins", s.CreateMembership(ctx, op, d1), mc(2, 0, 1), mc(3, 2, 1), "Anna Lis,Anna Lis")
		m, err := s.MergePeople(ctx, op, anna.ID, dup.ID)
		step("a merge", err, mc(2, 0, 2), mc(3, 2, 2), "Anna Lis")
		step("the merge undone", s.UndoMerge(ctx, op, m.ID), mc(2, 0, 1), mc(3, 2, 1), "Anna Lis,Anna Lis")
		step("a member deleted", s.DeletePerson(ctx, op, dup.ID), mc(1, 0, 1), mc(2, 2, 1), "Anna Lis")

		org.Visibility = habeas.Internal
		step("the organization hidden from the public", s.UpdateOrganization(ctx, op, org), mc(0, 0, 0), mc(2, 2, 1), "")
		org.Visibility = habeas.Public
		// Its memberships were raised with it; the public sees none.
		step("the organization public again", s.UpdateOrganization(ctx, op, org), mc(0, 0, 0), mc(2, 2, 1), "")
		a2.Visibility = habeas.Public
		step("a membership public again", s.UpdateMembership(ctx, op, a2), mc(1, 0, 1), mc(2, 2, 1), "Anna Lis")

		// An import: a batch large enough to build the lists' indexes anew,
		// then a small one beside the existing records.
		defer store.SetBulkRelistAt(10)()
		err = s.InBatch(ctx, op, func(b habeas.Batch) error {
			for i := range 30 {
				v := habeas.Public
				if i%5 == 4 {
					v = habeas.Internal
				}
				p := newPerson("Imported "+strconv.Itoa(100+i), v)
				if err := b.CreatePerson(p); err != nil {
					return err
				}
				if i%3 == 0 {
					if err := b.CreateCase(newCase(p.ID, v)); err != nil {
						return err
					}
				}
				ms := &habeas.Membership{PersonID: p.ID, OrganizationID: org.ID, Visibility: v}
				if i%2 == 1 {
					ms.Until = "2019"
				}
				if err := b.CreateMembership(ms); err != nil {
					return err
				}
			}
			return nil
		})
		// Of 30: 15 current (i even), 15 former; public: i%5 != 4, so 12
		// current and 12 former; held: i%6 == 0 (a case, current): 5, of
		// which i = 24 is internal.
		public, internal := mc(1+12, 12, 1+4), mc(2+15, 2+15, 1+5)
		if err != nil {
			t.Fatal(err)
		}
		if err := s.VerifyLists(ctx); err != nil {
			t.Errorf("after a bulk import: %v", err)
		}
		if got := counts(habeas.Public); got != public {
			t.Errorf("after a bulk import: public counts %+v, want %+v", got, public)
		}
		if got := counts(habeas.Internal); got != internal {
			t.Errorf("after a bulk import: internal counts %+v, want %+v", got, internal)
		}
		err = s.InBatch(ctx, op, func(b habeas.Batch) error {
			return b.CreateMembership(&habeas.Membership{PersonID: boris.ID, OrganizationID: org.ID, Visibility: habeas.Public})
		})
		must(t, err)
		public.Current++
		internal.Current++
		if err := s.VerifyLists(ctx); err != nil {
			t.Errorf("after a small import: %v", err)
		}
		if got := counts(habeas.Public); got != public {
			t.Errorf("after a small import: public counts %+v, want %+v", got, public)
		}

		must(t, s.DeleteOrganization(ctx, op, org.ID))
		if err := s.VerifyLists(ctx); err != nil {
			t.Errorf("after deleting the organization: %v", err)
		}
		if got := counts(habeas.Internal); got != (mc(0, 0, 0)) {
			t.Errorf("a deleted organization counts %+v", got)
		}
	})
}

// The people list of an organization pages through its members, each
// once, in every order and under a status filter; the organization's page
// lists memberships by name a page at a time.
func TestOrganizationListsPage(t *testing.T) {
	storetest.ForEach(t, clock, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		op := habeas.Operator
		org := &habeas.Organization{Name: "Newsroom", Kind: "media", Country: "AZ", Visibility: habeas.Public}
		must(t, s.CreateOrganization(ctx, op, org))
		other := &habeas.Organization{Name: "Party", Kind: "party", Country: "AZ", Visibility: habeas.Public}
		must(t, s.CreateOrganization(ctx, op, other))
		want := map[bool][]string{} // held or not: the members' names
		for i := range 9 {
			p := newPerson("Member "+strconv.Itoa(i), habeas.Public)
			must(t, s.CreatePerson(ctx, op, p))
			held := i%2 == 0
			if held {
				c := newCase(p.ID, habeas.Public)
				c.ArrestDate = "2023-0" + strconv.Itoa(1+i%9)
				must(t, s.CreateCase(ctx, op, c))
			}
			want[held] = append(want[held], p.Names[0].Name)
			for range 1 + i%3 { // some belong twice
				must(t, s.CreateMembership(ctx, op, &habeas.Membership{PersonID: p.ID, OrganizationID: org.ID, Visibility: habeas.Public}))
			}
			if i%4 == 0 {
				must(t, s.CreateMembership(ctx, op, &habeas.Membership{PersonID: p.ID, OrganizationID: other.ID, Visibility: habeas.Public}))
			}
		}
		outsider := newPerson("Aaron Outsider", habeas.Public)
		must(t, s.CreatePerson(ctx, op, outsider))
		must(t, s.CreateMembership(ctx, op, &habeas.Membership{PersonID: outsider.ID, OrganizationID: other.ID, Visibility: habeas.Public}))

		walk := func(f habeas.PeopleFilter) []string {
			t.Helper()
			f.Limit = 2
			var names []string
			for range 20 {
				page, err := s.ListPeople(ctx, habeas.Public, f)
				must(t, err)
				if len(page.Items) > 2 {
					t.Fatalf("a page of %d, asked for 2", len(page.Items))
				}
				for _, p := range page.Items {
					names = append(names, p.Name)
				}
				if page.NextCursor == "" {
					return names
				}
				f.Cursor = page.NextCursor
			}
			t.Fatalf("%+v: no end after 20 pages", f)
			return nil
		}
		all := append(append([]string{}, want[false]...), want[true]...)
		for _, sortBy := range []string{"name", "news", "detention"} {
			for _, status := range []string{"", habeas.StatusDetained} {
				got := walk(habeas.PeopleFilter{OrganizationID: org.ID, Sort: sortBy, Status: status})
				expect := all
				if status != "" {
					expect = want[true]
				}
				if len(got) != len(expect) || !sameSet(got, expect) {
					t.Errorf("sort %s, status %q: %v, want each of %v once", sortBy, status, got, expect)
				}
				if sortBy == "name" && strings.Join(got, ",") != strings.Join(sorted(expect), ",") {
					t.Errorf("by name: %v", got)
				}
			}
		}

		// The organization's page: 1+2+3+1+2+3+1+2+3 = 18 memberships, by
		// name then membership, two at a time.
		var members []string
		f := habeas.MemberFilter{ListOptions: habeas.ListOptions{Limit: 2}}
		for range 20 {
			page, err := s.Members(ctx, habeas.Public, org.ID, f)
			must(t, err)
			for _, m := range page.Items {
				members = append(members, m.PersonName)
			}
			if page.NextCursor == "" {
				break
			}
			f.Cursor = page.NextCursor
		}
		c, err := s.MemberCounts(ctx, habeas.Public, org.ID)
		must(t, err)
		if len(members) != 18 || c.Current != 18 || c.DetainedNow != 1+2+3+1+3 {
			t.Errorf("members %d (%v), counts %+v; want 18 and 10 held", len(members), members, c)
		}
		if strings.Join(members, ",") != strings.Join(sorted(members), ",") {
			t.Errorf("members not by name: %v", members)
		}
	})
}

func sameSet(a, b []string) bool {
	seen := map[string]int{}
	for _, x := range a {
		seen[x]++
	}
	for _, x := range b {
		if seen[x] != 1 {
			return false
		}
	}
	return len(a) == len(b)
}

func sorted(v []string) []string {
	out := append([]string{}, v...)
	for i := range out {
		for j := i + 1; j < len(out); j++ {
			if out[j] < out[i] {
				out[i], out[j] = out[j], out[i]
			}
		}
	}
	return out
}

// The organization's page and the people list filtered by an organization
// read their page from one index range of member_list, in order, however
// many members the organization has: no sort of every member, no count
// over them (SQLite's plans; PostgreSQL plans by its statistics).
func TestOrganizationQueriesReadOneRange(t *testing.T) {
	s := storetest.New(t, store.SQLite, clock)
	ctx := context.Background()
	check := func(what, text string, args ...any) {
		t.Helper()
		plan, err := s.PlanForTest(ctx, text, args...)
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
		if strings.Contains(plan, "TEMP B-TREE") || strings.Contains(plan, "SCAN") {
			t.Errorf("%s sorts or scans:\n%s", what, plan)
		}
	}
	check("the organization's members", s.QuerySQL("MembersOfOrganization"), habeas.Public, 1, 0, "", 0, 100)
	check("the organization's counts", s.QuerySQL("MemberCounts"), habeas.Public, 1)
	for _, sortBy := range []string{"name", "news", "detention"} {
		for _, status := range []string{"", habeas.StatusSentenced} {
			text, args := store.PeopleListSQL(habeas.PeopleFilter{OrganizationID: 1, Status: status}, sortBy)
			check("the people of an organization by "+sortBy+" with status "+status, text, args...)
		}
	}
}
