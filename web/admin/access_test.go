package admin_test

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"testing"

	"codeberg.org/habeas/habeas"
	"codeberg.org/habeas/habeas/demo"
	"codeberg.org/habeas/habeas/media/mediatest"
	"codeberg.org/habeas/habeas/store/storetest"
)

// TestWorkspaceAccess walks every route of the workspace as every role:
// each page opens or is refused as the role allows, and a refused post
// changes nothing in the database. The store decides; this test holds
// the workspace to what the store decided.
func TestWorkspaceAccess(t *testing.T) {
	type route struct {
		name   string
		method string
		path   string
		form   url.Values
		// allowed is the status for each role that may, refused the
		// status for the others.
		allowed int
		may     func(u *habeas.User) bool
		refused int
		upload  bool // the form is multipart, with a small JPEG as its file
	}
	anyone := func(*habeas.User) bool { return true }
	writers := func(u *habeas.User) bool { return u.CanWrite() }
	admins := func(u *habeas.User) bool { return u.Role == habeas.RoleAdmin }
	confidentialWriters := func(u *habeas.User) bool { return u.CanWrite() && u.Confidential }
	person := func(name string) url.Values {
		return url.Values{"name.0": {name}, "kind.0": {"primary"}, "country": {"AZ"}, "visibility": {"internal"}, "not_duplicate": {"1"}}
	}
	routes := []route{
		{name: "dashboard", method: "GET", path: "/admin/", allowed: 200, may: anyone},
		{name: "people", method: "GET", path: "/admin/people?q=Mustafayev", allowed: 200, may: anyone},
		{name: "new person form", method: "GET", path: "/admin/people/new", allowed: 200, may: anyone},
		{name: "person", method: "GET", path: "/admin/people/1", allowed: 200, may: anyone},
		{name: "case", method: "GET", path: "/admin/cases/1", allowed: 200, may: anyone},
		{name: "case form", method: "GET", path: "/admin/cases/1/edit", allowed: 200, may: anyone},
		{name: "sources", method: "GET", path: "/admin/sources", allowed: 200, may: anyone},
		{name: "inbox", method: "GET", path: "/admin/inbox", allowed: 200, may: anyone},
		{name: "account", method: "GET", path: "/admin/account", allowed: 200, may: anyone},
		{name: "merge compare", method: "GET", path: "/admin/people/1/merge?duplicate=2", allowed: 200, may: anyone},
		{name: "history", method: "GET", path: "/admin/history/person/1", allowed: 200, may: anyone},
		{name: "audit log", method: "GET", path: "/admin/audit", allowed: 200, may: admins, refused: 403},
		{name: "accounts", method: "GET", path: "/admin/users", allowed: 200, may: admins, refused: 403},

		{name: "create person", method: "POST", path: "/admin/people", form: person("Nigar Guliyeva"), allowed: 303, may: writers, refused: 403},
		{name: "update person", method: "POST", path: "/admin/people/5", form: url.Values{"name.0": {"Tofig Yagublu"}, "kind.0": {"primary"},
			"country": {"AZ"}, "visibility": {"public"}, "source_ids": {"1"}}, allowed: 303, may: writers, refused: 403},
		{name: "create case", method: "POST", path: "/admin/people/5/cases", form: url.Values{"country": {"AZ"}, "status": {"detained"},
			"classification": {"not_assessed"}, "position": {"unknown"}, "visibility": {"internal"}}, allowed: 303, may: writers, refused: 403},
		{name: "update case", method: "POST", path: "/admin/cases/1/edit", form: nil, allowed: 303, may: writers, refused: 403},
		{name: "quick line", method: "POST", path: "/admin/cases/1/quick", form: url.Values{"line": {"2025-05-15 news Relatives are worried [1]"},
			"action": {"save"}}, allowed: 303, may: writers, refused: 403},
		{name: "create source", method: "POST", path: "/admin/sources", form: url.Values{"title": {"A report"}, "kind": {"article"},
			"reliability": {"reliable"}, "visibility": {"internal"}}, allowed: 303, may: writers, refused: 403},
		{name: "moderate comment", method: "POST", path: "/admin/comments/{comment}", form: url.Values{"status": {"spam"}}, allowed: 303, may: writers, refused: 403},
		// A tip is confidential: hidden from a writer without the grant,
		// so answered as missing (-1); a role that may not write at all
		// is refused before anything is looked up.
		{name: "mark tip", method: "POST", path: "/admin/tips/{tip}", form: url.Values{"status": {"handled"}}, allowed: 303, may: confidentialWriters, refused: -1},
		{name: "merge", method: "POST", path: "/admin/people/1/merge", form: url.Values{"duplicate": {"{dup}"}}, allowed: 303, may: writers, refused: 403},
		{name: "new post form", method: "GET", path: "/admin/posts/new", allowed: 200, may: anyone},
		{name: "posts", method: "GET", path: "/admin/posts", allowed: 200, may: anyone},
		{name: "create post", method: "POST", path: "/admin/posts", form: url.Values{"title": {"A draft"}, "lang": {"en"}, "body": {"Text."},
			"state": {"draft"}, "visibility": {"internal"}}, allowed: 303, may: writers, refused: 403},
		{name: "organizations", method: "GET", path: "/admin/organizations", allowed: 200, may: anyone},
		{name: "organization", method: "GET", path: "/admin/organizations/1", allowed: 200, may: anyone},
		{name: "facilities", method: "GET", path: "/admin/facilities", allowed: 200, may: anyone},
		{name: "facility", method: "GET", path: "/admin/facilities/1", allowed: 200, may: anyone},
		{name: "create organization", method: "POST", path: "/admin/organizations", form: url.Values{"name": {"Free Press Union"}, "kind": {"media"},
			"country": {"AZ"}, "visibility": {"internal"}}, allowed: 303, may: writers, refused: 403},
		{name: "create facility", method: "POST", path: "/admin/facilities", form: url.Values{"name": {"Pre-trial Detention Centre No. 1"},
			"kind": {"pre_trial"}, "country": {"AZ"}, "region": {"Baku"}, "latitude": {"40.4"}, "longitude": {"49.8"}, "visibility": {"internal"}},
			allowed: 303, may: writers, refused: 403},
		{name: "person photo", method: "POST", path: "/admin/people/2/photo", form: url.Values{"alt": {"A portrait"}, "visibility": {"internal"}},
			upload: true, allowed: 303, may: writers, refused: 403},
		{name: "add account", method: "POST", path: "/admin/users", form: url.Values{"email": {"new@example.org"}, "role": {"viewer"}}, allowed: 201, may: admins, refused: 403},
		{name: "password link", method: "POST", path: "/admin/users/{other}/reset-password", form: url.Values{}, allowed: 200, may: admins, refused: 403},
		{name: "disable account", method: "POST", path: "/admin/users/{other}/disable", form: url.Values{}, allowed: 303, may: admins, refused: 403},
		{name: "second factor roles", method: "POST", path: "/admin/second-factor-roles", form: url.Values{"role": {"admin"}}, allowed: 303, may: admins, refused: 403},
	}
	roles := []struct {
		name string
		user habeas.User
	}{
		{"viewer", habeas.User{Role: habeas.RoleViewer}},
		{"viewer+confidential", habeas.User{Role: habeas.RoleViewer, Confidential: true}},
		{"editor", habeas.User{Role: habeas.RoleEditor}},
		{"editor+confidential", habeas.User{Role: habeas.RoleEditor, Confidential: true}},
		{"admin", habeas.User{Role: habeas.RoleAdmin}},
		{"admin+confidential", habeas.User{Role: habeas.RoleAdmin, Confidential: true}},
	}
	c := newClock()
	for _, d := range storetest.Backends() {
		t.Run(string(d), func(t *testing.T) {
			for _, role := range roles {
				t.Run(role.name, func(t *testing.T) {
					ctx := context.Background()
					s := storetest.New(t, d, c)
					srv := setup(t, s, c)
					u := user(t, s, "me@example.org", role.user.Role, role.user.Confidential)
					other := user(t, s, "other@example.org", habeas.RoleViewer, false)
					dup := &habeas.Person{Names: []habeas.PersonName{{Name: "Elvin Mustafaev", Kind: habeas.NamePrimary}}, Country: "AZ", Visibility: habeas.Internal}
					if err := s.CreatePerson(ctx, habeas.Operator, dup); err != nil {
						t.Fatal(err)
					}
					if err := s.SubmitTip(ctx, &habeas.Visitor{Address: "192.0.2.7"}, demo.PersonSlug, &habeas.Tip{Text: "Seen at the hospital."}); err != nil {
						t.Fatal(err)
					}
					comments, _ := s.ListComments(ctx, habeas.Internal, habeas.CommentFilter{Status: habeas.CommentPending})
					tips, _ := s.ListTips(ctx, habeas.Confidential, habeas.TipFilter{})
					ids := map[string]string{"{comment}": itoa(comments.Items[0].ID), "{tip}": itoa(tips.Items[0].ID),
						"{dup}": itoa(dup.ID), "{other}": itoa(other.ID)}
					expand := func(v string) string {
						return regexp.MustCompile(`\{\w+\}`).ReplaceAllStringFunc(v, func(k string) string { return ids[k] })
					}
					b := newBrowser(t, srv)
					b.login(u.Email)
					for _, rt := range routes {
						want := rt.allowed
						if !rt.may(u) {
							want = rt.refused
							if want == -1 && u.CanWrite() {
								want = http.StatusNotFound
							} else if want == -1 {
								want = http.StatusForbidden
							}
						}
						path := expand(rt.path)
						if rt.method == "GET" {
							if st, _ := b.get(path); st != want {
								t.Errorf("%s (GET %s): %d, want %d\n%s", rt.name, path, st, want, b.body)
							}
							continue
						}
						form := url.Values{}
						if rt.form == nil {
							// The form as its page fills it in.
							b.get(path)
							for _, m := range regexp.MustCompile(`<input id="(\w+)" name="(\w+)" value="([^"]*)"`).FindAllStringSubmatch(b.body, -1) {
								form.Set(m[2], m[3])
							}
							for _, m := range regexp.MustCompile(`(?s)<select id="(\w+)" name="(\w+)">.*?<option value="([^"]*)" selected>`).FindAllStringSubmatch(b.body, -1) {
								form.Set(m[2], m[3])
							}
						}
						for k, v := range rt.form {
							form[k] = []string{expand(v[0])}
						}
						b.get("/admin/account") // a page with the session's form token
						before, err := s.Fingerprint(ctx)
						if err != nil {
							t.Fatal(err)
						}
						var st int
						if rt.upload {
							st = b.upload(path, form, mediatest.SmallJPEG())
						} else {
							st, _ = b.post(path, form)
						}
						if st != want {
							t.Errorf("%s (POST %s): %d, want %d\n%s", rt.name, path, st, want, b.body)
						}
						if st >= 400 {
							if after, _ := s.Fingerprint(ctx); after != before {
								t.Errorf("%s: refused with %d, yet the database changed", rt.name, st)
							}
						}
					}
				})
			}
		})
	}
}
