package store

import (
	"errors"
	"net/url"
	"strings"
)

// isPostgresDSN tells a PostgreSQL URL from the path of a SQLite file.
func isPostgresDSN(dsn string) bool {
	return strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://")
}

// RedactDSN returns dsn fit to print or log: a PostgreSQL URL with its
// password (in the user part or a password= parameter) replaced by
// "xxxxx"; a SQLite path as it is.
func RedactDSN(dsn string) string {
	if !isPostgresDSN(dsn) {
		return dsn
	}
	u, err := url.Parse(dsn)
	if err != nil {
		return "a PostgreSQL URL that does not parse"
	}
	if q := u.Query(); q.Has("password") {
		q.Set("password", "xxxxx")
		u.RawQuery = q.Encode()
	}
	return u.Redacted()
}

// passwords returns the forms in which dsn's password may appear in a
// message: as written, decoded and re-encoded.
func passwords(dsn string) []string {
	if !isPostgresDSN(dsn) {
		return nil
	}
	var raw []string
	if u, err := url.Parse(dsn); err == nil {
		if p, ok := u.User.Password(); ok {
			raw = append(raw, p)
		}
		if p := u.Query().Get("password"); p != "" {
			raw = append(raw, p)
		}
	} else {
		// Unparsable: take what lies between the user's colon and the last @.
		rest := dsn[strings.Index(dsn, "://")+3:]
		if at := strings.LastIndex(rest, "@"); at >= 0 {
			if _, p, ok := strings.Cut(rest[:at], ":"); ok && p != "" {
				raw = append(raw, p)
			}
		}
	}
	var out []string
	for _, p := range raw {
		out = append(out, p, url.QueryEscape(p), url.PathEscape(p), url.UserPassword("u", p).String()[2:])
		if d, err := url.PathUnescape(p); err == nil {
			out = append(out, d)
		}
	}
	return out
}

// redactedError is an error whose message had a password removed. It does
// not unwrap (the wrapped message still holds the password), but errors.Is
// still sees through it.
type redactedError struct {
	msg string
	err error
}

func (e *redactedError) Error() string        { return e.msg }
func (e *redactedError) Is(target error) bool { return errors.Is(e.err, target) }

// redactErr returns err with every form of dsn's password replaced by
// "xxxxx".
func redactErr(err error, dsn string) error {
	if err == nil {
		return nil
	}
	msg := err.Error()
	for _, p := range passwords(dsn) {
		if p != "" {
			msg = strings.ReplaceAll(msg, p, "xxxxx")
		}
	}
	if msg == err.Error() {
		return err
	}
	return &redactedError{msg: msg, err: err}
}
