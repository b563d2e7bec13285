package store_test

import (
	"context"
	"testing"
	"time"

	"codeberg.org/habeas/habeas"
	"codeberg.org/habeas/habeas/store"
	"codeberg.org/habeas/habeas/store/storetest"
)

// The statistics count what each reader may see, as the lists do, and the
// series counts a detention from its arrest to its end.
func TestStats(t *testing.T) {
	clk := &movingClock{}
	clk.Set("2025-05-15")
	storetest.ForEach(t, clk, func(t *testing.T, s *store.Store) {
		clk.Set("2025-05-15")
		ctx := context.Background()
		op := habeas.Operator
		must := func(err error) {
			t.Helper()
			if err != nil {
				t.Fatal(err)
			}
		}
		prison := &habeas.Facility{Name: "Colony No. 3", Kind: "prison", Country: "AZ", Region: "Baku"}
		secret := &habeas.Facility{Name: "Unlisted site", Kind: "unknown", Country: "AZ", Region: "Secret", Visibility: habeas.Internal}
		must(s.CreateFacility(ctx, op, prison))
		must(s.CreateFacility(ctx, op, secret))
		union := &habeas.Organization{Name: "Workers' Table", Kind: "trade_union", Country: "AZ"}
		must(s.CreateOrganization(ctx, op, union))
		person := func(name string, v habeas.Visibility, c habeas.Case, events ...habeas.Event) *habeas.Person {
			t.Helper()
			p := &habeas.Person{Country: "AZ", Visibility: v, Names: []habeas.PersonName{{Name: name, Kind: habeas.NamePrimary}}}
			must(s.CreatePerson(ctx, op, p))
			c.PersonID, c.Visibility = p.ID, v
			if c.Country == "" {
				c.Country = "AZ"
			}
			if c.Charges == nil {
				c.Charges = []habeas.Charge{}
			}
			c.Position = "unknown"
			must(s.CreateCase(ctx, op, &c))
			for _, e := range events {
				e.CaseID = c.ID
				must(s.CreateEvent(ctx, op, &e))
			}
			return p
		}
		// Held since 10 January 2024, in a public prison, a union member,
		// charged under article 234.4.3.
		a := person("Aydin Held", habeas.Public, habeas.Case{Status: habeas.StatusPretrial, ArrestDate: "2024-01-10",
			FacilityID: prison.ID, Classification: "political_prisoner",
			Charges: []habeas.Charge{{Article: "234.4.3", Text: "drug trafficking"}, {Text: "hooliganism"}}})
		must(s.CreateMembership(ctx, op, &habeas.Membership{PersonID: a.ID, OrganizationID: union.ID, Role: "member"}))
		// Arrested in August 2023 (counted from its last day), released on 5 March 2024.
		person("Bahar Released", habeas.Public, habeas.Case{Status: habeas.StatusSentenced, ArrestDate: "2023-08",
			Classification: "political_prisoner"}, habeas.Event{Kind: habeas.EventRelease, Date: "2024-03-05"})
		// Internal: held since 1 February 2024 at an internal place.
		person("Chingiz Internal", habeas.Internal, habeas.Case{Status: habeas.StatusPretrial, ArrestDate: "2024-02-01",
			FacilityID: secret.ID, Classification: "at_risk", Charges: []habeas.Charge{{Article: "999.9", Text: "secret"}}})
		// Held, arrest date not known: counted today, not in the series.
		person("Dilara Undated", habeas.Public, habeas.Case{Status: habeas.StatusSentenced, Country: "GE",
			Classification: "prisoner_of_conscience"})

		pub, err := s.Stats(ctx, habeas.Public)
		must(err)
		staff, err := s.Stats(ctx, habeas.Internal)
		must(err)
		if pub.Detained != 2 || staff.Detained != 3 {
			t.Errorf("detained: public %d, staff %d; want 2 and 3", pub.Detained, staff.Detained)
		}
		counts := func(cs []habeas.StatCount) map[string]int {
			m := map[string]int{}
			for _, c := range cs {
				m[c.Key+"|"+c.Label] = c.Count
			}
			return m
		}
		for _, tc := range []struct {
			name string
			got  []habeas.StatCount
			want map[string]int
		}{
			{"public by status", pub.ByStatus, map[string]int{"pre_trial|": 1, "released|": 1, "sentenced|": 1}},
			{"public by country", pub.ByCountry, map[string]int{"AZ|": 1, "GE|": 1}},
			{"public by classification", pub.ByClassification, map[string]int{"political_prisoner|": 1, "prisoner_of_conscience|": 1}},
			{"public by facility", pub.ByFacility, map[string]int{prison.Slug + "|Colony No. 3": 1}},
			{"public by region", pub.ByRegion, map[string]int{"AZ|Baku": 1}},
			{"public by organization", pub.ByOrganization, map[string]int{union.Slug + "|Workers' Table": 1}},
			{"public by charge", pub.ByCharge, map[string]int{"234.4.3|drug trafficking": 1, "hooliganism|hooliganism": 1}},
			{"staff by status", staff.ByStatus, map[string]int{"pre_trial|": 2, "released|": 1, "sentenced|": 1}},
			{"staff by charge", staff.ByCharge, map[string]int{"234.4.3|drug trafficking": 1, "hooliganism|hooliganism": 1, "999.9|secret": 1}},
		} {
			got := counts(tc.got)
			if len(got) != len(tc.want) {
				t.Errorf("%s: %v; want %v", tc.name, got, tc.want)
				continue
			}
			for k, n := range tc.want {
				if got[k] != n {
					t.Errorf("%s: %v; want %v", tc.name, got, tc.want)
					break
				}
			}
		}
		series := func(ms []habeas.MonthCount) map[string]int {
			m := map[string]int{}
			for _, x := range ms {
				m[x.Month] = x.Count
			}
			return m
		}
		ps, ss := series(pub.Monthly), series(staff.Monthly)
		if len(pub.Monthly) != 22 || pub.Monthly[0].Month != "2023-08" || pub.Monthly[21].Month != "2025-05" {
			t.Errorf("public series runs %v; want 2023-08 to 2025-05", pub.Monthly)
		}
		for _, tc := range []struct {
			month          string
			public, staffs int
		}{{"2023-08", 1, 1}, {"2023-12", 1, 1}, {"2024-01", 2, 2}, {"2024-02", 2, 3}, {"2024-03", 1, 2}, {"2025-05", 1, 2}} {
			if ps[tc.month] != tc.public || ss[tc.month] != tc.staffs {
				t.Errorf("held at the end of %s: public %d, staff %d; want %d and %d", tc.month, ps[tc.month], ss[tc.month], tc.public, tc.staffs)
			}
		}
		for _, tc := range []struct {
			day  string
			want int
		}{{"2023-08-30", 0}, {"2023-08-31", 1}, {"2024-01-10", 2}, {"2024-03-04", 2}, {"2024-03-05", 1}, {"2030-01-01", 1}} {
			d, _ := time.Parse(time.DateOnly, tc.day)
			if n := pub.HeldOnDay(d); n != tc.want {
				t.Errorf("held on %s: %d; want %d", tc.day, n, tc.want)
			}
		}
	})
}

// After a write, the statistics counted before are served while they are
// counted again, then the new ones: a reader never waits for the count
// but the first.
func TestStatsFollowWrites(t *testing.T) {
	storetest.ForEach(t, clock, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		before, err := s.Stats(ctx, habeas.Public)
		if err != nil {
			t.Fatal(err)
		}
		p := &habeas.Person{Country: "AZ", Names: []habeas.PersonName{{Name: "Newly Held", Kind: habeas.NamePrimary}}}
		if err := s.CreatePerson(ctx, habeas.Operator, p); err != nil {
			t.Fatal(err)
		}
		if err := s.CreateCase(ctx, habeas.Operator, &habeas.Case{PersonID: p.ID, Country: "AZ", Status: habeas.StatusPretrial,
			ArrestDate: "2025-05-01", Charges: []habeas.Charge{}, Classification: "at_risk", Position: "unknown"}); err != nil {
			t.Fatal(err)
		}
		if st, _ := s.Stats(ctx, habeas.Public); st.Detained != before.Detained {
			t.Errorf("the first read after a write waited for a new count: %d, want the %d counted before", st.Detained, before.Detained)
		}
		deadline := time.Now().Add(10 * time.Second)
		for {
			st, err := s.Stats(ctx, habeas.Public)
			if err != nil {
				t.Fatal(err)
			}
			if st.Detained == before.Detained+1 {
				return
			}
			if time.Now().After(deadline) {
				t.Fatalf("the statistics still count %d held, 10 s after the write; want %d", st.Detained, before.Detained+1)
			}
			time.Sleep(10 * time.Millisecond)
		}
	})
}
