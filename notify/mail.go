package notify

import (
	"bytes"
	"cmp"
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"mime"
	"mime/quotedprintable"
	"net"
	"net/mail"
	"net/smtp"
	"net/textproto"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode"

	"codeberg.org/habeas/habeas"
	"codeberg.org/habeas/habeas/alerts"
)

// E-mail: the outbox's mails (store/mail.go) sent over SMTP. A mail is
// sent at least once: should habeas stop between the server's acceptance
// and the record of it, the mail is sent again when its lease ends, with
// the same Message-ID, by which a mail system that has it already may
// drop it.

// MailStore is what sending mail needs of the store.
type MailStore interface {
	ClaimMails(ctx context.Context, n int, lease time.Duration) ([]habeas.OutgoingMail, error)
	FinishMail(ctx context.Context, m habeas.OutgoingMail, problem string, ok bool) error
}

// SMTP modes.
const (
	StartTLS = "starttls" // smtp://: plain connection, upgraded with STARTTLS before anything is said
	TLS      = "tls"      // smtps://: TLS from the first byte
	Plain    = "plain"    // smtp+plain://: no TLS at all, for a relay on this machine or network
)

// Mailer sends mail through one SMTP server.
type Mailer struct {
	Host, Port     string
	Mode           string
	User, Password string
	// From is the sender's address, and Site the sender's name (the
	// group's site name).
	From string
	// TLS, when set, is used for the TLS connection (tests give their
	// own roots); nil checks the server's certificate against the system's.
	TLS *tls.Config
	// Timeout bounds one mail: connecting, the whole conversation and the
	// server's answers; 0 is 30 seconds.
	Timeout time.Duration
}

// ParseSMTP reads the mail server's address:
//
//	smtp://[user:password@]host[:587]       STARTTLS, required
//	smtps://[user:password@]host[:465]      TLS from the first byte
//	smtp+plain://host[:25]                  no TLS (a relay on this machine)
//
// and the sender's address, from.
func ParseSMTP(raw, from string) (*Mailer, error) {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" || u.Opaque != "" || (u.Path != "" && u.Path != "/") || u.RawQuery != "" || u.Fragment != "" {
		return nil, errors.New("want smtp://[user:password@]host[:port], smtps://… or smtp+plain://…")
	}
	m := &Mailer{Host: u.Hostname(), Port: u.Port()}
	switch u.Scheme {
	case "smtp":
		m.Mode, m.Port = StartTLS, cmp.Or(m.Port, "587")
	case "smtps":
		m.Mode, m.Port = TLS, cmp.Or(m.Port, "465")
	case "smtp+plain":
		m.Mode, m.Port = Plain, cmp.Or(m.Port, "25")
	default:
		return nil, fmt.Errorf("unknown scheme %q: want smtp:// (STARTTLS), smtps:// (TLS) or smtp+plain:// (no TLS)", u.Scheme)
	}
	if n, err := strconv.Atoi(m.Port); err != nil || n < 1 || n > 65535 {
		return nil, fmt.Errorf("port %q: want a number from 1 to 65535", m.Port)
	}
	if u.User != nil {
		m.User = u.User.Username()
		m.Password, _ = u.User.Password()
		if m.Mode == Plain {
			return nil, errors.New("smtp+plain:// sends no password: a password is sent only over TLS (smtp:// or smtps://)")
		}
	}
	a, err := mail.ParseAddress(from)
	if err != nil || a.Name != "" || a.Address != from {
		return nil, fmt.Errorf("sender %q: want a plain address such as alerts@example.org", from)
	}
	m.From = from
	return m, nil
}

// Addr is the server's host:port.
func (m *Mailer) Addr() string { return net.JoinHostPort(m.Host, m.Port) }

func (m *Mailer) timeout() time.Duration {
	if m.Timeout > 0 {
		return m.Timeout
	}
	return 30 * time.Second
}

func (m *Mailer) tlsConfig() *tls.Config {
	if m.TLS != nil {
		c := m.TLS.Clone()
		if c.ServerName == "" {
			c.ServerName = m.Host
		}
		return c
	}
	return &tls.Config{ServerName: m.Host, MinVersion: tls.VersionTLS12}
}

// Send sends msg, a whole message with its headers, to one address, within
// the mailer's time-out; it returns why the server did not take it.
func (m *Mailer) Send(ctx context.Context, to string, msg []byte) error {
	ctx, cancel := context.WithTimeout(ctx, m.timeout())
	defer cancel()
	d := net.Dialer{Timeout: m.timeout()}
	conn, err := d.DialContext(ctx, "tcp", m.Addr())
	if err != nil {
		return fmt.Errorf("could not reach the mail server %s: %w", m.Addr(), err)
	}
	defer conn.Close()
	deadline, _ := ctx.Deadline()
	conn.SetDeadline(deadline)
	stop := context.AfterFunc(ctx, func() { conn.SetDeadline(time.Now()) })
	defer stop()
	if m.Mode == TLS {
		tc := tls.Client(conn, m.tlsConfig())
		if err := tc.HandshakeContext(ctx); err != nil {
			return fmt.Errorf("TLS with the mail server: %w", err)
		}
		conn = tc
	}
	c, err := smtp.NewClient(conn, m.Host)
	if err != nil {
		return explain("greeting", err, m.timeout())
	}
	defer c.Close()
	if err := c.Hello(helloName(m.From)); err != nil {
		return explain("EHLO", err, m.timeout())
	}
	if m.Mode == StartTLS {
		if ok, _ := c.Extension("STARTTLS"); !ok {
			return errors.New("the mail server does not offer STARTTLS, and smtp:// sends nothing without it: use smtps:// for TLS from the start, or smtp+plain:// for a relay on this machine")
		}
		if err := c.StartTLS(m.tlsConfig()); err != nil {
			return explain("STARTTLS", err, m.timeout())
		}
	}
	if m.User != "" {
		if err := c.Auth(smtp.PlainAuth("", m.User, m.Password, m.Host)); err != nil {
			return explain("log-in", err, m.timeout())
		}
	}
	if err := c.Mail(m.From); err != nil {
		return explain("sender", err, m.timeout())
	}
	if err := c.Rcpt(to); err != nil {
		return explain("recipient", err, m.timeout())
	}
	w, err := c.Data()
	if err != nil {
		return explain("DATA", err, m.timeout())
	}
	if _, err := w.Write(msg); err != nil {
		return explain("message", err, m.timeout())
	}
	if err := w.Close(); err != nil {
		return explain("message", err, m.timeout())
	}
	c.Quit() // the message is taken: a failed goodbye changes nothing
	return nil
}

// explain says which step of the conversation failed, and how.
func explain(step string, err error, timeout time.Duration) error {
	var ne net.Error
	var te *textproto.Error
	switch {
	case errors.As(err, &te):
		return fmt.Errorf("the mail server refused the %s: %d %s", step, te.Code, te.Msg)
	case errors.As(err, &ne) && ne.Timeout():
		return fmt.Errorf("the mail server did not answer the %s within %s", step, timeout)
	}
	return fmt.Errorf("mail server, %s: %w", step, err)
}

// helloName is the name habeas gives itself: the sender's domain.
func helloName(from string) string {
	if _, dom, ok := strings.Cut(from, "@"); ok && dom != "" {
		return dom
	}
	return "localhost"
}

// Letter is what a mail says of where it comes from.
type Letter struct {
	Site string // the group's site name
	Base string // the site's origin, for links: https://example.org
}

// digestMax is how many changes a digest spells out; the rest it counts
// (after an import, a first day may hold thousands).
const digestMax = 100

// Compose writes m as a whole message from from: plain text in UTF-8,
// quoted-printable. The subject names the alert's rule and severity but
// never a person: a subject shows on a locked phone.
func Compose(m habeas.OutgoingMail, from string, l Letter, now time.Time) []byte {
	site := cmp.Or(oneLine(l.Site), "habeas")
	var subject string
	var body strings.Builder
	if m.Kind == habeas.MailAlert && len(m.Notices) == 1 {
		n := m.Notices[0]
		subject = fmt.Sprintf("%s: %s alert, %s", site, n.Severity, strings.ToLower(alerts.Title(n.Rule)))
		fmt.Fprintf(&body, "%s alert: %s (%s).\n\n", capital(n.Severity), alerts.Title(n.Rule), changeWords(n))
		writeNotice(&body, n, l)
	} else {
		subject = fmt.Sprintf("%s: digest of alerts, %d %s", site, len(m.Notices), plural(len(m.Notices), "change", "changes"))
		fmt.Fprintf(&body, "What changed in the alerts you follow since the last digest, oldest first.\n\n")
		for i, n := range m.Notices[:min(len(m.Notices), digestMax)] {
			fmt.Fprintf(&body, "%d. %s alert: %s (%s).\n", i+1, capital(n.Severity), alerts.Title(n.Rule), changeWords(n))
			writeNotice(&body, n, l)
		}
		if more := len(m.Notices) - digestMax; more > 0 {
			fmt.Fprintf(&body, "And %d more %s: every alert is on %s/admin/alerts\n\n", more, plural(more, "change", "changes"), l.Base)
		}
	}
	fmt.Fprintf(&body, "-- \nYou get this because your account at %s asks for e-mails of alerts: critical ones at once, "+
		"the rest in a daily digest. Change or stop them on your account page: %s/admin/account\n", site, l.Base)

	var msg bytes.Buffer
	header := func(k, v string) { msg.WriteString(k + ": " + v + "\r\n") }
	header("From", (&mail.Address{Name: site, Address: from}).String())
	header("To", (&mail.Address{Name: oneLine(m.Name), Address: m.To}).String())
	header("Subject", mime.QEncoding.Encode("utf-8", subject))
	header("Date", now.UTC().Format(time.RFC1123Z))
	header("Message-ID", "<habeas-mail-"+strconv.FormatInt(m.ID, 10)+"@"+helloName(from)+">")
	header("MIME-Version", "1.0")
	header("Content-Type", "text/plain; charset=utf-8")
	header("Content-Transfer-Encoding", "quoted-printable")
	header("Auto-Submitted", "auto-generated")
	msg.WriteString("\r\n")
	qp := quotedprintable.NewWriter(&msg)
	qp.Write([]byte(strings.ReplaceAll(body.String(), "\n", "\r\n")))
	qp.Close()
	return msg.Bytes()
}

// writeNotice writes one notice: who, what the rule says, where to open it.
func writeNotice(b *strings.Builder, n habeas.AlertNotice, l Letter) {
	who := oneLine(n.Person)
	if who == "" {
		who = "A case"
	}
	fmt.Fprintf(b, "   %s\n   %s\n   %s/admin/alerts/%d\n\n", who, oneLine(n.Sentence), l.Base, n.AlertID)
}

// changeWords says what happened to the alert.
func changeWords(n habeas.AlertNotice) string {
	switch n.Change {
	case "opened":
		return "opened " + n.At.UTC().Format("2 January 2006")
	case "severity":
		return "now " + n.Severity
	case "acknowledged":
		return "acknowledged"
	case "resolved":
		return "resolved"
	}
	return n.Change
}

// oneLine keeps s on one line, without control characters.
func oneLine(s string) string {
	return strings.Join(strings.Fields(strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return ' '
		}
		return r
	}, s)), " ")
}

func capital(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// mailBatch is how many mails one round claims: sent one after the
// other, each within the mailer's time-out, they end within the lease.
const mailBatch = 5

// DeliverMail sends the due mails, a batch at a time, until none is due or
// ctx ends, and returns how many were sent and how many failed.
func DeliverMail(ctx context.Context, s MailStore, m *Mailer, l Letter, now func() time.Time) (sent, failed int, err error) {
	for ctx.Err() == nil {
		due, err := s.ClaimMails(ctx, mailBatch, lease)
		if err != nil || len(due) == 0 {
			return sent, failed, err
		}
		for _, om := range due {
			problem := ""
			if err := m.Send(ctx, om.To, Compose(om, m.From, l, now())); err != nil {
				problem = err.Error()
			}
			if err := s.FinishMail(context.WithoutCancel(ctx), om, problem, problem == ""); err != nil {
				return sent, failed, err
			}
			if problem == "" {
				sent++
			} else {
				failed++
			}
		}
	}
	return sent, failed, ctx.Err()
}
