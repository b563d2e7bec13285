package api

import (
	"context"
	"strconv"
	"strings"
	"testing"

	"codeberg.org/habeas/habeas"
	"codeberg.org/habeas/habeas/store"
	"codeberg.org/habeas/habeas/store/storetest"
)

// An editor gives a case file to a volunteer through the API, who then
// lists and reads that person only; taken back, it is gone from their
// list. Who may list the volunteers, and what a bad request is told.
func TestAssignmentsThroughTheAPI(t *testing.T) {
	storetest.ForEach(t, clock, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		f := newFixture(t, st)
		vol := &habeas.User{Email: "leyla@example.org", Role: habeas.RoleVolunteer}
		if err := st.CreateUser(ctx, vol); err != nil {
			t.Fatal(err)
		}
		tok, err := st.CreateToken(ctx, vol.ID)
		if err != nil {
			t.Fatal(err)
		}
		f.tokens["volunteer"] = tok
		vid := strconv.FormatInt(vol.ID, 10)
		assignees := "/api/v1/people/{person}/assignees"
		tests := []struct {
			name, who, method, path, body string
			status                        int
			contains                      string
		}{
			{"list anonymous", "", "GET", assignees, "", 401, `"code":"unauthorized"`},
			{"list viewer", "viewer", "GET", assignees, "", 403, `"code":"forbidden"`},
			{"list volunteer", "volunteer", "GET", assignees, "", 403, `"code":"forbidden"`},
			{"list none yet", "editor", "GET", assignees, "", 200, `{"items":[]}`},
			{"list of nobody", "editor", "GET", "/api/v1/people/999999/assignees", "", 404, "person 999999 not found"},
			{"assign an editor", "admin", "POST", assignees, `{"user_id":1}`, 422, "not a volunteer"},
			{"assign nobody", "editor", "POST", assignees, `{"user_id":999999}`, 422, "no account with id 999999"},
			{"assign with a bad body", "editor", "POST", assignees, `{"user":1}`, 400, "unknown field"},
			{"volunteer assigns themself", "volunteer", "POST", assignees, `{"user_id":` + vid + `}`, 403, `"code":"forbidden"`},
			{"volunteer before", "volunteer", "GET", "/api/v1/people/{person}", "", 200, `"visibility":"public"`},
			{"assign", "editor", "POST", assignees, `{"user_id":` + vid + `}`, 201, `"email":"leyla@example.org"`},
			{"assign twice", "editor", "POST", assignees, `{"user_id":` + vid + `}`, 200, `{"items":[{"user_id":` + vid},
			{"volunteer's list", "volunteer", "GET", "/api/v1/people", "", 200, "Elvin Mustafayev"},
			{"unassign with a bad id", "editor", "DELETE", assignees + "/me", "", 400, `"user_id"`},
			{"unassign as viewer", "viewer", "DELETE", assignees + "/" + vid, "", 403, `"code":"forbidden"`},
			{"unassign", "editor", "DELETE", assignees + "/" + vid, "", 204, ""},
			{"unassign again", "editor", "DELETE", assignees + "/" + vid, "", 204, ""},
			{"volunteer's list after", "volunteer", "GET", "/api/v1/people", "", 200, `{"items":[]}`},
		}
		for _, tc := range tests {
			status, body, _ := f.do(tc.who, tc.method, tc.path, tc.body)
			if status != tc.status {
				t.Errorf("%s: status %d, want %d; body %.300s", tc.name, status, tc.status, body)
			}
			if !strings.Contains(body, tc.contains) {
				t.Errorf("%s: body lacks %s: %.400s", tc.name, tc.contains, body)
			}
		}
	})
}
