package habeas

import (
	"net"
	"net/netip"
	"time"
)

// Comment states. A comment sent from the public site is pending until an
// editor approves it; only approved comments are ever shown to the public.
const (
	CommentPending  = "pending"
	CommentApproved = "approved"
	CommentSpam     = "spam"
	CommentRemoved  = "removed"
)

// CommentStates are the states of a comment.
var CommentStates = []string{CommentPending, CommentApproved, CommentSpam, CommentRemoved}

// Comment is a reader's comment on a news post: public input, kept as
// plain text and never trusted. It is internal until approved.
type Comment struct {
	ID     int64  `json:"id"`
	PostID int64  `json:"post_id"`
	Name   string `json:"name"` // "" when the reader gave none
	Text   string `json:"text"` // plain text: never Markdown or HTML
	Status string `json:"status"`
	// Created is when the reader sent it.
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

// CommentFilter selects the comments of a post (PostID 0: of every post),
// oldest first. Status is one of CommentStates ("" any); the public sees
// approved comments alone, whatever it asks for.
type CommentFilter struct {
	PostID int64
	Status string
	ListOptions
}

// The bounds of what the public sends through the site's forms.
const (
	MaxInputName    = 100  // runes of a name
	MaxInputText    = 5000 // runes of a comment's or a tip's text
	MaxInputContact = 200  // runes of a tip's contact
)

// Validate checks a comment's fields as a reader sends them and as an
// import carries them.
func (c *Comment) Validate() error {
	pr := Problems{}
	if c.PostID < 0 {
		pr.Add("post_id", "must be a post id")
	}
	validLine(pr, "name", c.Name, 0, MaxInputName)
	validText(pr, "text", c.Text, 1, MaxInputText)
	validEnum(pr, "status", c.Status, CommentStates)
	return pr.Err("comment")
}

// Visitor is a reader of the public site who sends something through one
// of its forms: anonymous, with public access, known only by the network
// address the request came from. A visitor may only add a pending comment
// to a post the public may read, or a tip about a person the public may
// see; the store decides that inside the write, as it decides a staff
// member's rights.
type Visitor struct {
	// Address is the client's IP address, for the rate limits alone: the
	// store keeps a keyed hash of it, never the address, and only for as
	// long as the limit's window lasts.
	Address string
}

// Client returns the part of the visitor's address that names one client
// for the rate limits: the whole IPv4 address, the /64 network of an IPv6
// one (a single machine is usually given a whole /64), and "" when the
// address does not parse.
func (v *Visitor) Client() string {
	host := v.Address
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	a, err := netip.ParseAddr(host)
	if err != nil {
		return ""
	}
	a = a.Unmap().WithZone("")
	if a.Is4() {
		return a.String()
	}
	p, _ := a.Prefix(64)
	return p.String()
}

// Rate limits of the public forms, per client and per hour: kept in the
// database, so that they hold across every server sharing it.
const (
	CommentsPerHour = 5
	TipsPerHour     = 3
)
