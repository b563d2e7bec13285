package web

import (
	"errors"
	"math"
	"net/http"
	"strconv"
	"strings"
	"unicode"

	"codeberg.org/habeas/habeas"
)

// The public site's two forms, a comment on a post and a tip about a
// person, take public input, which is never trusted: plain HTML forms
// (no script needed), posted from this site's own pages only (a
// cross-site post is refused), bounded in size, answered with a redirect
// (303) once stored, or the page again (422) with the reason beside the
// field and what was written kept. A form whose honeypot field is filled
// in, which people never see, is answered as if it had been stored, and
// nothing is. The store decides, inside its write, what a visitor may
// write and how often (the rate limits, kept in the database).

// maxFormBytes bounds the body of a public form: 5,000 characters of
// text are at most 20 KB of UTF-8, 60 KB once percent-encoded, and the
// name and contact fit in what is left.
const maxFormBytes = 128 << 10

// honeypotField is the name of the field people leave empty: hidden from
// sight, out of the tab order and from screen readers (and labelled, for
// the reader who meets it anyway, to be left empty). Form-filling robots
// fill in a field named like this one.
const honeypotField = "website"

// inputForm is what a visitor wrote in a form, kept when it is refused,
// with the reason for each bad field.
type inputForm struct {
	Name, Contact, Text string
	Errors              map[string]string
	// Problem sums up why the form was not sent, for the top of the form.
	Problem string
}

// Err returns the reason the field was refused, "" when it was not.
func (f inputForm) Err(field string) string { return f.Errors[field] }

// readForm checks that a form post comes from this site, reads its body
// and reports whether the honeypot is filled in. A request that is not
// answered here (false) has been answered already.
func (s *Server) readForm(w http.ResponseWriter, r *http.Request) (form inputForm, robot bool, ok bool) {
	if err := s.crossOrigin.Check(r); err != nil {
		s.renderError(w, r, http.StatusForbidden, s.tr(r).T("form_elsewhere"))
		return form, false, false
	}
	r.Body = http.MaxBytesReader(w, r.Body, maxFormBytes)
	if err := r.ParseForm(); err != nil {
		var tooLarge *http.MaxBytesError
		if errors.As(err, &tooLarge) {
			s.renderError(w, r, http.StatusRequestEntityTooLarge, s.tr(r).T("form_too_large"))
			return form, false, false
		}
		s.renderError(w, r, http.StatusBadRequest, s.tr(r).T("form_unreadable"))
		return form, false, false
	}
	form = inputForm{Name: r.PostForm.Get("name"), Contact: r.PostForm.Get("contact"), Text: r.PostForm.Get("text")}
	return form, strings.TrimSpace(r.PostForm.Get(honeypotField)) != "", true
}

// visitor is the sender of a form, known to the store by the address the
// request came from (for its rate limits alone).
func visitor(r *http.Request) *habeas.Visitor { return &habeas.Visitor{Address: r.RemoteAddr} }

// refused fills in the form's reasons from an EINVALID error, and reports
// whether err was one. what is "comment" or "message".
func (f *inputForm) refused(t *tr, err error, what string) bool {
	if habeas.ErrorCode(err) != habeas.EINVALID {
		return false
	}
	f.Errors = map[string]string{}
	for field, reason := range habeas.ErrorFields(err) {
		switch field {
		case "name", "contact", "text":
			// The reason is the store's, in English: the field is named
			// in the reader's language.
			f.Errors[field] = t.T("form_field_"+field, "Reason", reason)
		}
	}
	f.Problem = t.T("form_not_sent_" + what)
	f.Name, f.Contact, f.Text = shownAsTyped(f.Name), shownAsTyped(f.Contact), shownAsTyped(f.Text)
	return true
}

// shownAsTyped returns what a visitor typed as a page may show it again:
// the characters no HTML page may hold (controls, noncharacters, bytes
// that are not UTF-8) and those that would show the text as something
// else (bidirectional overrides) each become U+FFFD, the replacement
// character, so the visitor sees where the text was refused.
func shownAsTyped(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\n' || r == '\r' || r == '\t':
			return r
		case unicode.IsControl(r), r == '\u2028', r == '\u2029',
			r >= '\u202a' && r <= '\u202e', r >= '\u2066' && r <= '\u2069',
			r >= '\ufdd0' && r <= '\ufdef', r&0xfffe == 0xfffe:
			return '\ufffd'
		}
		return r
	}, s)
}

// rateLimited answers a form over its rate limit: 429, the site's error
// page with how long to wait, and what the visitor wrote, to keep.
func (s *Server) rateLimited(w http.ResponseWriter, r *http.Request, err error, what string, kept string) {
	wait := habeas.RetryAfter(err)
	secs := max(1, int(math.Ceil(wait.Seconds())))
	w.Header().Set("Retry-After", strconv.Itoa(secs))
	mins := max(1, int(math.Ceil(wait.Minutes())))
	msg := s.tr(r).N("form_rate_limited_"+what, mins)
	s.renderErrorKeeping(w, r, http.StatusTooManyRequests, msg, kept)
}

// lines splits a paragraph of plain text at its line breaks, for a
// template to join with <br>: a reader's text keeps its lines, and
// nothing of it is read as markup.
func lines(text string) []string {
	return strings.Split(strings.TrimRightFunc(strings.ReplaceAll(text, "\r\n", "\n"), unicode.IsSpace), "\n")
}

// formNotice reports whether the query of a page says one of its forms
// was just sent (key=value): the page then thanks the sender.
func formNotice(r *http.Request, key, value string) bool {
	return r.URL.RawQuery != "" && r.URL.Query().Get(key) == value
}

// seeOther sends the visitor back to a page after a form was taken.
func seeOther(w http.ResponseWriter, to string) {
	w.Header().Set("Location", to)
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusSeeOther)
}
