package habeas

import (
	"slices"
	"strings"
	"time"
)

// MailSubscription is what a staff account asks to be e-mailed of alert
// changes (docs/alerts.md, "E-mail"): alerts of at least MinSeverity, of
// cases in Country and of members of OrganizationID (empty and 0: any),
// never more than the account may read, and never a confidential one. A
// critical alert opened or raised is mailed at once; every other change
// waits for the daily digest, sent at DigestHour (UTC).
type MailSubscription struct {
	MinSeverity    string    `json:"min_severity"`
	Country        string    `json:"country,omitempty"`
	OrganizationID int64     `json:"organization_id,omitempty"`
	DigestHour     int       `json:"digest_hour"`
	UpdatedAt      time.Time `json:"updated_at"`
}

// Validate checks the subscription's fields, naming each one refused.
func (m *MailSubscription) Validate() error {
	pr := Problems{}
	if !slices.Contains(AlertSeverities, m.MinSeverity) {
		pr.Add("min_severity", "unknown value (want one of "+strings.Join(AlertSeverities, ", ")+")")
	}
	if m.Country != "" && !IsCountryCode(m.Country) {
		pr.Add("country", "must be an ISO 3166-1 alpha-2 code in capitals, such as AZ")
	}
	if m.OrganizationID < 0 {
		pr.Add("organization_id", "must be an organization id")
	}
	if m.DigestHour < 0 || m.DigestHour > 23 {
		pr.Add("digest_hour", "must be an hour from 0 to 23 (UTC)")
	}
	return pr.Err("e-mail subscription")
}

// Kinds of mail.
const (
	MailAlert  = "alert"  // one critical alert, sent at once
	MailDigest = "digest" // the day's other changes
)

// Mail is one e-mail sent, or to be sent, to a staff account: the mail
// log its owner reads on the account page.
type Mail struct {
	ID        int64      `json:"id"`
	Kind      string     `json:"kind"`
	State     string     `json:"state"` // pending, sent, gave_up
	Attempts  int        `json:"attempts"`
	Notices   int        `json:"notices"`
	NextAt    time.Time  `json:"next_at"`
	LastError string     `json:"last_error,omitempty"`
	CreatedAt time.Time  `json:"created_at"`
	SentAt    *time.Time `json:"sent_at,omitempty"`
}

// OutgoingMail is a claimed mail, ready to compose and send: its
// notices are those its recipient may still read when it is claimed.
type OutgoingMail struct {
	ID       int64
	Kind     string
	To       string // the account's address
	Name     string // the account's name
	Notices  []AlertNotice
	Attempts int // including this one
}
