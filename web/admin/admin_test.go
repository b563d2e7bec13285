package admin_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"html"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"codeberg.org/habeas/habeas"
	"codeberg.org/habeas/habeas/demo"
	"codeberg.org/habeas/habeas/media/mediatest"
	"codeberg.org/habeas/habeas/store"
	"codeberg.org/habeas/habeas/store/storetest"
	"codeberg.org/habeas/habeas/web/admin"
	"github.com/pquerna/otp/totp"
)

// clock is the demo's day, moved by hand.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time         { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) add(d time.Duration)    { c.mu.Lock(); c.t = c.t.Add(d); c.mu.Unlock() }
func newClock() *clock                  { return &clock{t: demo.AsOf.Add(10 * time.Hour)} }
func (b *browser) path(p string) string { return b.srv.URL + p }
func (b *browser) cookies() []*http.Cookie {
	u, _ := url.Parse(b.srv.URL + "/admin/")
	return b.c.Jar.Cookies(u)
}

// browser is a client with its own cookies, as one person's browser.
type browser struct {
	t    *testing.T
	srv  *httptest.Server
	c    *http.Client
	body string
}

func newBrowser(t *testing.T, srv *httptest.Server) *browser {
	jar, _ := cookiejar.New(nil)
	return &browser{t: t, srv: srv, c: &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error {
		return http.ErrUseLastResponse
	}}}
}

func (b *browser) do(req *http.Request) (int, string) {
	b.t.Helper()
	res, err := b.c.Do(req)
	if err != nil {
		b.t.Fatal(err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	b.body = string(body)
	loc := res.Header.Get("Location")
	return res.StatusCode, loc
}

func (b *browser) get(p string) (int, string) {
	req, _ := http.NewRequest("GET", b.path(p), nil)
	return b.do(req)
}

// post sends a form as the workspace's own page would: same origin, and
// with the page's form token when the last page had one.
func (b *browser) post(p string, form url.Values) (int, string) {
	if form.Get("csrf") == "" {
		if m := regexp.MustCompile(`name="csrf" value="([0-9a-f]+)"`).FindStringSubmatch(b.body); m != nil {
			form.Set("csrf", m[1])
		}
	}
	req, _ := http.NewRequest("POST", b.path(p), strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", b.srv.URL)
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	return b.do(req)
}

// upload posts a multipart form with file, as the page's form would.
func (b *browser) upload(p string, form url.Values, file []byte) int {
	return b.uploadNamed(p, form, file, "photo.jpg")
}

func (b *browser) uploadNamed(p string, form url.Values, file []byte, name string) int {
	b.t.Helper()
	if form.Get("csrf") == "" {
		if m := regexp.MustCompile(`name="csrf" value="([0-9a-f]+)"`).FindStringSubmatch(b.body); m != nil {
			form.Set("csrf", m[1])
		}
	}
	var fields []string
	for k, v := range form {
		fields = append(fields, k, v[0])
	}
	req, _ := http.NewRequest("POST", b.path(p), strings.NewReader(mediatest.Upload(file, name, fields...)))
	req.Header.Set("Content-Type", mediatest.UploadType)
	req.Header.Set("Origin", b.srv.URL)
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	st, _ := b.do(req)
	return st
}

func (b *browser) expect(status, want int, body ...string) {
	b.t.Helper()
	if status != want {
		b.t.Fatalf("status %d, want %d; page:\n%s", status, want, b.body)
	}
	for _, s := range body {
		if !strings.Contains(b.body, s) {
			b.t.Fatalf("the page lacks %q:\n%s", s, b.body)
		}
	}
}

const password = "correct horse battery staple"

func setup(t *testing.T, s *store.Store, c *clock) *httptest.Server {
	t.Helper()
	if err := demo.Load(context.Background(), s); err != nil {
		t.Fatal(err)
	}
	ws, err := admin.New(admin.Config{Services: s, Clock: c})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(ws)
	t.Cleanup(srv.Close)
	return srv
}

func user(t *testing.T, s *store.Store, email, role string, confidential bool) *habeas.User {
	t.Helper()
	u := &habeas.User{Email: email, Role: role, Confidential: confidential}
	if err := s.CreateUser(context.Background(), u); err != nil {
		t.Fatal(err)
	}
	if err := s.SetPassword(context.Background(), u.ID, password); err != nil {
		t.Fatal(err)
	}
	return u
}

func (b *browser) login(email string) {
	b.t.Helper()
	b.get("/admin/login")
	st, loc := b.post("/admin/login", url.Values{"email": {email}, "password": {password}, "next": {"/admin/"}})
	if st != http.StatusSeeOther || loc != "/admin/" {
		b.t.Fatalf("login: %d %q\n%s", st, loc, b.body)
	}
}

// TestWorkspaceWalk is a researcher's first day: set up the second factor
// the role requires, add a person with names in two scripts, see the
// duplicate warning, add a timeline entry by its quick line.
func TestWorkspaceWalk(t *testing.T) {
	c := newClock()
	storetest.ForEach(t, c, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		srv := setup(t, s, c)
		admin := user(t, s, "admin@example.org", habeas.RoleAdmin, true)
		user(t, s, "ayla@example.org", habeas.RoleEditor, false)
		if err := s.SetSecondFactorRoles(ctx, admin, []string{habeas.RoleEditor}); err != nil {
			t.Fatal(err)
		}
		b := newBrowser(t, srv)

		// Not logged in: to the login, and back after it.
		st, loc := b.get("/admin/people")
		if st != http.StatusSeeOther || loc != "/admin/login?next=%2Fadmin%2Fpeople" {
			t.Fatalf("anonymous: %d %q", st, loc)
		}
		b.get("/admin/login")
		st, _ = b.post("/admin/login", url.Values{"email": {"ayla@example.org"}, "password": {"not the password"}})
		b.expect(st, http.StatusUnauthorized, "wrong e-mail address or password")
		st, loc = b.post("/admin/login", url.Values{"email": {"ayla@example.org"}, "password": {password}, "next": {"/admin/people"}})
		if st != http.StatusSeeOther || loc != "/admin/second-factor" {
			t.Fatalf("login of a role that needs a second factor: %d %q", st, loc)
		}
		// Until the second factor is set up, nothing else opens.
		if st, loc := b.get("/admin/people"); st != http.StatusSeeOther || loc != "/admin/second-factor" {
			t.Fatalf("before set-up: %d %q", st, loc)
		}
		st, _ = b.get("/admin/second-factor")
		b.expect(st, http.StatusOK, `src="/admin/second-factor/qr.png"`)
		secret := strings.ReplaceAll(regexp.MustCompile(`<code class="secret">([A-Z2-7 ]+)</code>`).FindStringSubmatch(b.body)[1], " ", "")
		if st, _ := b.get("/admin/second-factor/qr.png"); st != http.StatusOK || !strings.HasPrefix(b.body, "\x89PNG") {
			t.Fatalf("QR code: %d", st)
		}
		b.get("/admin/second-factor")
		st, _ = b.post("/admin/second-factor", url.Values{"code": {"123456"}})
		b.expect(st, http.StatusUnprocessableEntity, "that code is not right")
		code, _ := totp.GenerateCode(secret, c.Now())
		st, _ = b.post("/admin/second-factor", url.Values{"code": {code}})
		b.expect(st, http.StatusOK, "Your recovery codes", `<ul class="codes">`)

		// A person with names in two scripts; a name like a recorded
		// person's gets the duplicate warning first.
		st, _ = b.get("/admin/people/new")
		b.expect(st, http.StatusOK, "New person")
		form := url.Values{
			"name.0": {"Elvin Mustafayev"}, "kind.0": {"primary"}, "script.0": {"Latn"}, "lang.0": {"az"}, "nvis.0": {"internal"},
			"name.1": {"Эльвин Мустафаев"}, "kind.1": {"transliteration"}, "script.1": {"Cyrl"}, "lang.1": {"ru"}, "nvis.1": {"internal"},
			"country": {"AZ"}, "visibility": {"internal"},
		}
		st, _ = b.post("/admin/people", form)
		b.expect(st, http.StatusConflict, "Already recorded with a similar name", `href="/admin/people/1"`, "This is someone else")
		form.Set("not_duplicate", "1")
		st, loc = b.post("/admin/people", form)
		if st != http.StatusSeeOther || !strings.HasPrefix(loc, "/admin/people/") {
			t.Fatalf("create: %d %q\n%s", st, loc, b.body)
		}
		st, _ = b.get(loc)
		b.expect(st, http.StatusOK, "Saved.", `value="Эльвин Мустафаев"`)

		// A refused field is shown beside the field, with what was typed.
		b.get("/admin/people/new")
		st, _ = b.post("/admin/people", url.Values{"name.0": {"Leyla Yunus Test"}, "kind.0": {"primary"}, "nvis.0": {"internal"},
			"country": {"ZZZ"}, "visibility": {"internal"}, "not_duplicate": {"1"}})
		b.expect(st, http.StatusUnprocessableEntity, `id="country-error"`, `value="Leyla Yunus Test"`)

		// An editor without the confidential grant is not offered it,
		// and the store refuses it when sent anyway.
		if strings.Contains(b.body, `value="confidential"`) {
			t.Error("the form offers confidential to an account that may not see it")
		}
		before, _ := s.ListPeople(ctx, habeas.Confidential, habeas.PeopleFilter{})
		st, _ = b.post("/admin/people", url.Values{"name.0": {"Secret Person"}, "kind.0": {"primary"}, "nvis.0": {"confidential"},
			"country": {"AZ"}, "visibility": {"confidential"}, "not_duplicate": {"1"}})
		b.expect(st, http.StatusForbidden, "may not write confidential data")
		after, _ := s.ListPeople(ctx, habeas.Confidential, habeas.PeopleFilter{})
		if len(after.Items) != len(before.Items) {
			t.Fatal("a refused create stored a person")
		}

		// A timeline entry in one line: previewed, then saved.
		cs, err := s.CurrentCase(ctx, habeas.Internal, 1)
		if err != nil {
			t.Fatal(err)
		}
		casePath := "/admin/cases/" + itoa(cs.ID)
		b.get(casePath)
		line := "2025-05-15 news @correctional-facility-no-3 Relatives were told he is alive [1]"
		st, _ = b.post(casePath+"/quick", url.Values{"line": {line}, "action": {"preview"}})
		b.expect(st, http.StatusOK, "Correctional Facility No. 3", "Relatives were told he is alive", "Save this event")
		n := len(timeline(t, s, cs.ID))
		st, loc = b.post(casePath+"/quick", url.Values{"line": {line}, "action": {"save"}})
		if st != http.StatusSeeOther || loc != casePath+"?added=1" {
			t.Fatalf("save: %d %q\n%s", st, loc, b.body)
		}
		if got := timeline(t, s, cs.ID); len(got) != n+1 || got[len(got)-1].Summary != "Relatives were told he is alive" {
			t.Fatalf("timeline after the quick line: %+v", got)
		}
		b.get(casePath)
		st, _ = b.post(casePath+"/quick", url.Values{"line": {"2025-05-15 news @nowhere-at-all Text [999]"}, "action": {"save"}})
		b.expect(st, http.StatusUnprocessableEntity, "no place of detention", "no source with number 999")
		if len(timeline(t, s, cs.ID)) != n+1 {
			t.Fatal("a refused quick line was saved")
		}

		// Accounts are for admins: the store refuses an editor.
		st, _ = b.get("/admin/users")
		b.expect(st, http.StatusForbidden, "only admins")

		// Log out: the session is over on the server too.
		b.get("/admin/")
		old := b.cookies()
		b.post("/admin/logout", url.Values{})
		b2 := newBrowser(t, srv)
		u, _ := url.Parse(srv.URL + "/admin/")
		b2.c.Jar.SetCookies(u, old)
		if st, _ := b2.get("/admin/"); st != http.StatusSeeOther {
			t.Fatalf("the logged-out cookie still opens the workspace: %d", st)
		}
	})
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

func timeline(t *testing.T, s *store.Store, caseID int64) []habeas.Event {
	t.Helper()
	tl, err := s.Timeline(context.Background(), habeas.Confidential, caseID)
	if err != nil {
		t.Fatal(err)
	}
	return tl
}

// TestWorkspaceRefusesForeignPosts: a form posted from another site, or
// without the session's form token, changes nothing.
func TestWorkspaceRefusesForeignPosts(t *testing.T) {
	c := newClock()
	storetest.ForEach(t, c, func(t *testing.T, s *store.Store) {
		srv := setup(t, s, c)
		user(t, s, "ayla@example.org", habeas.RoleEditor, false)
		b := newBrowser(t, srv)
		b.login("ayla@example.org")
		b.get("/admin/people/new")
		token := regexp.MustCompile(`name="csrf" value="([0-9a-f]+)"`).FindStringSubmatch(b.body)[1]
		form := url.Values{"name.0": {"Forged Person"}, "kind.0": {"primary"}, "nvis.0": {"internal"},
			"country": {"AZ"}, "visibility": {"internal"}, "not_duplicate": {"1"}}
		count := func() int {
			p, _ := s.ListPeople(context.Background(), habeas.Confidential, habeas.PeopleFilter{Q: "Forged Person"})
			return len(p.Items)
		}

		// From another site, with the right token even.
		f := url.Values{}
		for k, v := range form {
			f[k] = v
		}
		f.Set("csrf", token)
		req, _ := http.NewRequest("POST", srv.URL+"/admin/people", strings.NewReader(f.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Origin", "https://evil.example")
		req.Header.Set("Sec-Fetch-Site", "cross-site")
		st, _ := b.do(req)
		b.expect(st, http.StatusForbidden, "only be sent from the workspace")

		// From this site, without the token or with another's.
		f.Set("csrf", "0123456789abcdef0123456789abcdef")
		st, _ = b.post("/admin/people", f)
		b.expect(st, http.StatusForbidden, "This form has expired")
		if count() != 0 {
			t.Fatal("a forged post stored a person")
		}
		f.Set("csrf", token)
		st, _ = b.post("/admin/people", f)
		if st != http.StatusSeeOther || count() != 1 {
			t.Fatalf("the workspace's own post: %d, %d stored\n%s", st, count(), b.body)
		}
	})
}

// TestWorkspaceSessionEnds: idle for longer than the time-out, the
// browser is sent to log in again.
func TestWorkspaceSessionEnds(t *testing.T) {
	c := newClock()
	storetest.ForEach(t, c, func(t *testing.T, s *store.Store) {
		srv := setup(t, s, c)
		user(t, s, "ayla@example.org", habeas.RoleEditor, false)
		b := newBrowser(t, srv)
		b.login("ayla@example.org")
		if st, _ := b.get("/admin/"); st != http.StatusOK {
			t.Fatalf("dashboard: %d", st)
		}
		if !strings.Contains(b.body, "No news for about 8 days") {
			t.Errorf("the dashboard lacks the demo's open alert:\n%s", b.body)
		}
		c.add(habeas.SessionIdle + time.Minute)
		if st, loc := b.get("/admin/"); st != http.StatusSeeOther || !strings.HasPrefix(loc, "/admin/login") {
			t.Fatalf("after the idle time-out: %d %q", st, loc)
		}
		for _, ck := range b.cookies() {
			if ck.Name == "habeas_session" && ck.Value != "" {
				t.Error("the ended session's cookie was kept")
			}
		}
	})
}

// TestWorkspaceInbox: an editor approves the demo's pending comment, which
// the public may then read; tips show only to confidential access.
func TestWorkspaceInbox(t *testing.T) {
	c := newClock()
	storetest.ForEach(t, c, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		srv := setup(t, s, c)
		user(t, s, "ayla@example.org", habeas.RoleEditor, false)
		user(t, s, "viewer@example.org", habeas.RoleViewer, false)
		user(t, s, "lawyer@example.org", habeas.RoleEditor, true)
		pending := demo.DemoComments[1].Text

		v := newBrowser(t, srv)
		v.login("viewer@example.org")
		st, _ := v.get("/admin/inbox")
		v.expect(st, http.StatusOK, pending, "only accounts with confidential access read them")
		id := regexp.MustCompile(`action="/admin/comments/(\d+)"`).FindStringSubmatch(v.body)[1]
		st, _ = v.post("/admin/comments/"+id, url.Values{"status": {"approved"}})
		v.expect(st, http.StatusForbidden)
		public := func() int {
			p, _ := s.ListComments(ctx, habeas.Public, habeas.CommentFilter{})
			return len(p.Items)
		}
		if public() != 1 {
			t.Fatalf("a viewer's refused moderation changed the public comments: %d", public())
		}

		b := newBrowser(t, srv)
		b.login("ayla@example.org")
		b.get("/admin/inbox")
		st, loc := b.post("/admin/comments/"+id, url.Values{"status": {"approved"}, "from": {"pending"}})
		if st != http.StatusSeeOther || public() != 2 {
			t.Fatalf("approve: %d %q, %d public", st, loc, public())
		}

		// A tip sent from the public page reaches the confidential
		// account's inbox only.
		if err := s.SubmitTip(ctx, &habeas.Visitor{Address: "192.0.2.7"}, demo.PersonSlug, &habeas.Tip{Text: "He was seen at the colony hospital."}); err != nil {
			t.Fatal(err)
		}
		b.get("/admin/inbox")
		if strings.Contains(b.body, "colony hospital") {
			t.Error("a tip shows to an account without confidential access")
		}
		l := newBrowser(t, srv)
		l.login("lawyer@example.org")
		st, _ = l.get("/admin/inbox")
		l.expect(st, http.StatusOK, "He was seen at the colony hospital.", "Mark handled")
	})
}

// TestWorkspaceCaseAndSources: a source added once and cited by its
// number; a new case for a person, refused first for a date no one can
// read, then saved.
func TestWorkspaceCaseAndSources(t *testing.T) {
	c := newClock()
	storetest.ForEach(t, c, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		srv := setup(t, s, c)
		user(t, s, "ayla@example.org", habeas.RoleEditor, false)
		b := newBrowser(t, srv)
		b.login("ayla@example.org")

		b.get("/admin/sources")
		st, _ := b.post("/admin/sources", url.Values{"title": {""}, "kind": {"article"}, "reliability": {"reliable"}, "visibility": {"internal"}})
		b.expect(st, http.StatusUnprocessableEntity, `id="title-error"`)
		st, loc := b.post("/admin/sources", url.Values{"title": {"Call with his sister"}, "kind": {"testimony"}, "reliability": {"reliable"}, "visibility": {"internal"}})
		if st != http.StatusSeeOther {
			t.Fatalf("add source: %d\n%s", st, b.body)
		}
		st, _ = b.get(loc)
		num := regexp.MustCompile(`added as number (\d+)`).FindStringSubmatch(b.body)
		if st != http.StatusOK || num == nil {
			t.Fatalf("after adding: %d\n%s", st, b.body)
		}

		p := &habeas.Person{Names: []habeas.PersonName{{Name: "Nargiz Aliyeva", Kind: habeas.NamePrimary}}, Country: "AZ", Visibility: habeas.Internal}
		if err := s.CreatePerson(ctx, habeas.Operator, p); err != nil {
			t.Fatal(err)
		}
		pid := itoa(p.ID)
		b.get("/admin/people/" + pid + "/cases/new")
		form := url.Values{"country": {"AZ"}, "status": {"pre_trial"}, "arrest_date": {"01/02/2024"}, "classification": {"not_assessed"},
			"position": {"denies"}, "visibility": {"internal"}, "charges": {"228.4: drug trafficking"}, "source_ids": {num[1]}}
		st, _ = b.post("/admin/people/"+pid+"/cases", form)
		b.expect(st, http.StatusUnprocessableEntity, `id="arrest_date-error"`, "228.4: drug trafficking")
		if cs, _ := s.ListCases(ctx, habeas.Confidential, habeas.CaseFilter{PersonID: p.ID}); len(cs.Items) != 0 {
			t.Fatal("a refused case was stored")
		}
		form.Set("arrest_date", "2024-02")
		st, loc = b.post("/admin/people/"+pid+"/cases", form)
		if st != http.StatusSeeOther || !strings.HasPrefix(loc, "/admin/cases/") {
			t.Fatalf("create case: %d %q\n%s", st, loc, b.body)
		}
		cs, err := s.ListCases(ctx, habeas.Confidential, habeas.CaseFilter{PersonID: p.ID})
		if err != nil || len(cs.Items) != 1 || cs.Items[0].Charges[0].Article != "228.4" || cs.Items[0].SourceIDs[0] != mustInt(num[1]) {
			t.Fatalf("stored case: %+v %v", cs.Items, err)
		}
		b.get(loc)
		st, _ = b.post(loc+"/quick", url.Values{"line": {"2025-05-10 family Visited by his sister [" + num[1] + "]"}, "action": {"save"}})
		if st != http.StatusSeeOther {
			t.Fatalf("quick line citing the new source: %d\n%s", st, b.body)
		}
		st, _ = b.get(loc)
		b.expect(st, http.StatusOK, "Visited by his sister", "family visit")
	})
}

func mustInt(s string) int64 { n, _ := strconv.ParseInt(s, 10, 64); return n }

// TestWorkspaceMerge: a duplicate compared side by side, merged, and the
// merge undone.
func TestWorkspaceMerge(t *testing.T) {
	c := newClock()
	storetest.ForEach(t, c, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		srv := setup(t, s, c)
		user(t, s, "ayla@example.org", habeas.RoleEditor, false)
		dup := &habeas.Person{Names: []habeas.PersonName{{Name: "Elvin Mustafaev", Kind: habeas.NamePrimary}}, Country: "AZ", Visibility: habeas.Internal}
		if err := s.CreatePerson(ctx, habeas.Operator, dup); err != nil {
			t.Fatal(err)
		}
		b := newBrowser(t, srv)
		b.login("ayla@example.org")
		st, _ := b.get("/admin/people/1/merge?duplicate=" + itoa(dup.ID))
		b.expect(st, http.StatusOK, "Elvin Mustafaev", "Merge number "+itoa(dup.ID)+" into number 1")
		st, loc := b.post("/admin/people/1/merge", url.Values{"duplicate": {itoa(dup.ID)}})
		if st != http.StatusSeeOther || !strings.Contains(loc, "merged=") {
			t.Fatalf("merge: %d %q\n%s", st, loc, b.body)
		}
		if _, err := s.Person(ctx, habeas.Confidential, dup.ID); habeas.ErrorCode(err) != habeas.ENOTFOUND {
			t.Fatalf("the duplicate is still there: %v", err)
		}
		st, _ = b.get(loc)
		b.expect(st, http.StatusOK, "The records are merged.", `value="Elvin Mustafaev"`)
		mergeID := regexp.MustCompile(`/admin/merges/(\d+)/undo`).FindStringSubmatch(b.body)[1]
		st, loc = b.post("/admin/merges/"+mergeID+"/undo", url.Values{"person": {"1"}})
		if st != http.StatusSeeOther || loc != "/admin/people/1?unmerged=1" {
			t.Fatalf("undo: %d %q\n%s", st, loc, b.body)
		}
		if p, err := s.Person(ctx, habeas.Confidential, dup.ID); err != nil || p.DisplayName() != "Elvin Mustafaev" {
			t.Fatalf("after undo: %v %v", p, err)
		}
		// Merging a record into itself is refused before anything is asked.
		st, _ = b.get("/admin/people/1/merge?duplicate=1")
		b.expect(st, http.StatusBadRequest, "cannot be merged into itself")
	})
}

// TestWorkspacePosts: a draft written, then published for a later time,
// which the public sees only once it comes; a pull quote without a source
// refused beside its field.
func TestWorkspacePosts(t *testing.T) {
	c := newClock()
	storetest.ForEach(t, c, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		srv := setup(t, s, c)
		user(t, s, "ayla@example.org", habeas.RoleEditor, false)
		b := newBrowser(t, srv)
		b.login("ayla@example.org")
		b.get("/admin/posts/new")
		form := url.Values{"title": {"Hunger strike enters its third week"}, "lang": {"en"}, "author": {"IHR"},
			"body": {"Relatives say they have had **no news**."}, "state": {"draft"}, "visibility": {"internal"},
			"quote.0": {"We only want to know he is alive."}, "speaker.0": {"His sister"}}
		st, _ := b.post("/admin/posts", form)
		b.expect(st, http.StatusUnprocessableEntity, "Hunger strike enters its third week")
		form.Set("qsources.0", "1")
		st, loc := b.post("/admin/posts", form)
		if st != http.StatusSeeOther {
			t.Fatalf("create draft: %d\n%s", st, b.body)
		}
		id := mustInt(regexp.MustCompile(`/admin/posts/(\d+)`).FindStringSubmatch(loc)[1])
		visible := func() bool {
			_, err := s.Post(ctx, habeas.Public, id)
			return err == nil
		}
		if visible() {
			t.Fatal("a draft is public")
		}
		b.get(loc)
		form.Set("state", "published")
		form.Set("visibility", "public")
		form.Set("publish_at", c.Now().Add(2*time.Hour).UTC().Format("2006-01-02T15:04"))
		st, _ = b.post("/admin/posts/"+itoa(id), form)
		if st != http.StatusSeeOther {
			t.Fatalf("publish later: %d\n%s", st, b.body)
		}
		if visible() {
			t.Fatal("a post published for later shows before its time")
		}
		c.add(3 * time.Hour)
		if !visible() {
			t.Fatal("the post does not show once its time has come")
		}

		// A cover from a file: without words for it, refused and nothing
		// is stored; with them, the post's cover; then removed. (The
		// session ended with the three hours.)
		b.login("ayla@example.org")
		b.get("/admin/posts/" + itoa(id))
		files := func() int {
			p, _ := s.ListMedia(ctx, habeas.Confidential, habeas.ListOptions{})
			return len(p.Items)
		}
		n := files()
		if st := b.upload("/admin/posts/"+itoa(id)+"/cover", url.Values{"visibility": {"public"}}, mediatest.SmallJPEG()); st != http.StatusBadRequest || files() != n {
			t.Fatalf("a cover without alt text: %d, %d files (was %d)", st, files(), n)
		}
		b.get("/admin/posts/" + itoa(id))
		if st := b.upload("/admin/posts/"+itoa(id)+"/cover", url.Values{"alt": {"His sister at the prison gate"}, "visibility": {"public"}},
			mediatest.SmallJPEG()); st != http.StatusSeeOther {
			t.Fatalf("send a cover: %d\n%s", st, b.body)
		}
		p, _ := s.Post(ctx, habeas.Public, id)
		if p.CoverMediaID == 0 || p.CoverAlt != "His sister at the prison gate" {
			t.Fatalf("the cover reads back as %d %q", p.CoverMediaID, p.CoverAlt)
		}
		st, _ = b.get("/admin/posts/" + itoa(id))
		b.expect(st, http.StatusOK, "of the media store</a>", `name="remove_cover"`)
		form.Set("remove_cover", "1")
		form.Set("cover_alt", "")
		form.Del("csrf") // the session's before the three hours
		if st, _ = b.post("/admin/posts/"+itoa(id), form); st != http.StatusSeeOther {
			t.Fatalf("remove the cover: %d\n%s", st, b.body)
		}
		if p, _ := s.Post(ctx, habeas.Public, id); p.CoverMediaID != 0 {
			t.Errorf("the cover stays after its removal: %d", p.CoverMediaID)
		}
	})
}

// TestWorkspacePlaces: a place of detention with bad coordinates is
// refused beside the field and nothing is stored; mended, it is saved
// and named for the quick line.
func TestWorkspacePlaces(t *testing.T) {
	c := newClock()
	storetest.ForEach(t, c, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		srv := setup(t, s, c)
		user(t, s, "ayla@example.org", habeas.RoleEditor, false)
		b := newBrowser(t, srv)
		b.login("ayla@example.org")
		count := func() int {
			p, _ := s.ListFacilities(ctx, habeas.Confidential, habeas.FacilityFilter{})
			return len(p.Items)
		}
		n := count()
		b.get("/admin/facilities")
		form := url.Values{"name": {"Investigative Isolator No. 1"}, "kind": {"pre_trial"}, "country": {"AZ"},
			"latitude": {"north"}, "longitude": {"49.8"}, "visibility": {"internal"}}
		st, _ := b.post("/admin/facilities", form)
		b.expect(st, http.StatusUnprocessableEntity, `id="latitude-error"`, `value="Investigative Isolator No. 1"`)
		form.Set("latitude", "140.4")
		st, _ = b.post("/admin/facilities", form)
		b.expect(st, http.StatusUnprocessableEntity, `id="latitude-error"`)
		if count() != n {
			t.Fatal("a refused place was stored")
		}
		form.Set("latitude", "40.4")
		st, loc := b.post("/admin/facilities", form)
		if st != http.StatusSeeOther {
			t.Fatalf("save: %d\n%s", st, b.body)
		}
		st, _ = b.get(loc)
		b.expect(st, http.StatusOK, "On a timeline line it is <code>@investigative-isolator-no-1</code>")

		// What is known of the place, with its translations: one into
		// the text's own language is refused beside its field and
		// changes nothing; the rest are kept.
		form.Set("description", "Известен только по названию.")
		form.Set("description_lang", "ru")
		form.Set("description_translations.ru", "Тоже по-русски.")
		form.Set("description_translations.en", "Known only by its name.")
		st, _ = b.post(loc[:strings.Index(loc, "?")], form)
		b.expect(st, http.StatusUnprocessableEntity, "the text itself is in this language", `Known only by its name.</textarea>`)
		id, _ := strconv.ParseInt(strings.TrimPrefix(loc[:strings.Index(loc, "?")], "/admin/facilities/"), 10, 64)
		if f, _ := s.Facility(ctx, habeas.Confidential, id); f.Description != "" {
			t.Fatalf("a refused description was stored: %+v", f)
		}
		form.Del("description_translations.ru")
		if st, _ = b.post(loc[:strings.Index(loc, "?")], form); st != http.StatusSeeOther {
			t.Fatalf("save the description: %d\n%s", st, b.body)
		}
		f, _ := s.Facility(ctx, habeas.Confidential, id)
		if f.Description != "Известен только по названию." || f.DescriptionLang != "ru" || fmt.Sprint(f.DescriptionTranslations) != "map[en:Known only by its name.]" {
			t.Errorf("the place's description reads back as %q (%s) %v", f.Description, f.DescriptionLang, f.DescriptionTranslations)
		}
		st, _ = b.get(loc)
		b.expect(st, http.StatusOK, `<option value="ru" selected>Russian</option>`, `>Known only by its name.</textarea>`)
	})
}

// TestWorkspacePhoto: a photo sent from the person form becomes the
// person's photo; the copy staff see carries none of the file's EXIF, and
// a file that is not an image is refused and changes nothing.
func TestWorkspacePhoto(t *testing.T) {
	c := newClock()
	storetest.ForEach(t, c, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		srv := setup(t, s, c)
		user(t, s, "ayla@example.org", habeas.RoleEditor, false)
		b := newBrowser(t, srv)
		b.login("ayla@example.org")
		b.get("/admin/people/2")
		token := regexp.MustCompile(`name="csrf" value="([0-9a-f]+)"`).FindStringSubmatch(b.body)[1]
		send := func(file []byte, name string) int {
			return b.uploadNamed("/admin/people/2/photo", url.Values{"csrf": {token}, "alt": {"Afieddin Mammadov in 2024"}, "visibility": {"internal"}}, file, name)
		}
		before, _ := s.Fingerprint(ctx)
		if st := send([]byte("<svg xmlns='http://www.w3.org/2000/svg'/>"), "photo.jpg"); st != http.StatusUnprocessableEntity {
			t.Fatalf("an SVG named .jpg: %d\n%s", st, b.body)
		}
		if after, _ := s.Fingerprint(ctx); after != before {
			t.Fatal("a refused upload changed the database")
		}
		if st := send(mediatest.WithGPS(mediatest.JPEG(t, 640, 480)), "IMG_0001.jpg"); st != http.StatusSeeOther {
			t.Fatalf("a JPEG: %d\n%s", st, b.body)
		}
		p, err := s.Person(ctx, habeas.Internal, 2)
		if err != nil || p.PhotoMediaID == 0 {
			t.Fatalf("the person has no photo: %v", err)
		}
		st, _ := b.get("/admin/people/2")
		b.expect(st, http.StatusOK, "/admin/media/"+itoa(p.PhotoMediaID)+"/small")
		st, _ = b.get("/admin/media/" + itoa(p.PhotoMediaID) + "/small")
		if st != http.StatusOK || !strings.HasPrefix(b.body, "\xff\xd8") || strings.Contains(b.body, mediatest.GPSPlace) || strings.Contains(b.body, "Exif") {
			t.Fatalf("the copy: %d, %d bytes, EXIF kept: %v", st, len(b.body), strings.Contains(b.body, "Exif"))
		}
		// The original is kept byte for byte, GPS and all: staff download
		// it as an attachment, never shown in the page.
		if st, _ := b.get("/admin/media/" + itoa(p.PhotoMediaID) + "/original"); st != http.StatusOK || !strings.Contains(b.body, mediatest.GPSPlace) {
			t.Errorf("the original through the workspace: %d, GPS kept: %v", st, strings.Contains(b.body, mediatest.GPSPlace))
		}
	})
}

// TestWorkspaceHistory: a change made in the workspace shows in the
// record's history with who made it and the value before and after; the
// audit log, for admins, has the login.
func TestWorkspaceHistory(t *testing.T) {
	c := newClock()
	storetest.ForEach(t, c, func(t *testing.T, s *store.Store) {
		srv := setup(t, s, c)
		user(t, s, "ayla@example.org", habeas.RoleEditor, false)
		user(t, s, "admin@example.org", habeas.RoleAdmin, false)
		b := newBrowser(t, srv)
		b.login("ayla@example.org")
		b.get("/admin/organizations/1")
		form := url.Values{}
		for _, m := range regexp.MustCompile(`<input id="(\w+)" name="(\w+)" value="([^"]*)"`).FindAllStringSubmatch(b.body, -1) {
			form.Set(m[2], m[3])
		}
		form.Set("kind", "trade_union")
		form.Set("visibility", "public")
		form.Set("founded", "2018")
		if st, _ := b.post("/admin/organizations/1", form); st != http.StatusSeeOther {
			t.Fatalf("update: %d\n%s", st, b.body)
		}
		st, _ := b.get("/admin/history/organization/1")
		b.expect(st, http.StatusOK, "ayla@example.org", "<strong>update</strong>", "<td>founded</td>", "<code>&#34;2018&#34;</code>")
		if st, _ := b.get("/admin/audit"); st != http.StatusForbidden {
			t.Errorf("an editor reads the audit log: %d", st)
		}
		a := newBrowser(t, srv)
		a.login("admin@example.org")
		st, _ = a.get("/admin/audit?action=login&actor=ayla@example.org")
		a.expect(st, http.StatusOK, "ayla@example.org", "<strong>login</strong>")
		st, _ = a.get("/admin/audit?since=15/05/2025")
		a.expect(st, http.StatusBadRequest, "2025-05-15")
	})
}

// "Restore this version" puts a record back as an earlier entry of its
// history left it, through the same guarded write, as a new entry; the
// newest entry (the record as it is) offers no restore.
func TestWorkspaceRestore(t *testing.T) {
	c := newClock()
	storetest.ForEach(t, c, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		srv := setup(t, s, c)
		user(t, s, "ayla@example.org", habeas.RoleEditor, false)
		b := newBrowser(t, srv)
		b.login("ayla@example.org")
		org, err := s.Organization(ctx, habeas.Internal, 1)
		if err != nil {
			t.Fatal(err)
		}
		was := org.Name
		org.Name = "A name typed by mistake"
		if err := s.UpdateOrganization(ctx, habeas.Operator, org); err != nil {
			t.Fatal(err)
		}
		st, _ := b.get("/admin/history/organization/1")
		b.expect(st, http.StatusOK, "Restore this version")
		// Newest first: the first form restores the version before the mistake.
		entries := regexp.MustCompile(`name="entry" value="(\d+)"`).FindAllStringSubmatch(b.body, -1)
		history, err := s.History(ctx, habeas.Operator, "organization", 1)
		if err != nil {
			t.Fatal(err)
		}
		if len(entries) != len(history)-1 {
			t.Fatalf("%d restore buttons for %d entries, want one for each but the newest", len(entries), len(history))
		}
		if st, _ := b.post("/admin/history/organization/1/restore", url.Values{"entry": {entries[0][1]}}); st != http.StatusSeeOther {
			t.Fatalf("restore: %d\n%s", st, b.body)
		}
		if org, _ = s.Organization(ctx, habeas.Internal, 1); org.Name != was {
			t.Errorf("after the restore the organization is named %q, want %q", org.Name, was)
		}
		if after, _ := s.History(ctx, habeas.Operator, "organization", 1); len(after) != len(history)+1 || after[len(after)-1].Actor != "ayla@example.org" {
			t.Errorf("the restore is not the newest entry of the history, by its writer")
		}
		// An entry of another record, or none, is refused and changes nothing.
		b.get("/admin/history/organization/1")
		before, _ := s.Fingerprint(ctx)
		if st, _ := b.post("/admin/history/organization/1/restore", url.Values{"entry": {"999999"}}); st != http.StatusNotFound {
			t.Errorf("restoring a missing entry: %d", st)
		}
		b.get("/admin/history/organization/1")
		if st, _ := b.post("/admin/history/person/1/restore", url.Values{"entry": {entries[0][1]}}); st != http.StatusNotFound {
			t.Errorf("restoring another record's entry: %d", st)
		}
		if after, _ := s.Fingerprint(ctx); after != before {
			t.Error("a refused restore changed the database")
		}
	})
}

// A volunteer's workspace is their case files: the dashboard and the
// people list show the person assigned to them, whose case they add to
// with the quick line; any other person is answered as missing, and what
// is not a case file (news, inbox) is not theirs. An editor assigns.
func TestWorkspaceVolunteer(t *testing.T) {
	c := newClock()
	storetest.ForEach(t, c, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		srv := setup(t, s, c)
		vol := user(t, s, "leyla@example.org", habeas.RoleVolunteer, false)
		user(t, s, "ayla@example.org", habeas.RoleEditor, false)
		ed := newBrowser(t, srv)
		ed.login("ayla@example.org")
		st, _ := ed.get("/admin/people/1")
		ed.expect(st, http.StatusOK, "Volunteers working on this case file", "leyla@example.org")
		if st, _ := ed.post("/admin/people/1/assignees", url.Values{"user": {itoa(vol.ID)}}); st != http.StatusSeeOther {
			t.Fatalf("assign: %d\n%s", st, ed.body)
		}

		st, _ = ed.get("/admin/")
		ed.expect(st, http.StatusOK, "Latest changes", "assign person 1")
		b := newBrowser(t, srv)
		b.login("leyla@example.org")
		if st, _ = b.get("/admin/"); st != http.StatusOK || strings.Contains(b.body, "Latest changes") || strings.Contains(b.body, "Tofig Yagublu") {
			t.Errorf("the volunteer's dashboard shows more than their case file:\n%s", b.body)
		}
		st, _ = b.get("/admin/people")
		b.expect(st, http.StatusOK, "assigned to you", "Elvin Mustafayev")
		if strings.Contains(b.body, "Tofig Yagublu") || strings.Contains(b.body, "New person") {
			t.Errorf("the volunteer's people list shows more than their case file:\n%s", b.body)
		}
		if strings.Contains(b.body, `href="/admin/posts"`) || strings.Contains(b.body, `href="/admin/inbox"`) {
			t.Error("the volunteer's menu offers the news or the inbox")
		}
		b.get("/admin/cases/1")
		if st, _ := b.post("/admin/cases/1/quick", url.Values{"line": {"2025-05-15 news His sister spoke to him by phone [1]"}, "action": {"save"}}); st != http.StatusSeeOther {
			t.Fatalf("the volunteer's quick line: %d\n%s", st, b.body)
		}
		st, _ = b.get("/admin/cases/1")
		b.expect(st, http.StatusOK, "His sister spoke to him by phone")
		for _, p := range []string{"/admin/people/5", "/admin/history/person/5", "/admin/cases/5"} {
			if st, _ := b.get(p); st != http.StatusNotFound {
				t.Errorf("a volunteer opens %s: %d, want 404", p, st)
			}
		}
		for _, p := range []string{"/admin/posts", "/admin/inbox"} {
			if st, _ := b.get(p); st != http.StatusForbidden {
				t.Errorf("a volunteer opens %s: %d, want 403", p, st)
			}
		}
		// Taken back, the file is no longer theirs.
		ed.get("/admin/people/1")
		if st, _ := ed.post("/admin/people/1/assignees", url.Values{"user": {itoa(vol.ID)}, "action": {"unassign"}}); st != http.StatusSeeOther {
			t.Fatalf("unassign: %d", st)
		}
		if st, _ := b.get("/admin/cases/1"); st != http.StatusNotFound {
			t.Errorf("after the unassignment the volunteer opens the case: %d", st)
		}
		if h, _ := s.History(ctx, habeas.Operator, "person", 1); h[len(h)-1].Action != habeas.AuditUnassign {
			t.Errorf("the unassignment is not in the person's history")
		}
	})
}

// An inquiry is recorded from its case's page and answered on its own:
// a bad date is shown beside its field, with what was typed, and saves
// nothing.
func TestWorkspaceInquiry(t *testing.T) {
	c := newClock()
	storetest.ForEach(t, c, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		srv := setup(t, s, c)
		user(t, s, "ayla@example.org", habeas.RoleEditor, false)
		b := newBrowser(t, srv)
		b.login("ayla@example.org")
		b.get("/admin/cases/1")
		form := url.Values{"kind": {"appeal"}, "sender": {"His lawyer"}, "recipient": {"Baku Court of Appeal"},
			"sent_on": {"2025-05-12"}, "due_on": {"2025-05-02"}, "answer_status": {"none"}, "visibility": {"internal"}}
		before, _ := s.Fingerprint(ctx)
		st, _ := b.post("/admin/cases/1/interventions", form)
		b.expect(st, http.StatusUnprocessableEntity, "cannot be before sent_on", `value="Baku Court of Appeal"`)
		if after, _ := s.Fingerprint(ctx); after != before {
			t.Error("a refused inquiry changed the database")
		}
		form.Set("due_on", "2025-05-22")
		if st, loc := b.post("/admin/cases/1/interventions", form); st != http.StatusSeeOther || !strings.HasPrefix(loc, "/admin/interventions/") {
			t.Fatalf("add: %d %s\n%s", st, loc, b.body)
		}
		st, _ = b.get("/admin/cases/1")
		b.expect(st, http.StatusOK, "appeal to Baku Court of Appeal, sent 2025-05-12", "no answer", "(due 2025-05-22)")
		st, _ = b.get("/admin/")
		b.expect(st, http.StatusOK, "Answers due this week", "22 May 2025", "appeal to Baku Court of Appeal</a>, sent 12 May 2025", "Elvin Mustafayev")
		ivs, _ := s.ListInterventions(ctx, habeas.Internal, habeas.InterventionFilter{CaseID: 1})
		id := ivs.Items[len(ivs.Items)-1].ID
		b.get(fmt.Sprintf("/admin/interventions/%d", id))
		form.Set("answer_status", "full")
		form.Set("answered_on", "2025-05-14")
		if st, _ := b.post(fmt.Sprintf("/admin/interventions/%d", id), form); st != http.StatusSeeOther {
			t.Fatalf("answer: %d\n%s", st, b.body)
		}
		if iv, _ := s.Intervention(ctx, habeas.Internal, id); iv.AnswerStatus != "full" || iv.AnsweredOn != "2025-05-14" {
			t.Errorf("the answer is not saved: %+v", iv)
		}
		st, _ = b.get("/admin/")
		b.expect(st, http.StatusOK, "No answer is due in the coming week")
	})
}

// The full form of a timeline entry: a quote with its speaker, added and
// then corrected; a place that does not exist is named beside its field,
// and nothing is saved.
func TestWorkspaceEventForm(t *testing.T) {
	c := newClock()
	storetest.ForEach(t, c, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		srv := setup(t, s, c)
		user(t, s, "ayla@example.org", habeas.RoleEditor, false)
		b := newBrowser(t, srv)
		b.login("ayla@example.org")
		st, _ := b.get("/admin/cases/1/events/new")
		b.expect(st, http.StatusOK, `action="/admin/cases/1/events"`)
		form := url.Values{"date": {"2025-05-14"}, "kind": {"statement"}, "place": {"@no-such-prison"},
			"quote": {"We insist the accusations are fabricated."}, "speaker": {"His family"}, "source_ids": {"1"}, "visibility": {"internal"}}
		before, _ := s.Fingerprint(ctx)
		st, _ = b.post("/admin/cases/1/events", form)
		b.expect(st, http.StatusUnprocessableEntity, `no place of detention has the address name &#34;no-such-prison&#34;`, "We insist the accusations are fabricated.")
		if after, _ := s.Fingerprint(ctx); after != before {
			t.Error("a refused entry changed the database")
		}
		form.Set("place", "")
		if st, _ := b.post("/admin/cases/1/events", form); st != http.StatusSeeOther {
			t.Fatalf("add: %d\n%s", st, b.body)
		}
		events, _ := s.Timeline(ctx, habeas.Internal, 1)
		var e habeas.Event
		for _, x := range events {
			if x.Quote == "We insist the accusations are fabricated." {
				e = x
			}
		}
		if e.ID == 0 || e.Speaker != "His family" || e.Date != "2025-05-14" {
			t.Fatalf("the entry is not on the timeline as typed: %+v", e)
		}
		b.get(fmt.Sprintf("/admin/events/%d", e.ID))
		form.Set("speaker", "His family, through their lawyer")
		if st, _ := b.post(fmt.Sprintf("/admin/events/%d", e.ID), form); st != http.StatusSeeOther {
			t.Fatalf("correct: %d\n%s", st, b.body)
		}
		if got, _ := s.Event(ctx, habeas.Internal, e.ID); got.Speaker != "His family, through their lawyer" {
			t.Errorf("the correction is not saved: %+v", got)
		}
		st, _ = b.get(fmt.Sprintf("/admin/history/event/%d", e.ID))
		b.expect(st, http.StatusOK, "through their lawyer")
	})
}

// A membership is recorded from the person's page: an organization that
// does not exist is named beside its field, and nothing is saved.
func TestWorkspaceMembership(t *testing.T) {
	c := newClock()
	storetest.ForEach(t, c, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		srv := setup(t, s, c)
		user(t, s, "ayla@example.org", habeas.RoleEditor, false)
		org := &habeas.Organization{Name: "Free Press Union", Kind: "media", Country: "AZ", Visibility: habeas.Internal}
		if err := s.CreateOrganization(ctx, habeas.Operator, org); err != nil {
			t.Fatal(err)
		}
		b := newBrowser(t, srv)
		b.login("ayla@example.org")
		b.get("/admin/people/2")
		form := url.Values{"organization_id": {"999999"}, "role": {"member"}, "since": {"2020"}, "visibility": {"internal"}}
		before, _ := s.Fingerprint(ctx)
		st, _ := b.post("/admin/people/2/memberships", form)
		b.expect(st, http.StatusUnprocessableEntity, "no organization with id 999999", `value="2020"`)
		if after, _ := s.Fingerprint(ctx); after != before {
			t.Error("a refused membership changed the database")
		}
		form.Set("organization_id", itoa(org.ID))
		if st, _ := b.post("/admin/people/2/memberships", form); st != http.StatusSeeOther {
			t.Fatalf("add: %d\n%s", st, b.body)
		}
		st, _ = b.get("/admin/people/2")
		b.expect(st, http.StatusOK, "member of Free Press Union</a>, since 2020")
	})
}

// The people list filters by status and orders by the silence; a filter
// typed wrong into the address is said so, with the form, not a 500.
func TestWorkspacePeopleFilters(t *testing.T) {
	c := newClock()
	storetest.ForEach(t, c, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		srv := setup(t, s, c)
		user(t, s, "ayla@example.org", habeas.RoleResearcher, false)
		b := newBrowser(t, srv)
		b.login("ayla@example.org")
		sentenced, err := s.ListPeople(ctx, habeas.Internal, habeas.PeopleFilter{Status: habeas.StatusSentenced})
		if err != nil || len(sentenced.Items) == 0 {
			t.Fatalf("the demo has no sentenced person: %v", err)
		}
		all, _ := s.ListPeople(ctx, habeas.Internal, habeas.PeopleFilter{})
		st, _ := b.get("/admin/people?status=sentenced&sort=news")
		b.expect(st, http.StatusOK, `<option value="sentenced" selected>`, `<option value="news" selected>`)
		if got := strings.Count(b.body, `<tr><td><a href="/admin/people/`); got != len(sentenced.Items) || got == len(all.Items) {
			t.Errorf("%d people listed as sentenced, want %d (of %d)", got, len(sentenced.Items), len(all.Items))
		}
		st, _ = b.get("/admin/people?status=disappeared")
		b.expect(st, http.StatusBadRequest, "This filter cannot be used", `<select id="status" name="status">`)
	})
}

// Deleting from the workspace: a page says what goes and what it takes
// along; the delete happens only on its button, and the page after says
// so. A source still cited is not deleted, and the page says why; a hidden
// record is answered as a missing one; neither changes anything.
func TestWorkspaceDelete(t *testing.T) {
	c := newClock()
	storetest.ForEach(t, c, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		srv := setup(t, s, c)
		user(t, s, "ayla@example.org", habeas.RoleEditor, false)
		b := newBrowser(t, srv)
		b.login("ayla@example.org")
		p := &habeas.Person{Names: []habeas.PersonName{{Name: "Nargiz Aliyeva", Kind: habeas.NamePrimary}}, Country: "AZ", Visibility: habeas.Internal}
		if err := s.CreatePerson(ctx, habeas.Operator, p); err != nil {
			t.Fatal(err)
		}
		cs := &habeas.Case{PersonID: p.ID, Country: "AZ", Status: habeas.StatusDetained, ArrestDate: "2024-02",
			Classification: "not_assessed", Position: "unknown", Visibility: habeas.Internal}
		if err := s.CreateCase(ctx, habeas.Operator, cs); err != nil {
			t.Fatal(err)
		}
		secret := &habeas.Event{CaseID: cs.ID, Kind: habeas.EventNews, Date: "2024-03", Summary: "A source's account.", Visibility: habeas.Confidential}
		if err := s.CreateEvent(ctx, habeas.Operator, secret); err != nil {
			t.Fatal(err)
		}
		unchanged := func(what string, do func()) {
			t.Helper()
			before, _ := s.Fingerprint(ctx)
			do()
			if after, _ := s.Fingerprint(ctx); after != before {
				t.Errorf("%s changed the database", what)
			}
		}

		// The case holds a confidential entry this editor may not see: it
		// cannot go, and the event itself is answered as a missing one.
		path := "/admin/delete/case/" + itoa(cs.ID)
		st, _ := b.get(path)
		b.expect(st, http.StatusOK, "Delete this case?", "The case of Nargiz Aliyeva, arrested February 2024.", "its timeline entries, charges and inquiries", "Keep it")
		unchanged("a case with a hidden entry deleted", func() {
			st, _ := b.post(path, url.Values{})
			b.expect(st, http.StatusConflict, "Nothing was deleted")
		})
		st, _ = b.get("/admin/delete/event/" + itoa(secret.ID))
		hidden := strings.ReplaceAll(b.body, "event "+itoa(secret.ID)+" ", "event 999999 ")
		missing, _ := b.get("/admin/delete/event/999999")
		if st != http.StatusNotFound || missing != http.StatusNotFound || hidden != b.body {
			t.Errorf("a hidden entry (%d) is answered unlike a missing one (%d):\n%s\n%s", st, missing, hidden, b.body)
		}
		if st, _ := b.get("/admin/delete/post/1"); st != http.StatusNotFound {
			t.Errorf("the delete page of a kind it does not delete: %d", st)
		}

		// Without the hidden entry, the case goes, and the person's page says so.
		if err := s.DeleteEvent(ctx, habeas.Operator, secret.ID); err != nil {
			t.Fatal(err)
		}
		b.get(path)
		st, loc := b.post(path, url.Values{})
		if st != http.StatusSeeOther || loc != "/admin/people/"+itoa(p.ID)+"?deleted=case" {
			t.Fatalf("delete: %d %q\n%s", st, loc, b.body)
		}
		st, _ = b.get(loc)
		b.expect(st, http.StatusOK, "The case is deleted.")
		if _, err := s.Case(ctx, habeas.Confidential, cs.ID); habeas.ErrorCode(err) != habeas.ENOTFOUND {
			t.Errorf("the case is still there: %v", err)
		}
		st, _ = b.get("/admin/history/case/" + itoa(cs.ID))
		b.expect(st, http.StatusOK, "delete")

		st, _ = b.get("/admin/delete/event/1")
		b.expect(st, http.StatusOK, "August 2023, arrest:", "(the case of Elvin Mustafayev)", "It is on the public site")

		// Source 1 is cited: it stays, and the page says why.
		b.get("/admin/delete/source/1")
		unchanged("a cited source deleted", func() {
			st, _ := b.post("/admin/delete/source/1", url.Values{})
			b.expect(st, http.StatusConflict, "Nothing was deleted", "Keep it")
		})
		// Only the fixed words: ?deleted= never puts text of the address on a page.
		st, _ = b.get("/admin/sources?deleted=Your+session+expired")
		if st != http.StatusOK || strings.Contains(b.body, "session expired") {
			t.Errorf("the page shows words from its address: %d", st)
		}
	})
}

// The lists of shared records filter by kind and country; a filter typed
// into the address that cannot be used is said so (400), with the form.
func TestWorkspaceListFilters(t *testing.T) {
	c := newClock()
	storetest.ForEach(t, c, func(t *testing.T, s *store.Store) {
		srv := setup(t, s, c)
		user(t, s, "ayla@example.org", habeas.RoleResearcher, false)
		b := newBrowser(t, srv)
		b.login("ayla@example.org")
		st, _ := b.get("/admin/sources?kind=statement")
		b.expect(st, http.StatusOK, "Workers’ Table", `<option value="statement" selected>`, "Show all")
		if strings.Contains(b.body, "Concerned After 8 Days Without News") {
			t.Error("the statements list an article")
		}
		st, _ = b.get("/admin/sources?kind=rumour")
		b.expect(st, http.StatusBadRequest, "there is no such kind", `name="kind"`)
		if strings.Contains(b.body, "rumour") {
			t.Error("the page shows the filter typed into its address")
		}
		st, _ = b.get("/admin/organizations?country=az")
		b.expect(st, http.StatusOK, `value="AZ"`, "Workers")
		st, _ = b.get("/admin/organizations?country=FR")
		b.expect(st, http.StatusOK, "No organization matches this filter.")
		st, _ = b.get("/admin/facilities?country=Azerbaijan")
		b.expect(st, http.StatusBadRequest, "a country is its two-letter code")
	})
}

// A source is corrected on its own page; a bad field is shown beside it
// and saves nothing.
func TestWorkspaceSourcePage(t *testing.T) {
	c := newClock()
	storetest.ForEach(t, c, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		srv := setup(t, s, c)
		user(t, s, "ayla@example.org", habeas.RoleEditor, false)
		b := newBrowser(t, srv)
		b.login("ayla@example.org")
		st, _ := b.get("/admin/sources")
		b.expect(st, http.StatusOK, `<a href="/admin/sources/1">`)
		st, _ = b.get("/admin/sources/1")
		b.expect(st, http.StatusOK, "Cite it as [1].", `<option value="article" selected>`)
		form := url.Values{"title": {"Relatives of Elvin Mustafayev Concerned After 8 Days Without News"}, "kind": {"article"},
			"publisher": {"Turan"}, "published_on": {"15 May"}, "reliability": {"reliable"}, "visibility": {"public"}}
		before, _ := s.Fingerprint(ctx)
		st, _ = b.post("/admin/sources/1", form)
		b.expect(st, http.StatusUnprocessableEntity, `id="published_on-error"`, `value="Turan"`)
		if after, _ := s.Fingerprint(ctx); after != before {
			t.Error("a refused correction changed the database")
		}
		form.Set("published_on", "2025-05-15")
		if st, loc := b.post("/admin/sources/1", form); st != http.StatusSeeOther || loc != "/admin/sources/1?saved=1" {
			t.Fatalf("save: %d %q\n%s", st, loc, b.body)
		}
		if src, _ := s.Source(ctx, habeas.Public, 1); src.Publisher != "Turan" || src.Reliability != "reliable" {
			t.Errorf("the correction is not stored: %+v", src)
		}
	})
}

// The alerts in the workspace: listed by rule, acknowledged with a note,
// resolved only with a reason; publishing is an editor's; a case's own
// thresholds are refused beside the field that is wrong, and saved ones
// run the rules at once.
func TestWorkspaceAlerts(t *testing.T) {
	c := newClock()
	storetest.ForEach(t, c, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		srv := setup(t, s, c)
		user(t, s, "rauf@example.org", habeas.RoleResearcher, false)
		b := newBrowser(t, srv)
		b.login("rauf@example.org")
		st, _ := b.get("/admin/alerts?rule=hunger_strike")
		b.expect(st, http.StatusOK, "of a hunger strike begun on 6 May 2025")
		if strings.Contains(b.body, "No news for") {
			t.Error("the hunger strikes list a silence")
		}
		m := regexp.MustCompile(`href="/admin/alerts/(\d+)"`).FindStringSubmatch(b.body)
		if m == nil {
			t.Fatalf("no alert listed:\n%s", b.body)
		}
		path := "/admin/alerts/" + m[1]
		st, _ = b.get(path)
		b.expect(st, http.StatusOK, "Hunger strike", "On the public site", "Acknowledge", "Resolve")
		if strings.Contains(b.body, "Stop showing it") || strings.Contains(b.body, "Show it on the public site") {
			t.Error("a researcher is offered to publish")
		}
		before, _ := s.Fingerprint(ctx)
		st, _ = b.post(path+"/resolve", url.Values{"reason": {"  "}})
		b.expect(st, http.StatusUnprocessableEntity, `id="reason-error"`)
		if st, _ := b.post(path+"/unpublish", url.Values{}); st != http.StatusForbidden {
			t.Errorf("a researcher unpublishes: %d", st)
		}
		if after, _ := s.Fingerprint(ctx); after != before {
			t.Error("refused alert actions changed the database")
		}
		b.get(path)
		if st, loc := b.post(path+"/acknowledge", url.Values{"note": {"His lawyer is asking for a visit."}}); st != http.StatusSeeOther {
			t.Fatalf("acknowledge: %d %s\n%s", st, loc, b.body)
		}
		st, _ = b.get(path + "?done=acknowledge")
		b.expect(st, http.StatusOK, "Acknowledged.", "Acknowledged by rauf@example.org: His lawyer is asking for a visit.", "acknowledged · warning · rauf@example.org")

		// The published alert leaves the site if resolved: an editor's.
		b.get(path)
		unchangedBy := func(what string, do func() int) {
			t.Helper()
			before, _ := s.Fingerprint(ctx)
			if st := do(); st != http.StatusForbidden {
				t.Errorf("a researcher %s: %d, want 403", what, st)
			}
			if after, _ := s.Fingerprint(ctx); after != before {
				t.Errorf("a researcher %s, refused, yet the database changed", what)
			}
		}
		unchangedBy("resolves a published alert", func() int {
			st, _ := b.post(path+"/resolve", url.Values{"reason": {"The family heard from him."}})
			return st
		})
		// The case's thresholds weigh its published alerts too.
		b.get("/admin/cases/1")
		unchangedBy("sets the thresholds of a case with published alerts", func() int {
			st, _ := b.post("/admin/cases/1/thresholds", url.Values{"days.hunger_strike": {"1"}})
			return st
		})

		// The case's own thresholds, by an editor.
		user(t, s, "ayla@example.org", habeas.RoleEditor, false)
		b = newBrowser(t, srv)
		b.login("ayla@example.org")
		b.get("/admin/cases/1")
		for _, bad := range []struct{ field, value, says string }{
			{"days.no_news", "0", "at least 1"},
			{"days.no_news", "a week", "must be a whole number of days"},
			{"answer_days", "Penitentiary Service", "write the authority, a colon and a number of days"},
			{"answer_days", "Ministry of Justice: Penitentiary Service: soon", "write the authority, a colon and a number of days"},
		} {
			before, _ := s.Fingerprint(ctx)
			st, _ := b.post("/admin/cases/1/thresholds", url.Values{bad.field: {bad.value}})
			b.expect(st, http.StatusUnprocessableEntity, "The thresholds were not saved", bad.says)
			if after, _ := s.Fingerprint(ctx); after != before {
				t.Errorf("refused thresholds %s=%q changed the database", bad.field, bad.value)
			}
		}
		if st, loc := b.post("/admin/cases/1/thresholds", url.Values{"days.hunger_strike": {"2"}, "answer_days": {"Ministry of Justice: Penitentiary Service: 30"}}); st != http.StatusSeeOther {
			t.Fatalf("save thresholds: %d %s\n%s", st, loc, b.body)
		}
		raw, err := s.CaseThresholds(ctx, habeas.Internal, 1)
		if err != nil || string(raw) != `{"days":{"hunger_strike":2},"answer_days":{"Ministry of Justice: Penitentiary Service":30}}` {
			t.Errorf("the stored thresholds: %s, %v", raw, err)
		}
		st, _ = b.get("/admin/cases/1?thresholds=saved")
		b.expect(st, http.StatusOK, "The thresholds are saved", `name="days.hunger_strike" value="2"`, "Ministry of Justice: Penitentiary Service: 30")
		// 9 days on strike is 2 + 7: the rules ran, the severity rose.
		if al, err := s.Alert(ctx, habeas.Internal, mustInt(m[1])); err != nil || al.Severity != "high" {
			t.Errorf("after the thresholds, the strike's alert: %+v, %v; want high", al, err)
		}
	})
}

// The installation's own records in the workspace: an estimate worded as
// its source words it, the site's settings, a webhook whose secret is
// shown once. Bad fields are shown beside the field, and save nothing.
func TestWorkspaceInstallation(t *testing.T) {
	c := newClock()
	storetest.ForEach(t, c, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		srv := setup(t, s, c)
		user(t, s, "admin@example.org", habeas.RoleAdmin, false)
		b := newBrowser(t, srv)
		b.login("admin@example.org")
		refusedForm := func(path string, form url.Values, says ...string) {
			t.Helper()
			before, _ := s.Fingerprint(ctx)
			st, _ := b.post(path, form)
			b.expect(st, http.StatusUnprocessableEntity, says...)
			if after, _ := s.Fingerprint(ctx); after != before {
				t.Errorf("a refused form at %s changed the database", path)
			}
		}

		st, _ := b.get("/admin/estimates")
		b.expect(st, http.StatusOK, "local human rights organizations", "around 350")
		est := url.Values{"qualifier": {"at_least"}, "count": {"many"}, "of": {"political_prisoner"}, "by": {"Union for Freedom of Political Prisoners"},
			"as_of": {"2025-05"}, "country": {"AZ"}, "source_ids": {""}, "visibility": {"internal"}}
		refusedForm("/admin/estimates", est, `id="count-error"`, `value="Union for Freedom of Political Prisoners"`, `value="many"`)
		est.Set("count", "375")
		refusedForm("/admin/estimates", est, `id="source_ids-error"`)
		est.Set("source_ids", "1")
		st, loc := b.post("/admin/estimates", est)
		if st != http.StatusSeeOther {
			t.Fatalf("add an estimate: %d\n%s", st, b.body)
		}
		st, _ = b.get(loc)
		b.expect(st, http.StatusOK, "Saved.", `value="375"`, `<option value="at_least" selected>`)

		st, _ = b.get("/admin/settings")
		b.expect(st, http.StatusOK, "Name of the group", "en, az, ru")
		set := url.Values{"name": {"Azerbaijan Political Prisoners Watch"}, "languages": {"en, fr"}}
		refusedForm("/admin/settings", set, `id="languages-error"`, `unknown language &#34;fr&#34;`)
		set.Set("languages", "az, en")
		if st, _ := b.post("/admin/settings", set); st != http.StatusSeeOther {
			t.Fatalf("save settings: %d\n%s", st, b.body)
		}
		if st, err := s.Settings(ctx); err != nil || st.Name != "Azerbaijan Political Prisoners Watch" || strings.Join(st.Languages, " ") != "az en" {
			t.Errorf("the settings: %+v, %v", st, err)
		}
		st, _ = b.get("/admin/settings?saved=1")
		b.expect(st, http.StatusOK, "— Azerbaijan Political Prisoners Watch workspace</title>")

		b.get("/admin/webhooks")
		refusedForm("/admin/webhooks", url.Values{"url": {"http://127.0.0.1/hook"}, "access": {"internal"}, "min_severity": {"high"}}, `id="url-error"`)
		st, _ = b.post("/admin/webhooks", url.Values{"url": {"https://hooks.example.org/habeas"}, "access": {"internal"}, "min_severity": {"high"}, "active": {"1"}})
		b.expect(st, http.StatusCreated, "Its secret, shown only now")
		secret := regexp.MustCompile(`<code class="secret">([^<]+)</code>`).FindStringSubmatch(b.body)
		hooks, _ := s.Webhooks(ctx, habeas.Operator)
		if secret == nil || len(hooks) != 1 {
			t.Fatalf("the new webhook: %v %+v", secret, hooks)
		}
		st, _ = b.get("/admin/webhooks/" + itoa(hooks[0].ID))
		b.expect(st, http.StatusOK, "https://hooks.example.org/habeas", "Nothing sent yet.")
		if strings.Contains(b.body, secret[1]) {
			t.Error("the webhook's secret is shown again")
		}
	})
}

// Evidence files: a file that is no image nor PDF is refused beside its
// field; a JPEG is taken in with its SHA-256 shown, downloaded byte for
// byte as an attachment, and each view and download is in the audit chain.
func TestWorkspaceEvidence(t *testing.T) {
	c := newClock()
	storetest.ForEach(t, c, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		srv := setup(t, s, c)
		user(t, s, "rauf@example.org", habeas.RoleResearcher, false)
		b := newBrowser(t, srv)
		b.login("rauf@example.org")
		b.get("/admin/media")
		before, _ := s.Fingerprint(ctx)
		st := b.uploadNamed("/admin/media", url.Values{"visibility": {"internal"}}, []byte("#!/bin/sh\necho hello\n"), "letter.pdf")
		b.expect(st, http.StatusUnprocessableEntity, `id="file-error"`, "read from its content")
		if after, _ := s.Fingerprint(ctx); after != before {
			t.Error("a refused file changed the database")
		}
		b.get("/admin/media")
		jpeg := mediatest.SmallJPEG()
		if st := b.uploadNamed("/admin/media", url.Values{"visibility": {"internal"}, "caption": {"The letter from the colony"}}, jpeg, "letter.jpg"); st != http.StatusSeeOther {
			t.Fatalf("take in: %d\n%s", st, b.body)
		}
		list, err := s.ListMedia(ctx, habeas.Internal, habeas.ListOptions{})
		if err != nil || len(list.Items) == 0 {
			t.Fatalf("media: %+v %v", list, err)
		}
		m := list.Items[len(list.Items)-1]
		sum := sha256.Sum256(jpeg)
		st, _ = b.get("/admin/media/" + itoa(m.ID) + "?added=1")
		b.expect(st, http.StatusOK, "The file is taken in", hex.EncodeToString(sum[:]), "The letter from the colony")

		req, _ := http.NewRequest("GET", b.path("/admin/media/"+itoa(m.ID)+"/original"), nil)
		res, err := b.c.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		got, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != http.StatusOK || !bytes.Equal(got, jpeg) || !strings.HasPrefix(res.Header.Get("Content-Disposition"), "attachment") {
			t.Errorf("the original: %d, %d bytes, %q", res.StatusCode, len(got), res.Header.Get("Content-Disposition"))
		}
		if st, _ := b.get("/admin/media/" + itoa(m.ID) + "/small"); st != http.StatusOK {
			t.Errorf("the copy: %d", st)
		}
		for _, action := range []string{habeas.AuditCreate, habeas.AuditExport, habeas.AuditView} {
			page, err := s.AuditLog(ctx, habeas.Operator, habeas.AuditFilter{Actor: "rauf@example.org", Action: action})
			if err != nil || len(page.Items) == 0 {
				t.Errorf("no %s by the researcher in the audit chain (%v)", action, err)
			}
		}
	})
}

// The private feed of alerts: an address made on the account page reads,
// without a login, the alerts the account may read, never a confidential
// one; a volunteer's shows their case files only; a new address stops the
// old, stopping it stops it, and so does disabling the account.
func TestWorkspaceFeed(t *testing.T) {
	c := newClock()
	storetest.ForEach(t, c, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		srv := setup(t, s, c)
		ed := user(t, s, "ayla@example.org", habeas.RoleEditor, true)
		vol := user(t, s, "leyla@example.org", habeas.RoleVolunteer, false)
		admin := user(t, s, "admin@example.org", habeas.RoleAdmin, false)
		// A confidential case whose silence the rules see.
		p := &habeas.Person{Names: []habeas.PersonName{{Name: "A Witness", Kind: habeas.NamePrimary}}, Country: "AZ", Visibility: habeas.Confidential}
		if err := s.CreatePerson(ctx, habeas.Operator, p); err != nil {
			t.Fatal(err)
		}
		cs := &habeas.Case{PersonID: p.ID, Country: "AZ", Status: habeas.StatusDetained, ArrestDate: "2025-01-10",
			Classification: "not_assessed", Position: "unknown", Visibility: habeas.Confidential}
		if err := s.CreateCase(ctx, habeas.Operator, cs); err != nil {
			t.Fatal(err)
		}
		if err := s.CreateEvent(ctx, habeas.Operator, &habeas.Event{CaseID: cs.ID, Kind: habeas.EventNews, Date: "2025-03-01",
			Summary: "Seen in court.", Visibility: habeas.Confidential}); err != nil {
			t.Fatal(err)
		}
		if secret, _ := s.ListAlerts(ctx, habeas.Confidential, habeas.AlertFilter{CaseID: cs.ID}); len(secret.Items) == 0 {
			t.Fatal("the confidential case has no alert")
		}
		makeFeed := func(email string) string {
			t.Helper()
			b := newBrowser(t, srv)
			b.login(email)
			b.get("/admin/account")
			st, _ := b.post("/admin/account/feed", url.Values{"action": {"new"}})
			b.expect(st, http.StatusOK, "Your private feed, shown only now")
			m := regexp.MustCompile(`<code class="secret">[^<]*(/admin/feeds/alerts\.atom\?token=[^<]+)</code>`).FindStringSubmatch(b.body)
			if m == nil {
				t.Fatalf("no feed address:\n%s", b.body)
			}
			return html.UnescapeString(m[1])
		}
		read := func(path string) (int, string) {
			t.Helper()
			res, err := http.Get(srv.URL + path)
			if err != nil {
				t.Fatal(err)
			}
			defer res.Body.Close()
			body, _ := io.ReadAll(res.Body)
			if res.StatusCode == http.StatusOK && (res.Header.Get("Content-Type") != "application/atom+xml; charset=utf-8" || res.Header.Get("Cache-Control") != "no-store") {
				t.Errorf("the feed's headers: %v", res.Header)
			}
			return res.StatusCode, string(body)
		}

		feed := makeFeed(ed.Email)
		st, body := read(feed)
		if st != http.StatusOK || !strings.Contains(body, "Elvin Mustafayev: Hunger strike") || !strings.Contains(body, "/admin/alerts/") {
			t.Fatalf("the editor's feed: %d\n%s", st, body)
		}
		if strings.Contains(body, "A Witness") || strings.Contains(body, "Seen in court") {
			t.Error("the feed carries a confidential alert")
		}
		internal, _ := s.ListAlerts(ctx, habeas.Internal, habeas.AlertFilter{})
		if n := strings.Count(body, "<entry>"); n != len(internal.Items) {
			t.Errorf("the feed has %d entries, want the %d unresolved alerts up to internal", n, len(internal.Items))
		}
		again := makeFeed(ed.Email)
		if st, _ := read(feed); st != http.StatusUnauthorized {
			t.Errorf("the old address after a new one: %d", st)
		}
		if st, _ := read(again); st != http.StatusOK {
			t.Errorf("the new address: %d", st)
		}
		if st, _ := read("/admin/feeds/alerts.atom?token=hfeed_guess"); st != http.StatusUnauthorized {
			t.Errorf("a guessed address: %d", st)
		}

		// A volunteer with no case file reads an empty feed.
		vfeed := makeFeed(vol.Email)
		if st, body := read(vfeed); st != http.StatusOK || strings.Contains(body, "<entry>") {
			t.Errorf("the volunteer's feed: %d\n%s", st, body)
		}
		if _, err := s.Assign(ctx, habeas.Operator, vol.ID, 1); err != nil {
			t.Fatal(err)
		}
		if _, body := read(vfeed); !strings.Contains(body, "Elvin Mustafayev") {
			t.Error("the volunteer's feed lacks their case file")
		}

		// Logging out everywhere ends the feed too (a stolen address with
		// the rest), and so does disabling the account, for good.
		if err := s.LogoutEverywhere(ctx, ed.ID, ""); err != nil {
			t.Fatal(err)
		}
		if st, _ := read(again); st != http.StatusUnauthorized {
			t.Errorf("the feed after logging out everywhere: %d", st)
		}
		last := makeFeed(ed.Email)
		if err := s.SetDisabled(ctx, admin, ed.ID, true); err != nil {
			t.Fatal(err)
		}
		if st, _ := read(last); st != http.StatusUnauthorized {
			t.Errorf("a disabled account's feed: %d", st)
		}
		if err := s.SetDisabled(ctx, admin, ed.ID, false); err != nil {
			t.Fatal(err)
		}
		if st, _ := read(last); st != http.StatusUnauthorized {
			t.Errorf("enabled again, the old feed works: %d", st)
		}
		if err := s.StopFeed(ctx, vol.ID); err != nil {
			t.Fatal(err)
		}
		if st, _ := read(vfeed); st != http.StatusUnauthorized {
			t.Errorf("a stopped feed: %d", st)
		}
	})
}

// A staff member asks for e-mails of alerts on the account page: a bad
// field is refused beside it and nothing is kept; a good one is kept and
// said back; stopping ends it. Without a mail server the page says so.
func TestWorkspaceMail(t *testing.T) {
	c := newClock()
	storetest.ForEach(t, c, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		srv := setup(t, s, c)
		ed := user(t, s, "ayla@example.org", habeas.RoleEditor, false)
		b := newBrowser(t, srv)
		b.login(ed.Email)
		st, _ := b.get("/admin/account")
		b.expect(st, http.StatusOK, "This installation sends no e-mail", "You get no e-mails of alerts.")

		for _, bad := range []url.Values{
			{"min_severity": {"urgent"}, "digest_hour": {"6"}},
			{"min_severity": {"high"}, "digest_hour": {"24"}},
			{"min_severity": {"high"}, "digest_hour": {"six"}},
			{"min_severity": {"high"}, "digest_hour": {"6"}, "country": {"Azerbaijan"}},
			{"min_severity": {"high"}, "digest_hour": {"6"}, "organization_id": {"Musavat"}},
			{"min_severity": {"high"}, "digest_hour": {"6"}, "organization_id": {"9999"}},
		} {
			bad.Set("action", "save")
			b.get("/admin/account")
			st, _ := b.post("/admin/account/mail", bad)
			b.expect(st, http.StatusUnprocessableEntity, `class="field-error"`, "Your e-mails of alerts were not saved")
			if sub, _ := s.MailSubscription(ctx, ed.ID); sub != nil {
				t.Errorf("%v was kept: %+v", bad, sub)
			}
		}
		b.get("/admin/account")
		st, loc := b.post("/admin/account/mail", url.Values{"action": {"save"}, "min_severity": {"critical"}, "country": {"az"},
			"organization_id": {"1"}, "digest_hour": {"7"}})
		if st != http.StatusSeeOther || loc != "/admin/account?done=mail" {
			t.Fatalf("save: %d %s\n%s", st, loc, b.body)
		}
		sub, err := s.MailSubscription(ctx, ed.ID)
		if err != nil || sub == nil || sub.MinSeverity != "critical" || sub.Country != "AZ" || sub.OrganizationID != 1 || sub.DigestHour != 7 {
			t.Fatalf("kept %+v, %v", sub, err)
		}
		st, _ = b.get(loc)
		b.expect(st, http.StatusOK, "Your e-mails of alerts are saved.", "You are e-mailed of alerts from critical, of cases in AZ, of members of organization 1",
			"a digest each day at 07:00 UTC", `<option value="7" selected>07:00</option>`)
		st, loc = b.post("/admin/account/mail", url.Values{"action": {"stop"}})
		if st != http.StatusSeeOther || loc != "/admin/account?done=mail-stopped" {
			t.Fatalf("stop: %d %s", st, loc)
		}
		if sub, _ := s.MailSubscription(ctx, ed.ID); sub != nil {
			t.Errorf("still subscribed after stopping: %+v", sub)
		}

		ws, err := admin.New(admin.Config{Services: s, Clock: c, Mail: true})
		if err != nil {
			t.Fatal(err)
		}
		on := httptest.NewServer(ws)
		defer on.Close()
		b = newBrowser(t, on)
		b.login(ed.Email)
		st, _ = b.get("/admin/account")
		b.expect(st, http.StatusOK, "E-mail me alerts")
		if strings.Contains(b.body, "sends no e-mail") {
			t.Error("a mail server is set up, and the page says there is none")
		}
	})
}

// An admin sets the instance's thresholds on the settings page: a bad
// figure is refused beside its field and nothing is kept; a good one is
// kept, and a case's form shows it as what an empty field leaves.
func TestWorkspaceInstanceThresholds(t *testing.T) {
	c := newClock()
	storetest.ForEach(t, c, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		srv := setup(t, s, c)
		admin := user(t, s, "admin@example.org", habeas.RoleAdmin, false)
		b := newBrowser(t, srv)
		b.login(admin.Email)
		st, _ := b.get("/admin/settings")
		b.expect(st, http.StatusOK, "The silence clock", "No news (the default: 7)")
		st, _ = b.post("/admin/settings/thresholds", url.Values{"days.no_news": {"ten"}, "answer_days": {"Penitentiary Service 30"}})
		b.expect(st, http.StatusUnprocessableEntity, "The thresholds were not saved", "must be a whole number of days",
			"write the authority, a colon and a number of days")
		st, _ = b.post("/admin/settings/thresholds", url.Values{"days.no_news": {"0"}})
		b.expect(st, http.StatusUnprocessableEntity, "must be at least 1 day")
		if raw, _ := s.InstanceThresholds(ctx); string(raw) != "{}" {
			t.Fatalf("a refused form was kept: %s", raw)
		}
		st, loc := b.post("/admin/settings/thresholds", url.Values{"days.no_news": {"10"}, "answer_days": {"Penitentiary Service: 30"}})
		if st != http.StatusSeeOther || loc != "/admin/settings?thresholds=saved#clock-h" {
			t.Fatalf("save: %d %s\n%s", st, loc, b.body)
		}
		if raw, _ := s.InstanceThresholds(ctx); string(raw) != `{"days":{"no_news":10},"answer_days":{"Penitentiary Service":30}}` {
			t.Errorf("kept %s", raw)
		}
		st, _ = b.get("/admin/settings?thresholds=saved")
		b.expect(st, http.StatusOK, "The thresholds are saved", `name="days.no_news" value="10"`, "Penitentiary Service: 30")
		st, _ = b.get("/admin/cases/1")
		b.expect(st, http.StatusOK, "No news (this installation&#39;s: 10)")
	})
}

// Importing a list in the workspace: the preview changes nothing and says
// what the import would do, a suspected duplicate can be skipped, the
// import does exactly what the last preview showed or nothing, and a bad
// row stops everything.
func TestWorkspaceImport(t *testing.T) {
	c := newClock()
	storetest.ForEach(t, c, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		srv := setup(t, s, c)
		ed := user(t, s, "ayla@example.org", habeas.RoleEditor, false)
		b := newBrowser(t, srv)
		b.login(ed.Email)
		count := func() int {
			t.Helper()
			page, err := s.ListPeople(ctx, habeas.Internal, habeas.PeopleFilter{ListOptions: habeas.ListOptions{Limit: 100}})
			if err != nil {
				t.Fatal(err)
			}
			return len(page.Items)
		}
		field := func(name string) string {
			t.Helper()
			m := regexp.MustCompile(`name="` + name + `" value="([^"]*)"`).FindStringSubmatch(b.body)
			if m == nil {
				t.Fatalf("the preview has no %s field:\n%s", name, b.body)
			}
			return html.UnescapeString(m[1])
		}
		people := count()
		st, _ := b.get("/admin/import")
		b.expect(st, http.StatusOK, "Preview the import")

		list := []byte("name,country,arrest_date,status\nElvin Mustafaev,AZ,2025-04,detained\nAynur Example,AZ,2025-03-02,pre_trial\n")
		before, _ := s.Fingerprint(ctx)
		st = b.uploadNamed("/admin/import", url.Values{"action": {"preview"}, "encoding": {"auto"}}, list, "list.csv")
		b.expect(st, http.StatusOK, "Nothing is imported yet", "<li>people: 2</li>", "may be the same person as",
			`name="skip" value="upload.csv:2"`, "list.csv")
		if after, _ := s.Fingerprint(ctx); after != before {
			t.Fatal("the preview wrote to the database")
		}
		carried, token := field("list"), field("token")

		// Ticking the duplicate and importing at once: the import would not
		// do what the preview showed; nothing is imported, and the new
		// preview is shown.
		st, _ = b.post("/admin/import", url.Values{"action": {"import"}, "list": {carried}, "name": {"list.csv"}, "token": {token},
			"skip": {"upload.csv:2"}})
		b.expect(st, http.StatusConflict, "Nothing was imported", "<li>people: 1</li>", `value="upload.csv:2" checked`)
		if count() != people {
			t.Fatal("a refused import created people")
		}
		st, _ = b.post("/admin/import", url.Values{"action": {"import"}, "list": {field("list")}, "name": {"list.csv"},
			"token": {field("token")}, "skip": {"upload.csv:2"}})
		b.expect(st, http.StatusOK, "The list is imported (list.csv)", "<li>people: 1</li>", "rows skipped: 1")
		if count() != people+1 {
			t.Errorf("%d people after importing one, want %d", count(), people+1)
		}

		// A list changed after its preview is refused, whatever its token.
		other := base64.StdEncoding.EncodeToString([]byte("name,country\nSomeone Else,AZ\n"))
		b.get("/admin/import")
		st, _ = b.post("/admin/import", url.Values{"action": {"import"}, "list": {other}, "token": {token}})
		b.expect(st, http.StatusConflict, "Nothing was imported")
		if count() != people+1 {
			t.Error("a list not previewed was imported")
		}

		// A bad row: every problem named, no import offered.
		bad := []byte("name,country,arrest_date,status\nGood Row,AZ,2024,detained\nBad Row,Azerbaijan,2024,detained\n")
		st = b.uploadNamed("/admin/import", url.Values{"action": {"preview"}}, bad, "bad.csv")
		b.expect(st, http.StatusUnprocessableEntity, "nothing can be imported", "Rows to mend", "upload.csv:3: country")
		if strings.Contains(b.body, `value="import"`) {
			t.Error("a list with bad rows is offered for import")
		}
		st = b.uploadNamed("/admin/import", url.Values{"action": {"preview"}}, []byte("ФИО;страна\nX;AZ\n"), "other.csv")
		b.expect(st, http.StatusUnprocessableEntity)
		st = b.uploadNamed("/admin/import", url.Values{"action": {"preview"}}, []byte{}, "empty.csv")
		b.expect(st, http.StatusUnprocessableEntity, "The file is empty")
		b.get("/admin/import")
		st, _ = b.post("/admin/import", url.Values{"action": {"preview"}})
		b.expect(st, http.StatusUnprocessableEntity, "Choose a CSV file in the flat layout.")
		st, _ = b.post("/admin/import", url.Values{"action": {"import"}, "list": {"%%not base64%%"}, "token": {token}})
		b.expect(st, http.StatusUnprocessableEntity, "could not be read: upload the file again")
		if count() != people+1 {
			t.Error("a bad list changed the people")
		}
	})
}
