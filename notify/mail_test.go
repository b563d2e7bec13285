package notify

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"io"
	"math/big"
	"mime"
	"mime/quotedprintable"
	"net"
	"net/http/httptest"
	"net/mail"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"

	"codeberg.org/habeas/habeas"
	"codeberg.org/habeas/habeas/store"
	"codeberg.org/habeas/habeas/store/storetest"
)

// message is one mail a test server received, decoded.
type message struct {
	to      string
	header  mail.Header
	subject string
	body    string
}

// mailServer is a real SMTP server in the test process (go-smtp), in one of
// the modes habeas speaks, that keeps what it is sent.
type mailServer struct {
	t    *testing.T
	srv  *smtp.Server
	addr string
	tls  *tls.Config // the client's: trusts the server's certificate

	mu       sync.Mutex
	user     string // when set, PLAIN log-in with user:password is required
	password string
	refuse   int // when set, RCPT is answered with this code
	got      []message
}

func newMailServer(t *testing.T, mode string) *mailServer {
	t.Helper()
	cert, roots := testCert(t)
	ms := &mailServer{t: t, tls: &tls.Config{RootCAs: roots}}
	ms.srv = smtp.NewServer(smtp.BackendFunc(func(*smtp.Conn) (smtp.Session, error) { return &session{ms: ms}, nil }))
	ms.srv.Domain = "localhost"
	ms.srv.ReadTimeout, ms.srv.WriteTimeout = 10*time.Second, 10*time.Second
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	serverTLS := &tls.Config{Certificates: []tls.Certificate{cert}}
	switch mode {
	case StartTLS:
		ms.srv.TLSConfig = serverTLS
	case TLS:
		l = tls.NewListener(l, serverTLS)
	}
	ms.addr = l.Addr().String()
	go ms.srv.Serve(l)
	t.Cleanup(func() { ms.srv.Close() })
	return ms
}

// mailer is a Mailer of the test server's, in mode.
func (ms *mailServer) mailer(t *testing.T, mode, user string) *Mailer {
	scheme := map[string]string{StartTLS: "smtp", TLS: "smtps", Plain: "smtp+plain"}[mode]
	m, err := ParseSMTP(scheme+"://"+user+ms.addr, "alerts@example.org")
	if err != nil {
		t.Fatal(err)
	}
	m.TLS, m.Timeout = ms.tls, 5*time.Second
	return m
}

func (ms *mailServer) messages() []message {
	ms.mu.Lock()
	defer ms.mu.Unlock()
	return append([]message(nil), ms.got...)
}

type session struct {
	ms   *mailServer
	auth bool
	to   string
}

func (s *session) AuthMechanisms() []string { return []string{sasl.Plain} }
func (s *session) Auth(string) (sasl.Server, error) {
	return sasl.NewPlainServer(func(_, user, password string) error {
		s.ms.mu.Lock()
		defer s.ms.mu.Unlock()
		if user != s.ms.user || password != s.ms.password {
			return &smtp.SMTPError{Code: 535, EnhancedCode: smtp.EnhancedCode{5, 7, 8}, Message: "wrong user name or password"}
		}
		s.auth = true
		return nil
	}), nil
}
func (s *session) Mail(string, *smtp.MailOptions) error {
	s.ms.mu.Lock()
	defer s.ms.mu.Unlock()
	if s.ms.user != "" && !s.auth {
		return &smtp.SMTPError{Code: 530, Message: "log in first"}
	}
	return nil
}
func (s *session) Rcpt(to string, _ *smtp.RcptOptions) error {
	s.ms.mu.Lock()
	defer s.ms.mu.Unlock()
	if s.ms.refuse != 0 {
		return &smtp.SMTPError{Code: s.ms.refuse, Message: "mailbox unavailable"}
	}
	s.to = to
	return nil
}
func (s *session) Data(r io.Reader) error {
	m, err := mail.ReadMessage(r)
	if err != nil {
		return err
	}
	body, err := io.ReadAll(quotedprintable.NewReader(m.Body))
	if err != nil {
		return err
	}
	subject, err := new(mime.WordDecoder).DecodeHeader(m.Header.Get("Subject"))
	if err != nil {
		return err
	}
	s.ms.mu.Lock()
	defer s.ms.mu.Unlock()
	s.ms.got = append(s.ms.got, message{to: s.to, header: m.Header, subject: subject, body: string(body)})
	return nil
}
func (s *session) Reset()        {}
func (s *session) Logout() error { return nil }

// testCert makes a self-signed certificate for 127.0.0.1 and the pool
// that trusts it.
func testCert(t *testing.T) (tls.Certificate, *x509.CertPool) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "test mail server"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		IPAddresses: []net.IP{net.ParseIP("127.0.0.1")}, DNSNames: []string{"localhost"},
		KeyUsage: x509.KeyUsageDigitalSignature, ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	c, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	pool := x509.NewCertPool()
	pool.AddCert(c)
	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key, Leaf: c}, pool
}

// subscriber adds a staff account subscribed to e-mails.
func subscriber(t *testing.T, s *store.Store, email, role string, confidential bool, sub habeas.MailSubscription) *habeas.User {
	t.Helper()
	u := &habeas.User{Email: email, Name: "Staff " + role, Role: role, Confidential: confidential}
	must(t, s.CreateUser(context.Background(), u))
	must(t, s.SetMailSubscription(context.Background(), u, &sub))
	return u
}

// TestMail follows alert changes to a real SMTP server: a critical alert
// at once, the rest in one daily digest per account at its hour, each
// mail sent once; never a confidential case, never a case a volunteer was
// not given, never to a disabled account or one outside its filters; a
// refusing server and a worker that died mid-send lose nothing and double
// nothing; two workers send each mail once.
func TestMail(t *testing.T) {
	clk := &clock{t: day("2025-05-15")}
	storetest.ForEach(t, clk, func(t *testing.T, s *store.Store) {
		clk.Set(day("2025-05-15"))
		ctx := context.Background()
		ms := newMailServer(t, StartTLS)
		m := ms.mailer(t, StartTLS, "")
		letter := Letter{Site: "Example Rights", Base: "https://rights.example.org"}
		deliver := func() (int, int) {
			t.Helper()
			sent, failed, err := DeliverMail(ctx, s, m, letter, clk.Now)
			must(t, err)
			return sent, failed
		}
		op := habeas.Operator
		p := person("Elvin Example", habeas.Public)
		must(t, s.CreatePerson(ctx, op, p))
		other := person("Other Example", habeas.Public)
		must(t, s.CreatePerson(ctx, op, other))

		ed := subscriber(t, s, "ed@example.org", habeas.RoleEditor, false, habeas.MailSubscription{MinSeverity: "high", DigestHour: 6})
		vol := subscriber(t, s, "vol@example.org", habeas.RoleVolunteer, false, habeas.MailSubscription{MinSeverity: "info", DigestHour: 8})
		_, err := s.Assign(ctx, admin(), vol.ID, p.ID)
		must(t, err)
		by := subscriber(t, s, "by@example.org", habeas.RoleResearcher, false, habeas.MailSubscription{MinSeverity: "info", Country: "BY"})
		gone := subscriber(t, s, "gone@example.org", habeas.RoleEditor, false, habeas.MailSubscription{MinSeverity: "info"})
		must(t, s.SetDisabled(ctx, op, gone.ID, true))
		boss := subscriber(t, s, "boss@example.org", habeas.RoleAdmin, true, habeas.MailSubscription{MinSeverity: "info", DigestHour: 7})

		// No news for 14 days: no_news opens at high, no_contact at
		// warning. Nothing is critical: nothing goes out before the digest.
		newCase := func(pid int64, arrest string, v habeas.Visibility) {
			t.Helper()
			must(t, s.CreateCase(ctx, op, &habeas.Case{PersonID: pid, Country: "AZ", Status: habeas.StatusDetained,
				ArrestDate: arrest, Classification: "not_assessed", Position: "unknown", Visibility: v}))
		}
		newCase(p.ID, "2025-05-01", habeas.Public)
		newCase(other.ID, "2025-05-01", habeas.Public)
		if sent, failed := deliver(); sent+failed != 0 {
			t.Fatalf("before any digest is due: sent %d, failed %d", sent, failed)
		}

		// 06:00 the next day: the editor's digest (their hour), the no_news
		// alerts of both cases; the volunteer's waits for 08:00.
		clk.Set(day("2025-05-16").Add(-4*time.Hour + time.Minute)) // 06:01
		if sent, _ := deliver(); sent != 1 {
			t.Fatalf("at 06:01 sent %d, want the editor's digest", sent)
		}
		got := ms.messages()
		if d := got[0]; d.to != ed.Email || !strings.Contains(d.subject, "digest of alerts, 2 changes") ||
			strings.Count(d.body, "No news (opened") != 2 || strings.Contains(d.body, "No contact") {
			t.Errorf("editor's digest: to %s, %q\n%s", d.to, d.subject, d.body)
		}
		clk.Set(day("2025-05-16").Add(-2*time.Hour + time.Minute)) // 08:01
		if sent, _ := deliver(); sent != 2 {
			t.Fatalf("at 08:01 sent %d, want the admin's (07:00) and the volunteer's (08:00) digests", sent)
		}
		if d := to(ms, vol.Email)[0]; d.to != vol.Email || strings.Contains(d.body, "Other Example") ||
			!strings.Contains(d.body, "No news (opened") || !strings.Contains(d.body, "No contact with family or lawyer (opened") {
			t.Errorf("volunteer's digest must hold both alerts of their own case only: %q\n%s", d.subject, d.body)
		}
		if sent, _ := deliver(); sent != 0 {
			t.Errorf("a second round sent %d again", sent)
		}

		// 29 days: no_news turns critical, and goes out at once.
		clk.Set(day("2025-05-30"))
		_, err = s.SweepAlerts(ctx)
		must(t, err)
		if sent, _ := deliver(); sent != 5 { // the editor and the admin for both cases, the volunteer for theirs
			t.Fatalf("critical: sent %d, want 5", sent)
		}
		for _, msg := range ms.messages()[3:] {
			if msg.to == vol.Email && strings.Contains(msg.body, "Other Example") {
				t.Errorf("the volunteer was told of a case they were not given")
			}
			if !strings.Contains(msg.subject, "critical alert, no news") || strings.Contains(msg.subject, "Elvin") || strings.Contains(msg.subject, "Other") {
				t.Errorf("subject %q: want the rule and severity, never a name", msg.subject)
			}
			if !strings.Contains(msg.body, "https://rights.example.org/admin/alerts/") {
				t.Errorf("no link to the alert:\n%s", msg.body)
			}
			if id := msg.header.Get("Message-Id"); !strings.HasPrefix(id, "<habeas-mail-") || msg.header.Get("Auto-Submitted") != "auto-generated" {
				t.Errorf("headers: %v", msg.header)
			}
		}

		// Outside its filters, disabled, or confidential: never mailed.
		newCase(must1(t, s, "Hidden Example", habeas.Confidential), "2025-04-01", habeas.Confidential)
		clk.Add(24 * time.Hour) // every digest is due
		deliver()
		for _, msg := range ms.messages() {
			if msg.to == by.Email || msg.to == gone.Email {
				t.Errorf("mailed %s: outside its subscription", msg.to)
			}
			if strings.Contains(msg.body, "Hidden Example") {
				t.Errorf("a confidential case was mailed to %s", msg.to)
			}
		}
		if list, _ := s.Mails(ctx, boss.ID, 10); len(list) == 0 {
			t.Errorf("the admin subscribed to everything got no mail")
		}

		// The server refuses: the mail waits and is sent after the back-off.
		ms.mu.Lock()
		ms.refuse = 451
		ms.mu.Unlock()
		newCase(must1(t, s, "Critical Example", habeas.Public), "2025-04-15", habeas.Public) // no news for 46 days: critical at once
		before := len(ms.messages())
		if _, failed := deliver(); failed != 2 { // the editor and the admin
			t.Fatalf("refused: %d failed, want 2", failed)
		}
		list, err := s.Mails(ctx, ed.ID, 1)
		must(t, err)
		if l := list[0]; l.State != "pending" || l.Attempts != 1 || !strings.Contains(l.LastError, "451") || !l.NextAt.After(clk.Now()) {
			t.Errorf("after a refusal: %+v", l)
		}
		ms.mu.Lock()
		ms.refuse = 0
		ms.mu.Unlock()
		if sent, _ := deliver(); sent != 0 {
			t.Errorf("retried before its time")
		}
		clk.Add(31 * time.Second)
		if sent, _ := deliver(); sent != 2 || len(ms.messages()) != before+2 {
			t.Errorf("after the back-off: sent %d", sent)
		}

		// A worker claims and dies: nothing is sent until its lease ends,
		// then each mail once.
		newCase(must1(t, s, "Lease Example", habeas.Public), "2025-04-15", habeas.Public)
		claimed, err := s.ClaimMails(ctx, 10, lease)
		must(t, err)
		if len(claimed) != 2 {
			t.Fatalf("claimed %d, want 2", len(claimed))
		}
		if sent, _ := deliver(); sent != 0 {
			t.Errorf("sent %d while another worker held them", sent)
		}
		clk.Add(lease + time.Second)
		if sent, _ := deliver(); sent != 2 {
			t.Errorf("after the lease: sent %d, want 2", sent)
		}

		// Twelve critical cases, two workers at once: each mail arrives once.
		for i := range 12 {
			newCase(must1(t, s, "Many Example "+string(rune('A'+i)), habeas.Public), "2025-04-15", habeas.Public)
		}
		before = len(ms.messages())
		var wg sync.WaitGroup
		for range 2 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				if _, _, err := DeliverMail(ctx, s, m, letter, clk.Now); err != nil {
					t.Error(err)
				}
			}()
		}
		wg.Wait()
		ids := map[string]int{}
		for _, msg := range ms.messages() {
			ids[msg.header.Get("Message-Id")]++
		}
		for id, n := range ids {
			if n != 1 {
				t.Errorf("%s received %d times", id, n)
			}
		}
		if n := len(ms.messages()) - before; n != 24 {
			t.Errorf("two workers sent %d mails, want 24 (12 cases × editor and admin)", n)
		}
		if pending, gaveUp, _ := s.MailBacklog(ctx); pending != 0 || gaveUp != 0 {
			t.Errorf("backlog %d pending, %d given up", pending, gaveUp)
		}

		// Raising the minimum severity drops the waiting notices below it.
		vsub, err := s.MailSubscription(ctx, vol.ID)
		must(t, err)
		newCase(p.ID, "2025-05-20", habeas.Public) // a new case of the volunteer's person: no_news opens at warning
		vsub.MinSeverity = "critical"
		must(t, s.SetMailSubscription(ctx, vol, vsub))
		before = len(to(ms, vol.Email))
		clk.Add(24 * time.Hour)
		deliver()
		for _, msg := range to(ms, vol.Email)[before:] {
			if strings.Contains(msg.body, "Warning alert") || strings.Contains(msg.body, "High alert") {
				t.Errorf("a notice below the new minimum reached the volunteer:\n%s", msg.body)
			}
		}

		// Stopping: nothing more for the editor, neither the notices waiting
		// for its digest nor a mail waiting for a retry.
		ms.mu.Lock()
		ms.refuse = 451
		ms.mu.Unlock()
		newCase(must1(t, s, "Stop Example", habeas.Public), "2025-04-15", habeas.Public)
		deliver() // refused: the editor's mail waits for its retry
		ms.mu.Lock()
		ms.refuse = 0
		ms.mu.Unlock()
		must(t, s.StopMail(ctx, ed))
		if sub, _ := s.MailSubscription(ctx, ed.ID); sub != nil {
			t.Errorf("still subscribed: %+v", sub)
		}
		before = len(to(ms, ed.Email))
		clk.Add(48 * time.Hour) // every retry and every digest is due
		deliver()
		if n := len(to(ms, ed.Email)) - before; n != 0 {
			t.Errorf("%d mails reached the editor after they stopped their e-mails", n)
		}
		if list, _ := s.Mails(ctx, ed.ID, 1); list[0].State != "gave_up" || !strings.Contains(list[0].LastError, "stopped") {
			t.Errorf("the mail waiting for its retry: %+v", list[0])
		}
	})
}

// to returns the messages ms received for addr.
func to(ms *mailServer, addr string) []message {
	var list []message
	for _, m := range ms.messages() {
		if m.to == addr {
			list = append(list, m)
		}
	}
	return list
}

// must1 adds a person named name and returns its id.
func must1(t *testing.T, s *store.Store, name string, v habeas.Visibility) int64 {
	t.Helper()
	p := person(name, v)
	must(t, s.CreatePerson(context.Background(), habeas.Operator, p))
	return p.ID
}

// A subscription is checked field by field and refuses an organization
// the account may not read as a missing one.
func TestMailSubscriptionValidate(t *testing.T) {
	tests := []struct {
		sub   habeas.MailSubscription
		field string
	}{
		{habeas.MailSubscription{MinSeverity: "high", DigestHour: 6}, ""},
		{habeas.MailSubscription{MinSeverity: "critical", Country: "AZ", DigestHour: 0}, ""},
		{habeas.MailSubscription{MinSeverity: "urgent"}, "min_severity"},
		{habeas.MailSubscription{MinSeverity: ""}, "min_severity"},
		{habeas.MailSubscription{MinSeverity: "info", Country: "az"}, "country"},
		{habeas.MailSubscription{MinSeverity: "info", DigestHour: 24}, "digest_hour"},
		{habeas.MailSubscription{MinSeverity: "info", DigestHour: -1}, "digest_hour"},
		{habeas.MailSubscription{MinSeverity: "info", OrganizationID: -3}, "organization_id"},
	}
	for _, tt := range tests {
		err := tt.sub.Validate()
		if tt.field == "" && err != nil {
			t.Errorf("%+v: %v", tt.sub, err)
		}
		if tt.field != "" && habeas.ErrorFields(err)[tt.field] == "" {
			t.Errorf("%+v: %v, want %s refused", tt.sub, err, tt.field)
		}
	}
	storetest.ForEach(t, &clock{t: day("2025-05-15")}, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		org := &habeas.Organization{Name: "Hidden Union", Kind: "party", Country: "AZ", Visibility: habeas.Internal}
		must(t, s.CreateOrganization(ctx, habeas.Operator, org))
		vol := &habeas.User{Email: "v@example.org", Role: habeas.RoleVolunteer}
		must(t, s.CreateUser(ctx, vol))
		err := s.SetMailSubscription(ctx, vol, &habeas.MailSubscription{MinSeverity: "info", OrganizationID: org.ID})
		hidden := habeas.ErrorFields(err)["organization_id"]
		err = s.SetMailSubscription(ctx, vol, &habeas.MailSubscription{MinSeverity: "info", OrganizationID: org.ID + 1000})
		if missing := habeas.ErrorFields(err)["organization_id"]; hidden == "" ||
			strings.ReplaceAll(hidden, itoa(org.ID), "N") != strings.ReplaceAll(missing, itoa(org.ID+1000), "N") {
			t.Errorf("hidden organization %q, missing one %q: want the same words", hidden, missing)
		}
		if sub, _ := s.MailSubscription(ctx, vol.ID); sub != nil {
			t.Errorf("a refused subscription was kept: %+v", sub)
		}
		ed := &habeas.User{Email: "e@example.org", Role: habeas.RoleEditor}
		must(t, s.CreateUser(ctx, ed))
		must(t, s.SetMailSubscription(ctx, ed, &habeas.MailSubscription{MinSeverity: "info", OrganizationID: org.ID}))
	})
}

func itoa(n int64) string { return big.NewInt(n).String() }

// The mail server's modes, its log-in, and the ways it fails: each
// answered with a clear error within the time-out.
func TestMailServerModes(t *testing.T) {
	msg := []byte("Subject: test\r\n\r\nhello\r\n")
	ctx := context.Background()
	for _, mode := range []string{StartTLS, TLS, Plain} {
		ms := newMailServer(t, mode)
		if err := ms.mailer(t, mode, "").Send(ctx, "a@example.org", msg); err != nil {
			t.Errorf("%s: %v", mode, err)
		} else if len(ms.messages()) != 1 {
			t.Errorf("%s: the server got %d messages", mode, len(ms.messages()))
		}
	}

	// A log-in, over TLS only; a wrong password is named as such.
	ms := newMailServer(t, StartTLS)
	ms.user, ms.password = "habeas", "s3cret"
	if err := ms.mailer(t, StartTLS, "habeas:s3cret@").Send(ctx, "a@example.org", msg); err != nil {
		t.Errorf("log-in: %v", err)
	}
	if err := ms.mailer(t, StartTLS, "habeas:wrong@").Send(ctx, "a@example.org", msg); err == nil || !strings.Contains(err.Error(), "refused the log-in: 535") {
		t.Errorf("wrong password: %v", err)
	}

	// smtp:// sends nothing to a server that offers no STARTTLS.
	plain := newMailServer(t, Plain)
	m := plain.mailer(t, Plain, "")
	m.Mode = StartTLS
	if err := m.Send(ctx, "a@example.org", msg); err == nil || !strings.Contains(err.Error(), "does not offer STARTTLS") {
		t.Errorf("no STARTTLS: %v", err)
	}
	if len(plain.messages()) != 0 {
		t.Errorf("sent in the clear")
	}

	// A server with a certificate nobody vouches for is refused.
	ms = newMailServer(t, TLS)
	m = ms.mailer(t, TLS, "")
	m.TLS = nil
	if err := m.Send(ctx, "a@example.org", msg); err == nil || !strings.Contains(err.Error(), "TLS") {
		t.Errorf("untrusted certificate: %v", err)
	}

	// A server that accepts and never speaks, and one that hangs up.
	hang, err := net.Listen("tcp", "127.0.0.1:0")
	must(t, err)
	defer hang.Close()
	var held []net.Conn
	var mu sync.Mutex
	go func() {
		for {
			c, err := hang.Accept()
			if err != nil {
				return
			}
			mu.Lock()
			held = append(held, c)
			mu.Unlock()
		}
	}()
	defer func() {
		mu.Lock()
		for _, c := range held {
			c.Close()
		}
		mu.Unlock()
	}()
	m, err = ParseSMTP("smtp+plain://"+hang.Addr().String(), "alerts@example.org")
	must(t, err)
	m.Timeout = 300 * time.Millisecond
	start := time.Now()
	if err := m.Send(ctx, "a@example.org", msg); err == nil || !strings.Contains(err.Error(), "did not answer the greeting within 300ms") {
		t.Errorf("silent server: %v", err)
	}
	if took := time.Since(start); took > 3*time.Second {
		t.Errorf("a silent server held the send for %s", took)
	}
	drop, err := net.Listen("tcp", "127.0.0.1:0")
	must(t, err)
	defer drop.Close()
	go func() {
		for {
			c, err := drop.Accept()
			if err != nil {
				return
			}
			c.Close()
		}
	}()
	m, err = ParseSMTP("smtp+plain://"+drop.Addr().String(), "alerts@example.org")
	must(t, err)
	if err := m.Send(ctx, "a@example.org", msg); err == nil || !strings.Contains(err.Error(), "greeting") {
		t.Errorf("server that hangs up: %v", err)
	}
	closed, err := net.Listen("tcp", "127.0.0.1:0")
	must(t, err)
	addr := closed.Addr().String()
	closed.Close()
	m, err = ParseSMTP("smtp+plain://"+addr, "alerts@example.org")
	must(t, err)
	if err := m.Send(ctx, "a@example.org", msg); err == nil || !strings.Contains(err.Error(), "could not reach the mail server") {
		t.Errorf("nobody listening: %v", err)
	}
}

func TestParseSMTP(t *testing.T) {
	tests := []struct {
		url, from  string
		mode, addr string // "" mode: refused
		user       string
	}{
		{"smtp://mail.example.org", "a@example.org", StartTLS, "mail.example.org:587", ""},
		{"smtp://u:p@mail.example.org:2525", "a@example.org", StartTLS, "mail.example.org:2525", "u"},
		{"smtps://mail.example.org", "a@example.org", TLS, "mail.example.org:465", ""},
		{"smtp+plain://127.0.0.1", "a@example.org", Plain, "127.0.0.1:25", ""},
		{"smtp+plain://u:p@127.0.0.1", "a@example.org", "", "", ""}, // a password in the clear
		{"http://mail.example.org", "a@example.org", "", "", ""},
		{"mail.example.org:587", "a@example.org", "", "", ""},
		{"smtp://mail.example.org:0", "a@example.org", "", "", ""},
		{"smtp://mail.example.org:99999", "a@example.org", "", "", ""},
		{"smtp://mail.example.org/x", "a@example.org", "", "", ""},
		{"smtp://mail.example.org?x=1", "a@example.org", "", "", ""},
		{"smtp://mail.example.org", "", "", "", ""},
		{"smtp://mail.example.org", "Alerts <a@example.org>", "", "", ""},
		{"smtp://mail.example.org", "a@example.org\r\nBcc: b@example.org", "", "", ""},
	}
	for _, tt := range tests {
		m, err := ParseSMTP(tt.url, tt.from)
		if tt.mode == "" {
			if err == nil {
				t.Errorf("ParseSMTP(%q, %q) took it: %+v", tt.url, tt.from, m)
			}
			continue
		}
		if err != nil || m.Mode != tt.mode || m.Addr() != tt.addr || m.User != tt.user {
			t.Errorf("ParseSMTP(%q, %q) = %+v, %v", tt.url, tt.from, m, err)
		}
	}
}

// A composed mail keeps every header on one line whatever a name holds,
// and says the non-ASCII words of its subject and body intact.
func TestCompose(t *testing.T) {
	n := habeas.AlertNotice{AlertID: 7, Person: "Əli\r\nBcc: x@example.org Məmmədov", Rule: "no_news", Severity: "critical",
		Change: "opened", Sentence: "No news for 8 days.", At: day("2025-05-15")}
	raw := Compose(habeas.OutgoingMail{ID: 3, Kind: habeas.MailAlert, To: "a@example.org", Name: "Staff\r\nBcc: y@example.org",
		Notices: []habeas.AlertNotice{n}}, "alerts@example.org", Letter{Site: "Права\nлюдей", Base: "https://x.example.org"}, day("2025-05-15"))
	m, err := mail.ReadMessage(strings.NewReader(string(raw)))
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Header["Bcc"]) != 0 {
		t.Errorf("a name added a header: %v", m.Header)
	}
	subject, _ := new(mime.WordDecoder).DecodeHeader(m.Header.Get("Subject"))
	if subject != "Права людей: critical alert, no news" {
		t.Errorf("subject %q", subject)
	}
	body, _ := io.ReadAll(quotedprintable.NewReader(m.Body))
	if !strings.Contains(string(body), "Əli Bcc: x@example.org Məmmədov\r\n") || !strings.Contains(string(body), "https://x.example.org/admin/alerts/7") {
		t.Errorf("body:\n%s", body)
	}
}

// A digest spells out its first changes and counts the rest.
func TestComposeLongDigest(t *testing.T) {
	var ns []habeas.AlertNotice
	for i := range digestMax + 7 {
		ns = append(ns, habeas.AlertNotice{AlertID: int64(i + 1), Person: "P", Rule: "no_news", Severity: "high", Change: "opened",
			Sentence: "No news.", At: day("2025-05-15")})
	}
	raw := Compose(habeas.OutgoingMail{ID: 1, Kind: habeas.MailDigest, To: "a@example.org", Notices: ns}, "alerts@example.org",
		Letter{Site: "S", Base: "https://x.example.org"}, day("2025-05-16"))
	m, _ := mail.ReadMessage(strings.NewReader(string(raw)))
	body, _ := io.ReadAll(quotedprintable.NewReader(m.Body))
	subject, _ := new(mime.WordDecoder).DecodeHeader(m.Header.Get("Subject"))
	if subject != "S: digest of alerts, 107 changes" || strings.Count(string(body), "/admin/alerts/") != digestMax ||
		!strings.Contains(string(body), "And 7 more changes: every alert is on https://x.example.org/admin/alerts") {
		t.Errorf("%q\n%s", subject, body)
	}
}

// Two serve processes on one PostgreSQL database, each with its own store
// (its own connections), deliver at the same time: every webhook delivery
// and every mail arrives exactly once.
func TestTwoProcessesDeliverOnce(t *testing.T) {
	if !slices.Contains(storetest.Backends(), store.Postgres) {
		t.Skip("needs PostgreSQL (" + storetest.EnvPostgres + ")")
	}
	clk := &clock{t: day("2025-05-15")}
	ctx := context.Background()
	dsn, key := storetest.DSN(t, store.Postgres), storetest.Key()
	var stores []*store.Store
	for range 2 {
		s, err := store.Open(ctx, store.Config{DSN: dsn, Key: key, Clock: clk})
		must(t, err)
		t.Cleanup(func() { s.Close() })
		_, err = s.Migrate(ctx)
		must(t, err)
		stores = append(stores, s)
	}
	s := stores[0]
	rc := &receiver{t: t, now: clk.Now, got: map[string]int{}}
	srv := httptest.NewServer(rc)
	defer srv.Close()
	h := &habeas.Webhook{URL: srv.URL, Access: habeas.Internal, MinSeverity: "critical", Active: true, AllowPrivate: true}
	must(t, s.CreateWebhook(ctx, admin(), h))
	rc.secret = h.Secret
	ms := newMailServer(t, StartTLS)
	m := ms.mailer(t, StartTLS, "")
	ed := subscriber(t, s, "ed@example.org", habeas.RoleEditor, false, habeas.MailSubscription{MinSeverity: "critical"})
	for i := range 20 {
		id := must1(t, s, "Twice Example "+string(rune('A'+i)), habeas.Public)
		must(t, s.CreateCase(ctx, habeas.Operator, &habeas.Case{PersonID: id, Country: "AZ", Status: habeas.StatusDetained,
			ArrestDate: "2025-04-01", Classification: "not_assessed", Position: "unknown"})) // 44 days: no_news critical
	}
	var wg sync.WaitGroup
	for _, st := range stores {
		wg.Add(2)
		go func() {
			defer wg.Done()
			if _, _, err := Deliver(ctx, st, clk.Now); err != nil {
				t.Error(err)
			}
		}()
		go func() {
			defer wg.Done()
			if _, _, err := DeliverMail(ctx, st, m, Letter{Site: "S", Base: "https://x.example.org"}, clk.Now); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	deliveries, requests := rc.count()
	if deliveries != 20 || requests != 20 {
		t.Errorf("webhook: %d deliveries in %d requests, want 20 each once", deliveries, requests)
	}
	ids := map[string]int{}
	for _, msg := range to(ms, ed.Email) {
		ids[msg.header.Get("Message-Id")]++
	}
	if len(ids) != 20 || len(to(ms, ed.Email)) != 20 {
		t.Errorf("mail: %d mails, %d distinct; want 20, each once", len(to(ms, ed.Email)), len(ids))
	}
}
