package habeas

import (
	"net"
	"net/url"
	"slices"
	"strings"
	"time"
)

// Webhook is an address that is told of alert changes: each notice is
// POSTed to it as JSON, signed with its secret (docs/alerts.md).
type Webhook struct {
	ID  int64  `json:"id"`
	URL string `json:"url"`
	// Secret signs every body. Written only: empty on a create, and one
	// is made and answered once; empty on an update keeps it.
	Secret string `json:"secret,omitempty"`
	// Access is the most the webhook may be told: internal, or
	// confidential for a receiver trusted with confidential cases.
	Access Visibility `json:"access"`
	// The subscription: alerts of at least MinSeverity, of cases in
	// Country and of members of OrganizationID (empty and 0: any).
	MinSeverity    string `json:"min_severity"`
	Country        string `json:"country,omitempty"`
	OrganizationID int64  `json:"organization_id,omitempty"`
	Active         bool   `json:"active"`
	// AllowPrivate lets the webhook reach a loopback or private address
	// (a receiver on the same machine or network); refused otherwise, so
	// that no one turns habeas into a probe of its own network.
	AllowPrivate bool      `json:"allow_private,omitempty"`
	CreatedAt    time.Time `json:"created_at"`
	UpdatedAt    time.Time `json:"updated_at"`
}

// Validate checks the webhook's fields.
func (h *Webhook) Validate() error {
	pr := Problems{}
	if err := CheckWebhookURL(h.URL, h.AllowPrivate); err != "" {
		pr.Add("url", err)
	}
	if h.Secret != "" && (len(h.Secret) < 16 || len(h.Secret) > 200) {
		pr.Add("secret", "must be 16 to 200 characters, or empty to have one made")
	}
	if h.Access != Internal && h.Access != Confidential {
		pr.Add("access", "must be internal or confidential")
	}
	if h.MinSeverity == "" {
		h.MinSeverity = "info"
	}
	if !slices.Contains(AlertSeverities, h.MinSeverity) {
		pr.Add("min_severity", "unknown value (want one of "+strings.Join(AlertSeverities, ", ")+")")
	}
	if h.Country != "" && !IsCountryCode(h.Country) {
		pr.Add("country", "must be an ISO 3166-1 alpha-2 code in capitals, such as AZ")
	}
	if h.OrganizationID < 0 {
		pr.Add("organization_id", "must be an organization id")
	}
	return pr.Err("webhook")
}

// CheckWebhookURL returns why a webhook may not be sent to raw, or "".
// Only http and https, with a host, no user name or password in it, at
// most 2,000 bytes; a loopback, private, link-local or unspecified address
// (or "localhost") only when allowPrivate. A name that resolves to such an
// address is refused when the delivery dials it.
func CheckWebhookURL(raw string, allowPrivate bool) string {
	if raw == "" {
		return "is required"
	}
	if len(raw) > 2000 {
		return "at most 2000 bytes"
	}
	u, err := url.Parse(raw)
	switch {
	case err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.Opaque != "":
		return "must be an http or https URL, such as https://example.org/hooks/habeas"
	case u.User != nil:
		return "must not carry a user name or password: the secret signs each body"
	case u.Fragment != "":
		return "must not have a fragment (#…)"
	}
	host := strings.ToLower(u.Hostname())
	if allowPrivate {
		return ""
	}
	if host == "localhost" || strings.HasSuffix(host, ".localhost") {
		return "points at this machine (localhost): an admin must allow private addresses for this webhook"
	}
	if ip := net.ParseIP(host); ip != nil && PrivateIP(ip) {
		return "points at a loopback or private address: an admin must allow private addresses for this webhook"
	}
	return ""
}

// PrivateIP reports whether ip is loopback, private, link-local,
// unspecified or multicast: an address inside the machine or its network.
func PrivateIP(ip net.IP) bool {
	return ip.IsLoopback() || ip.IsPrivate() || ip.IsLinkLocalUnicast() || ip.IsLinkLocalMulticast() ||
		ip.IsInterfaceLocalMulticast() || ip.IsMulticast() || ip.IsUnspecified() ||
		// 100.64.0.0/10, carrier-grade NAT: inside someone's network too.
		(ip.To4() != nil && ip.To4()[0] == 100 && ip.To4()[1]&0xC0 == 64)
}

// Delivery is one notice sent, or to be sent, to one webhook: the
// delivery log.
type Delivery struct {
	ID         int64      `json:"id"`
	WebhookID  int64      `json:"webhook_id"`
	AlertID    int64      `json:"alert_id"`
	Change     string     `json:"change"`
	State      string     `json:"state"` // pending, sent, gave_up
	Attempts   int        `json:"attempts"`
	NextAt     time.Time  `json:"next_at"`
	LastStatus int        `json:"last_status,omitempty"` // the receiver's HTTP status
	LastError  string     `json:"last_error,omitempty"`
	SentAt     *time.Time `json:"sent_at,omitempty"`
}

// Outgoing is a claimed delivery, ready to send.
type Outgoing struct {
	ID           int64
	URL          string
	Secret       string
	AllowPrivate bool
	Body         []byte // the notice as JSON
	Attempts     int    // including this one
}
