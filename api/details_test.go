package api

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"io"
	"strings"
	"testing"

	"codeberg.org/habeas/habeas/demo"
	"codeberg.org/habeas/habeas/store"
	"codeberg.org/habeas/habeas/store/storetest"
)

// A person, organization or facility is found by its slug as by its id;
// a hidden record's slug answers as a missing one's.
func TestGetBySlug(t *testing.T) {
	storetest.ForEach(t, clock, func(t *testing.T, st *store.Store) {
		f := newFixture(t, st)
		for _, tc := range []struct{ kind, slug, idPath string }{
			{"people", demo.PersonSlug, "/api/v1/people/{person}"},
			{"organizations", demo.OrganizationSlug, "/api/v1/organizations/{org}"},
			{"facilities", demo.FacilitySlug, "/api/v1/facilities/{facility}"},
		} {
			s1, bySlug, _ := f.do("", "GET", "/api/v1/"+tc.kind+"/"+tc.slug, "")
			s2, byID, _ := f.do("", "GET", tc.idPath, "")
			if s1 != 200 || bySlug != byID {
				t.Errorf("%s/%s: %d, differs from by id (%d):\n%.300s\n%.300s", tc.kind, tc.slug, s1, s2, bySlug, byID)
			}
		}
		status, body, _ := f.do("editor", "POST", "/api/v1/people",
			`{"slug":"hidden-zarifa","names":[{"name":"Hidden Zarifa","kind":"primary","visibility":"public"}],"country":"AZ","visibility":"internal"}`)
		if status != 201 {
			t.Fatalf("create internal person: %d %s", status, body)
		}
		if s, b, _ := f.do("viewer", "GET", "/api/v1/people/hidden-zarifa", ""); s != 200 || !strings.Contains(b, "Hidden Zarifa") {
			t.Errorf("staff by slug: %d %.200s", s, b)
		}
		hs, hidden, _ := f.do("", "GET", "/api/v1/people/hidden-zarifa", "")
		ms, missing, _ := f.do("", "GET", "/api/v1/people/missing-zarifa", "")
		if hs != 404 || ms != 404 || strings.ReplaceAll(hidden, "hidden-zarifa", "X") != strings.ReplaceAll(missing, "missing-zarifa", "X") {
			t.Errorf("hidden %d %s, missing %d %s: not alike", hs, hidden, ms, missing)
		}
		for _, path := range []string{"/api/v1/cases/" + demo.PersonSlug, "/api/v1/sources/some-slug"} {
			if s, b, _ := f.do("", "GET", path, ""); s != 400 {
				t.Errorf("%s: %d %s, want 400: no slugs there", path, s, b)
			}
		}
	})
}

// A figure that is not known is null, never -1.
func TestUnknownFiguresAreNull(t *testing.T) {
	f := newFixture(t, storetest.New(t, store.SQLite, clock))
	_, body, _ := f.do("", "GET", "/api/v1/people?limit=500", "")
	var list struct {
		Items []map[string]any `json:"items"`
	}
	if err := json.Unmarshal([]byte(body), &list); err != nil || len(list.Items) != 5 {
		t.Fatalf("people: %v, %d items", err, len(list.Items))
	}
	nulls := 0
	for _, p := range list.Items {
		for _, k := range []string{"days_without_news", "days_detained"} {
			v, ok := p[k]
			if !ok {
				t.Errorf("%s lacks %s", p["name"], k)
			}
			if n, isNum := v.(float64); isNum && n < 0 {
				t.Errorf("%s: %s = %v", p["name"], k, n)
			}
			if v == nil {
				nulls++
			}
		}
	}
	if nulls == 0 {
		t.Error("no unknown figure in the demo list: the demo's four without an arrest date should have some")
	}
	// Tofig Yagublu's case has no arrest date and no expected release.
	ty, err := f.st.PersonBySlug(t.Context(), 0, "tofig-yagublu")
	if err != nil {
		t.Fatal(err)
	}
	_, cases, _ := f.do("", "GET", "/api/v1/cases?person_id="+id(ty.ID), "")
	var cl struct{ Items []struct{ ID int64 } }
	json.Unmarshal([]byte(cases), &cl)
	_, state, _ := f.do("", "GET", "/api/v1/cases/"+id(cl.Items[0].ID)+"/state", "")
	for _, want := range []string{`"days_detained":null`, `"days_to_release":null`, `"hunger_strike_days":null`} {
		if !strings.Contains(state, want) {
			t.Errorf("state lacks %s: %s", want, state)
		}
	}
	if strings.Contains(state, ":-1") {
		t.Errorf("state has -1: %s", state)
	}
	_, elvin, _ := f.do("", "GET", "/api/v1/cases/{case}/state", "")
	for _, want := range []string{`"days_without_news":8`, `"hunger_strike_days":9`} {
		if !strings.Contains(elvin, want) {
			t.Errorf("Elvin's state lacks %s: %s", want, elvin)
		}
	}
	// The document says so.
	d, _ := json.Marshal(Document())
	for _, want := range []string{`"days_without_news":{"description":"Whole days since the last news`, `"type":["integer","null"]`} {
		if !bytes.Contains(d, []byte(want)) {
			t.Errorf("OpenAPI lacks %s", want)
		}
	}
}

// The document states its licence.
func TestOpenAPILicence(t *testing.T) {
	info := Document()["info"].(doc)
	lic, _ := info["license"].(doc)
	if lic["identifier"] != "AGPL-3.0-or-later" || lic["name"] == "" {
		t.Errorf("license = %v", lic)
	}
}

// API reads carry an ETag and answer 304 to a reader who holds it, JSON is
// compressed when accepted, and methods no route takes get the API's error.
func TestAPIConditionalAndCompressed(t *testing.T) {
	f := newFixture(t, storetest.New(t, store.SQLite, clock))
	for _, path := range []string{"/api/openapi.json", "/api/v1/people", "/api/v1/people/{person}", "/api/v1/people/" + demo.PersonSlug,
		"/api/v1/cases/{case}/state", "/api/v1/organizations/{org}"} {
		s, body, h := f.do("", "GET", path, "", "Accept-Encoding", "identity")
		tag := h.Get("ETag")
		if s != 200 || tag == "" {
			t.Errorf("%s: %d, ETag %q", path, s, tag)
			continue
		}
		if s, b, h2 := f.do("", "GET", path, "", "If-None-Match", tag, "Accept-Encoding", "identity"); s != 304 || b != "" || h2.Get("ETag") != tag {
			t.Errorf("%s revalidated: %d %q", path, s, b)
		}
		s, gz, hz := f.do("", "GET", path, "", "Accept-Encoding", "gzip")
		if len(body) >= 512 {
			if s != 200 || hz.Get("Content-Encoding") != "gzip" || hz.Get("ETag") == tag || !strings.Contains(hz.Get("Vary"), "Accept-Encoding") {
				t.Errorf("%s gzip: %d, %q, ETag %q (identity %q), Vary %q", path, s, hz.Get("Content-Encoding"), hz.Get("ETag"), tag, hz.Get("Vary"))
			} else if zr, err := gzip.NewReader(strings.NewReader(gz)); err != nil {
				t.Errorf("%s: %v", path, err)
			} else if plain, _ := io.ReadAll(zr); string(plain) != body {
				t.Errorf("%s: gzipped JSON differs", path)
			}
			if len(gz) >= len(body) {
				t.Errorf("%s: %d bytes gzipped of %d", path, len(gz), len(body))
			}
		}
		// A token's answer is kept by no cache.
		if _, _, ha := f.do("viewer", "GET", path, ""); ha.Get("Cache-Control") != "no-store" && path != "/api/openapi.json" {
			t.Errorf("%s with a token: Cache-Control %q", path, ha.Get("Cache-Control"))
		}
	}
	// A change makes a new tag: the old one gets the new record.
	_, _, h := f.do("", "GET", "/api/v1/organizations/{org}", "")
	old := h.Get("ETag")
	s, b, _ := f.do("editor", "PUT", "/api/v1/organizations/{org}",
		`{"slug":"workers-table","name":"Workers’ Table","kind":"trade_union","country":"AZ","founded":"2022","description":"Changed.","visibility":"public"}`)
	if s != 200 {
		t.Fatalf("update: %d %s", s, b)
	}
	if s, b, h := f.do("", "GET", "/api/v1/organizations/{org}", "", "If-None-Match", old); s != 200 || !strings.Contains(b, "Changed.") || h.Get("ETag") == old {
		t.Errorf("after a change, the old tag got %d (ETag %q)", s, h.Get("ETag"))
	}
	for _, tc := range []struct{ method, path string }{{"POST", "/api/openapi.json"}, {"DELETE", "/api/v1/people"}, {"PATCH", "/api/v1/people/" + demo.PersonSlug}} {
		s, b, h := f.do("", tc.method, tc.path, "")
		if s != 405 || !strings.Contains(b, `"code":"method_not_allowed"`) || !strings.HasPrefix(h.Get("Content-Type"), "application/json") || h.Get("Allow") == "" {
			t.Errorf("%s %s: %d %q %s", tc.method, tc.path, s, h.Get("Content-Type"), b)
		}
	}
}
