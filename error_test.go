package habeas

import (
	"net/http"
	"testing"
)

// One table maps every error code to its HTTP status, for the API and
// the web alike.
func TestHTTPStatus(t *testing.T) {
	tests := []struct {
		code   string
		status int
	}{
		{EINVALID, http.StatusUnprocessableEntity},
		{EBADREQUEST, http.StatusBadRequest},
		{ENOTFOUND, http.StatusNotFound},
		{ECONFLICT, http.StatusConflict},
		{EUNAUTHORIZED, http.StatusUnauthorized},
		{EFORBIDDEN, http.StatusForbidden},
		{ETOOLARGE, http.StatusRequestEntityTooLarge},
		{EUNSUPPORTEDMEDIA, http.StatusUnsupportedMediaType},
		{EMETHODNOTALLOWED, http.StatusMethodNotAllowed},
		{ERATELIMITED, http.StatusTooManyRequests},
		{EINTERNAL, http.StatusInternalServerError},
		{"", http.StatusInternalServerError},
		{"no_such_code", http.StatusInternalServerError},
	}
	for _, tc := range tests {
		if got := HTTPStatus(tc.code); got != tc.status {
			t.Errorf("HTTPStatus(%q) = %d, want %d", tc.code, got, tc.status)
		}
	}
	if len(httpStatuses) != len(tests)-2 {
		t.Errorf("the table has %d codes, the test %d: test every code", len(httpStatuses), len(tests)-2)
	}
}
