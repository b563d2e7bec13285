package habeas

import (
	"net/mail"
	"time"
)

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

// CanWrite reports whether the user may write records of some kind.
func (u *User) CanWrite() bool { return u.May(EditCaseFiles) }

// WriteAccess decides whether u may write records of the kind at all, and
// returns what u may read: the highest visibility u may write, and the
// level at which every record a write touches or refers to must be
// visible to u (for a volunteer, records of the people assigned to them;
// the store checks the assignment). Every write of the store starts with
// it.
func WriteAccess(u *User, kind string) (Access, error) {
	if p := PermissionFor(kind); !u.May(p) {
		return Public, Forbidden(u, p)
	}
	return u.Grant(), nil
}

// Operator is the person running habeas's own commands on the server
// (demo, import, key rotation): they hold the database and its key, so
// they act with every right.
var Operator = &User{Email: "operator@localhost", Name: "operator", Role: RoleAdmin, Confidential: true}

// AboveAccess is the error for a write that would leave behind data more
// restricted than the writer may read: nobody writes what they could not
// see themselves.
func AboveAccess(field string, v Visibility) error {
	return &Error{Code: EFORBIDDEN, Message: "your account may not write " + v.String() + " data",
		Fields: map[string]string{field: "is " + v.String() + ", above what your account may read"}}
}

// Access returns what the user may read of any record: a volunteer,
// what is public (more of the people assigned to them: see Grant).
func (u *User) Access() Access {
	if u.Scoped() {
		return Public
	}
	return u.Grant()
}

// Grant returns what the user may read of the records they may read
// at all: confidential data with the per-user grant, else internal.
func (u *User) Grant() Access {
	if u.Confidential {
		return Confidential
	}
	return Internal
}

// Session time-outs of the workspace: a session ends after SessionIdle
// without a request, and SessionMax after its login whatever happens. A
// laptop left open in an office that may be searched should not stay
// logged in for a day.
const (
	SessionIdle = 30 * time.Minute
	SessionMax  = 12 * time.Hour
)

// Session is one login of a staff member to the workspace, known to the
// browser by a random token whose hash alone the database keeps.
type Session struct {
	ID     int64 `json:"id"`
	UserID int64 `json:"user_id"`
	// SecondFactor says the login is complete: the second factor was
	// given, or the account needs none. Until then the session may only
	// finish its login.
	SecondFactor bool      `json:"second_factor"`
	CreatedAt    time.Time `json:"created_at"`
	SeenAt       time.Time `json:"seen_at"`
	ExpiresAt    time.Time `json:"expires_at"`
}

// Account is what an admin sees of a staff account.
type Account struct {
	User
	SecondFactor bool `json:"second_factor"`
	Disabled     bool `json:"disabled"`
	HasPassword  bool `json:"has_password"`
}

// Purposes of one-time account links.
const (
	LinkSetup = "setup" // a new account chooses its password
	LinkReset = "reset" // an admin let a user choose a new one
)

// Login is the outcome of a correct password.
type Login struct {
	User  *User
	Token string // the new session's token, for the cookie
	// NeedsCode says the account has a second factor: the session is
	// complete only once a code is given.
	NeedsCode bool
	// MustSetUp says the account's role requires a second factor that
	// it has not set up: the session may only set one up.
	MustSetUp bool
}
