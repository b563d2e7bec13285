package habeas

import (
	"errors"
	"fmt"
	"net/http"
	"sort"
	"strings"
	"time"
)

// Error codes. The web and API layers map each to one HTTP status in one
// place, HTTPStatus.
const (
	EINVALID          = "invalid"                // the input breaks a rule (422)
	EBADREQUEST       = "bad_request"            // the request itself is malformed (400)
	ENOTFOUND         = "not_found"              // no such record, or not visible to the reader (404)
	ECONFLICT         = "conflict"               // clashes with existing data, e.g. a taken slug (409)
	EUNAUTHORIZED     = "unauthorized"           // no valid credentials (401)
	EFORBIDDEN        = "forbidden"              // valid credentials, not enough rights (403)
	ETOOLARGE         = "too_large"              // body over the limit (413)
	EUNSUPPORTEDMEDIA = "unsupported_media_type" // a body of another media type than the one accepted (415)
	EMETHODNOTALLOWED = "method_not_allowed"     // the path exists, the method does not (405)
	ERATELIMITED      = "rate_limited"           // too many requests of one client (429); see Error.RetryAfter
	EINTERNAL         = "internal"               // our fault (500)
)

// httpStatuses is the one table of error codes and HTTP statuses.
var httpStatuses = map[string]int{
	EINVALID:          http.StatusUnprocessableEntity,
	EBADREQUEST:       http.StatusBadRequest,
	ENOTFOUND:         http.StatusNotFound,
	ECONFLICT:         http.StatusConflict,
	EUNAUTHORIZED:     http.StatusUnauthorized,
	EFORBIDDEN:        http.StatusForbidden,
	ETOOLARGE:         http.StatusRequestEntityTooLarge,
	EUNSUPPORTEDMEDIA: http.StatusUnsupportedMediaType,
	EMETHODNOTALLOWED: http.StatusMethodNotAllowed,
	ERATELIMITED:      http.StatusTooManyRequests,
	EINTERNAL:         http.StatusInternalServerError,
}

// HTTPStatus returns the HTTP status of an error code: 500 for EINTERNAL
// and for any code it does not know.
func HTTPStatus(code string) int {
	if s, ok := httpStatuses[code]; ok {
		return s
	}
	return http.StatusInternalServerError
}

// Error is an error a user can act on: a stable code, a message, and for
// invalid input the reason for each bad field.
type Error struct {
	Code    string
	Message string
	Fields  map[string]string
	// RetryAfter, for ERATELIMITED, is how long until the client may try
	// again.
	RetryAfter time.Duration
}

func (e *Error) Error() string {
	if len(e.Fields) == 0 {
		return e.Message
	}
	keys := make([]string, 0, len(e.Fields))
	for k := range e.Fields {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	b.WriteString(e.Message)
	for i, k := range keys {
		if i == 0 {
			b.WriteString(": ")
		} else {
			b.WriteString("; ")
		}
		b.WriteString(k + ": " + e.Fields[k])
	}
	return b.String()
}

// Errorf returns an *Error with the given code and formatted message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of err's *Error, EINTERNAL for any other error,
// and "" for nil.
func ErrorCode(err error) string {
	var e *Error
	if err == nil {
		return ""
	} else if errors.As(err, &e) {
		return e.Code
	}
	return EINTERNAL
}

// ErrorMessage returns the user-facing message of err: the message of its
// *Error, or a generic text for internal errors (whose details go to logs).
func ErrorMessage(err error) string {
	var e *Error
	if err == nil {
		return ""
	} else if errors.As(err, &e) {
		return e.Message
	}
	return "Internal error."
}

// ErrorFields returns the per-field reasons of err's *Error, if any.
func ErrorFields(err error) map[string]string {
	var e *Error
	if errors.As(err, &e) {
		return e.Fields
	}
	return nil
}

// Problems collects per-field validation failures.
type Problems map[string]string

// Add records reason for field, keeping the first reason given.
func (p Problems) Add(field, reason string) {
	if _, ok := p[field]; !ok {
		p[field] = reason
	}
}

// Err returns nil when there are no problems, or an EINVALID *Error
// naming every bad field.
func (p Problems) Err(what string) error {
	if len(p) == 0 {
		return nil
	}
	return &Error{Code: EINVALID, Message: "invalid " + what, Fields: p}
}

// RetryAfter returns how long the client of a rate-limited request must
// wait (see ERATELIMITED); 0 for any other error.
func RetryAfter(err error) time.Duration {
	var e *Error
	if errors.As(err, &e) && e.Code == ERATELIMITED {
		return e.RetryAfter
	}
	return 0
}
