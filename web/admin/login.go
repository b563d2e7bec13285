package admin

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"codeberg.org/habeas/habeas"
	"codeberg.org/habeas/habeas/account"
)

type loginForm struct {
	Email, Next, Problem string
}

func (s *Server) loginPage(w http.ResponseWriter, r *http.Request) {
	s.render(w, r, http.StatusOK, "login", view{Title: "Log in", Page: loginForm{Next: nextPath(r.URL.Query().Get("next"))}})
}

// login checks the password and sends the browser to the second step,
// to set one up, or where it was going.
func (s *Server) login(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		s.fail(w, r, http.StatusBadRequest, "The form could not be read.")
		return
	}
	f := loginForm{Email: strings.TrimSpace(r.PostFormValue("email")), Next: nextPath(r.PostFormValue("next"))}
	l, err := s.svc.Login(r.Context(), f.Email, r.PostFormValue("password"), client(r))
	if err != nil {
		if !failed(err) {
			s.serverError(w, r, err)
			return
		}
		status := http.StatusUnauthorized
		if d := habeas.RetryAfter(err); d > 0 {
			status = http.StatusTooManyRequests
			w.Header().Set("Retry-After", fmt.Sprint(int(d.Seconds()+0.999)))
		}
		f.Problem = habeas.ErrorMessage(err)
		s.render(w, r, status, "login", view{Title: "Log in", Page: f})
		return
	}
	s.setCookie(w, l.Token)
	switch {
	case l.NeedsCode:
		http.Redirect(w, r, "/admin/login/code?next="+url.QueryEscape(f.Next), http.StatusSeeOther)
	case l.MustSetUp:
		http.Redirect(w, r, "/admin/second-factor", http.StatusSeeOther)
	default:
		http.Redirect(w, r, f.Next, http.StatusSeeOther)
	}
}

// pending returns the session of a login that has not completed, or
// sends the browser where it belongs.
func (s *Server) pending(w http.ResponseWriter, r *http.Request) (*habeas.User, bool) {
	u, sess, _, err := s.svc.SessionUser(r.Context(), s.token(r))
	switch {
	case habeas.ErrorCode(err) == habeas.EUNAUTHORIZED:
		http.Redirect(w, r, "/admin/login", http.StatusSeeOther)
		return nil, false
	case err != nil:
		s.serverError(w, r, err)
		return nil, false
	case sess.SecondFactor:
		http.Redirect(w, r, "/admin/", http.StatusSeeOther)
		return nil, false
	}
	return u, true
}

type codeForm struct{ Next, Problem string }

func (s *Server) codePage(w http.ResponseWriter, r *http.Request) {
	if _, ok := s.pending(w, r); !ok {
		return
	}
	s.render(w, r, http.StatusOK, "code", view{Title: "Second step", Page: codeForm{Next: nextPath(r.URL.Query().Get("next"))}})
}

func (s *Server) code(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		s.fail(w, r, http.StatusBadRequest, "The form could not be read.")
		return
	}
	f := codeForm{Next: nextPath(r.PostFormValue("next"))}
	next, err := s.svc.SecondStep(r.Context(), s.token(r), r.PostFormValue("code"), client(r))
	switch {
	case habeas.ErrorCode(err) == habeas.EUNAUTHORIZED && strings.Contains(habeas.ErrorMessage(err), "session"):
		http.Redirect(w, r, "/admin/login", http.StatusSeeOther)
		return
	case err != nil && !failed(err):
		s.serverError(w, r, err)
		return
	case err != nil:
		f.Problem = habeas.ErrorMessage(err)
		status := http.StatusUnauthorized
		if d := habeas.RetryAfter(err); d > 0 {
			status = http.StatusTooManyRequests
			w.Header().Set("Retry-After", fmt.Sprint(int(d.Seconds()+0.999)))
		}
		s.render(w, r, status, "code", view{Title: "Second step", Page: f})
		return
	}
	s.setCookie(w, next)
	http.Redirect(w, r, f.Next, http.StatusSeeOther)
}

type setupForm struct {
	Secret  string // grouped by four, for typing into an app
	Problem string
	Codes   []string
}

func (s *Server) issuer(r *http.Request) string {
	if st, err := s.svc.Settings(r.Context()); err == nil && st.Name != "" {
		return st.Name
	}
	return "habeas"
}

// setupPage shows a new TOTP secret (as a QR code and as text) and asks
// for a first code. It is open to a complete login too: an account
// whose role does not require a second factor may still set one up.
func (s *Server) setupPage(w http.ResponseWriter, r *http.Request) {
	token := s.token(r)
	if _, _, _, err := s.svc.SessionUser(r.Context(), token); err != nil {
		http.Redirect(w, r, "/admin/login", http.StatusSeeOther)
		return
	}
	secret, err := s.svc.PendingSecondFactor(r.Context(), token)
	if err == nil && secret == "" {
		secret, _, err = s.svc.BeginSecondFactor(r.Context(), token, s.issuer(r))
	}
	if habeas.ErrorCode(err) == habeas.ECONFLICT {
		http.Redirect(w, r, "/admin/account", http.StatusSeeOther)
		return
	} else if err != nil {
		s.refused(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "setup", view{Title: "Set up a second factor", Page: setupForm{Secret: grouped(secret)}})
}

func grouped(secret string) string {
	var b strings.Builder
	for i, c := range secret {
		if i > 0 && i%4 == 0 {
			b.WriteByte(' ')
		}
		b.WriteRune(c)
	}
	return b.String()
}

// setupQR is the pending secret as a QR code. It is made on request and
// never stored.
func (s *Server) setupQR(w http.ResponseWriter, r *http.Request) {
	token := s.token(r)
	u, _, _, err := s.svc.SessionUser(r.Context(), token)
	if err != nil {
		s.fail(w, r, http.StatusNotFound, "No second factor is being set up.")
		return
	}
	secret, err := s.svc.PendingSecondFactor(r.Context(), token)
	if err != nil || secret == "" {
		s.fail(w, r, http.StatusNotFound, "No second factor is being set up.")
		return
	}
	png, err := account.QR(account.TOTPURL(s.issuer(r), u.Email, secret), 240)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "image/png")
	w.Write(png)
}

func (s *Server) setup(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		s.fail(w, r, http.StatusBadRequest, "The form could not be read.")
		return
	}
	token := s.token(r)
	next, codes, err := s.svc.ConfirmSecondFactor(r.Context(), token, r.PostFormValue("code"))
	if err != nil {
		if !failed(err) {
			s.serverError(w, r, err)
			return
		}
		if habeas.ErrorCode(err) == habeas.EUNAUTHORIZED {
			http.Redirect(w, r, "/admin/login", http.StatusSeeOther)
			return
		}
		secret, _ := s.svc.PendingSecondFactor(r.Context(), token)
		s.render(w, r, http.StatusUnprocessableEntity, "setup", view{Title: "Set up a second factor",
			Page: setupForm{Secret: grouped(secret), Problem: habeas.ErrorMessage(err)}})
		return
	}
	s.setCookie(w, next)
	s.render(w, r, http.StatusOK, "codes", view{Title: "Your recovery codes", Page: setupForm{Codes: codes}})
}

type linkForm struct {
	Email, Purpose, Token, Problem string
	Errors                         map[string]string
}

func (s *Server) linkPage(w http.ResponseWriter, r *http.Request) {
	token := r.PathValue("token")
	u, purpose, err := s.svc.AccountLink(r.Context(), token)
	if err != nil {
		s.refused(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "link", view{Title: "Choose a password", Page: linkForm{Email: u.Email, Purpose: purpose, Token: token}})
}

func (s *Server) link(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		s.fail(w, r, http.StatusBadRequest, "The form could not be read.")
		return
	}
	token := r.PathValue("token")
	u, purpose, err := s.svc.AccountLink(r.Context(), token)
	if err != nil {
		s.refused(w, r, err)
		return
	}
	f := linkForm{Email: u.Email, Purpose: purpose, Token: token}
	pw := r.PostFormValue("password")
	if pw != r.PostFormValue("again") {
		f.Errors = map[string]string{"again": "is not the same as the password above"}
		s.render(w, r, http.StatusUnprocessableEntity, "link", view{Title: "Choose a password", Page: f})
		return
	}
	if _, err := s.svc.UseAccountLink(r.Context(), token, pw); err != nil {
		if !failed(err) || habeas.ErrorCode(err) != habeas.EINVALID {
			s.refused(w, r, err)
			return
		}
		f.Errors = habeas.ErrorFields(err)
		s.render(w, r, http.StatusUnprocessableEntity, "link", view{Title: "Choose a password", Page: f})
		return
	}
	http.Redirect(w, r, "/admin/login?next=/admin/", http.StatusSeeOther)
}

func (s *Server) logout(w http.ResponseWriter, r *http.Request) {
	if token := s.token(r); token != "" {
		if err := s.svc.Logout(r.Context(), token); err != nil {
			s.serverError(w, r, err)
			return
		}
	}
	s.clearCookie(w)
	http.Redirect(w, r, "/admin/login", http.StatusSeeOther)
}
