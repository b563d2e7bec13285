package habeas

import (
	"strings"
	"testing"
)

// The permission table, spelt out: what each role of a small NGO may do.
// A change to the table must change this test, on purpose.
func TestRolePermissions(t *testing.T) {
	want := map[string]string{
		RoleViewer:     "read_internal",
		RoleVolunteer:  "read_internal edit_case_files",
		RoleResearcher: "read_internal edit_case_files edit_shared",
		RoleEditor:     "read_internal edit_case_files edit_shared publish merge_people edit_posts moderate assign_records",
		RoleAdmin:      "read_internal edit_case_files edit_shared publish merge_people edit_posts moderate assign_records manage_installation",
		"":             "",
		"superuser":    "",
	}
	for role, w := range want {
		var got []string
		for _, p := range Permissions {
			if RoleMay(role, p) {
				got = append(got, string(p))
			}
		}
		if g := strings.Join(got, " "); g != w {
			t.Errorf("role %q may %q, want %q", role, g, w)
		}
	}
	var nobody *User
	if nobody.May(ReadInternal) || nobody.CanWrite() {
		t.Error("nobody (no account) may read internal data or write")
	}
}

// What a write of each kind of record needs.
func TestPermissionFor(t *testing.T) {
	for kind, want := range map[string]Permission{
		"person": EditCaseFiles, "case": EditCaseFiles, "event": EditCaseFiles, "intervention": EditCaseFiles,
		"membership": EditCaseFiles, "alert": EditCaseFiles,
		"source": EditShared, "organization": EditShared, "facility": EditShared, "estimate": EditShared,
		"media": EditShared, "import": EditShared, "something new": EditShared,
		"merge": MergePeople, "post": EditPosts, "comment": Moderate, "tip": Moderate,
		"assignment": AssignRecords, "webhook": ManageInstallation, "settings": ManageInstallation, "user": ManageInstallation,
	} {
		if got := PermissionFor(kind); got != want {
			t.Errorf("a write of %s needs %s, want %s", kind, got, want)
		}
	}
}

// A volunteer reads public data of everyone; their grant is for the
// people assigned to them. The others read at their grant.
func TestAccessOfRoles(t *testing.T) {
	for _, c := range []struct {
		u             User
		access, grant Access
	}{
		{User{Role: RoleVolunteer}, Public, Internal},
		{User{Role: RoleVolunteer, Confidential: true}, Public, Confidential},
		{User{Role: RoleResearcher}, Internal, Internal},
		{User{Role: RoleViewer, Confidential: true}, Confidential, Confidential},
		{User{Role: RoleEditor}, Internal, Internal},
	} {
		if a, g := c.u.Access(), c.u.Grant(); a != c.access || g != c.grant {
			t.Errorf("%s (confidential %v): access %s grant %s, want %s and %s", c.u.Role, c.u.Confidential, a, g, c.access, c.grant)
		}
	}
}

// A volunteer's lists are of their case files, at their grant.
func TestListAccess(t *testing.T) {
	var nobody *User
	for _, c := range []struct {
		u        *User
		a        Access
		assigned int64
	}{
		{nobody, Public, 0},
		{&User{ID: 7, Role: RoleVolunteer, Confidential: true}, Confidential, 7},
		{&User{ID: 8, Role: RoleResearcher}, Internal, 0},
	} {
		if a, id := c.u.ListAccess(); a != c.a || id != c.assigned {
			t.Errorf("%+v lists at %s for %d, want %s for %d", c.u, a, id, c.a, c.assigned)
		}
	}
}

// A refusal says what the role may not do, and is 403 (401 for nobody).
func TestForbidden(t *testing.T) {
	if c := ErrorCode(Forbidden(nil, EditCaseFiles)); c != EUNAUTHORIZED {
		t.Errorf("nobody: %s", c)
	}
	err := Forbidden(&User{Role: RoleResearcher}, Publish)
	if ErrorCode(err) != EFORBIDDEN || !strings.Contains(err.Error(), "does not publish") {
		t.Errorf("researcher: %v", err)
	}
	if _, err := WriteAccess(&User{Role: RoleViewer}, "event"); ErrorCode(err) != EFORBIDDEN {
		t.Errorf("a viewer writing an event: %v", err)
	}
	if a, err := WriteAccess(&User{Role: RoleVolunteer, Confidential: true}, "event"); err != nil || a != Confidential {
		t.Errorf("a volunteer writing an event: %s, %v", a, err)
	}
}
