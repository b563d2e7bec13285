package habeas

import (
	"net/mail"
	"time"
)

// Roles of staff accounts, from least to most rights.
const (
	RoleViewer = "viewer" // reads internal data
	RoleEditor = "editor" // creates and edits records
	RoleAdmin  = "admin"  // manages users, everything else
)

// Roles lists the valid roles.
var Roles = []string{RoleViewer, RoleEditor, RoleAdmin}

// User is a staff account.
type User struct {
	ID    int64  `json:"id"`
	Email string `json:"email"`
	Name  string `json:"name,omitempty"`
	Role  string `json:"role"`
	// Confidential grants access to confidential records and fields.
	Confidential bool      `json:"confidential"`
	CreatedAt    time.Time `json:"created_at"`
}

// Validate checks the user's fields.
func (u *User) Validate() error {
	pr := Problems{}
	validText(pr, "email", u.Email, 1, 254)
	if a, err := mail.ParseAddress(u.Email); err != nil || a.Address != u.Email {
		pr.Add("email", "must be a plain e-mail address such as name@example.org")
	}
	validText(pr, "name", u.Name, 0, 200)
	validEnum(pr, "role", u.Role, Roles)
	return pr.Err("user")
}

// CanWrite reports whether the user may create and change records.
func (u *User) CanWrite() bool { return u.Role == RoleEditor || u.Role == RoleAdmin }

// Access returns what the user may read.
func (u *User) Access() Access {
	if u.Confidential {
		return Confidential
	}
	return Internal
}
