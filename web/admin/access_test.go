package admin_test

import (
	"context"
	"encoding/base64"
	"html"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"testing"

	"codeberg.org/habeas/habeas"
	"codeberg.org/habeas/habeas/demo"
	"codeberg.org/habeas/habeas/media/mediatest"
	"codeberg.org/habeas/habeas/store/storetest"
	"codeberg.org/habeas/habeas/web/admin"
)

// TestWorkspaceAccess walks every route of the workspace as every role:
// each page opens or is refused as the role allows, and a refused post
// changes nothing in the database. The store decides; this test holds
// the workspace to what the store decided.
// importers answers allowed to those who may import (shared records, not
// a volunteer), else 403.
func importers(allowed int) func(u *habeas.User) int {
	return func(u *habeas.User) int {
		if !u.May(habeas.EditShared) || u.Scoped() {
			return 403
		}
		return allowed
	}
}

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
		// status, when set, gives the status for each role instead.
		status func(u *habeas.User) int
		upload bool // the form is multipart, with a small JPEG as its file
		// fill starts from the form as its page fills it in, with form's
		// values over it (as when form is nil).
		fill bool
	}
	anyone := func(*habeas.User) bool { return true }
	can := func(p habeas.Permission) func(u *habeas.User) bool {
		return func(u *habeas.User) bool { return u.May(p) }
	}
	unscoped := func(u *habeas.User) bool { return !u.Scoped() }
	writers := func(u *habeas.User) bool { return u.CanWrite() }
	// A volunteer works on person 1's case file only (see below): any
	// other person is answered as missing.
	writersOr404 := func(u *habeas.User) int {
		switch {
		case !u.CanWrite():
			return 403
		case u.Scoped():
			return 404
		}
		return 303
	}
	person := func(name string) url.Values {
		return url.Values{"name.0": {name}, "kind.0": {"primary"}, "country": {"AZ"}, "visibility": {"internal"}, "not_duplicate": {"1"}}
	}
	routes := []route{
		{name: "dashboard", method: "GET", path: "/admin/", allowed: 200, may: anyone},
		{name: "people", method: "GET", path: "/admin/people?q=Mustafayev", allowed: 200, may: anyone},
		{name: "new person form", method: "GET", path: "/admin/people/new", allowed: 200, may: unscoped, refused: 403},
		{name: "person", method: "GET", path: "/admin/people/1", allowed: 200, may: anyone},
		{name: "another person", method: "GET", path: "/admin/people/5", allowed: 200, may: unscoped, refused: 404},
		{name: "case", method: "GET", path: "/admin/cases/1", allowed: 200, may: anyone},
		{name: "case form", method: "GET", path: "/admin/cases/1/edit", allowed: 200, may: anyone},
		{name: "sources", method: "GET", path: "/admin/sources", allowed: 200, may: anyone},
		{name: "sources of a kind", method: "GET", path: "/admin/sources?kind=url", allowed: 200, may: anyone},
		{name: "source", method: "GET", path: "/admin/sources/1", allowed: 200, may: anyone}, // public
		{name: "places, a bad filter", method: "GET", path: "/admin/facilities?country=Azerbaijan", allowed: 400, may: anyone},
		{name: "delete form of an entry", method: "GET", path: "/admin/delete/event/1", allowed: 200, may: can(habeas.EditCaseFiles), refused: 403},
		{name: "delete form of a person", method: "GET", path: "/admin/delete/person/1", status: func(u *habeas.User) int {
			if !u.May(habeas.EditCaseFiles) || u.Scoped() {
				return 403 // volunteers delete no people
			}
			return 200
		}},
		{name: "delete form of a source", method: "GET", path: "/admin/delete/source/{spare}", allowed: 200, may: can(habeas.EditShared), refused: 403},
		{name: "inbox", method: "GET", path: "/admin/inbox", allowed: 200, may: unscoped, refused: 403},
		{name: "account", method: "GET", path: "/admin/account", allowed: 200, may: anyone},
		{name: "merge compare", method: "GET", path: "/admin/people/1/merge?duplicate=2", allowed: 200, may: unscoped, refused: 403},
		{name: "history", method: "GET", path: "/admin/history/person/1", allowed: 200, may: anyone},
		{name: "alerts", method: "GET", path: "/admin/alerts?severity=high", allowed: 200, may: anyone},
		{name: "alerts, a bad filter", method: "GET", path: "/admin/alerts?state=forgotten", allowed: 400, may: anyone},
		{name: "alert", method: "GET", path: "/admin/alerts/{alert}", allowed: 200, may: anyone}, // of case 1
		{name: "history of another", method: "GET", path: "/admin/history/person/5", allowed: 200, may: unscoped, refused: 404},
		{name: "audit log", method: "GET", path: "/admin/audit", allowed: 200, may: can(habeas.ManageInstallation), refused: 403},
		{name: "accounts", method: "GET", path: "/admin/users", allowed: 200, may: can(habeas.ManageInstallation), refused: 403},

		{name: "create person", method: "POST", path: "/admin/people", form: person("Nigar Guliyeva"), allowed: 303,
			may: func(u *habeas.User) bool { return u.CanWrite() && !u.Scoped() }, refused: 403},
		// Person 5 is public: changing them is publishing.
		{name: "update person", method: "POST", path: "/admin/people/5", form: url.Values{"name.0": {"Tofig Yagublu"}, "kind.0": {"primary"},
			"country": {"AZ"}, "visibility": {"public"}, "source_ids": {"1"}}, status: func(u *habeas.User) int {
			if s := writersOr404(u); s != 303 {
				return s
			}
			if !u.May(habeas.Publish) {
				return 403
			}
			return 303
		}},
		{name: "new case form", method: "GET", path: "/admin/people/1/cases/new", allowed: 200, may: anyone},
		{name: "create case", method: "POST", path: "/admin/people/5/cases", form: url.Values{"country": {"AZ"}, "status": {"detained"},
			"classification": {"not_assessed"}, "position": {"unknown"}, "visibility": {"internal"}}, status: writersOr404},
		// Case 1 is public, and person 1's.
		{name: "update case", method: "POST", path: "/admin/cases/1/edit", form: nil, allowed: 303, may: can(habeas.Publish), refused: 403},
		{name: "quick line", method: "POST", path: "/admin/cases/1/quick", form: url.Values{"line": {"2025-05-15 news Relatives are worried [1]"},
			"action": {"save"}}, allowed: 303, may: writers, refused: 403},
		// Event 1 is public, of case 1.
		{name: "new entry form", method: "GET", path: "/admin/cases/1/events/new", allowed: 200, may: anyone},
		{name: "entry", method: "GET", path: "/admin/events/1", allowed: 200, may: anyone},
		{name: "entry history", method: "GET", path: "/admin/history/event/1", allowed: 200, may: anyone},
		{name: "add an entry", method: "POST", path: "/admin/cases/1/events", form: url.Values{"date": {"2025-05-14"}, "kind": {"statement"},
			"quote": {"We insist the accusations are fabricated."}, "speaker": {"His family"}, "source_ids": {"1"}, "visibility": {"internal"}},
			allowed: 303, may: writers, refused: 403},
		{name: "correct an entry", method: "POST", path: "/admin/events/1", form: url.Values{"summary": {"Arrested on drug charges."}},
			fill: true, allowed: 303, may: can(habeas.Publish), refused: 403},
		{name: "add a membership", method: "POST", path: "/admin/people/1/memberships", form: url.Values{"organization_id": {"1"},
			"role": {"member"}, "since": {"2020"}, "visibility": {"internal"}}, allowed: 303, may: writers, refused: 403},
		{name: "membership", method: "GET", path: "/admin/memberships/1", allowed: 200, may: anyone}, // person 1's
		{name: "correct a membership", method: "POST", path: "/admin/memberships/1", form: url.Values{"role": {"chairman"}}, fill: true,
			allowed: 303, may: can(habeas.Publish), refused: 403}, // public
		// Inquiry 1 is public, of case 1.
		{name: "inquiry", method: "GET", path: "/admin/interventions/1", allowed: 200, may: anyone},
		{name: "add an inquiry", method: "POST", path: "/admin/cases/1/interventions", form: url.Values{"kind": {"appeal"},
			"sender": {"His lawyer"}, "recipient": {"Baku Court of Appeal"}, "sent_on": {"2025-05-12"}, "answer_status": {"none"},
			"visibility": {"internal"}}, allowed: 303, may: writers, refused: 403},
		{name: "answer an inquiry", method: "POST", path: "/admin/interventions/1", form: url.Values{"answer_status": {"partial"},
			"answered_on": {"2025-05-14"}}, fill: true, allowed: 303, may: can(habeas.Publish), refused: 403},
		{name: "create source", method: "POST", path: "/admin/sources", form: url.Values{"title": {"A report"}, "kind": {"article"},
			"reliability": {"reliable"}, "visibility": {"internal"}}, allowed: 303, may: can(habeas.EditShared), refused: 403},
		// Source 1 is public: correcting it is publishing.
		{name: "correct a source", method: "POST", path: "/admin/sources/1", form: url.Values{"publisher": {"Turan"}}, fill: true,
			allowed: 303, may: can(habeas.Publish), refused: 403},
		{name: "acknowledge an alert", method: "POST", path: "/admin/alerts/{alert}/acknowledge", form: url.Values{"note": {"Called the family."}},
			allowed: 303, may: writers, refused: 403},
		// The demo shows it on the public site: taking it off is an editor's.
		{name: "unpublish an alert", method: "POST", path: "/admin/alerts/{shown}/unpublish", form: url.Values{}, allowed: 303,
			may: can(habeas.Publish), refused: 403},
		// Case 1 has alerts on the public site: its thresholds weigh them.
		{name: "case thresholds", method: "POST", path: "/admin/cases/1/thresholds", form: url.Values{"days.no_news": {"5"},
			"answer_days": {"Penitentiary Service: 30"}}, allowed: 303, may: can(habeas.Publish), refused: 403},
		{name: "moderate comment", method: "POST", path: "/admin/comments/{comment}", form: url.Values{"status": {"spam"}}, allowed: 303,
			may: can(habeas.Moderate), refused: 403},
		// A tip is confidential: hidden from a moderator without the
		// grant, so answered as missing; a role that may not moderate is
		// refused before anything is looked up.
		{name: "mark tip", method: "POST", path: "/admin/tips/{tip}", form: url.Values{"status": {"handled"}}, status: func(u *habeas.User) int {
			switch {
			case !u.May(habeas.Moderate):
				return 403
			case !u.Confidential:
				return 404
			}
			return 303
		}},
		// The duplicate's creation, put back: a change like any other.
		{name: "restore a version", method: "POST", path: "/admin/history/person/{dup}/restore", form: url.Values{"entry": {"{entry}"}},
			status: writersOr404},
		{name: "merge", method: "POST", path: "/admin/people/1/merge", form: url.Values{"duplicate": {"{dup}"}}, allowed: 303,
			may: can(habeas.MergePeople), refused: 403},
		{name: "undo a merge", method: "POST", path: "/admin/merges/{merge}/undo", form: url.Values{}, allowed: 303,
			may: can(habeas.MergePeople), refused: 403},
		{name: "a photo's copy", method: "GET", path: "/admin/media/{media}/small", status: func(u *habeas.User) int {
			if u.Scoped() {
				return 404 // an internal file, of no case file of theirs
			}
			return 200
		}},
		{name: "an original's download", method: "GET", path: "/admin/media/{media}/original", status: func(u *habeas.User) int {
			if u.Scoped() {
				return 404
			}
			return 200
		}},
		{name: "evidence files", method: "GET", path: "/admin/media", allowed: 200, may: unscoped, refused: 403},
		{name: "evidence file", method: "GET", path: "/admin/media/{media}", allowed: 200, may: unscoped, refused: 403},
		{name: "take in a file", method: "POST", path: "/admin/media", form: url.Values{"alt": {"A letter"}, "visibility": {"internal"}},
			upload: true, allowed: 303, may: func(u *habeas.User) bool { return u.May(habeas.EditShared) && !u.Scoped() }, refused: 403},
		{name: "describe a file", method: "POST", path: "/admin/media/{media}", form: url.Values{"caption": {"Taken in May."}}, fill: true,
			allowed: 303, may: can(habeas.EditShared), refused: 403},
		{name: "new post form", method: "GET", path: "/admin/posts/new", allowed: 200, may: unscoped, refused: 403},
		{name: "posts", method: "GET", path: "/admin/posts", allowed: 200, may: unscoped, refused: 403},
		{name: "create post", method: "POST", path: "/admin/posts", form: url.Values{"title": {"A draft"}, "lang": {"en"}, "body": {"Text."},
			"state": {"draft"}, "visibility": {"internal"}}, allowed: 303, may: can(habeas.EditPosts), refused: 403},
		{name: "organizations", method: "GET", path: "/admin/organizations", allowed: 200, may: anyone},
		{name: "organization", method: "GET", path: "/admin/organizations/1", allowed: 200, may: anyone},
		{name: "facilities", method: "GET", path: "/admin/facilities", allowed: 200, may: anyone},
		{name: "facility", method: "GET", path: "/admin/facilities/1", allowed: 200, may: anyone},
		// Organization 1, place 1 and post 1 are public.
		{name: "correct an organization", method: "POST", path: "/admin/organizations/1", form: url.Values{"founded": {"2019"}}, fill: true,
			allowed: 303, may: can(habeas.Publish), refused: 403},
		{name: "correct a place", method: "POST", path: "/admin/facilities/1", form: url.Values{"region": {"Baku"}}, fill: true,
			allowed: 303, may: can(habeas.Publish), refused: 403},
		{name: "post", method: "GET", path: "/admin/posts/1", allowed: 200, may: unscoped, refused: 403},
		{name: "correct a post", method: "POST", path: "/admin/posts/1", form: url.Values{"tags": {"hunger-strike"}}, fill: true,
			allowed: 303, may: can(habeas.EditPosts), refused: 403},
		{name: "create organization", method: "POST", path: "/admin/organizations", form: url.Values{"name": {"Free Press Union"}, "kind": {"media"},
			"country": {"AZ"}, "visibility": {"internal"}}, allowed: 303, may: can(habeas.EditShared), refused: 403},
		{name: "create facility", method: "POST", path: "/admin/facilities", form: url.Values{"name": {"Pre-trial Detention Centre No. 1"},
			"kind": {"pre_trial"}, "country": {"AZ"}, "region": {"Baku"}, "latitude": {"40.4"}, "longitude": {"49.8"}, "visibility": {"internal"}},
			allowed: 303, may: can(habeas.EditShared), refused: 403},
		// Person 2 is public: a new photo of them is publishing.
		{name: "person photo", method: "POST", path: "/admin/people/2/photo", form: url.Values{"alt": {"A portrait"}, "visibility": {"internal"}},
			upload: true, allowed: 303, may: can(habeas.Publish), refused: 403},
		// Post 1 is public: its cover is a public file.
		{name: "post cover", method: "POST", path: "/admin/posts/1/cover", form: url.Values{"alt": {"His mother outside the court"},
			"visibility": {"public"}}, upload: true, allowed: 303, may: can(habeas.EditPosts), refused: 403},
		{name: "assign a volunteer", method: "POST", path: "/admin/people/1/assignees", form: url.Values{"user": {"{helper}"}}, allowed: 303,
			may: can(habeas.AssignRecords), refused: 403},
		// Last, as they take records the routes above use: the spare
		// source is internal, event 1 public.
		{name: "delete a source", method: "POST", path: "/admin/delete/source/{spare}", form: url.Values{}, allowed: 303,
			may: can(habeas.EditShared), refused: 403},
		{name: "delete a public entry", method: "POST", path: "/admin/delete/event/1", form: url.Values{}, allowed: 303,
			may: can(habeas.Publish), refused: 403},
		// Own account: every role.
		{name: "change password", method: "POST", path: "/admin/account/password", form: url.Values{"current": {password},
			"password": {"another correct horse battery"}, "again": {"another correct horse battery"}}, allowed: 303, may: anyone},
		{name: "make a feed address", method: "POST", path: "/admin/account/feed", form: url.Values{"action": {"new"}}, allowed: 200, may: anyone},
		{name: "import form", method: "GET", path: "/admin/import", status: importers(200)},
		// A preview: the list the preview's own form carries back.
		{name: "preview an import", method: "POST", path: "/admin/import", form: url.Values{"action": {"preview"},
			"list": {base64.StdEncoding.EncodeToString([]byte("name,country\nA New Name,AZ\n"))}}, status: importers(200)},
		{name: "e-mails of alerts", method: "POST", path: "/admin/account/mail", form: url.Values{"action": {"save"}, "min_severity": {"high"},
			"digest_hour": {"6"}}, allowed: 303, may: anyone},
		{name: "log out everywhere else", method: "POST", path: "/admin/account/logout-everywhere", form: url.Values{}, allowed: 303, may: anyone},
		// Estimate 1 is public, the demo's 350.
		{name: "estimates", method: "GET", path: "/admin/estimates?country=AZ", allowed: 200, may: unscoped, refused: 403},
		{name: "estimate", method: "GET", path: "/admin/estimates/1", allowed: 200, may: unscoped, refused: 403},
		{name: "add an estimate", method: "POST", path: "/admin/estimates", form: url.Values{"qualifier": {"at_least"}, "count": {"300"},
			"of": {"political_prisoner"}, "by": {"a local group"}, "as_of": {"2025-05"}, "country": {"AZ"}, "source_ids": {"1"},
			"visibility": {"internal"}}, allowed: 303, may: can(habeas.EditShared), refused: 403},
		{name: "correct an estimate", method: "POST", path: "/admin/estimates/1", form: url.Values{"by": {"local human rights organisations"}},
			fill: true, allowed: 303, may: can(habeas.Publish), refused: 403},
		{name: "the site's settings", method: "GET", path: "/admin/settings", allowed: 200, may: can(habeas.ManageInstallation), refused: 403},
		{name: "change the settings", method: "POST", path: "/admin/settings", form: url.Values{"tagline": {"Political prisoners in Azerbaijan"}},
			fill: true, allowed: 303, may: can(habeas.ManageInstallation), refused: 403},
		// Of a rule the demo's cases do not meet, so the alerts stand.
		{name: "the instance's thresholds", method: "POST", path: "/admin/settings/thresholds", form: url.Values{"days.release_overdue": {"45"}},
			allowed: 303, may: can(habeas.ManageInstallation), refused: 403},
		{name: "webhooks", method: "GET", path: "/admin/webhooks", allowed: 200, may: can(habeas.ManageInstallation), refused: 403},
		{name: "webhook", method: "GET", path: "/admin/webhooks/{hook}", allowed: 200, may: can(habeas.ManageInstallation), refused: 403},
		{name: "add a webhook", method: "POST", path: "/admin/webhooks", form: url.Values{"url": {"https://hooks.example.org/b"},
			"access": {"internal"}, "min_severity": {"high"}, "active": {"1"}}, allowed: 201, may: can(habeas.ManageInstallation), refused: 403},
		{name: "change a webhook", method: "POST", path: "/admin/webhooks/{hook}", form: url.Values{"min_severity": {"critical"}}, fill: true,
			allowed: 303, may: can(habeas.ManageInstallation), refused: 403},
		{name: "delete form of a webhook", method: "GET", path: "/admin/delete/webhook/{hook}", allowed: 200,
			may: can(habeas.ManageInstallation), refused: 403},
		{name: "delete a file", method: "POST", path: "/admin/delete/media/{media}", form: url.Values{}, allowed: 303,
			may: can(habeas.EditShared), refused: 403},
		{name: "delete a webhook", method: "POST", path: "/admin/delete/webhook/{hook}", form: url.Values{}, allowed: 303,
			may: can(habeas.ManageInstallation), refused: 403},
		{name: "add account", method: "POST", path: "/admin/users", form: url.Values{"email": {"new@example.org"}, "role": {"viewer"}}, allowed: 201,
			may: can(habeas.ManageInstallation), refused: 403},
		{name: "password link", method: "POST", path: "/admin/users/{other}/reset-password", form: url.Values{}, allowed: 200,
			may: can(habeas.ManageInstallation), refused: 403},
		{name: "disable account", method: "POST", path: "/admin/users/{other}/disable", form: url.Values{}, allowed: 303,
			may: can(habeas.ManageInstallation), refused: 403},
		{name: "second factor roles", method: "POST", path: "/admin/second-factor-roles", form: url.Values{"role": {"admin"}}, allowed: 303,
			may: can(habeas.ManageInstallation), refused: 403},
	}
	// Every page of the staff is in the table: each pattern is the one
	// the workspace's own routing gives at least one route of the table.
	ws, err := admin.New(admin.Config{})
	if err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	for _, pattern := range ws.StaffRoutes() {
		mux.HandleFunc(pattern, func(http.ResponseWriter, *http.Request) {})
	}
	walked := map[string]bool{}
	for _, rt := range routes {
		_, p := mux.Handler(httptest.NewRequest(rt.method, regexp.MustCompile(`\{\w+\}`).ReplaceAllString(rt.path, "1"), nil))
		walked[p] = true
	}
	for _, pattern := range ws.StaffRoutes() {
		if !walked[pattern] {
			t.Errorf("no route of the table is %s: add it", pattern)
		}
	}
	roles := []struct {
		name string
		user habeas.User
	}{
		{"viewer", habeas.User{Role: habeas.RoleViewer}},
		{"viewer+confidential", habeas.User{Role: habeas.RoleViewer, Confidential: true}},
		{"volunteer", habeas.User{Role: habeas.RoleVolunteer}},
		{"researcher", habeas.User{Role: habeas.RoleResearcher}},
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
					helper := user(t, s, "helper@example.org", habeas.RoleVolunteer, false)
					if u.Scoped() {
						if _, err := s.Assign(ctx, habeas.Operator, u.ID, 1); err != nil {
							t.Fatal(err)
						}
					}
					dup := &habeas.Person{Names: []habeas.PersonName{{Name: "Elvin Mustafaev", Kind: habeas.NamePrimary}}, Country: "AZ", Visibility: habeas.Internal}
					if err := s.CreatePerson(ctx, habeas.Operator, dup); err != nil {
						t.Fatal(err)
					}
					if err := s.SubmitTip(ctx, &habeas.Visitor{Address: "192.0.2.7"}, demo.PersonSlug, &habeas.Tip{Text: "Seen at the hospital."}); err != nil {
						t.Fatal(err)
					}
					spare := &habeas.Source{Kind: "document", Title: "A spare letter", Reliability: "unverified", Visibility: habeas.Internal}
					if err := s.CreateSource(ctx, habeas.Operator, spare); err != nil {
						t.Fatal(err)
					}
					twin := &habeas.Person{Names: []habeas.PersonName{{Name: "E. Mustafayev", Kind: habeas.NamePrimary}}, Country: "AZ", Visibility: habeas.Internal}
					if err := s.CreatePerson(ctx, habeas.Operator, twin); err != nil {
						t.Fatal(err)
					}
					merged, err := s.MergePeople(ctx, habeas.Operator, 1, twin.ID)
					if err != nil {
						t.Fatal(err)
					}
					photo := &habeas.Media{Alt: "A portrait", Visibility: habeas.Internal}
					if err := s.CreateMedia(ctx, habeas.Operator, photo, mediatest.SmallJPEG()); err != nil {
						t.Fatal(err)
					}
					// An open alert no route above ends (the hunger strike's),
					// and one the demo shows on the public site.
					caseAlerts, err := s.ListAlerts(ctx, habeas.Internal, habeas.AlertFilter{CaseID: 1})
					var open, shown int64
					for _, al := range caseAlerts.Items {
						if al.State == habeas.AlertOpen && al.Rule == "hunger_strike" {
							open = al.ID
						}
						if al.Public && shown == 0 {
							shown = al.ID
						}
					}
					if err != nil || open == 0 || shown == 0 {
						t.Fatalf("the demo's alerts of case 1: %+v, %v", caseAlerts.Items, err)
					}
					hook := &habeas.Webhook{URL: "https://hooks.example.org/a", Access: habeas.Internal, MinSeverity: "high", Active: true}
					if err := s.CreateWebhook(ctx, habeas.Operator, hook); err != nil {
						t.Fatal(err)
					}
					created, err := s.History(ctx, habeas.Operator, "person", dup.ID)
					if err != nil || len(created) != 1 {
						t.Fatalf("the duplicate's history: %v, %v", created, err)
					}
					comments, _ := s.ListComments(ctx, habeas.Internal, habeas.CommentFilter{Status: habeas.CommentPending})
					tips, _ := s.ListTips(ctx, habeas.Confidential, habeas.TipFilter{})
					ids := map[string]string{"{comment}": itoa(comments.Items[0].ID), "{tip}": itoa(tips.Items[0].ID),
						"{dup}": itoa(dup.ID), "{other}": itoa(other.ID), "{helper}": itoa(helper.ID), "{entry}": itoa(created[0].ID), "{spare}": itoa(spare.ID),
						"{merge}": itoa(merged.ID), "{media}": itoa(photo.ID), "{alert}": itoa(open), "{shown}": itoa(shown), "{hook}": itoa(hook.ID)}
					expand := func(v string) string {
						return regexp.MustCompile(`\{\w+\}`).ReplaceAllStringFunc(v, func(k string) string { return ids[k] })
					}
					b := newBrowser(t, srv)
					b.login(u.Email)
					for _, rt := range routes {
						want := rt.allowed
						if rt.status != nil {
							want = rt.status(u)
						} else if !rt.may(u) {
							want = rt.refused
						}
						path := expand(rt.path)
						if rt.method == "GET" {
							if st, _ := b.get(path); st != want {
								t.Errorf("%s (GET %s): %d, want %d\n%s", rt.name, path, st, want, b.body)
							}
							continue
						}
						form := url.Values{}
						if rt.form == nil || rt.fill {
							// The form as its page fills it in.
							b.get(path)
							for _, m := range regexp.MustCompile(`<input id="([\w-]+)" name="(\w+)" value="([^"]*)"`).FindAllStringSubmatch(b.body, -1) {
								form.Set(m[2], m[3])
							}
							// A select sends its chosen option, else its first.
							for _, m := range regexp.MustCompile(`(?s)<select id="[\w-]+" name="(\w+)"[^>]*>(.*?)</select>`).FindAllStringSubmatch(b.body, -1) {
								opt := regexp.MustCompile(`<option value="([^"]*)" selected>`).FindStringSubmatch(m[2])
								if opt == nil {
									opt = regexp.MustCompile(`<option value="([^"]*)"`).FindStringSubmatch(m[2])
								}
								if opt != nil {
									form.Set(m[1], opt[1])
								}
							}
							for _, m := range regexp.MustCompile(`<textarea id="([\w-]+)" name="(\w+)"[^>]*>([^<]*)</textarea>`).FindAllStringSubmatch(b.body, -1) {
								form.Set(m[2], html.UnescapeString(m[3]))
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
