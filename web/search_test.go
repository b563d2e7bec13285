package web_test

import (
	"context"
	"net/url"
	"testing"

	"codeberg.org/habeas/habeas"
	"codeberg.org/habeas/habeas/demo"
	"codeberg.org/habeas/habeas/store"
	"codeberg.org/habeas/habeas/store/storetest"
	"codeberg.org/habeas/habeas/web"
)

// The public search finds the beginning of a name in any script, as well as
// whole names by any spelling, and never by a name the public may not see.
func TestSearchByPrefix(t *testing.T) {
	storetest.ForEach(t, clock, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		if err := demo.Load(ctx, s); err != nil {
			t.Fatalf("load demo: %v", err)
		}
		// Names the public must not find: an internal person, an internal
		// alias and a confidential (sealed) alias of public people.
		if err := s.CreatePerson(ctx, habeas.Operator, &habeas.Person{Country: "AZ", Visibility: habeas.Internal,
			Names: []habeas.PersonName{{Name: "Rashad Mustafazade", Kind: habeas.NamePrimary}}}); err != nil {
			t.Fatal(err)
		}
		for slug, alias := range map[string]habeas.PersonName{
			"tofig-yagublu":     {Name: "Tofig Mustafinov", Kind: habeas.NameAlias, Visibility: habeas.Confidential},
			"afieddin-mammadov": {Name: "Afieddin Mustaqimov", Kind: habeas.NameAlias, Visibility: habeas.Internal},
		} {
			p, err := s.PersonBySlug(ctx, habeas.Confidential, slug)
			if err != nil {
				t.Fatal(err)
			}
			p.Names = append(p.Names, alias)
			if err := s.UpdatePerson(ctx, habeas.Operator, p); err != nil {
				t.Fatal(err)
			}
		}
		h, err := web.New(web.Config{Store: s, Clock: clock})
		if err != nil {
			t.Fatal(err)
		}
		everyone := []string{"Elvin Mustafayev", "Tofig Yagublu", "Afieddin Mammadov", "Aykhan Israfilov", "Mohyaddin Orujov", "Rashad Mustafazade"}
		for _, tc := range []struct {
			q    string
			want []string
		}{
			{"Mustafa", []string{"Elvin Mustafayev"}},
			{"Мустаф", []string{"Elvin Mustafayev"}},
			{"mustaf", []string{"Elvin Mustafayev"}},
			{"Эльв", []string{"Elvin Mustafayev"}},
			{"Elvin Must", []string{"Elvin Mustafayev"}},
			{"Мамед", []string{"Afieddin Mammadov"}}, // Мамедов, Mammadov
			{"Yagub", []string{"Tofig Yagublu"}},
			{"Ягуб", []string{"Tofig Yagublu"}},
			{"Orujov", []string{"Mohyaddin Orujov"}}, // a whole name as before
			{"Mustafayeva", nil},                     // another word: the woman's form
			{"Mustaq", nil},                          // the internal alias Mustaqimov is not public
			{"Mustafino", nil},                       // nor the sealed alias Mustafinov
			{"Rashad", nil},                          // nor the internal person
			{"Mustafaz", nil},
			{"Mu", nil}, // too short to begin a name
		} {
			body := expect(t, get(t, h, "/people?q="+url.QueryEscape(tc.q)), 200)
			for _, name := range everyone {
				wanted := false
				for _, w := range tc.want {
					wanted = wanted || w == name
				}
				if wanted {
					expect(t, get(t, h, "/people?q="+url.QueryEscape(tc.q)), 200, name)
				} else {
					refuse(t, body, name)
				}
			}
			if len(tc.want) == 0 {
				expect(t, get(t, h, "/people?q="+url.QueryEscape(tc.q)), 200, "No one")
			}
		}
		// Staff with internal access find the internal names by their
		// beginning; a sealed name is found only whole (its words are
		// not stored).
		for q, want := range map[string]string{"Mustaq": "afieddin-mammadov", "Mustafaz": "", "Rasha": ""} {
			page, err := s.ListPeople(ctx, habeas.Internal, habeas.PeopleFilter{Q: q})
			if err != nil {
				t.Fatal(err)
			}
			if len(page.Items) != 1 || want != "" && page.Items[0].Slug != want {
				t.Errorf("internal search %q: %+v, want one person (%s)", q, page.Items, want)
			}
		}
		if ids, err := s.PrefixPeople(ctx, habeas.Confidential, "Mustafino"); err != nil || len(ids) != 0 {
			t.Errorf("a sealed name found by its beginning: %v, %v", ids, err)
		}
		page, err := s.ListPeople(ctx, habeas.Confidential, habeas.PeopleFilter{Q: "Tofig Mustafinov"})
		if err != nil || len(page.Items) != 1 || page.Items[0].Slug != "tofig-yagublu" {
			t.Errorf("a sealed name not found whole by confidential staff: %+v, %v", page.Items, err)
		}
	})
}
