package api

import (
	"encoding/json"
	"strings"
	"testing"

	"codeberg.org/habeas/habeas"
	"codeberg.org/habeas/habeas/store"
	"codeberg.org/habeas/habeas/store/storetest"
)

// The statistics count what the caller may see; estimates staff keep
// internal stay theirs; a bad day is refused with the parameter named.
func TestStatsThroughTheAPI(t *testing.T) {
	storetest.ForEach(t, clock, func(t *testing.T, st *store.Store) {
		f := newFixture(t, st)
		ctx := t.Context()
		p := &habeas.Person{Country: "AZ", Visibility: habeas.Internal, Names: []habeas.PersonName{{Name: "Held Internally", Kind: habeas.NamePrimary}}}
		if err := st.CreatePerson(ctx, habeas.Operator, p); err != nil {
			t.Fatal(err)
		}
		if err := st.CreateCase(ctx, habeas.Operator, &habeas.Case{PersonID: p.ID, Country: "AZ", Status: habeas.StatusPretrial,
			ArrestDate: "2024-01-10", Charges: []habeas.Charge{}, Classification: "political_prisoner", Position: "unknown",
			Visibility: habeas.Internal}); err != nil {
			t.Fatal(err)
		}
		internal := `{"country":"AZ","count":999,"qualifier":"at_least","of":"political_prisoner","by":"a source we protect",` +
			`"as_of":"2025-05","source_ids":[{source}],"visibility":"internal"}`
		if s, b, _ := f.do("editor", "POST", "/api/v1/estimates", f.expand(internal)); s != 201 {
			t.Fatalf("create internal estimate: %d %s", s, b)
		}
		read := func(who, path string) habeas.Stats {
			t.Helper()
			s, b, _ := f.do(who, "GET", path, "")
			if s != 200 {
				t.Fatalf("%s GET %s: %d %s", who, path, s, b)
			}
			var got habeas.Stats
			if err := json.Unmarshal([]byte(b), &got); err != nil {
				t.Fatal(err)
			}
			return got
		}
		pub, staff := read("", "/api/v1/stats?on=2024-02-01"), read("editor", "/api/v1/stats?on=2024-02-01")
		if pub.Detained != 5 || staff.Detained != 6 {
			t.Errorf("detained: public %d, staff %d; want 5 and 6", pub.Detained, staff.Detained)
		}
		if pub.HeldOn == nil || staff.HeldOn == nil || staff.HeldOn.Count != pub.HeldOn.Count+1 || pub.HeldOn.Date != "2024-02-01" {
			t.Errorf("held on 2024-02-01: public %+v, staff %+v; want one more for staff", pub.HeldOn, staff.HeldOn)
		}
		if len(pub.Estimates) != 1 || pub.Estimates[0].Count != 350 || len(staff.Estimates) != 2 {
			t.Errorf("estimates: public %+v, staff %d", pub.Estimates, len(staff.Estimates))
		}
		if read("", "/api/v1/stats").HeldOn != nil {
			t.Error("held_on without a day asked for")
		}
		if s, b, _ := f.do("", "GET", "/api/v1/estimates", ""); s != 200 || strings.Contains(b, "999") || !strings.Contains(b, `"count":350`) {
			t.Errorf("anonymous estimates: %d %s", s, b)
		}
		for _, bad := range []struct{ path, field string }{
			{"/api/v1/stats?on=2024-02-30", `"on"`}, {"/api/v1/stats?on=yesterday", `"on"`}, {"/api/v1/stats?by=country", `"by"`},
		} {
			if s, b, _ := f.do("", "GET", bad.path, ""); s != 400 || !strings.Contains(b, bad.field) {
				t.Errorf("GET %s: %d %s; want 400 naming %s", bad.path, s, b, bad.field)
			}
		}
	})
}
