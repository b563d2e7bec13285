package api

import (
	"encoding/json"
	"strconv"
	"strings"
	"testing"

	"codeberg.org/habeas/habeas"
	"codeberg.org/habeas/habeas/store"
	"codeberg.org/habeas/habeas/store/storetest"
)

// The audit log is for admins; a record's history for staff. Both answer
// what the store wrote in the transaction of each change.
func TestAuditRoutes(t *testing.T) {
	storetest.ForEach(t, clock, func(t *testing.T, st *store.Store) {
		f := newFixture(t, st)
		status, body, _ := f.do("editor", "POST", "/api/v1/people", newPersonBody)
		if status != 201 {
			t.Fatalf("create: %d %s", status, body)
		}
		var p habeas.Person
		if err := json.Unmarshal([]byte(body), &p); err != nil {
			t.Fatal(err)
		}
		history := "/api/v1/people/" + strconv.FormatInt(p.ID, 10) + "/history"
		tests := []struct {
			name, who, path string
			status          int
			contains        []string
		}{
			{"log anonymous", "", "/api/v1/audit", 401, []string{`"code":"unauthorized"`}},
			{"log viewer", "viewer", "/api/v1/audit", 403, []string{`"code":"forbidden"`}},
			{"log editor", "editor", "/api/v1/audit", 403, []string{`"code":"forbidden"`}},
			{"log admin", "admin", "/api/v1/audit?action=create&kind=person&limit=1", 200,
				[]string{`"actor":"editor@example.org"`, `"action":"create"`, "Aylin Nazarova", `"next_cursor"`, `"hash"`}},
			{"log by actor", "admin", "/api/v1/audit?actor=editor@example.org&since=2025-05-15", 200, []string{"Aylin Nazarova"}},
			{"log bad time", "admin", "/api/v1/audit?since=yesterday", 400, []string{`"since"`}},
			{"log unknown parameter", "admin", "/api/v1/audit?who=me", 400, []string{`"who":"unknown parameter"`}},
			{"history anonymous", "", history, 401, []string{`"code":"unauthorized"`}},
			{"history viewer", "viewer", history, 200, []string{`"action":"create"`, "Aylin Nazarova"}},
			{"history of nothing", "viewer", "/api/v1/people/999999/history", 404, []string{`"code":"not_found"`}},
			{"history of a case", "admin", "/api/v1/cases/{case}/history", 200, []string{`"kind":"case"`}},
		}
		for _, tc := range tests {
			status, body, _ := f.do(tc.who, "GET", tc.path, "")
			if status != tc.status {
				t.Errorf("%s: status %d, want %d; body %.300s", tc.name, status, tc.status, body)
			}
			for _, c := range tc.contains {
				if !strings.Contains(body, c) {
					t.Errorf("%s: body lacks %s: %.400s", tc.name, c, body)
				}
			}
		}
	})
}
