package habeas

import (
	"context"
	"encoding/json"
	"time"
)

// Actions of the audit log. A record's change is written in the
// transaction of the change; the others record what happened to the
// installation (a login, an export, a new key).
const (
	AuditCreate      = "create"
	AuditUpdate      = "update"
	AuditDelete      = "delete"
	AuditMerge       = "merge"
	AuditUndoMerge   = "undo_merge"
	AuditImport      = "import"
	AuditLogin       = "login"
	AuditLoginFailed = "login_failed"
	AuditExport      = "export"
	AuditRoleChange  = "role_change"
	AuditKeyRotation = "key_rotation"
	AuditView        = "view"     // staff read an evidence file
	AuditAssign      = "assign"   // a person's case file given to a volunteer
	AuditUnassign    = "unassign" // and taken back
)

// Restorable lists the kinds of record that AuditService.Restore puts back
// as an entry of their history left them.
var Restorable = []string{"person", "case", "source", "organization", "facility"}

// Versioned reports whether an entry of the action holds a whole version
// of its record as after: a creation, a change, or the survivor of an undone
// merge (a merge's own entries hold the merge).
func Versioned(action string) bool {
	return action == AuditCreate || action == AuditUpdate || action == AuditUndoMerge
}

// AuditEntry is one entry of the audit log: who did what to which record,
// when, and the record before and after. The log is a hash chain: each
// entry's Hash covers its fields and the Hash of the entry before it.
type AuditEntry struct {
	ID int64     `json:"id"`
	At time.Time `json:"at"`
	// ActorID is the staff account that acted; 0 for the operator (a
	// command run on the server) and for visitors of the public site.
	ActorID int64  `json:"actor_id,omitempty"`
	Actor   string `json:"actor"`
	Action  string `json:"action"`
	// Kind and RecordID name the record changed; empty for an event of
	// the installation (a login, an export).
	Kind       string     `json:"kind,omitempty"`
	RecordID   int64      `json:"record_id,omitempty"`
	Visibility Visibility `json:"visibility"`
	// Before and After are the record as JSON; Before is absent for a
	// creation, After for a deletion. For an installation's event, After
	// holds its details.
	Before json.RawMessage `json:"before,omitempty"`
	After  json.RawMessage `json:"after,omitempty"`
	// Withheld says Before and After were left out: the entry is more
	// restricted than the reader may read.
	Withheld bool   `json:"withheld,omitempty"`
	PrevHash string `json:"prev_hash"`
	Hash     string `json:"hash"`
}

// AuditFilter selects entries of the audit log, newest first.
type AuditFilter struct {
	Actor    string    // the actor's e-mail address (or "operator", "visitor")
	Action   string    // one of the Audit* actions
	Kind     string    // the kind of record ("person", "case", …)
	RecordID int64     // with Kind: one record
	Since    time.Time // at or after
	Until    time.Time // before
	ListOptions
}

// AuditService reads the audit log and records what happens outside the
// records' own writes.
type AuditService interface {
	// History returns the entries of one record, oldest first, if the
	// reader may see the record now; entries more restricted than the
	// reader's access are returned Withheld.
	History(ctx context.Context, u *User, kind string, id int64) ([]AuditEntry, error)
	// Restore writes the record kind/id back as the entry entryID of its
	// history left it, through the record's own update, as u.
	Restore(ctx context.Context, u *User, kind string, id, entryID int64) error
	// RecentChanges returns the newest changes of records u may read,
	// newest first (at most 100): for staff who see every case file.
	RecentChanges(ctx context.Context, u *User, limit int) ([]AuditEntry, error)
	// AuditLog pages through the log, newest first: admins only.
	AuditLog(ctx context.Context, u *User, f AuditFilter) (Page[AuditEntry], error)
	// AuditEvent records an event of the installation: a login, a failed
	// login, an export, … u is who acted (nil for an anonymous attempt,
	// such as a failed login), detail what to keep of it (sealed at rest).
	AuditEvent(ctx context.Context, u *User, action string, detail map[string]any) error
}
