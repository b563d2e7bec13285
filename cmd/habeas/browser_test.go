package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"testing"
	"time"

	"codeberg.org/habeas/habeas"
	"github.com/chromedp/chromedp"
	"github.com/pquerna/otp/totp"
)

// browserPath finds Chromium for the browser tests. Without one the tests
// are skipped, except in CI, which installs it and must run them.
func browserPath(t *testing.T) string {
	for _, p := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if path, err := exec.LookPath(p); err == nil {
			return path
		}
	}
	if os.Getenv("CI") != "" {
		t.Fatal("CI is set but no Chromium was found: the browser tests must run in CI")
	}
	t.Skip("no Chromium installed")
	return ""
}

// TestWorkspaceInBrowser walks the workspace in headless Chromium as a
// newcomer to the demo would: the first login, which must set up the
// second factor; a person with names in two scripts, a case and three
// events through the quick line; the public page showing them; the
// duplicate warning and a merge; a form posted from another site,
// refused; and a volunteer refused a person not assigned to them.
func TestWorkspaceInBrowser(t *testing.T) {
	exe := browserPath(t)
	ctx := context.Background()
	m, err := Start(ctx, Config{Addr: "127.0.0.1:0", Demo: true}, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { m.Close() })
	if err := m.Store.SetSecondFactorRoles(ctx, habeas.Operator, []string{habeas.RoleAdmin}); err != nil {
		t.Fatal(err)
	}
	base := m.URL()

	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(exe),
		chromedp.NoSandbox, chromedp.WindowSize(390, 900))
	actx, cancel := chromedp.NewExecAllocator(ctx, opts...)
	defer cancel()
	bctx, cancel := chromedp.NewContext(actx)
	defer cancel()
	bctx, cancel = context.WithTimeout(bctx, 2*time.Minute)
	defer cancel()

	// The browser starts with the first action on its own context; the
	// steps' shorter contexts then only bound each step.
	if err := chromedp.Do(bctx); err != nil {
		t.Fatalf("start Chromium: %v", err)
	}
	run := func(step string, actions ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		sctx, cancel := context.WithTimeout(bctx, 20*time.Second)
		defer cancel()
		if err := chromedp.Do(sctx, actions...); err != nil {
			body, _ := chromedp.Run(bctx, chromedp.OuterHTML(chromedp.CSS("body")))
			t.Fatalf("%s: %v\npage: %s", step, err, body)
		}
	}
	text := func(sel string) string {
		t.Helper()
		s, err := chromedp.Run(bctx, chromedp.Text(chromedp.CSS(sel)))
		if err != nil {
			t.Fatalf("read %s: %v", sel, err)
		}
		return s
	}
	var loc string
	here := chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
		var err error
		loc, err = chromedp.Run(ctx, chromedp.Location())
		return err
	})

	// The first login: the demo's admin, whose role now needs a second factor.
	run("open the workspace", chromedp.Navigate(base+"/admin/"), chromedp.WaitVisible(chromedp.CSS("#email")),
		chromedp.SendKeys(chromedp.CSS("#email"), DemoAdmin),
		chromedp.SendKeys(chromedp.CSS("#password"), m.DemoPassword),
		chromedp.Submit(chromedp.CSS("#password")),
		chromedp.WaitVisible(chromedp.CSS("code.secret")))
	secret := strings.ReplaceAll(text("code.secret"), " ", "")
	code, err := totp.GenerateCode(secret, m.Clock.Now())
	if err != nil {
		t.Fatal(err)
	}
	run("turn on the second factor", chromedp.SendKeys(chromedp.CSS("#code"), code), chromedp.Submit(chromedp.CSS("#code")),
		chromedp.WaitVisible(chromedp.CSS("ul.codes")))

	// A person with names in two scripts.
	run("new person", chromedp.Navigate(base+"/admin/people/new"), chromedp.WaitVisible(chromedp.CSS(`input[name="name.0"]`)),
		chromedp.SendKeys(chromedp.CSS(`input[name="name.0"]`), "Leyla Hasanova"),
		chromedp.SetValue(chromedp.CSS(`select[name="script.0"]`), "Latn"),
		chromedp.SendKeys(chromedp.CSS(`input[name="name.1"]`), "Лейла Гасанова"),
		chromedp.SetValue(chromedp.CSS(`select[name="script.1"]`), "Cyrl"),
		chromedp.SetValue(chromedp.CSS(`select[name="nvis.1"]`), "public"),
		chromedp.SetValue(chromedp.CSS("#visibility"), "public"),
		chromedp.Click(chromedp.CSS(`main form button[type="submit"]`)),
		chromedp.WaitVisible(chromedp.CSS("p.done")), here)
	person := regexp.MustCompile(`/admin/people/(\d+)`).FindStringSubmatch(loc)
	if person == nil {
		t.Fatalf("after creating the person the browser is at %s", loc)
	}

	// A case, then three events by their quick lines.
	run("new case", chromedp.Navigate(base+"/admin/people/"+person[1]+"/cases/new"), chromedp.WaitVisible(chromedp.CSS("#arrest_date")),
		chromedp.SendKeys(chromedp.CSS("#arrest_date"), "2025-04-02"),
		chromedp.SetValue(chromedp.CSS("#visibility"), "public"),
		chromedp.SendKeys(chromedp.CSS("#charges"), "Hooliganism"),
		chromedp.Click(chromedp.CSS(`main form button[type="submit"]`)),
		chromedp.WaitVisible(chromedp.CSS("#line")))
	for _, line := range []string{
		"2025-04-02 arrest #public Detained at a protest in Baku [1]",
		"2025-04-20 lawyer #public Her lawyer was allowed to see her [1]",
		"2025-05-10 hunger-strike #public Began a hunger strike [1]",
	} {
		run("quick line "+line,
			chromedp.SetValue(chromedp.CSS("#line"), line),
			chromedp.Click(chromedp.CSS(`button[value="preview"]`)),
			chromedp.WaitVisible(chromedp.CSS(`dl.preview`)),
			chromedp.Click(chromedp.CSS(`button[value="save"]`)),
			chromedp.WaitVisible(chromedp.CSS(`p.done`)))
	}
	timeline := text("section[aria-labelledby=tl-h]")
	for _, want := range []string{"Detained at a protest in Baku", "Her lawyer was allowed to see her", "Began a hunger strike"} {
		if !strings.Contains(timeline, want) {
			t.Errorf("the timeline lacks %q:\n%s", want, timeline)
		}
	}

	// The public page shows what was just written.
	p, err := m.Store.Person(ctx, habeas.Public, mustID(t, person[1]))
	if err != nil {
		t.Fatalf("the new person is not public: %v", err)
	}
	run("public page", chromedp.Navigate(base+"/people/"+p.Slug), chromedp.WaitVisible(chromedp.CSS("main h1")))
	public := text("main")
	for _, want := range []string{"Leyla Hasanova", "Began a hunger strike", "Her lawyer was allowed to see her"} {
		if !strings.Contains(public, want) {
			t.Errorf("the public page lacks %q:\n%s", want, public)
		}
	}

	// A second record of the same person: the warning first, then the merge.
	run("duplicate", chromedp.Navigate(base+"/admin/people/new"), chromedp.WaitVisible(chromedp.CSS(`input[name="name.0"]`)),
		chromedp.SendKeys(chromedp.CSS(`input[name="name.0"]`), "Leila Hasanova"),
		chromedp.Click(chromedp.CSS(`main form button[type="submit"]`)),
		chromedp.WaitVisible(chromedp.CSS("section.candidates")))
	if got := text("section.candidates"); !strings.Contains(got, "Leyla Hasanova") {
		t.Fatalf("the duplicate warning does not name the recorded person:\n%s", got)
	}
	run("someone else after all", chromedp.Click(chromedp.CSS(`input[name="not_duplicate"]`)),
		chromedp.Click(chromedp.CSS(`main form button[type="submit"]`)),
		chromedp.WaitVisible(chromedp.CSS("p.done")), here)
	dup := regexp.MustCompile(`/admin/people/(\d+)`).FindStringSubmatch(loc)
	run("merge", chromedp.Navigate(base+"/admin/people/"+person[1]), chromedp.WaitVisible(chromedp.CSS("#duplicate")),
		chromedp.SendKeys(chromedp.CSS("#duplicate"), dup[1]), chromedp.Submit(chromedp.CSS("#duplicate")),
		chromedp.WaitVisible(chromedp.CSS(`form[method="post"][action$="/merge"] button`)),
		chromedp.Click(chromedp.CSS(`form[method="post"][action$="/merge"] button`)),
		chromedp.WaitVisible(chromedp.CSS(`form[action$="/undo"]`)))
	if _, err := m.Store.Person(ctx, habeas.Confidential, mustID(t, dup[1])); habeas.ErrorCode(err) != habeas.ENOTFOUND {
		t.Errorf("the merged duplicate is still a record: %v", err)
	}

	// A page of another site posting to the workspace, with the
	// browser's own session cookie: refused, nothing stored.
	evil := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintf(w, `<!DOCTYPE html><html lang="en"><title>x</title><form method="post" action="%s/admin/people">
<input name="name.0" value="Forged Person"><input name="kind.0" value="primary"><input name="country" value="AZ">
<input name="visibility" value="internal"><input name="not_duplicate" value="1"><button id="go">go</button></form>`, base)
	}))
	defer evil.Close()
	run("cross-site post", chromedp.Navigate(evil.URL), chromedp.WaitVisible(chromedp.CSS("#go")),
		chromedp.Click(chromedp.CSS("#go")), chromedp.WaitVisible(chromedp.CSS("p.problem")))
	if got := text("p.problem"); !strings.Contains(got, "only be sent from the workspace") {
		t.Errorf("the cross-site post was answered %q", got)
	}
	if found, _ := m.Store.ListPeople(ctx, habeas.Confidential, habeas.PeopleFilter{Q: "Forged Person"}); len(found.Items) != 0 {
		t.Error("the cross-site post stored a person")
	}

	// A volunteer, given the new person's case file by the admin, finds
	// it in their list and is refused another person's, as a missing one.
	vol := &habeas.User{Email: "volunteer@demo.example", Name: "Volunteer", Role: habeas.RoleVolunteer}
	if err := m.Store.CreateUser(ctx, vol); err != nil {
		t.Fatal(err)
	}
	const volPassword = "a volunteer's own long passphrase"
	if err := m.Store.SetPassword(ctx, vol.ID, volPassword); err != nil {
		t.Fatal(err)
	}
	run("assign the case file", chromedp.Navigate(base+"/admin/people/"+person[1]), chromedp.WaitVisible(chromedp.CSS("#assign-user")),
		chromedp.SetValue(chromedp.CSS("#assign-user"), fmt.Sprint(vol.ID)),
		chromedp.Click(chromedp.CSS(`form[action$="/assignees"] button`)),
		chromedp.WaitVisible(chromedp.CSS("p.done")))
	run("log out", chromedp.Click(chromedp.CSS("form.logout button")), chromedp.WaitVisible(chromedp.CSS("#email")))
	run("the volunteer logs in", chromedp.Navigate(base+"/admin/people"), chromedp.WaitVisible(chromedp.CSS("#email")),
		chromedp.SendKeys(chromedp.CSS("#email"), vol.Email),
		chromedp.SendKeys(chromedp.CSS("#password"), volPassword),
		chromedp.Submit(chromedp.CSS("#password")),
		chromedp.WaitVisible(chromedp.CSS(`main a[href="/admin/people/`+person[1]+`"]`)))
	run("another person's file", chromedp.Navigate(base+"/admin/people/1"), chromedp.WaitVisible(chromedp.CSS("p.problem")))
	if got := text("p.problem"); !strings.Contains(got, "not found") {
		t.Errorf("a volunteer opening a person not assigned to them is told %q", got)
	}
}

func mustID(t *testing.T, s string) int64 {
	t.Helper()
	var n int64
	if _, err := fmt.Sscan(s, &n); err != nil {
		t.Fatal(err)
	}
	return n
}
