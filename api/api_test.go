package api

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"sort"
	"strconv"
	"strings"
	"testing"

	"codeberg.org/habeas/habeas"
	"codeberg.org/habeas/habeas/demo"
	"codeberg.org/habeas/habeas/store"
	"codeberg.org/habeas/habeas/store/storetest"
)

var clock = habeas.FixedClock{T: demo.AsOf}

// fixture is a real API over a real store holding the demo, with tokens
// for each kind of reader.
type fixture struct {
	t      *testing.T
	srv    *httptest.Server
	st     *store.Store
	tokens map[string]string // viewer, editor, admin (with confidential access)
	ids    map[string]int64
}

func newFixture(t *testing.T, st *store.Store) *fixture {
	t.Helper()
	ctx := context.Background()
	if err := demo.Load(ctx, st); err != nil {
		t.Fatal(err)
	}
	f := &fixture{t: t, st: st, tokens: map[string]string{}, ids: map[string]int64{}}
	for _, u := range []habeas.User{
		{Email: "viewer@example.org", Role: habeas.RoleViewer},
		{Email: "editor@example.org", Role: habeas.RoleEditor},
		{Email: "admin@example.org", Role: habeas.RoleAdmin, Confidential: true},
	} {
		if err := st.CreateUser(ctx, &u); err != nil {
			t.Fatal(err)
		}
		tok, err := st.CreateToken(ctx, u.ID)
		if err != nil {
			t.Fatal(err)
		}
		f.tokens[u.Role] = tok
	}
	p, _ := st.PersonBySlug(ctx, habeas.Public, demo.PersonSlug)
	cases, _ := st.ListCases(ctx, habeas.Public, habeas.CaseFilter{PersonID: p.ID})
	org, _ := st.OrganizationBySlug(ctx, habeas.Public, demo.OrganizationSlug)
	fac, _ := st.FacilityBySlug(ctx, habeas.Public, demo.FacilitySlug)
	f.ids["person"], f.ids["case"], f.ids["org"], f.ids["facility"] = p.ID, cases.Items[0].ID, org.ID, fac.ID
	src := &habeas.Source{Kind: "url", Title: "A report", URL: "https://example.org/report", Reliability: "reliable"}
	if err := st.CreateSource(ctx, habeas.Operator, src); err != nil {
		t.Fatal(err)
	}
	f.ids["source"] = src.ID
	f.srv = httptest.NewServer(New(Config{Services: st, Clock: clock}))
	t.Cleanup(f.srv.Close)
	return f
}

// do sends a request as who ("" for anonymous) and returns status and body.
func (f *fixture) do(who, method, path, body string, header ...string) (int, string, http.Header) {
	f.t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, _ := http.NewRequest(method, f.srv.URL+f.expand(path), rd)
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	if who != "" {
		req.Header.Set("Authorization", "Bearer "+f.tokens[who])
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		f.t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(b), res.Header
}

// expand replaces {person}, {case}, {org}, {facility} with the demo's ids.
func (f *fixture) expand(s string) string {
	for k, v := range f.ids {
		s = strings.ReplaceAll(s, "{"+k+"}", strconv.FormatInt(v, 10))
	}
	return s
}

const newPersonBody = `{"names":[{"name":"Aylin Nazarova","kind":"primary","visibility":"public"}],"country":"AZ","visibility":"public"}`

func TestAPIRequests(t *testing.T) {
	storetest.ForEach(t, clock, func(t *testing.T, st *store.Store) {
		f := newFixture(t, st)
		tests := []struct {
			name, who, method, path, body string
			status                        int
			contains                      []string
			absent                        []string
		}{
			{"public list", "", "GET", "/api/v1/people", "", 200, []string{"Elvin Mustafayev", `"whereabouts_unknown":true`, `"days_without_news_at_least":true`}, nil},
			{"filter by status", "", "GET", "/api/v1/people?status=sentenced", "", 200, []string{"Elvin Mustafayev"}, []string{"Tofig Yagublu"}},
			{"filter by organization", "", "GET", "/api/v1/people?organization_id={org}", "", 200, []string{"Afieddin Mammadov"}, []string{"Tofig Yagublu"}},
			{"unknown status value", "", "GET", "/api/v1/people?status=missing", "", 400, []string{`"code":"bad_request"`, `"status"`}, nil},
			{"unknown parameter", "", "GET", "/api/v1/people?colour=red", "", 400, []string{`"colour":"unknown parameter"`}, nil},
			{"malformed pair", "", "GET", "/api/v1/people?country=BY;", "", 400, []string{`"code":"bad_request"`, `"country":"is malformed`}, nil},
			{"malformed pair among good ones", "", "GET", "/api/v1/cases?status=detained&country=AZ;", "", 400, []string{`"country":"is malformed`}, []string{`"status"`}},
			{"malformed match", "", "GET", "/api/v1/people?match=Elvin;", "", 400, []string{`"match":"is malformed`}, nil},
			{"limit out of range", "", "GET", "/api/v1/people?limit=0", "", 400, []string{`"limit"`}, nil},
			{"bad cursor", "", "GET", "/api/v1/cases?cursor=zzz", "", 400, []string{`"cursor"`}, nil},
			{"get person", "", "GET", "/api/v1/people/{person}", "", 200, []string{"Эльвин Мустафаев", `"bio_lang":"en","bio_translations":{"ru":"Эльвин Мустафаев — задержанный член`}, []string{"internal_notes"}},
			{"translation into an unknown language", "editor", "POST", "/api/v1/people", `{"names":[{"name":"A B","kind":"primary","visibility":"public"}],"country":"AZ","bio":"A.","bio_translations":{"xx":"B."},"visibility":"public"}`, 422, []string{`"bio_translations":"unknown language \"xx\"`}, nil},
			{"translation of no description", "editor", "POST", "/api/v1/facilities", `{"name":"X","kind":"prison","country":"AZ","description_translations":{"ru":"Тюрьма."},"visibility":"public"}`, 422, []string{`"description_translations":"translations of an empty text`}, nil},
			{"no such person", "", "GET", "/api/v1/people/999999", "", 404, []string{`"code":"not_found"`}, nil},
			{"id neither a number nor a slug", "", "GET", "/api/v1/people/Elvin%20M", "", 400, []string{`"id"`, "or a slug"}, nil},
			{"case id not a number", "", "GET", "/api/v1/cases/elvin", "", 400, []string{`"id"`}, nil},
			{"get case", "", "GET", "/api/v1/cases/{case}", "", 200, []string{"Baku Serious Crimes Court", `"years":3`, "drug trafficking"}, nil},
			{"case state", "", "GET", "/api/v1/cases/{case}/state", "", 200, []string{`"whereabouts_unknown":true`, `"days_without_news":8`, `"hunger_strike_since":"2025-05-06"`, `"hunger_strike_unconfirmed":true`, `"today":"2025-05-15"`}, nil},
			{"case events", "", "GET", "/api/v1/cases/{case}/events", "", 200, []string{"hunger_strike_start", `"date":"2025-05-06/2025-05-14"`}, nil},
			{"events need a case", "", "GET", "/api/v1/events", "", 400, []string{`"case_id"`}, nil},
			{"interventions unanswered", "", "GET", "/api/v1/interventions?answer_status=none", "", 200, []string{"Penitentiary Service"}, nil},
			{"organization", "", "GET", "/api/v1/organizations/{org}", "", 200, []string{"Workers’ Table", `"founded":"2022"`}, nil},
			{"memberships of org", "", "GET", "/api/v1/memberships?organization_id={org}", "", 200, []string{`"role":"chairman"`}, nil},
			{"facility", "", "GET", "/api/v1/facilities/{facility}", "", 200, []string{"Correctional Facility No. 3"}, nil},
			{"sources", "", "GET", "/api/v1/sources", "", 200, []string{"8 Days Without News"}, nil},
			{"unknown route", "", "GET", "/api/v1/nothing", "", 404, []string{`"code":"not_found"`}, nil},
			{"wrong method", "", "PATCH", "/api/v1/people/{person}", "{}", 405, []string{`"code":"method_not_allowed"`}, nil},
			{"write without token", "", "POST", "/api/v1/people", newPersonBody, 401, []string{`"code":"unauthorized"`}, nil},
			{"write as viewer", "viewer", "POST", "/api/v1/people", newPersonBody, 403, []string{`"code":"forbidden"`}, nil},
			{"create person", "editor", "POST", "/api/v1/people", newPersonBody, 201, []string{`"slug":"aylin-nazarova"`}, nil},
			{"unknown field", "editor", "POST", "/api/v1/people", `{"names":[{"name":"A B","kind":"primary","visibility":"public"}],"country":"AZ","visibility":"public","shoe_size":42}`, 400, []string{`"shoe_size":"unknown field"`}, nil},
			{"visibility required", "editor", "POST", "/api/v1/people", `{"names":[{"name":"A B","kind":"primary","visibility":"public"}],"country":"AZ"}`, 400, []string{`"visibility"`}, nil},
			{"unknown visibility", "editor", "POST", "/api/v1/people", `{"names":[{"name":"A B","kind":"primary","visibility":"public"}],"country":"AZ","visibility":"secret"}`, 400, []string{`"visibility"`}, nil},
			{"wrong type", "editor", "POST", "/api/v1/people", `{"names":[{"name":"A B","kind":"primary","visibility":"public"}],"country":"AZ","visibility":"public","birth_year":"1980"}`, 400, []string{`"birth_year":"must be an integer"`}, nil},
			{"bad enum", "editor", "POST", "/api/v1/people", `{"names":[{"name":"A B","kind":"nickname","visibility":"public"}],"country":"AZ","visibility":"public"}`, 422, []string{`"code":"invalid"`, `names[0].kind`}, nil},
			{"not a JSON media type", "editor", "POST", "/api/v1/people", newPersonBody, 415, []string{`"code":"unsupported_media_type"`}, nil},
			{"not JSON", "editor", "POST", "/api/v1/people", `names=x`, 400, []string{`"code":"bad_request"`}, nil},
			{"trailing data", "editor", "POST", "/api/v1/people", newPersonBody + `{}`, 400, []string{`"code":"bad_request"`, "after top-level value"}, nil},
			{"invalid UTF-8", "editor", "POST", "/api/v1/people", `{"names":[{"name":"A` + "\xff" + `","kind":"primary","visibility":"public"}],"country":"AZ","visibility":"public"}`, 400, []string{"UTF-8"}, nil},
			{"too large", "editor", "POST", "/api/v1/people", `{"bio":"` + strings.Repeat("x", MaxBodyBytes) + `"}`, 413, []string{`"code":"too_large"`}, nil},
			{"release before arrest", "editor", "POST", "/api/v1/cases", `{"person_id":{person},"country":"AZ","status":"detained","classification":"at_risk","position":"denies","arrest_date":"2024-05","expected_release":"2023","visibility":"public"}`, 422, []string{`"expected_release":"cannot be before the arrest"`}, nil},
			{"impossible date", "editor", "POST", "/api/v1/cases/{case}/events", `{"kind":"hearing","date":"2025-02-29","visibility":"public"}`, 422, []string{`"date"`, "29"}, nil},
			{"membership pointing at nothing", "editor", "POST", "/api/v1/memberships", `{"person_id":{person},"organization_id":4242,"visibility":"public"}`, 422, []string{`"organization_id":"no organization with id 4242"`}, nil},
			{"add event", "editor", "POST", "/api/v1/cases/{case}/events", `{"kind":"lawyer_visit","date":"2025-05-15","summary":"His lawyer saw him","visibility":"public"}`, 201, []string{`"kind":"lawyer_visit"`, `"source_ids":[]`}, nil},
			{"delete referenced facility", "editor", "DELETE", "/api/v1/facilities/{facility}", "", 409, []string{`"code":"conflict"`}, nil},
			{"slug taken", "editor", "POST", "/api/v1/organizations", `{"slug":"workers-table","name":"X","kind":"ngo","country":"AZ","visibility":"public"}`, 409, []string{`"code":"conflict"`, "slug"}, nil},
			{"invalid token", "", "GET", "/api/v1/people", "", 401, []string{"invalid API token"}, nil},
			{"openapi", "", "GET", "/api/openapi.json", "", 200, []string{`"openapi":"3.1.0"`}, nil},
		}
		for _, tc := range tests {
			var hdr []string
			if tc.name == "invalid token" {
				hdr = []string{"Authorization", "Bearer habeas_not-a-token"}
			}
			if tc.name == "not a JSON media type" {
				hdr = []string{"Content-Type", "text/plain"}
			}
			status, body, _ := f.do(tc.who, tc.method, tc.path, f.expand(tc.body), hdr...)
			if status != tc.status {
				t.Errorf("%s: status %d, want %d; body %.300s", tc.name, status, tc.status, body)
			}
			for _, c := range tc.contains {
				if !strings.Contains(body, c) {
					t.Errorf("%s: body lacks %s: %.400s", tc.name, c, body)
				}
			}
			for _, c := range tc.absent {
				if strings.Contains(body, c) {
					t.Errorf("%s: body has %s", tc.name, c)
				}
			}
		}
	})
}

// A rejected write changes nothing: the person list is the same after.
func TestRejectedWritesChangeNothing(t *testing.T) {
	storetest.ForEach(t, clock, func(t *testing.T, st *store.Store) {
		f := newFixture(t, st)
		_, before, _ := f.do("admin", "GET", "/api/v1/people?limit=500", "")
		_, casesBefore, _ := f.do("admin", "GET", "/api/v1/cases/{case}/events?limit=500", "")
		for _, body := range []string{
			`{"names":[],"country":"AZ","visibility":"public"}`,
			`{"names":[{"name":"X","kind":"primary","visibility":"public"}],"country":"Azerbaijan","visibility":"public"}`,
			`{"names":[{"name":"X","kind":"primary","visibility":"public"},{"name":"Y","kind":"primary","visibility":"public"}],"country":"AZ","visibility":"public"}`,
		} {
			if status, b, _ := f.do("editor", "POST", "/api/v1/people", body); status != 422 {
				t.Errorf("POST %s: %d %s", body, status, b)
			}
		}
		f.do("editor", "POST", "/api/v1/cases/{case}/events", `{"kind":"transfer","date":"2025-13","visibility":"public"}`)
		f.do("editor", "PUT", "/api/v1/people/{person}", `{"names":[{"name":"","kind":"primary","visibility":"public"}],"country":"AZ","visibility":"public"}`)
		_, after, _ := f.do("admin", "GET", "/api/v1/people?limit=500", "")
		_, casesAfter, _ := f.do("admin", "GET", "/api/v1/cases/{case}/events?limit=500", "")
		if before != after || casesBefore != casesAfter {
			t.Errorf("rejected writes changed data")
		}
	})
}

func TestVisibilityThroughTheAPI(t *testing.T) {
	storetest.ForEach(t, clock, func(t *testing.T, st *store.Store) {
		f := newFixture(t, st)
		status, body, hdr := f.do("editor", "POST", "/api/v1/people",
			`{"names":[{"name":"Internal Zarifa","kind":"primary","visibility":"public"}],"country":"AZ","internal_notes":"lawyer's mobile 555","visibility":"internal"}`)
		if status != 201 {
			t.Fatalf("create internal person: %d %s", status, body)
		}
		loc := hdr.Get("Location")
		if s, b, _ := f.do("", "GET", loc, ""); s != 404 || strings.Contains(b, "Zarifa") {
			t.Errorf("anonymous GET of an internal person: %d %s", s, b)
		}
		if _, b, _ := f.do("", "GET", "/api/v1/people?limit=500", ""); strings.Contains(b, "Zarifa") {
			t.Errorf("internal person in the public list")
		}
		if s, b, _ := f.do("viewer", "GET", loc, ""); s != 200 || !strings.Contains(b, "lawyer's mobile 555") {
			t.Errorf("staff GET of an internal person: %d %s", s, b)
		}

		status, body, _ = f.do("editor", "POST", "/api/v1/sources",
			`{"kind":"testimony","title":"Call with his sister","reliability":"reliable","identity":"Sister, +994 50 111 11 11","visibility":"confidential"}`)
		if status != 403 {
			t.Errorf("editor without confidential access creates a confidential source: %d %s", status, body)
		}
		status, body, hdr = f.do("admin", "POST", "/api/v1/sources",
			`{"kind":"testimony","title":"Call with his sister","reliability":"reliable","identity":"Sister, +994 50 111 11 11","visibility":"confidential"}`)
		if status != 201 {
			t.Fatalf("create confidential source: %d %s", status, body)
		}
		loc = hdr.Get("Location")
		if s, _, _ := f.do("editor", "GET", loc, ""); s != 404 {
			t.Errorf("editor without confidential access reads a confidential source: %d", s)
		}
		if s, b, _ := f.do("admin", "GET", loc, ""); s != 200 || !strings.Contains(b, "+994 50 111 11 11") {
			t.Errorf("confidential reader: %d %s", s, b)
		}
		if s, _, _ := f.do("editor", "DELETE", loc, ""); s != 404 {
			t.Errorf("editor deletes a confidential source they cannot see: %d", s)
		}
		if s, _, _ := f.do("", "GET", "/api/v1/sources?limit=500", ""); s != 200 {
			t.Errorf("public source list: %d", s)
		}
	})
}

// The routes served and the routes documented are the same set.
func TestOpenAPIDescribesEveryRoute(t *testing.T) {
	s := New(Config{Services: (*store.Store)(nil), Clock: clock}) // routes only: nothing is called
	var served, documented []string
	for _, r := range s.routes {
		served = append(served, r.method+" "+r.path)
	}
	d := Document()
	for path, item := range d["paths"].(doc) {
		for method := range item.(doc) {
			documented = append(documented, strings.ToUpper(method)+" "+path)
		}
	}
	sort.Strings(served)
	sort.Strings(documented)
	if strings.Join(served, "\n") != strings.Join(documented, "\n") {
		t.Errorf("served and documented routes differ:\nserved:\n%s\n\ndocumented:\n%s", strings.Join(served, "\n"), strings.Join(documented, "\n"))
	}
	b, err := json.Marshal(d)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"Person"`, `"Case"`, `"Event"`, `"whereabouts_unknown"`, `"bearerAuth"`} {
		if !strings.Contains(string(b), want) {
			t.Errorf("document lacks %s", want)
		}
	}
}

func TestDuplicatesMatchAndMerge(t *testing.T) {
	storetest.ForEach(t, clock, func(t *testing.T, st *store.Store) {
		f := newFixture(t, st)
		status, body, hdr := f.do("editor", "POST", "/api/v1/people",
			`{"names":[{"name":"Мустафаев Эльвин","kind":"primary","script":"Cyrl","visibility":"public"}],"country":"AZ","visibility":"internal"}`)
		if status != 201 || !strings.Contains(body, `"duplicates":[{`) || !strings.Contains(body, `"slug":"elvin-mustafayev"`) {
			t.Fatalf("creating a probable duplicate: %d %s", status, body)
		}
		status, body, _ = f.do("editor", "POST", "/api/v1/people",
			`{"names":[{"name":"Leyla Yunus","kind":"primary","visibility":"public"}],"country":"AZ","visibility":"public"}`)
		if status != 201 || strings.Contains(body, "duplicates") {
			t.Errorf("a new name got a duplicates warning: %d %s", status, body)
		}
		if s, b, _ := f.do("", "GET", "/api/v1/people?match=Mustafaev%20Elvin", ""); s != 200 || !strings.Contains(b, `"matched_name":"Elvin Mustafayev"`) || !strings.Contains(b, `"score":`) {
			t.Errorf("match: %d %s", s, b)
		}
		if _, b, _ := f.do("", "GET", "/api/v1/people?match=%D0%AD%D0%BB%D1%8C%D0%B2%D0%B8%D0%BD%20%D0%9C%D1%83%D1%81%D1%82%D0%B0%D1%84%D0%B0%D0%B5%D0%B2", ""); strings.Count(b, `"person_id"`) != 1 {
			t.Errorf("the public match sees the internal duplicate: %s", b)
		}
		for _, bad := range []string{"?match=", "?match=x&min_score=2"} {
			if s, b, _ := f.do("", "GET", "/api/v1/people"+bad, ""); s != 400 {
				t.Errorf("%s: %d %s", bad, s, b)
			}
		}

		dupURL := hdr.Get("Location")
		dupID := dupURL[strings.LastIndex(dupURL, "/")+1:]
		if s, b, _ := f.do("viewer", "POST", "/api/v1/people/{person}/merge", `{"duplicate_id":`+dupID+`}`); s != 403 {
			t.Errorf("viewer merges: %d %s", s, b)
		}
		if s, b, _ := f.do("editor", "POST", "/api/v1/people/{person}/merge", f.expand(`{"duplicate_id":{person}}`)); s != 422 || !strings.Contains(b, "duplicate_id") {
			t.Errorf("merge into oneself: %d %s", s, b)
		}
		s, b, _ := f.do("editor", "POST", "/api/v1/people/{person}/merge", `{"duplicate_id":`+dupID+`}`)
		if s != 200 || !strings.Contains(b, `"names_added":[{"name":"Мустафаев Эльвин","kind":"alias"`) {
			t.Fatalf("merge: %d %s", s, b)
		}
		var m struct{ ID int64 }
		json.Unmarshal([]byte(b), &m)
		if s, _, _ := f.do("editor", "GET", dupURL, ""); s != 404 {
			t.Errorf("the merged duplicate still answers: %d", s)
		}
		// The alias came from an internal record: the public does not see it.
		if _, b, _ := f.do("", "GET", "/api/v1/people/{person}", ""); strings.Contains(b, "Мустафаев Эльвин") {
			t.Errorf("an internal record's name became public: %s", b)
		}
		if _, b, _ := f.do("viewer", "GET", "/api/v1/people/{person}", ""); !strings.Contains(b, "Мустафаев Эльвин") {
			t.Errorf("staff do not see the merged name: %s", b)
		}
		if s, b, _ := f.do("editor", "POST", "/api/v1/merges/"+strconv.FormatInt(m.ID, 10)+"/undo", ""); s != 204 {
			t.Errorf("undo: %d %s", s, b)
		}
		if s, _, _ := f.do("editor", "GET", dupURL, ""); s != 200 {
			t.Errorf("the duplicate is not back after the undo: %d", s)
		}
	})
}

// Every collection goes through its whole life: create, read, list,
// replace, delete.
func TestEveryCollectionRoundTrip(t *testing.T) {
	storetest.ForEach(t, clock, func(t *testing.T, st *store.Store) {
		f := newFixture(t, st)
		tests := []struct {
			path, create, replace, changed, list string
		}{
			{"/api/v1/people", `{"names":[{"name":"Aylin Nazarova","kind":"primary","visibility":"public"}],"country":"AZ","visibility":"public"}`,
				`{"names":[{"name":"Aylin Nazarova","kind":"primary","visibility":"public"}],"country":"AZ","occupation":"Journalist","bio":"A journalist.","bio_lang":"en","bio_translations":{"az":"Jurnalist."},"visibility":"public"}`, `"bio_lang":"en","bio_translations":{"az":"Jurnalist."}`, "?country=AZ&limit=500"},
			{"/api/v1/organizations", `{"name":"Abzas Media","kind":"media","country":"AZ","visibility":"public"}`,
				`{"name":"Abzas Media","kind":"media","country":"AZ","founded":"2016","visibility":"public"}`, `"founded":"2016"`, "?kind=media"},
			{"/api/v1/memberships", `{"person_id":{person},"organization_id":{org},"role":"member","visibility":"internal"}`,
				`{"person_id":{person},"organization_id":{org},"role":"treasurer","since":"2022","visibility":"internal"}`, `"role":"treasurer"`, "?person_id={person}"},
			{"/api/v1/facilities", `{"name":"Baku Pre-trial Detention Centre No. 1","kind":"pre_trial","country":"AZ","visibility":"public"}`,
				`{"name":"Baku Pre-trial Detention Centre No. 1","kind":"pre_trial","country":"AZ","region":"Baku","latitude":40.4,"longitude":49.9,"description":"Run by the Ministry of Justice.","description_translations":{"ru":"Подчиняется Министерству юстиции."},"visibility":"public"}`, `"description":"Run by the Ministry of Justice.","description_translations":{"ru":"Подчиняется Министерству юстиции."}`, "?country=AZ"},
			{"/api/v1/cases", `{"person_id":{person},"country":"AZ","status":"pre_trial","classification":"at_risk","position":"denies","charges":[{"article":"206.3.2","text":"smuggling"}],"visibility":"public"}`,
				`{"person_id":{person},"country":"AZ","status":"pre_trial","classification":"political_prisoner","classified_by":"local human rights groups","position":"denies","charges":[],"visibility":"public"}`, `"classification":"political_prisoner"`, "?person_id={person}"},
			{"/api/v1/events", `{"case_id":{case},"kind":"letter","date":"2025-05-10~","summary":"A letter reached his family","visibility":"public"}`,
				`{"case_id":{case},"kind":"call","date":"2025-05-10","summary":"He called his family","visibility":"public"}`, `"kind":"call"`, "?case_id={case}&kind=call"},
			{"/api/v1/sources", `{"kind":"url","title":"Court records","url":"https://example.org/court","reliability":"confirmed","visibility":"public"}`,
				`{"kind":"url","title":"Court records, updated","url":"https://example.org/court","reliability":"confirmed","visibility":"public"}`, `"title":"Court records, updated"`, "?kind=url"},
			{"/api/v1/interventions", `{"case_id":{case},"kind":"appeal","sender":"IHR","recipient":"Ombudsman","sent_on":"2025-05-12","due_on":"2025-06-12","answer_status":"none","visibility":"public"}`,
				`{"case_id":{case},"kind":"appeal","sender":"IHR","recipient":"Ombudsman","sent_on":"2025-05-12","due_on":"2025-06-12","answer_status":"partial","answered_on":"2025-05-14","visibility":"public"}`, `"answer_status":"partial"`, "?case_id={case}&answer_status=partial"},
			{"/api/v1/posts", `{"lang":"en","title":"Eight days without news","body":"No news.","state":"draft","visibility":"internal","person_ids":[{person}]}`,
				`{"lang":"en","title":"Eight days without news","body":"No news.","state":"published","visibility":"public","person_ids":[{person}],"tags":["hunger-strike"]}`, `"tags":["hunger-strike"]`, "?person_id={person}&tag=hunger-strike"},
			{"/api/v1/estimates", `{"country":"AZ","count":350,"qualifier":"around","of":"political_prisoner","by":"local human rights organizations","as_of":"2025-05-15","source_ids":[{source}],"visibility":"internal"}`,
				`{"country":"AZ","count":375,"qualifier":"at_least","of":"political_prisoner","by":"local human rights organizations","as_of":"2025-06","source_ids":[{source}],"visibility":"public"}`, `"count":375`, "?country=AZ"},
		}
		for _, tc := range tests {
			status, body, hdr := f.do("editor", "POST", tc.path, f.expand(tc.create))
			if status != 201 {
				t.Errorf("POST %s: %d %s", tc.path, status, body)
				continue
			}
			loc := hdr.Get("Location")
			if !strings.HasPrefix(loc, tc.path+"/") {
				t.Errorf("POST %s: Location %q", tc.path, loc)
			}
			if s, _, _ := f.do("editor", "GET", loc, ""); s != 200 {
				t.Errorf("GET %s: %d", loc, s)
			}
			if s, b, _ := f.do("editor", "PUT", loc, f.expand(tc.replace)); s != 200 || !strings.Contains(b, tc.changed) {
				t.Errorf("PUT %s: %d %s", loc, s, b)
			}
			id := loc[strings.LastIndex(loc, "/")+1:]
			if s, b, _ := f.do("editor", "GET", tc.path+f.expand(tc.list), ""); s != 200 || !strings.Contains(b, `"id":`+id+`,`) {
				t.Errorf("GET %s%s: %d, lacks id %s: %.300s", tc.path, tc.list, s, id, b)
			}
			if s, b, _ := f.do("editor", "DELETE", loc, ""); s != 204 {
				t.Errorf("DELETE %s: %d %s", loc, s, b)
			}
			if s, _, _ := f.do("editor", "GET", loc, ""); s != 404 {
				t.Errorf("GET %s after DELETE: %d", loc, s)
			}
			if s, _, _ := f.do("editor", "PUT", loc, f.expand(tc.replace)); s != 404 {
				t.Errorf("PUT %s after DELETE: %d", loc, s)
			}
		}
	})
}

// A misspelt filter value is refused, never silently an empty list.
func TestFilterValuesAreChecked(t *testing.T) {
	storetest.ForEach(t, clock, func(t *testing.T, st *store.Store) {
		f := newFixture(t, st)
		for _, path := range []string{
			"/api/v1/organizations?kind=union", "/api/v1/facilities?kind=jail", "/api/v1/cases?status=held",
			"/api/v1/cases?country=az", "/api/v1/sources?kind=rumour", "/api/v1/interventions?answer_status=maybe",
			"/api/v1/cases/{case}/events?kind=visit", "/api/v1/people?classification=terrorist",
			"/api/v1/posts?lang=de", "/api/v1/posts?state=live", "/api/v1/posts?originals=yes", "/api/v1/posts?person_id=x",
		} {
			if s, b, _ := f.do("", "GET", path, ""); s != 400 || !strings.Contains(b, `"fields"`) {
				t.Errorf("%s: %d %s", path, s, b)
			}
		}
		if s, b, _ := f.do("", "GET", "/api/v1/organizations?kind=trade_union", ""); s != 200 || !strings.Contains(b, "Workers") {
			t.Errorf("a known kind: %d %s", s, b)
		}
		// An editor without confidential access may not write a confidential alias.
		body := `{"names":[{"name":"A B","kind":"primary","visibility":"public"},{"name":"Secret Name","kind":"alias","visibility":"confidential"}],"country":"AZ","visibility":"internal"}`
		if s, b, _ := f.do("editor", "POST", "/api/v1/people", body); s != 403 {
			t.Errorf("confidential alias by an editor: %d %s", s, b)
		}
	})
}

// Bodies are strict at every depth: a visibility is never null or left
// out (neither the record's nor a name's), unknown fields are refused in
// nested objects too, and a lone surrogate escape is refused rather than
// turned into U+FFFD. Each problem names its path.
func TestStrictBodies(t *testing.T) {
	storetest.ForEach(t, clock, func(t *testing.T, st *store.Store) {
		f := newFixture(t, st)
		const name = `{"name":"A B","kind":"primary","visibility":"public"}`
		person := func(names, rest string) string {
			return `{"names":[` + names + `],"country":"AZ"` + rest + `}`
		}
		const aCase = `{"person_id":{person},"country":"AZ","status":"detained","classification":"at_risk","position":"denies","visibility":"public"`
		tests := []struct {
			name, path, body string
			status           int
			field, reason    string // the field named, and the start of its reason
		}{
			{"null visibility", "/api/v1/people", person(name, `,"visibility":null`), 400, "visibility", "is required"},
			{"visibility a number", "/api/v1/people", person(name, `,"visibility":1`), 400, "visibility", "must be a string"},
			{"name without visibility", "/api/v1/people", person(`{"name":"A B","kind":"primary"}`, `,"visibility":"public"`), 400, "names[0].visibility", "is required"},
			{"name with null visibility", "/api/v1/people", person(`{"name":"A B","kind":"primary","visibility":null}`, `,"visibility":"internal"`), 400, "names[0].visibility", "is required"},
			{"misspelt name visibility", "/api/v1/people", person(name+`,{"name":"C D","kind":"alias","visiblity":"confidential"}`, `,"visibility":"public"`), 400, "names[1].visiblity", "unknown field"},
			{"misspelt name visibility is missing", "/api/v1/people", person(name+`,{"name":"C D","kind":"alias","visiblity":"confidential"}`, `,"visibility":"public"`), 400, "names[1].visibility", "is required"},
			{"unknown visibility of a name", "/api/v1/people", person(`{"name":"A B","kind":"primary","visibility":"secret"}`, `,"visibility":"public"`), 400, "names[0].visibility", "unknown visibility"},
			{"names not an array", "/api/v1/people", person(``, `,"visibility":"public","names":{}`), 400, "names", "must be an array"},
			{"unknown field in sentence", "/api/v1/cases", aCase + `,"sentence":{"yaers":3}}`, 400, "sentence.yaers", "unknown field"},
			{"unknown field in a charge", "/api/v1/cases", aCase + `,"charges":[{"text":"x"},{"text":"y","artcle":"1"}]}`, 400, "charges[1].artcle", "unknown field"},
			{"wrong type in sentence", "/api/v1/cases", aCase + `,"sentence":{"years":"3"}}`, 400, "sentence.years", "must be an integer"},
			{"lone high surrogate", "/api/v1/people", person(name, `,"visibility":"public","bio":"\ud800"`), 400, "bio", "holds a lone UTF-16 surrogate"},
			{"high surrogate then a letter", "/api/v1/people", person(name, `,"visibility":"public","bio":"a\ud800\u0041"`), 400, "bio", "holds a lone UTF-16 surrogate"},
			{"high surrogate at the end", "/api/v1/people", person(name, `,"visibility":"public","occupation":"x\udbff"`), 400, "occupation", "holds a lone UTF-16 surrogate"},
			{"lone low surrogate", "/api/v1/people", person(name, `,"visibility":"public","bio":"\udc00 x"`), 400, "bio", "holds a lone UTF-16 surrogate"},
			{"lone surrogate in a name", "/api/v1/people", person(`{"name":"A \ud800","kind":"primary","visibility":"public"}`, `,"visibility":"public"`), 400, "names[0].name", "holds a lone UTF-16 surrogate"},
			{"lone surrogate in a charge", "/api/v1/cases", aCase + `,"charges":[{"text":"\ude00"}]}`, 400, "charges[0].text", "holds a lone UTF-16 surrogate"},
			{"a surrogate pair is a character", "/api/v1/people", person(name, `,"visibility":"public","bio":"\ud83d\ude00 \\ud800"`), 201, "", ""},
			{"a valid case", "/api/v1/cases", aCase + `,"sentence":{"years":3},"charges":[{"article":"234","text":"x"}]}`, 201, "", ""},
		}
		for _, tc := range tests {
			status, body, _ := f.do("editor", "POST", tc.path, f.expand(tc.body))
			if status != tc.status {
				t.Errorf("%s: status %d, want %d; %.300s", tc.name, status, tc.status, body)
				continue
			}
			if tc.field == "" {
				continue
			}
			var got struct {
				Error struct{ Fields map[string]string }
			}
			json.Unmarshal([]byte(body), &got)
			if r := got.Error.Fields[tc.field]; !strings.HasPrefix(r, tc.reason) {
				t.Errorf("%s: %s = %q, want %q…; %.300s", tc.name, tc.field, r, tc.reason, body)
			}
		}
		// What was accepted keeps the emoji and the escaped backslash as sent.
		_, list, _ := f.do("editor", "GET", "/api/v1/people?limit=500", "")
		if strings.Contains(list, "\uFFFD") {
			t.Errorf("a replacement character was stored: %.300s", list)
		}
	})
}

// The Bearer scheme is case-insensitive (RFC 9110); anything else is refused.
func TestBearerScheme(t *testing.T) {
	storetest.ForEach(t, clock, func(t *testing.T, st *store.Store) {
		f := newFixture(t, st)
		status, body, hdr := f.do("editor", "POST", "/api/v1/people",
			`{"names":[{"name":"Internal Zarifa","kind":"primary","visibility":"public"}],"country":"AZ","visibility":"internal"}`)
		if status != 201 {
			t.Fatalf("create internal person: %d %s", status, body)
		}
		loc := hdr.Get("Location")
		tok := f.tokens["viewer"]
		tests := []struct {
			header string
			status int
		}{
			{"Bearer " + tok, 200},
			{"bearer " + tok, 200},
			{"BEARER " + tok, 200},
			{"bEaReR " + tok, 200},
			{"Bearer   " + tok, 200},
			{"Basic " + tok, 401},
			{"Bearer" + tok, 401},
			{"Bearers " + tok, 401},
			{"bearer habeas_not-a-token", 401},
		}
		for _, tc := range tests {
			s, b, _ := f.do("", "GET", loc, "", "Authorization", tc.header)
			if s != tc.status || s == 200 && !strings.Contains(b, "Internal Zarifa") {
				t.Errorf("Authorization: %.12s…: %d, want %d; %.200s", tc.header, s, tc.status, b)
			}
		}
	})
}

// A client that hangs up is not our fault: no error is logged, whatever
// error the store gives back for the cancelled work.
func TestClientGoneIsNotAnError(t *testing.T) {
	storetest.ForEach(t, clock, func(t *testing.T, st *store.Store) {
		f := newFixture(t, st)
		var logs strings.Builder
		h := New(Config{Services: st, Clock: clock, Logger: slog.New(slog.NewTextHandler(&logs, nil))})
		for _, path := range []string{"/api/v1/people", f.expand("/api/v1/people/{person}"), f.expand("/api/v1/cases/{case}/state"), "/api/v1/sources"} {
			ctx, cancel := context.WithCancel(context.Background())
			cancel()
			w := httptest.NewRecorder()
			h.ServeHTTP(w, httptest.NewRequest("GET", path, nil).WithContext(ctx))
			if w.Code == 200 {
				continue // answered before noticing: fine too
			}
			if strings.Contains(logs.String(), "level=ERROR") {
				t.Errorf("%s: a cancelled request logged an error: %s", path, logs.String())
			}
			logs.Reset()
		}
		// A real failure is still logged.
		h.error(httptest.NewRecorder(), httptest.NewRequest("GET", "/api/v1/people", nil), errors.New("disk on fire"))
		if !strings.Contains(logs.String(), "level=ERROR") {
			t.Errorf("an internal error was not logged")
		}
	})
}

// An empty list is [], never null.
func TestEmptyListsAreArrays(t *testing.T) {
	storetest.ForEach(t, clock, func(t *testing.T, st *store.Store) {
		f := newFixture(t, st)
		for _, path := range []string{
			"/api/v1/people?country=ZZ", "/api/v1/people?q=Zzyzx%20Qwrtpl", "/api/v1/people?match=Zzyzx%20Qwrtpl",
			"/api/v1/organizations?country=ZZ", "/api/v1/facilities?country=ZZ", "/api/v1/cases?country=ZZ",
			"/api/v1/memberships?person_id=999999", "/api/v1/sources?kind=testimony", "/api/v1/interventions?case_id=999999",
			"/api/v1/events?case_id={case}&kind=pardon", "/api/v1/cases/{case}/events?kind=pardon",
		} {
			s, b, _ := f.do("", "GET", path, "")
			if s != 200 || !strings.HasPrefix(b, `{"items":[]`) {
				t.Errorf("%s: %d %s", path, s, b)
			}
		}
	})
}
