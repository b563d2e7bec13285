package api

import (
	"context"
	"fmt"
	"net/http/httptest"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"codeberg.org/habeas/habeas"
	"codeberg.org/habeas/habeas/media/mediatest"
	"codeberg.org/habeas/habeas/store"
	"codeberg.org/habeas/habeas/store/storetest"
)

// writer is one kind of caller of the write routes.
type writer struct {
	name string
	user *habeas.User // nil: anonymous
}

var writers = []writer{
	{"anonymous", nil},
	{"viewer", &habeas.User{Role: habeas.RoleViewer}},
	{"viewer+confidential", &habeas.User{Role: habeas.RoleViewer, Confidential: true}},
	// The world's person is assigned to the volunteers (see assign).
	{"volunteer", &habeas.User{Role: habeas.RoleVolunteer}},
	{"volunteer+confidential", &habeas.User{Role: habeas.RoleVolunteer, Confidential: true}},
	{"researcher", &habeas.User{Role: habeas.RoleResearcher}},
	{"editor", &habeas.User{Role: habeas.RoleEditor}},
	{"editor+confidential", &habeas.User{Role: habeas.RoleEditor, Confidential: true}},
	{"admin", &habeas.User{Role: habeas.RoleAdmin}},
	{"admin+confidential", &habeas.User{Role: habeas.RoleAdmin, Confidential: true}},
}

// world is a fresh set of records at one visibility, made for one request.
type world struct {
	person, org, facility, source, caseID, event, iv, membership int64
	pub, pubCase, pubOrg, merge, alert, webhook, post, estimate  int64
	comment, tip, media                                          int64
	// volunteer is assigned the world's person; spare is a volunteer
	// assigned nothing.
	volunteer, spare int64
}

func newWorld(t *testing.T, st *store.Store, v habeas.Visibility, n int) world {
	t.Helper()
	ctx := context.Background()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	var w world
	name := func(s string) string { return fmt.Sprintf("%s %s %d", s, v, n) }
	p := &habeas.Person{Names: []habeas.PersonName{{Name: name("Person"), Kind: habeas.NamePrimary}}, Country: "AZ", Visibility: v}
	must(st.CreatePerson(ctx, habeas.Operator, p))
	pub := &habeas.Person{Names: []habeas.PersonName{{Name: name("Public"), Kind: habeas.NamePrimary}}, Country: "AZ"}
	must(st.CreatePerson(ctx, habeas.Operator, pub))
	o := &habeas.Organization{Name: name("Union"), Kind: "trade_union", Country: "AZ", Visibility: v}
	must(st.CreateOrganization(ctx, habeas.Operator, o))
	po := &habeas.Organization{Name: name("Public union"), Kind: "trade_union", Country: "AZ"}
	must(st.CreateOrganization(ctx, habeas.Operator, po))
	f := &habeas.Facility{Name: name("Prison"), Kind: "prison", Country: "AZ", Visibility: v}
	must(st.CreateFacility(ctx, habeas.Operator, f))
	src := &habeas.Source{Kind: "document", Title: name("Letter"), Reliability: "reliable", Visibility: v}
	must(st.CreateSource(ctx, habeas.Operator, src))
	c := &habeas.Case{PersonID: p.ID, Country: "AZ", Status: habeas.StatusDetained, ArrestDate: "2023-08",
		Classification: "not_assessed", Position: "unknown", Visibility: v}
	must(st.CreateCase(ctx, habeas.Operator, c))
	pc := &habeas.Case{PersonID: pub.ID, Country: "AZ", Status: habeas.StatusDetained, ArrestDate: "2023-08",
		Classification: "not_assessed", Position: "unknown"}
	must(st.CreateCase(ctx, habeas.Operator, pc))
	e := &habeas.Event{CaseID: c.ID, Kind: habeas.EventNews, Date: "2025-05-01", Summary: "News.", Visibility: v}
	must(st.CreateEvent(ctx, habeas.Operator, e))
	iv := &habeas.Intervention{CaseID: c.ID, Kind: "inquiry", Sender: "Relatives", Recipient: "Penitentiary Service",
		SentOn: "2025-05-10", AnswerStatus: "none", Visibility: v}
	must(st.CreateIntervention(ctx, habeas.Operator, iv))
	m := &habeas.Membership{PersonID: p.ID, OrganizationID: o.ID, Role: "member", Visibility: v}
	must(st.CreateMembership(ctx, habeas.Operator, m))
	// A merge of a throwaway duplicate at v into the public person, to undo.
	dup := &habeas.Person{Names: []habeas.PersonName{{Name: name("Duplicate"), Kind: habeas.NamePrimary}}, Country: "AZ", Visibility: v}
	must(st.CreatePerson(ctx, habeas.Operator, dup))
	merge, err := st.MergePeople(ctx, habeas.Operator, pub.ID, dup.ID)
	must(err)
	// The case's news is two weeks old: the silence clock has opened an
	// alert, at the case's visibility or internal.
	alerts, err := st.ListAlerts(ctx, habeas.Confidential, habeas.AlertFilter{CaseID: c.ID, Rule: "no_news"})
	must(err)
	if len(alerts.Items) != 1 {
		t.Fatalf("the world's case has %d no_news alerts, want 1", len(alerts.Items))
	}
	// Inactive: the worlds of the table would otherwise fan every alert out
	// to every webhook made before.
	hook := &habeas.Webhook{URL: "https://example.org/hooks/habeas", Access: max(v, habeas.Internal), MinSeverity: "high"}
	must(st.CreateWebhook(ctx, habeas.Operator, hook))
	// A public draft, to edit and delete: posts are public or internal,
	// so what a post write hides is what it refers to.
	post := &habeas.Post{Lang: "en", Title: name("Draft"), Body: "Text.", State: habeas.PostDraft, Visibility: habeas.Public}
	must(st.CreatePost(ctx, habeas.Operator, post))
	// A public estimate citing the world's source, to edit and delete.
	est := &habeas.Estimate{Country: "AZ", Count: 350, Qualifier: habeas.EstimateAround, Of: "political_prisoner",
		By: "local human rights organizations", AsOf: "2025-05-15", SourceIDs: []int64{src.ID}}
	must(st.CreateEstimate(ctx, habeas.Operator, est))
	// A reader's pending comment on it, and a tip about the person: a
	// tip is confidential whatever the person's visibility.
	cm := &habeas.Comment{PostID: post.ID, Text: "A comment.", Status: habeas.CommentPending}
	tip := &habeas.Tip{PersonID: p.ID, Text: "A tip.", Status: habeas.TipNew}
	must(st.InBatch(ctx, habeas.Operator, func(b habeas.Batch) error {
		if err := b.CreateComment(cm); err != nil {
			return err
		}
		return b.CreateTip(tip)
	}))
	// A photo at the world's visibility.
	photo := &habeas.Media{Alt: "A photo.", Visibility: v}
	must(st.CreateMedia(ctx, habeas.Operator, photo, mediatest.SmallJPEG()))
	w = world{media: photo.ID, estimate: est.ID, comment: cm.ID, tip: tip.ID, post: post.ID, webhook: hook.ID, person: p.ID, org: o.ID, facility: f.ID, source: src.ID, caseID: c.ID, event: e.ID, iv: iv.ID,
		membership: m.ID, pub: pub.ID, pubCase: pc.ID, pubOrg: po.ID, merge: merge.ID, alert: alerts.Items[0].ID}
	return w
}

// writeRoute is one write route, tried against a world at one visibility.
type writeRoute struct {
	name   string
	method string
	path   func(w world) string
	// body of the request; vis is the visibility of the world.
	body func(w world, vis string) string
	// what the world's visibility hides when the writer may not see it:
	// "own" (the request would write above the writer's access: 403),
	// "target" (the record in the path: 404), "ref" (a record the body
	// refers to: 422, named as a missing one) or "none" (the route
	// touches nothing at the world's visibility).
	hides string
	// missing rewrites the request to name a record that does not exist,
	// for comparing answers word for word; nil when hides is "own".
	missing func(w world) world
}

// preview says an allowed request of the route writes nothing (an
// import's dry run, sent as CSV).
func (rt writeRoute) preview() bool { return strings.HasPrefix(rt.name, "preview ") }

func (rt writeRoute) header() []string {
	if rt.preview() {
		return []string{"Content-Type", "text/csv"}
	}
	if strings.HasPrefix(rt.name, "upload ") {
		return []string{"Content-Type", mediatest.UploadType}
	}
	return nil
}

func id(n int64) string { return strconv.FormatInt(n, 10) }

const absentID = 999999

func writeRoutes() []writeRoute {
	personBody := func(name, vis string) string {
		return `{"names":[{"name":"` + name + `","kind":"primary","visibility":"public"}],"country":"AZ","visibility":"` + vis + `"}`
	}
	caseBody := func(person, facility int64, vis string) string {
		f := ""
		if facility != 0 {
			f = `,"facility_id":` + id(facility)
		}
		return `{"person_id":` + id(person) + f + `,"country":"AZ","status":"detained","arrest_date":"2023-08",` +
			`"charges":[],"sentence":{},"classification":"not_assessed","position":"unknown","visibility":"` + vis + `"}`
	}
	eventBody := func(caseID, source int64, vis string) string {
		src := "[]"
		if source != 0 {
			src = "[" + id(source) + "]"
		}
		return `{"case_id":` + id(caseID) + `,"kind":"news","date":"2025-05-02","summary":"More news.","source_ids":` + src + `,"visibility":"` + vis + `"}`
	}
	ivBody := func(caseID int64, vis string) string {
		return `{"case_id":` + id(caseID) + `,"kind":"inquiry","sender":"Lawyer","recipient":"Court","sent_on":"2025-05-11",` +
			`"answer_status":"none","source_ids":[],"visibility":"` + vis + `"}`
	}
	memberBody := func(person, org int64, vis string) string {
		return `{"person_id":` + id(person) + `,"organization_id":` + id(org) + `,"role":"member","visibility":"` + vis + `"}`
	}
	orgBody := func(vis string) string {
		return `{"name":"Another Union","kind":"trade_union","country":"AZ","visibility":"` + vis + `"}`
	}
	facBody := func(vis string) string {
		return `{"name":"Another Prison","kind":"prison","country":"AZ","visibility":"` + vis + `"}`
	}
	srcBody := func(vis string) string {
		return `{"kind":"document","title":"Another letter","reliability":"reliable","visibility":"` + vis + `"}`
	}
	webhookBody := func(vis string) string {
		if vis == "public" {
			vis = "internal" // a webhook is told internal alerts at least
		}
		return `{"url":"https://example.org/hooks/habeas","access":"` + vis + `","min_severity":"high","active":false}`
	}
	postBody := func(person, source int64) string {
		cites := ""
		if source != 0 {
			cites = `,"source_ids":[` + id(source) + `],"quotes":[{"text":"We insist.","speaker":"The family","source_ids":[` + id(source) + `]}]`
		}
		return `{"lang":"en","title":"Eight days without news","body":"No news since 7 May.","state":"draft",` +
			`"visibility":"public","person_ids":[` + id(person) + `],"fact_person_id":` + id(person) + cites + `}`
	}
	estimateBody := func(source int64) string {
		return `{"country":"AZ","count":350,"qualifier":"around","of":"political_prisoner","by":"local human rights organizations",` +
			`"as_of":"2025-05-15","counter":"Government officials reject this classification.","counter_by":"Government officials",` +
			`"source_ids":[` + id(source) + `],"visibility":"public"}`
	}
	p := func(f func(w world) string) func(w world) string { return f }
	fixed := func(s string) func(w world) string { return func(world) string { return s } }
	missingPerson := func(w world) world { w.person = absentID; return w }
	missingCase := func(w world) world { w.caseID = absentID; return w }
	missingAlert := func(w world) world { w.alert = absentID; return w }
	missingSource := func(w world) world { w.source = absentID; return w }
	return []writeRoute{
		{"create person", "POST", fixed("/api/v1/people"), func(w world, v string) string { return personBody("New Person", v) }, "own", nil},
		{"update person", "PUT", p(func(w world) string { return "/api/v1/people/" + id(w.person) }),
			func(w world, v string) string { return personBody("Renamed Person", v) }, "target", missingPerson},
		{"delete person", "DELETE", p(func(w world) string { return "/api/v1/people/" + id(w.person) }), nil, "target", missingPerson},
		{"merge into person", "POST", p(func(w world) string { return "/api/v1/people/" + id(w.person) + "/merge" }),
			func(w world, v string) string { return `{"duplicate_id":` + id(w.pub) + `}` }, "target", missingPerson},
		{"merge person away", "POST", p(func(w world) string { return "/api/v1/people/" + id(w.pub) + "/merge" }),
			func(w world, v string) string { return `{"duplicate_id":` + id(w.person) + `}` }, "ref", missingPerson},
		{"create assignment of person", "POST", p(func(w world) string { return "/api/v1/people/" + id(w.person) + "/assignees" }),
			func(w world, v string) string { return `{"user_id":` + id(w.spare) + `}` }, "target", missingPerson},
		{"delete assignment of person", "DELETE", p(func(w world) string {
			return "/api/v1/people/" + id(w.person) + "/assignees/" + id(w.volunteer)
		}), nil, "target", missingPerson},
		{"undo merge", "POST", p(func(w world) string { return "/api/v1/merges/" + id(w.merge) + "/undo" }), nil, "target",
			func(w world) world { w.merge = absentID; return w }},

		{"create organization", "POST", fixed("/api/v1/organizations"), func(w world, v string) string { return orgBody(v) }, "own", nil},
		{"update organization", "PUT", p(func(w world) string { return "/api/v1/organizations/" + id(w.org) }),
			func(w world, v string) string { return orgBody(v) }, "target", func(w world) world { w.org = absentID; return w }},
		{"delete organization", "DELETE", p(func(w world) string { return "/api/v1/organizations/" + id(w.org) }), nil, "target",
			func(w world) world { w.org = absentID; return w }},

		{"create facility", "POST", fixed("/api/v1/facilities"), func(w world, v string) string { return facBody(v) }, "own", nil},
		{"update facility", "PUT", p(func(w world) string { return "/api/v1/facilities/" + id(w.facility) }),
			func(w world, v string) string { return facBody(v) }, "target", func(w world) world { w.facility = absentID; return w }},

		{"create source", "POST", fixed("/api/v1/sources"), func(w world, v string) string { return srcBody(v) }, "own", nil},
		{"update source", "PUT", p(func(w world) string { return "/api/v1/sources/" + id(w.source) }),
			func(w world, v string) string { return srcBody(v) }, "target", func(w world) world { w.source = absentID; return w }},

		{"create case", "POST", fixed("/api/v1/cases"), func(w world, v string) string { return caseBody(w.pub, 0, v) }, "own", nil},
		{"create case of person", "POST", fixed("/api/v1/cases"), func(w world, v string) string { return caseBody(w.person, 0, "public") },
			"ref", missingPerson},
		{"create case at facility", "POST", fixed("/api/v1/cases"), func(w world, v string) string { return caseBody(w.pub, w.facility, "public") },
			"ref", func(w world) world { w.facility = absentID; return w }},
		{"update case", "PUT", p(func(w world) string { return "/api/v1/cases/" + id(w.caseID) }),
			func(w world, v string) string {
				return strings.Replace(caseBody(w.person, 0, v), `"status":"detained"`, `"status":"sentenced"`, 1)
			}, "target", missingCase},
		{"delete case", "DELETE", p(func(w world) string { return "/api/v1/cases/" + id(w.caseID) }), nil, "target", missingCase},

		{"create event", "POST", fixed("/api/v1/events"), func(w world, v string) string { return eventBody(w.pubCase, 0, v) }, "own", nil},
		{"create event on case", "POST", fixed("/api/v1/events"), func(w world, v string) string { return eventBody(w.caseID, 0, "public") },
			"ref", missingCase},
		{"create event in case path", "POST", p(func(w world) string { return "/api/v1/cases/" + id(w.caseID) + "/events" }),
			func(w world, v string) string { return eventBody(0, 0, "public") }, "target", missingCase},
		{"create event in public case path", "POST", p(func(w world) string { return "/api/v1/cases/" + id(w.pubCase) + "/events" }),
			func(w world, v string) string { return eventBody(0, 0, v) }, "own", nil},
		{"create event citing source", "POST", fixed("/api/v1/events"), func(w world, v string) string { return eventBody(w.pubCase, w.source, "public") },
			"ref", func(w world) world { w.source = absentID; return w }},
		{"update event", "PUT", p(func(w world) string { return "/api/v1/events/" + id(w.event) }),
			func(w world, v string) string { return eventBody(w.caseID, 0, v) }, "target", func(w world) world { w.event = absentID; return w }},
		{"delete event", "DELETE", p(func(w world) string { return "/api/v1/events/" + id(w.event) }), nil, "target",
			func(w world) world { w.event = absentID; return w }},

		{"create intervention", "POST", fixed("/api/v1/interventions"), func(w world, v string) string { return ivBody(w.caseID, "public") },
			"ref", missingCase},
		{"update intervention", "PUT", p(func(w world) string { return "/api/v1/interventions/" + id(w.iv) }),
			func(w world, v string) string { return ivBody(w.caseID, v) }, "target", func(w world) world { w.iv = absentID; return w }},
		{"delete intervention", "DELETE", p(func(w world) string { return "/api/v1/interventions/" + id(w.iv) }), nil, "target",
			func(w world) world { w.iv = absentID; return w }},

		{"create membership of person", "POST", fixed("/api/v1/memberships"), func(w world, v string) string { return memberBody(w.person, w.pubOrg, "public") },
			"ref", missingPerson},
		{"create membership in organization", "POST", fixed("/api/v1/memberships"),
			func(w world, v string) string { return memberBody(w.pub, w.org, "public") }, "ref", func(w world) world { w.org = absentID; return w }},
		{"update membership", "PUT", p(func(w world) string { return "/api/v1/memberships/" + id(w.membership) }),
			func(w world, v string) string {
				return strings.Replace(memberBody(w.person, w.org, v), "member", "chairman", 1)
			}, "target", func(w world) world { w.membership = absentID; return w }},
		{"delete membership", "DELETE", p(func(w world) string { return "/api/v1/memberships/" + id(w.membership) }), nil, "target",
			func(w world) world { w.membership = absentID; return w }},

		{"acknowledge alert", "POST", p(func(w world) string { return "/api/v1/alerts/" + id(w.alert) + "/acknowledge" }),
			func(w world, v string) string { return `{"note":"Called the family."}` }, "target", missingAlert},
		{"resolve alert", "POST", p(func(w world) string { return "/api/v1/alerts/" + id(w.alert) + "/resolve" }),
			func(w world, v string) string { return `{"reason":"They are in touch."}` }, "target", missingAlert},
		// Only an alert the public timeline supports may be published: on a
		// world below public, an allowed writer is told so (422).
		{"publish alert", "POST", p(func(w world) string { return "/api/v1/alerts/" + id(w.alert) + "/publish" }),
			func(w world, v string) string { return `{"public":true}` }, "target", missingAlert},
		{"set alert thresholds", "PUT", p(func(w world) string { return "/api/v1/cases/" + id(w.caseID) + "/alert-thresholds" }),
			func(w world, v string) string { return `{"days":{"no_news":30}}` }, "target", missingCase},

		// Webhooks are for admins; one told confidential alerts is for
		// admins with the grant, hidden from the others as a missing one.
		{"create webhook", "POST", fixed("/api/v1/webhooks"), func(w world, v string) string { return webhookBody(v) }, "own", nil},
		{"update webhook", "PUT", p(func(w world) string { return "/api/v1/webhooks/" + id(w.webhook) }),
			func(w world, v string) string { return strings.Replace(webhookBody(v), `"high"`, `"critical"`, 1) }, "target",
			func(w world) world { w.webhook = absentID; return w }},
		{"delete webhook", "DELETE", p(func(w world) string { return "/api/v1/webhooks/" + id(w.webhook) }), nil, "target",
			func(w world) world { w.webhook = absentID; return w }},

		{"create post about person", "POST", fixed("/api/v1/posts"), func(w world, v string) string { return postBody(w.person, 0) },
			"ref", missingPerson},
		{"create post citing source", "POST", fixed("/api/v1/posts"), func(w world, v string) string { return postBody(w.pub, w.source) },
			"ref", func(w world) world { w.source = absentID; return w }},
		{"update post about person", "PUT", p(func(w world) string { return "/api/v1/posts/" + id(w.post) }),
			func(w world, v string) string { return postBody(w.person, 0) }, "ref", missingPerson},
		{"delete post", "DELETE", p(func(w world) string { return "/api/v1/posts/" + id(w.post) }), nil, "none", nil},

		{"create estimate citing source", "POST", fixed("/api/v1/estimates"), func(w world, v string) string { return estimateBody(w.source) },
			"ref", missingSource},
		{"update estimate citing source", "PUT", p(func(w world) string { return "/api/v1/estimates/" + id(w.estimate) }),
			func(w world, v string) string { return estimateBody(w.source) }, "ref", missingSource},
		{"set instance alert thresholds", "PUT", fixed("/api/v1/alert-thresholds"), func(w world, v string) string {
			// A new value each time, so that it is a write; of a rule no
			// world's case meets, so that the next worlds' alerts stand.
			return `{"days":{"release_overdue":` + strconv.FormatInt(w.person%300+30, 10) + `}}`
		}, "none", nil},
		{"update settings", "PUT", fixed("/api/v1/settings"), func(w world, v string) string {
			return `{"name":"IHR ` + id(w.person) + `","tagline":"News","languages":["en","ru"]}` // a new name each time: a write
		}, "none", nil},
		{"delete estimate", "DELETE", p(func(w world) string { return "/api/v1/estimates/" + id(w.estimate) }), nil, "none", nil},
		// Comments are moderated by editors and admins; every staff
		// member sees every comment, whatever the world's visibility.
		{"moderate comment", "PATCH", p(func(w world) string { return "/api/v1/comments/" + id(w.comment) }),
			func(w world, v string) string { return `{"status":"approved"}` }, "none", nil},
		{"delete comment", "DELETE", p(func(w world) string { return "/api/v1/comments/" + id(w.comment) }), nil, "none", nil},
		// A tip is confidential, whatever the world's visibility: hidden,
		// as a missing one, from every writer without the grant.
		{"mark tip", "PATCH", p(func(w world) string { return "/api/v1/tips/" + id(w.tip) }),
			func(w world, v string) string { return `{"status":"handled"}` }, "target", func(w world) world { w.tip = absentID; return w }},

		// Evidence files: an upload at the world's visibility, and the
		// world's photo changed and deleted.
		{"upload media", "POST", fixed("/api/v1/media"), func(w world, v string) string {
			return mediatest.Upload(mediatest.SmallJPEG(), "photo.jpg", "visibility", v, "alt", "A photo.")
		}, "own", nil},
		{"update media", "PUT", p(func(w world) string { return "/api/v1/media/" + id(w.media) }),
			func(w world, v string) string {
				return `{"alt":"Another photo.","caption":"Taken in May.","visibility":"` + v + `"}`
			},
			"target", func(w world) world { w.media = absentID; return w }},
		{"set photo of person", "PUT", p(func(w world) string { return "/api/v1/people/" + id(w.pub) }),
			func(w world, v string) string {
				return strings.Replace(personBody("Public With Photo", "public"), `"country"`, `"photo_media_id":`+id(w.media)+`,"country"`, 1)
			}, "ref", func(w world) world { w.media = absentID; return w }},
		{"delete media", "DELETE", p(func(w world) string { return "/api/v1/media/" + id(w.media) }), nil, "target",
			func(w world) world { w.media = absentID; return w }},

		// A list whose rows are at the world's visibility: a row above the
		// writer's access is a bad row (422), and nothing is imported.
		{"preview an import", "POST", fixed("/api/v1/imports?dry_run=true"),
			func(w world, v string) string { return "name,country,visibility\nImported Person,AZ," + v + "\n" }, "rows", nil},
	}
}

// TestWriteAccess walks every write route × role × confidential grant ×
// the visibility of the record written or referred to, on every backend.
// A write is allowed exactly when the writer's role may write and the
// visibility is within the writer's access. A refused write answers 401
// (no account), 403 (a role that only reads, or data above the writer's
// access), 404 (a hidden record in the path) or 422 (a hidden record
// referred to) — a hidden record answered word for word as a missing one —
// and changes nothing in the database.
func TestWriteAccess(t *testing.T) {
	// The two backends run side by side: this is the longest test of the
	// package, and PostgreSQL's half waits on its server much of the time.
	forEachParallel(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		srv := httptest.NewServer(New(Config{Services: st, Clock: clock}))
		t.Cleanup(srv.Close)
		tokens := map[string]string{}
		var volunteers []int64
		for i, wr := range writers {
			if wr.user == nil {
				continue
			}
			u := *wr.user
			u.Email = fmt.Sprintf("user%d@example.org", i)
			if err := st.CreateUser(ctx, &u); err != nil {
				t.Fatal(err)
			}
			tok, err := st.CreateToken(ctx, u.ID)
			if err != nil {
				t.Fatal(err)
			}
			tokens[wr.name] = tok
			if u.Scoped() {
				volunteers = append(volunteers, u.ID)
			}
		}
		f := &fixture{t: t, srv: srv, st: st, tokens: tokens, ids: map[string]int64{}}
		spare := &habeas.User{Email: "spare@example.org", Role: habeas.RoleVolunteer}
		if err := st.CreateUser(ctx, spare); err != nil {
			t.Fatal(err)
		}
		// Each world's person is assigned to the volunteers; the world's
		// public person is not.
		assign := func(w *world) {
			for _, id := range volunteers {
				if _, err := st.Assign(ctx, habeas.Operator, id, w.person); err != nil {
					t.Fatal(err)
				}
			}
			w.volunteer, w.spare = volunteers[0], spare.ID
		}
		n := 0
		known := "" // the database's fingerprint, when known
		for _, rt := range writeRoutes() {
			for _, v := range []habeas.Visibility{habeas.Public, habeas.Internal, habeas.Confidential} {
				var w world
				fresh := false
				for _, wr := range writers {
					// A refused request leaves the world as it was, so the
					// next writer may use it; an allowed one needs a new one.
					if !fresh {
						n++
						w, fresh = newWorld(t, st, v, n), true
						assign(&w)
						known = ""
					}
					name := fmt.Sprintf("%s/%s/%s", rt.name, v, wr.name)
					body := ""
					if rt.body != nil {
						body = rt.body(w, v.String())
					}
					// The fingerprint after a refused request is the one
					// before the next: hashing the whole database is most
					// of this test's time.
					before := known
					if before == "" {
						var err error
						if before, err = st.Fingerprint(ctx); err != nil {
							t.Fatal(err)
						}
					}
					status, got, _ := f.do(wr.name, rt.method, rt.path(w), body, rt.header()...)
					after, err := st.Fingerprint(ctx)
					if err != nil {
						t.Fatal(err)
					}
					known = after
					want := expectedStatus(wr, rt, v)
					if status != want {
						t.Errorf("%s: status %d, want %d: %s", name, status, want, got)
						continue
					}
					if status >= 300 && before != after {
						t.Errorf("%s: refused with %d but the database changed", name, status)
					}
					if status < 300 && rt.preview() && before != after {
						t.Errorf("%s: a preview (%d) changed the database", name, status)
					}
					if status < 300 && !rt.preview() {
						fresh = false
					}
					if status < 300 && !rt.preview() && before == after {
						t.Errorf("%s: allowed with %d but nothing was written", name, status)
					}
					if (status == 404 || status == 422) && rt.missing != nil && !unpublishable(rt, v) &&
						(wr.user == nil || volunteerStatus(wr.user, rt, v) == 0) {
						// The same request naming a record that does not exist.
						m := rt.missing(w)
						mbody := ""
						if rt.body != nil {
							mbody = rt.body(m, v.String())
						}
						_, gotMissing, _ := f.do(wr.name, rt.method, rt.path(m), mbody)
						known = ""
						hidden := got
						if hid := changedID(w, m); hid != 0 {
							hidden = regexp.MustCompile(`\b`+id(hid)+`\b`).ReplaceAllString(got, id(absentID))
						}
						if hidden != gotMissing {
							t.Errorf("%s: a hidden record is answered\n  %s\nbut a missing one\n  %s", name, got, gotMissing)
						}
					}
				}
			}
		}
		// Every allowed write above kept the people lists as the case
		// files have them.
		if err := st.VerifyLists(ctx); err != nil {
			t.Error(err)
		}
	})
}

// changedID returns the id that missing replaced in a world.
func changedID(w, m world) int64 {
	a, b := reflect.ValueOf(w), reflect.ValueOf(m)
	for i := range a.NumField() {
		if a.Field(i).Int() != b.Field(i).Int() {
			return a.Field(i).Int()
		}
	}
	return 0
}

func expectedStatus(wr writer, rt writeRoute, v habeas.Visibility) int {
	if strings.HasSuffix(rt.name, " tip") {
		v = habeas.Confidential
	}
	u := wr.user
	switch {
	case u == nil:
		return 401
	case !u.CanWrite():
		return 403
	case !u.May(habeas.PermissionFor(routeKind(rt))):
		return 403
	case rt.name == "publish alert" && !u.May(habeas.Publish):
		return 403
	case u.Scoped() && (rt.name == "create person" || rt.name == "delete person"):
		return 403 // a volunteer works on the people assigned to them
	}
	// What the writer may read of the world: a volunteer, all they may
	// read of the case file assigned to them.
	access := u.Grant()
	if code := volunteerStatus(u, rt, v); code != 0 {
		return code
	}
	switch {
	case !u.May(habeas.Publish) && (rt.name == "set photo of person" || strings.HasPrefix(rt.name, "update estimate") || rt.name == "delete estimate"):
		// The record in the path is public: a writer who may not publish
		// is refused before anything it refers to is looked up.
		return 403
	case v > access && rt.hides != "none":
		switch rt.hides {
		case "own":
			return 403
		case "target":
			return 404
		}
		return 422
	case unpublishable(rt, v):
		return 422
	case publishes(rt, v) && !u.May(habeas.Publish) && rt.preview():
		return 422 // a bad row of the list
	case publishes(rt, v) && !u.May(habeas.Publish):
		return 403
	case rt.method == "DELETE" || strings.HasSuffix(rt.name, "undo merge"):
		return 204
	case rt.preview():
		return 200
	case rt.method == "POST" && !strings.Contains(rt.name, "merge") && !strings.HasSuffix(rt.name, " alert"):
		return 201
	}
	return 200
}

// volunteerStatus is the answer a volunteer gets for what is not of the
// case file assigned to them (0 when nothing of the kind is in the way).
// Those answers say "missing" of a record that is not the world's hidden
// one, so they are not compared with a missing record's.
func volunteerStatus(u *habeas.User, rt writeRoute, v habeas.Visibility) int {
	switch {
	case !u.Scoped():
		return 0
	case rt.name == "set photo of person":
		return 404 // the public person, not assigned, is found before the photo
	case v > u.Grant() && rt.hides != "none":
		return 0
	}
	switch rt.name {
	case "create case", "create case at facility", "create event", "create event citing source",
		"create membership in organization":
		// The world's public person and their case are not assigned:
		// answered as missing ones, whatever their visibility.
		return 422
	case "create event in public case path":
		return 404
	case "update membership":
		// The membership's organization is shared: a volunteer sees it
		// only when it is public.
		if v > habeas.Public {
			return 422
		}
	}
	return 0
}

// routeKind is the kind of record a write route writes: the word after
// its verb ("create event on case": event), as habeas.PermissionFor names
// kinds.
func routeKind(rt writeRoute) string {
	switch {
	case strings.Contains(rt.name, "merge"):
		return "merge"
	case rt.name == "set photo of person":
		return "person"
	case rt.name == "set instance alert thresholds":
		return "settings"
	case rt.name == "preview an import":
		return "import"
	}
	return strings.Fields(rt.name)[1]
}

// publishes says the route, allowed, would leave public data behind or take
// it off the public site: the record it writes or deletes is public once
// written (its own visibility raised to its parents', v on most routes).
func publishes(rt writeRoute, v habeas.Visibility) bool {
	switch rt.name {
	case "create case at facility", "create event citing source", "set photo of person",
		"create estimate citing source", "update estimate citing source", "delete estimate":
		return true // the record is public whatever the world's visibility
	}
	switch routeKind(rt) {
	case "alert", "settings", "webhook", "comment", "tip":
		return false // no visibility of its own to leave
	}
	return v == habeas.Public
}

// unpublishable says the route publishes an alert the public timeline
// cannot support: one on a world below public.
func unpublishable(rt writeRoute, v habeas.Visibility) bool {
	return rt.name == "publish alert" && v != habeas.Public
}

// forEachParallel is storetest.ForEach with the backends' subtests run in
// parallel.
func forEachParallel(t *testing.T, f func(t *testing.T, s *store.Store)) {
	for _, d := range storetest.Backends() {
		t.Run(string(d), func(t *testing.T) {
			t.Parallel()
			f(t, storetest.New(t, d, clock))
		})
	}
}
