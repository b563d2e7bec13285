package admin

import "testing"

// nextPath keeps the destination after a login inside the workspace: no
// open redirect to another site.
func TestNextPath(t *testing.T) {
	for in, want := range map[string]string{
		"":                         "/admin/",
		"/admin/people?q=x":        "/admin/people?q=x",
		"/admin/cases/1":           "/admin/cases/1",
		"https://evil.example/":    "/admin/",
		"//evil.example/admin/":    "/admin/",
		"/admin/\\evil":            "/admin/",
		"/admin/x\r\nSet-Cookie:a": "/admin/",
		"/people":                  "/admin/",
	} {
		if got := nextPath(in); got != want {
			t.Errorf("nextPath(%q) = %q, want %q", in, got, want)
		}
	}
}
