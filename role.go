package habeas

import "slices"

// Roles of staff accounts, from least to most rights. What each may do is
// the table permissions below: the API and the workspace ask it, and the
// store asks it again inside every write.
const (
	RoleViewer     = "viewer"     // reads internal data: a lawyer, an auditor
	RoleVolunteer  = "volunteer"  // reads and edits the case files assigned to them
	RoleResearcher = "researcher" // documents: edits every case file, publishes nothing
	RoleEditor     = "editor"     // decides what is public, writes news, moderates
	RoleAdmin      = "admin"      // manages accounts and the installation, everything else
)

// Roles lists the valid roles, from least to most rights.
var Roles = []string{RoleViewer, RoleVolunteer, RoleResearcher, RoleEditor, RoleAdmin}

// Permission is one thing a role may do.
type Permission string

// The permissions. Each write of the store needs the permission of the
// kind of record it writes (PermissionFor), and Publish besides when it
// leaves public data behind or deletes public data.
const (
	// ReadInternal reads internal records: all of them, or, for a
	// volunteer, those of the people assigned to them. Confidential data
	// needs the per-user grant besides.
	ReadInternal Permission = "read_internal"
	// EditCaseFiles creates and changes people, their cases, events,
	// interventions and memberships, and works their alerts; a volunteer
	// only those of the people assigned to them, and creates no people.
	EditCaseFiles Permission = "edit_case_files"
	// EditShared creates and changes what many case files share: sources,
	// organizations, places of detention, estimates, evidence files, and
	// imports.
	EditShared Permission = "edit_shared"
	// Publish writes data that is public afterwards, makes data public,
	// and deletes public data: what the world reads is an editor's call.
	Publish Permission = "publish"
	// MergePeople merges two records of one person, and undoes a merge.
	MergePeople Permission = "merge_people"
	// EditPosts writes news posts.
	EditPosts Permission = "edit_posts"
	// Moderate approves and removes readers' comments and marks tips.
	Moderate Permission = "moderate"
	// AssignRecords assigns people's case files to volunteers.
	AssignRecords Permission = "assign_records"
	// ManageInstallation manages accounts, settings, webhooks and reads
	// the whole audit log.
	ManageInstallation Permission = "manage_installation"
)

// Permissions lists every permission, in the order of the table.
var Permissions = []Permission{ReadInternal, EditCaseFiles, EditShared, Publish, MergePeople, EditPosts, Moderate,
	AssignRecords, ManageInstallation}

// permissions is the table of what each role may do.
var permissions = map[string][]Permission{
	RoleViewer:     {ReadInternal},
	RoleVolunteer:  {ReadInternal, EditCaseFiles},
	RoleResearcher: {ReadInternal, EditCaseFiles, EditShared},
	RoleEditor:     {ReadInternal, EditCaseFiles, EditShared, Publish, MergePeople, EditPosts, Moderate, AssignRecords},
	RoleAdmin:      Permissions,
}

// RoleMay reports whether the role may do p.
func RoleMay(role string, p Permission) bool { return slices.Contains(permissions[role], p) }

// May reports whether the user may do p (a volunteer: on the records
// assigned to them). Nobody (nil) may do anything.
func (u *User) May(p Permission) bool { return u != nil && RoleMay(u.Role, p) }

// Scoped says the user sees and edits only the case files assigned to
// them.
func (u *User) Scoped() bool { return u != nil && u.Role == RoleVolunteer }

// ListAccess is the access at which u's lists of people and alerts are
// read, and the volunteer whose assigned people alone they hold: 0 for
// anyone else, who lists at their access (nobody: what is public).
func (u *User) ListAccess() (Access, int64) {
	switch {
	case u == nil:
		return Public, 0
	case u.Scoped():
		return u.Grant(), u.ID
	}
	return u.Access(), 0
}

// PermissionFor is the permission a write of a kind of record needs.
func PermissionFor(kind string) Permission {
	switch kind {
	case "person", "case", "event", "intervention", "membership", "alert":
		return EditCaseFiles
	case "merge":
		return MergePeople
	case "post":
		return EditPosts
	case "comment", "tip":
		return Moderate
	case "assignment":
		return AssignRecords
	case "webhook", "settings", "user":
		return ManageInstallation
	}
	// source, organization, facility, estimate, media, an import, and
	// any kind added later until it is named here.
	return EditShared
}

// roleWords says in a few words what a role may not do, for refusals.
var roleWords = map[string]string{
	RoleViewer:     "the role viewer may read but not write",
	RoleVolunteer:  "the role volunteer edits only the case files assigned to it",
	RoleResearcher: "the role researcher documents case files but does not publish, merge, write news, moderate or manage the installation",
	RoleEditor:     "the role editor does not manage accounts, settings or webhooks",
}

// Forbidden is the refusal of an action the user's role may not do.
func Forbidden(u *User, p Permission) error {
	if u == nil {
		return Errorf(EUNAUTHORIZED, "writing needs a staff account: send an API token as Authorization: Bearer <token>")
	}
	why := roleWords[u.Role]
	if why == "" {
		why = "the role " + u.Role + " may not do this"
	}
	return Errorf(EFORBIDDEN, "%s (%s)", why, p)
}

// MayWrite refuses, before anything is read, a request of someone who may
// write nothing at all: nobody (nil), or a role that only reads.
func MayWrite(u *User) error {
	if !u.CanWrite() {
		return Forbidden(u, EditCaseFiles)
	}
	return nil
}
