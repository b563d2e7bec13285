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

// The search answers at the caller's access, with snippets, and refuses
// what it cannot search with the parameter named.
func TestSearchThroughTheAPI(t *testing.T) {
	storetest.ForEach(t, clock, func(t *testing.T, st *store.Store) {
		f := newFixture(t, st)
		ev := `{"case_id":{case},"kind":"news","date":"2025-05-14","summary":"A visit by Zarbaliyev, kept internal.","visibility":"internal"}`
		if s, b, _ := f.do("editor", "POST", "/api/v1/events", f.expand(ev)); s != 201 {
			t.Fatalf("create internal event: %d %s", s, b)
		}
		read := func(who, path string) SearchAnswer {
			t.Helper()
			s, b, _ := f.do(who, "GET", path, "")
			if s != 200 {
				t.Fatalf("%s GET %s: %d %s", who, path, s, b)
			}
			var got SearchAnswer
			if err := json.Unmarshal([]byte(b), &got); err != nil {
				t.Fatal(err)
			}
			return got
		}
		if got := read("", "/api/v1/search?q=Zarbaliyev"); len(got.Events) != 0 {
			t.Errorf("anonymous search finds internal words: %+v", got.Events)
		}
		got := read("editor", "/api/v1/search?q=Zarbaliyev")
		if len(got.Events) != 1 || got.Query != "Zarbaliyev" {
			t.Fatalf("staff search: %+v", got)
		}
		marked := ""
		for _, s := range got.Events[0].Snippet {
			if s.Mark {
				marked += s.Text
			}
		}
		if marked != "Zarbaliyev" || got.Events[0].Slug != "elvin-mustafayev" {
			t.Errorf("the hit is %+v; want Zarbaliyev marked on Elvin Mustafayev's timeline", got.Events[0])
		}
		people := read("", "/api/v1/search?q=Мамедов&kind=person&limit=1")
		if len(people.People) != 1 || people.People[0].Slug != "afieddin-mammadov" || len(people.Posts) != 0 || people.People[0].Snippet == nil {
			t.Errorf("people only: %+v", people)
		}
		for _, bad := range []struct{ path, field string }{
			{"/api/v1/search", `"q"`}, {"/api/v1/search?q=%22open", `"q"`}, {"/api/v1/search?q=a&kind=secret", `"kind"`},
			{"/api/v1/search?q=a&limit=51", `"limit"`}, {"/api/v1/search?q=a&cursor=x", `"cursor"`},
		} {
			if s, b, _ := f.do("", "GET", bad.path, ""); s != 400 || !strings.Contains(b, bad.field) {
				t.Errorf("GET %s: %d %s; want 400 naming %s", bad.path, s, b, bad.field)
			}
		}
	})
}
