package web_test

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/net/html"

	"codeberg.org/habeas/habeas"
	"codeberg.org/habeas/habeas/demo"
	"codeberg.org/habeas/habeas/store"
	"codeberg.org/habeas/habeas/store/storetest"
	"codeberg.org/habeas/habeas/web"
)

// stepClock is a clock the test moves on, by whole hours, to open a new
// window of the rate limits.
type stepClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *stepClock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *stepClock) Add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// site is the public site over a real server, with the store behind it.
type site struct {
	t   *testing.T
	st  *store.Store
	srv *httptest.Server
	clk *stepClock
	dsn string // the database's, when forEachSite opened it
	// internalPerson is the slug of a person the public may not see.
	internalPerson string
}

// forEachSite serves the demo, with addNonPublic's records, from a fresh
// database of each backend in turn.
func forEachSite(t *testing.T, f func(t *testing.T, s *site)) {
	for _, d := range storetest.Backends() {
		t.Run(string(d), func(t *testing.T) {
			ctx := context.Background()
			clk := &stepClock{t: demo.AsOf.Add(10 * time.Hour)}
			dsn := storetest.DSN(t, d)
			st, err := store.Open(ctx, store.Config{DSN: dsn, Key: storetest.Key(), Clock: clk})
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { st.Close() })
			if _, err := st.Migrate(ctx); err != nil {
				t.Fatal(err)
			}
			if err := demo.Load(ctx, st); err != nil {
				t.Fatal(err)
			}
			internal := addNonPublic(t, st)
			s := newSiteOn(t, st, clk)
			s.dsn, s.internalPerson = dsn, internal
			f(t, s)
		})
	}
}

func newSiteOn(t *testing.T, st *store.Store, clk *stepClock) *site {
	h, err := web.New(web.Config{Store: st, Clock: clk})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return &site{t: t, st: st, srv: srv, clk: clk}
}

// answer is a response, read.
type answer struct {
	status int
	header http.Header
	body   string
}

// post sends a form as a browser on this site's page does (Sec-Fetch-Site
// same-origin) unless header says otherwise, and does not follow redirects.
func (s *site) post(path string, form url.Values, header ...string) answer {
	s.t.Helper()
	req, err := http.NewRequest("POST", s.srv.URL+path, strings.NewReader(form.Encode()))
	if err != nil {
		s.t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	req.Header.Set("Origin", "null") // the site's no-referrer policy makes browsers send this
	for i := 0; i+1 < len(header); i += 2 {
		if header[i+1] == "" {
			req.Header.Del(header[i])
		} else {
			req.Header.Set(header[i], header[i+1])
		}
	}
	return s.do(req)
}

func (s *site) get(path string) answer {
	s.t.Helper()
	req, err := http.NewRequest("GET", s.srv.URL+path, nil)
	if err != nil {
		s.t.Fatal(err)
	}
	return s.do(req)
}

func (s *site) do(req *http.Request) answer {
	s.t.Helper()
	c := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	res, err := c.Do(req)
	if err != nil {
		s.t.Fatal(err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		s.t.Fatal(err)
	}
	return answer{res.StatusCode, res.Header, string(b)}
}

func (s *site) fingerprint() string {
	s.t.Helper()
	fp, err := s.st.Fingerprint(context.Background())
	if err != nil {
		s.t.Fatal(err)
	}
	return fp
}

func (a answer) expect(t *testing.T, status int, want ...string) string {
	t.Helper()
	if a.status != status {
		t.Errorf("status %d, want %d: %s", a.status, status, clipped(a.body))
	}
	for _, w := range want {
		if !strings.Contains(a.body, w) {
			t.Errorf("body lacks %q:\n%s", w, clipped(a.body))
		}
	}
	return a.body
}

func comment(name, text string) url.Values {
	return url.Values{"name": {name}, "text": {text}, "website": {""}}
}

var commentsPath = "/news/" + demo.NewsSlug + "/comments"

// A reader's comment, sent with a plain form, is pending until approved:
// the post's page thanks them and does not show it; once an editor
// approves it, it shows as plain text with its lines.
func TestCommentForm(t *testing.T) {
	forEachSite(t, func(t *testing.T, s *site) {
		page := s.get("/news/"+demo.NewsSlug).expect(t, 200, `<form method="post" action="`+commentsPath+`"`,
			`<label for="comment-text">Comment</label>`, `<div class="hp" aria-hidden="true">`, `tabindex="-1"`,
			"Leave this field empty",
			// The demo's approved comment shows; its pending one does not.
			"<strong>A reader in Baku</strong>", "<p>Thank you for keeping his name in the news.<br>Has his lawyer")
		refuse(t, page, demo.DemoComments[1].Text)
		if err := wellFormed(page); err != nil {
			t.Errorf("the post page with its form is not well formed: %v", err)
		}
		a := s.post(commentsPath, comment("A reader in Ganja", "Free him.\nNow.\n\nAll of them."))
		a.expect(t, 303)
		if loc := a.header.Get("Location"); loc != "/news/"+demo.NewsSlug+"?comment=pending#comments" {
			t.Errorf("Location %q", loc)
		}
		pending := s.get("/news/"+demo.NewsSlug+"?comment=pending").expect(t, 200, "Your comment awaits moderation")
		refuse(t, pending, "Free him.", "A reader in Ganja")
		refuse(t, s.get("/news/"+demo.NewsSlug).body, "Your comment awaits moderation", "Free him.")

		ctx := context.Background()
		list, err := s.st.ListComments(ctx, habeas.Internal, habeas.CommentFilter{Status: habeas.CommentPending})
		if err != nil || len(list.Items) == 0 {
			t.Fatalf("pending comments: %v, %v", list.Items, err)
		}
		var mine habeas.Comment
		for _, c := range list.Items {
			if c.Name == "A reader in Ganja" {
				mine = c
			}
		}
		if _, err := s.st.ModerateComment(ctx, habeas.Operator, mine.ID, habeas.CommentApproved); err != nil {
			t.Fatal(err)
		}
		s.get("/news/"+demo.NewsSlug).expect(t, 200, `<li id="comment-`+strconv.FormatInt(mine.ID, 10)+`">`,
			"<strong>A reader in Ganja</strong> · <time", "<p>Free him.<br>Now.</p>", "<p>All of them.</p>")
		// Marked as spam, it is gone again, from the page and the feeds.
		if _, err := s.st.ModerateComment(ctx, habeas.Operator, mine.ID, habeas.CommentSpam); err != nil {
			t.Fatal(err)
		}
		s.clk.Add(2 * time.Second) // past the page cache's second
		for _, path := range []string{"/news/" + demo.NewsSlug, "/news", "/feeds/news.atom", "/"} {
			refuse(t, s.get(path).body, "Free him.")
		}
	})
}

// What a form refuses it shows again (422), the reason beside the field
// and the text kept, escaped; and nothing is written.
func TestCommentValidation(t *testing.T) {
	forEachSite(t, func(t *testing.T, s *site) {
		long := strings.Repeat("word ", 1000) + "x" // 5,001 characters
		for _, tc := range []struct {
			name, inName, text, field, reason string
		}{
			{"empty text", "Someone", "", "text", "The text is required."},
			{"blank text", "Someone", " \r\n ", "text", "The text is required."},
			{"text too long", "", long, "text", "The text is longer than 5000 characters."},
			{"name too long", strings.Repeat("n", 101), "Kept text </textarea><script>alert(1)</script>", "name", "The name is longer than 100 characters."},
			{"control character", "", "bell \a ring", "text", "The text contains a control character."},
			{"escape sequence", "", "\x1b[2J cleared", "text", "The text contains a control character."},
			{"NUL", "", "a\x00b", "text", "The text contains a control character."},
			{"right-to-left override", "", "invoice\u202efdp.exe", "text", "bidirectional control character"},
			{"newline in the name", "A\nB", "Hello", "name", "The name must be one line"},
		} {
			t.Run(tc.name, func(t *testing.T) {
				before := s.fingerprint()
				body := s.post(commentsPath, comment(tc.inName, tc.text)).expect(t, 422, tc.reason,
					`id="comment-`+tc.field+`-error"`, `aria-invalid="true"`, "Your comment was not sent")
				if !strings.Contains(body, `aria-describedby="comment-`+tc.field+`-hint comment-`+tc.field+`-error"`) {
					t.Errorf("the error is not tied to its field")
				}
				refuse(t, body, "<script>alert(1)</script>")
				if strings.Contains(tc.text, "Kept text") {
					holds(t, body, "Kept text &lt;/textarea&gt;&lt;script&gt;alert(1)&lt;/script&gt;</textarea>")
				}
				if err := wellFormed(body); err != nil {
					t.Errorf("the page again is not well formed: %v", err)
				}
				if s.fingerprint() != before {
					t.Error("a refused comment changed the database")
				}
			})
		}
	})
}

// A form whose honeypot is filled in is answered as if taken, and nothing
// is stored; a post from another site is refused; a post the public may
// not read answers as a missing one.
func TestCommentFormRefusesRobotsAndOtherSites(t *testing.T) {
	forEachSite(t, func(t *testing.T, s *site) {
		before := s.fingerprint()
		robot := comment("Buy", "Cheap pills")
		robot.Set("website", "http://spam.example")
		a := s.post(commentsPath, robot)
		a.expect(t, 303)
		if loc := a.header.Get("Location"); loc != "/news/"+demo.NewsSlug+"?comment=pending#comments" {
			t.Errorf("honeypot: Location %q", loc)
		}
		for _, header := range map[string][]string{
			"cross-site":            {"Sec-Fetch-Site", "cross-site"},
			"same-site":             {"Sec-Fetch-Site", "same-site"},
			"old browser elsewhere": {"Sec-Fetch-Site", "", "Origin", "https://evil.example"},
		} {
			s.post(commentsPath, comment("X", "Forged"), header...).expect(t, 403, "only be sent from this site")
		}
		for _, path := range []string{"/people/" + demo.PersonSlug + "/tips"} {
			s.post(path, comment("X", "Forged"), "Sec-Fetch-Site", "cross-site").expect(t, 403)
		}
		if s.fingerprint() != before {
			t.Error("a robot's or another site's comment changed the database")
		}
		// A browser that sends neither header, or only its own origin, is
		// this site's page.
		host := strings.TrimPrefix(s.srv.URL, "http://")
		s.post(commentsPath, comment("", "From an older browser"), "Sec-Fetch-Site", "", "Origin", "http://"+host).expect(t, 303)
		s.post(commentsPath, comment("", "From a script"), "Sec-Fetch-Site", "", "Origin", "").expect(t, 303)

		missing := s.post("/news/no-such-post/comments", comment("", "Hello")).expect(t, 404)
		before = s.fingerprint()
		for _, slug := range []string{"draft-post", "scheduled-post"} {
			if got := s.post("/news/"+slug+"/comments", comment("", "Hello")).expect(t, 404); got != missing {
				t.Errorf("a comment on %s is answered otherwise than one on a missing post", slug)
			}
		}
		if s.fingerprint() != before {
			t.Error("a comment on a hidden post changed the database")
		}
		s.post("/news/Not_A_Slug/comments", comment("", "Hello")).expect(t, 404)

		// A body over the bound is refused whole.
		before = s.fingerprint()
		s.post(commentsPath, comment("", strings.Repeat("%", 200<<10))).expect(t, 413, "larger than this form accepts")
		if s.fingerprint() != before {
			t.Error("a body too large changed the database")
		}
	})
}

// The limits hold across two servers sharing one database: a client's
// sixth comment in an hour is refused with 429, a Retry-After and the
// text kept, whichever server it reaches; an hour later it is taken.
func TestRateLimitAcrossServers(t *testing.T) {
	for _, d := range storetest.Backends() {
		t.Run(string(d), func(t *testing.T) {
			ctx := context.Background()
			clk := &stepClock{t: demo.AsOf.Add(10 * time.Hour)}
			dsn, key := storetest.DSN(t, d), storetest.Key()
			var sites []*site
			for i := range 2 {
				st, err := store.Open(ctx, store.Config{DSN: dsn, Key: key, Clock: clk})
				if err != nil {
					t.Fatal(err)
				}
				t.Cleanup(func() { st.Close() })
				if _, err := st.Migrate(ctx); err != nil {
					t.Fatal(err)
				}
				if i == 0 {
					if err := demo.Load(ctx, st); err != nil {
						t.Fatal(err)
					}
				}
				sites = append(sites, newSiteOn(t, st, clk))
			}
			for i := range habeas.CommentsPerHour {
				sites[i%2].post(commentsPath, comment("", "Comment "+strconv.Itoa(i))).expect(t, 303)
			}
			before := sites[0].fingerprint()
			for _, s := range sites {
				a := s.post(commentsPath, comment("", "One <b>too</b> many"))
				a.expect(t, 429, "Please wait before sending more", "try again in", "What you wrote", "One &lt;b&gt;too&lt;/b&gt; many</textarea>")
				secs, err := strconv.Atoi(a.header.Get("Retry-After"))
				if err != nil || secs <= 0 || secs > 3600 {
					t.Errorf("Retry-After %q", a.header.Get("Retry-After"))
				}
			}
			if sites[1].fingerprint() != before {
				t.Error("a comment over the limit changed the database")
			}
			tipsPath := "/people/" + demo.PersonSlug + "/tips"
			for i := range habeas.TipsPerHour {
				sites[i%2].post(tipsPath, url.Values{"text": {"Tip " + strconv.Itoa(i)}}).expect(t, 303)
			}
			sites[1].post(tipsPath, url.Values{"text": {"One too many"}}).expect(t, 429)
			clk.Add(time.Hour)
			sites[1].post(commentsPath, comment("", "An hour later")).expect(t, 303)
			sites[0].post(tipsPath, url.Values{"text": {"An hour later"}}).expect(t, 303)
		})
	}
}

// The "send us information" form: a tip reaches the staff's queue,
// sealed, and no public page, feed or answer; a person the public may not
// see takes none, as a missing one.
func TestTipForm(t *testing.T) {
	forEachSite(t, func(t *testing.T, s *site) {
		personPath := "/people/" + demo.PersonSlug
		page := s.get(personPath).expect(t, 200, `<h2 id="tip-h">Send us information</h2>`,
			`<form method="post" action="`+personPath+`/tips" class="input-form" aria-labelledby="tip-h" autocomplete="off">`, "Do not send anything over this form that would endanger you",
			"Tor Browser", `<label for="tip-contact">How we can reach you</label>`, `name="website" tabindex="-1"`)
		if err := wellFormed(page); err != nil {
			t.Errorf("the person page with its form is not well formed: %v", err)
		}
		secret := "Transferred to colony 17 on the night of 14 May"
		a := s.post(personPath+"/tips", url.Values{"name": {"His sister"}, "contact": {"sister-tip@example.org"}, "text": {secret}, "website": {""}})
		a.expect(t, 303)
		if loc := a.header.Get("Location"); loc != personPath+"?tip=sent#send-information" {
			t.Errorf("Location %q", loc)
		}
		thanks := s.get(personPath+"?tip=sent").expect(t, 200, "Your message has reached our staff, who will read it.")
		refuse(t, thanks, secret, "sister-tip@example.org")
		for _, path := range []string{personPath, "/", "/people", "/news", "/feeds/news.atom", personPath + "/feed.atom", "/feeds/alerts.atom"} {
			refuse(t, s.get(path).body, secret, "sister-tip")
		}
		page2, err := s.st.ListTips(context.Background(), habeas.Confidential, habeas.TipFilter{})
		if err != nil || len(page2.Items) != 1 || page2.Items[0].Text != secret || page2.Items[0].Contact != "sister-tip@example.org" {
			t.Fatalf("the staff's queue: %+v, %v", page2.Items, err)
		}
		if s.st.Dialect() == store.SQLite {
			// The raw bytes of the database file and its log.
			for _, f := range []string{s.dsn, s.dsn + "-wal"} {
				b, err := os.ReadFile(f)
				if err != nil && !os.IsNotExist(err) {
					t.Fatal(err)
				}
				if bytes.Contains(b, []byte("colony 17")) || bytes.Contains(b, []byte("sister-tip")) {
					t.Errorf("%s holds the tip in clear", f)
				}
			}
		}

		s.post(personPath+"/tips", url.Values{"contact": {strings.Repeat("c", 201)}, "text": {"Kept <i>text</i>"}}).expect(t, 422,
			"The contact is longer than 200 characters.", `id="tip-contact-error"`, "Kept &lt;i&gt;text&lt;/i&gt;</textarea>")
		s.post(personPath+"/tips", url.Values{"text": {""}}).expect(t, 422, "The text is required.", "Your message was not sent")

		before := s.fingerprint()
		robot := url.Values{"text": {"spam"}, "website": {"x"}}
		if loc := s.post(personPath+"/tips", robot).header.Get("Location"); loc != personPath+"?tip=sent#send-information" {
			t.Errorf("honeypot: Location %q", loc)
		}
		missing := s.post("/people/no-such-person/tips", url.Values{"text": {"Hello"}}).expect(t, 404)
		if got := s.post("/people/"+s.internalPerson+"/tips", url.Values{"text": {"Hello"}}).expect(t, 404); got != missing {
			t.Error("a tip about a hidden person is answered otherwise than one about a missing person")
		}
		if s.fingerprint() != before {
			t.Error("a robot's tip or one about a hidden person changed the database")
		}
	})
}

// xssCorpus are texts a reader might send to make the page run or show
// something else than text. Each must come out as the text it is.
var xssCorpus = []string{
	`<script>alert(1)</script>`,
	`<SCRIPT SRC=//evil.example/x.js></SCRIPT>`,
	`<img src=x onerror=alert(1)>`,
	`<svg onload=alert(1)>`,
	`<svg><script>alert(1)</script></svg>`,
	`<a href="javascript:alert(1)">click</a>`,
	`javascript:alert(document.cookie)`,
	`<iframe src="javascript:alert(1)"></iframe>`,
	`<body onload=alert(1)>`,
	`"><script>alert(1)</script>`,
	`'><img src=x onerror=alert(1)>`,
	`</p></li></ol><script>alert(1)</script>`,
	`</textarea><script>alert(1)</script>`,
	`&lt;script&gt;alert(1)&lt;/script&gt;`,
	`&#60;script&#62;alert(1)&#60;/script&#62;`,
	`&#x3C;img src=x onerror=alert(1)&#x3E;`,
	`<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>`,
	`<style>body{display:none}</style>`,
	`<link rel=stylesheet href=//evil.example/x.css>`,
	`<meta http-equiv="refresh" content="0;url=//evil.example">`,
	`<form action=//evil.example><input name=q></form>`,
	`<object data="javascript:alert(1)"></object>`,
	`<div style="background:url(javascript:alert(1))">x</div>`,
	`[click](javascript:alert(1)) **bold** <b>b</b>`,
	`{{.}} {{template "layout"}} ${alert(1)}`,
	`<!-- comment --><![CDATA[ x ]]>`,
	"<scr<script>ipt>alert(1)</scr</script>ipt>",
	`%3Cscript%3Ealert(1)%3C/script%3E`,
	`<a href="&#106;avascript:alert(1)">x</a>`,
	`" onmouseover="alert(1)`,
}

// Every text of the corpus, sent through the form and approved, shows as
// the text it is: the comments hold no element, attribute or link of
// the reader's making. Bidirectional overrides are refused at the form.
func TestCommentsAreOnlyEverText(t *testing.T) {
	forEachSite(t, func(t *testing.T, s *site) {
		for i, text := range xssCorpus {
			if i%habeas.CommentsPerHour == 0 {
				s.clk.Add(time.Hour)
			}
			name := "Reader " + strconv.Itoa(i)
			if i%3 == 0 {
				name = text[:min(len(text), 100)]
			}
			s.post(commentsPath, comment(name, text)).expect(t, 303)
		}
		for _, trick := range []string{"abc\u202etxt.exe", "\u2066hidden\u2069", "a\u200bb\u202dc"} {
			s.clk.Add(time.Hour)
			s.post(commentsPath, comment("", trick)).expect(t, 422, "bidirectional control character")
		}
		ctx := context.Background()
		pending, err := s.st.ListComments(ctx, habeas.Internal, habeas.CommentFilter{Status: habeas.CommentPending, ListOptions: habeas.ListOptions{Limit: 100}})
		// The corpus, and the demo's own pending comment.
		if err != nil || len(pending.Items) != len(xssCorpus)+1 {
			t.Fatalf("%d pending comments (%v), want %d", len(pending.Items), err, len(xssCorpus)+1)
		}
		for _, c := range pending.Items {
			if _, err := s.st.ModerateComment(ctx, habeas.Operator, c.ID, habeas.CommentApproved); err != nil {
				t.Fatal(err)
			}
		}
		body := s.get("/news/"+demo.NewsSlug).expect(t, 200)
		start, end := strings.Index(body, `<ol class="comment-list">`), strings.Index(body, `<h3 id="comment-form-h">`)
		if start < 0 || end < start {
			t.Fatalf("no list of comments:\n%s", clipped(body))
		}
		section := body[start:end]
		// Only the list's own elements and attributes.
		allowed := map[string]bool{"ol": true, "li": true, "p": true, "strong": true, "time": true, "br": true}
		attrs := map[string]bool{"class": true, "id": true, "datetime": true}
		var text strings.Builder
		z := html.NewTokenizer(strings.NewReader(section))
		for {
			tt := z.Next()
			if tt == html.ErrorToken {
				break
			}
			tok := z.Token()
			switch tt {
			case html.StartTagToken, html.EndTagToken, html.SelfClosingTagToken:
				if !allowed[tok.Data] {
					t.Errorf("the comments hold a <%s> element", tok.Data)
				}
				for _, a := range tok.Attr {
					if !attrs[a.Key] {
						t.Errorf("the comments hold a %s attribute on <%s>", a.Key, tok.Data)
					}
				}
				if tok.Data == "br" {
					text.WriteString("\n")
				}
			case html.CommentToken, html.DoctypeToken:
				t.Errorf("the comments hold markup of another kind: %q", tok.Data)
			case html.TextToken:
				text.WriteString(tok.Data)
			}
		}
		shown := text.String()
		for _, want := range xssCorpus {
			if !strings.Contains(shown, want) {
				t.Errorf("the comment %q is not shown as the text it is", want)
			}
		}
		// Escaped text never holds a "<": markup does.
		for _, raw := range []string{"<script", "<svg", "<iframe", "<img", "<a ", "<style", "<object", "<meta", "<link", "<form", "<math", "<body", "<div"} {
			if strings.Contains(strings.ToLower(section), raw) {
				t.Errorf("the comments' markup holds %q", raw)
			}
		}
		if err := wellFormed(body); err != nil {
			t.Errorf("the page with the corpus is not well formed: %v", err)
		}
	})
}
