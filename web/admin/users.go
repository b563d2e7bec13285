package admin

import (
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"codeberg.org/habeas/habeas"
)

type accountPage struct {
	Caller       *caller
	Sessions     []habeas.Session
	Current      int64
	CodesLeft    int
	SecondFactor bool
	// FeedMade is when the private feed was made (zero: none), and
	// FeedURL its address, only on the answer that made it.
	FeedMade time.Time
	FeedURL  string
	// MailOn tells that this installation sends e-mail; Mail is what the
	// account is e-mailed of (nil: nothing), MailForm the form as shown,
	// Mails its latest mails.
	MailOn        bool
	Mail          *habeas.MailSubscription
	MailForm      habeas.MailSubscription
	Mails         []habeas.Mail
	Severities    []string
	Errors        map[string]string
	Problem, Done string
}

func (p *accountPage) Err(field string) string { return p.Errors[field] }

func (s *Server) accountData(r *http.Request, c *caller) (*accountPage, error) {
	ctx := r.Context()
	p := &accountPage{Caller: c}
	var err error
	if p.Sessions, err = s.svc.Sessions(ctx, c.ID); err != nil {
		return nil, err
	}
	if _, sess, _, err := s.svc.SessionUser(ctx, c.token); err == nil {
		p.Current = sess.ID
	}
	if p.CodesLeft, err = s.svc.RecoveryCodesLeft(ctx, c.ID); err != nil {
		return nil, err
	}
	own, err := s.svc.OwnAccount(ctx, c.token)
	if err != nil {
		return nil, err
	}
	p.SecondFactor = own.SecondFactor
	if p.FeedMade, err = s.svc.FeedMade(ctx, c.ID); err != nil {
		return nil, err
	}
	p.MailOn, p.Severities = s.mail, habeas.AlertSeverities
	if p.Mail, err = s.svc.MailSubscription(ctx, c.ID); err != nil {
		return nil, err
	}
	p.MailForm = habeas.MailSubscription{MinSeverity: "high", DigestHour: 6}
	if p.Mail != nil {
		p.MailForm = *p.Mail
	}
	if p.Mails, err = s.svc.Mails(ctx, c.ID, 5); err != nil {
		return nil, err
	}
	return p, nil
}

// mailSubscription saves what the caller's account is e-mailed of, or
// stops its e-mails.
func (s *Server) mailSubscription(w http.ResponseWriter, r *http.Request, c *caller) {
	f := r.PostForm
	if f.Get("action") == "stop" {
		if err := s.svc.StopMail(r.Context(), c.User); err != nil {
			s.serverError(w, r, err)
			return
		}
		http.Redirect(w, r, "/admin/account?done=mail-stopped", http.StatusSeeOther)
		return
	}
	m := &habeas.MailSubscription{MinSeverity: f.Get("min_severity"), Country: strings.ToUpper(strings.TrimSpace(f.Get("country")))}
	problems := habeas.Problems{}
	if v := f.Get("organization_id"); v != "" {
		id, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			problems.Add("organization_id", "must be an organization's number (on the list of organizations), or empty")
		}
		m.OrganizationID = id
	}
	hour, err := strconv.Atoi(f.Get("digest_hour"))
	if err != nil {
		problems.Add("digest_hour", "must be an hour from 0 to 23 (UTC)")
	}
	m.DigestHour = hour
	err = problems.Err("e-mail subscription")
	if err == nil {
		err = s.svc.SetMailSubscription(r.Context(), c.User, m)
	}
	if err == nil {
		http.Redirect(w, r, "/admin/account?done=mail", http.StatusSeeOther)
		return
	}
	if !failed(err) {
		s.serverError(w, r, err)
		return
	}
	p, derr := s.accountData(r, c)
	if derr != nil {
		s.serverError(w, r, derr)
		return
	}
	p.MailForm = *m
	p.Problem, p.Errors = problem(err, "Your e-mails of alerts were not saved: see the fields marked below.")
	s.render(w, r, statusOf(err), "account", view{Title: "Your account", Nav: "account", User: c, Page: p})
}

func (s *Server) accountPage(w http.ResponseWriter, r *http.Request, c *caller) {
	p, err := s.accountData(r, c)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	switch r.URL.Query().Get("done") {
	case "password":
		p.Done = "Your password is changed. Your other sessions have ended."
	case "everywhere":
		p.Done = "Your other sessions have ended."
	case "feed-stopped":
		p.Done = "Your private feed is stopped: its address shows nothing now."
	case "mail":
		p.Done = "Your e-mails of alerts are saved."
	case "mail-stopped":
		p.Done = "You get no more e-mails of alerts."
	}
	s.render(w, r, http.StatusOK, "account", view{Title: "Your account", Nav: "account", User: c, Page: p})
}

func (s *Server) changePassword(w http.ResponseWriter, r *http.Request, c *caller) {
	f := r.PostForm
	var err error
	if f.Get("password") != f.Get("again") {
		err = &habeas.Error{Code: habeas.EINVALID, Message: "the new password was not saved",
			Fields: map[string]string{"again": "is not the same as the new password"}}
	} else {
		err = s.svc.ChangePassword(r.Context(), c.token, f.Get("current"), f.Get("password"))
	}
	if err == nil {
		http.Redirect(w, r, "/admin/account?done=password", http.StatusSeeOther)
		return
	}
	if !failed(err) {
		s.serverError(w, r, err)
		return
	}
	p, derr := s.accountData(r, c)
	if derr != nil {
		s.serverError(w, r, derr)
		return
	}
	p.Problem, p.Errors = habeas.ErrorMessage(err), habeas.ErrorFields(err)
	s.render(w, r, statusOf(err), "account", view{Title: "Your account", Nav: "account", User: c, Page: p})
}

func (s *Server) logoutEverywhere(w http.ResponseWriter, r *http.Request, c *caller) {
	if err := s.svc.LogoutEverywhere(r.Context(), c.ID, c.token); err != nil {
		s.serverError(w, r, err)
		return
	}
	http.Redirect(w, r, "/admin/account?done=everywhere", http.StatusSeeOther)
}

type usersPage struct {
	Accounts     []habeas.Account
	Roles        []string
	Required     []string
	Link         string // a one-time link just made, shown once
	LinkFor      string
	Errors       map[string]string
	Problem      string
	Email, Name  string
	Role         string
	Confidential bool
	Caller       *caller
}

func (p *usersPage) Err(field string) string { return p.Errors[field] }
func (p *usersPage) IsRequired(role string) bool {
	return slices.Contains(p.Required, role)
}

func (s *Server) usersData(r *http.Request, c *caller) (*usersPage, error) {
	p := &usersPage{Roles: habeas.Roles, Caller: c, Role: habeas.RoleEditor}
	var err error
	if p.Accounts, err = s.svc.Accounts(r.Context(), c.User); err != nil {
		return nil, err
	}
	if p.Required, err = s.svc.SecondFactorRoles(r.Context()); err != nil {
		return nil, err
	}
	return p, nil
}

// users is the admins' list of accounts. Others are refused by the
// store, as they are through the API.
func (s *Server) users(w http.ResponseWriter, r *http.Request, c *caller) {
	p, err := s.usersData(r, c)
	if err != nil {
		s.refused(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "users", view{Title: "Accounts", Nav: "users", User: c, Page: p})
}

func (s *Server) linkURL(r *http.Request, token string) string {
	scheme := "http"
	if r.TLS != nil || s.secure {
		scheme = "https"
	}
	return scheme + "://" + r.Host + "/admin/link/" + token
}

// addUser creates an account and shows its one-time set-up link, for the
// admin to hand over by a safe channel: habeas sends no e-mail of it.
func (s *Server) addUser(w http.ResponseWriter, r *http.Request, c *caller) {
	f := r.PostForm
	u := &habeas.User{Email: strings.TrimSpace(f.Get("email")), Name: strings.TrimSpace(f.Get("name")),
		Role: f.Get("role"), Confidential: f.Get("confidential") != ""}
	err := s.svc.AddUser(r.Context(), c.User, u)
	var token string
	if err == nil {
		token, err = s.svc.CreateAccountLink(r.Context(), c.User, u.ID, habeas.LinkSetup)
	}
	p, derr := s.usersData(r, c)
	if derr != nil {
		s.refused(w, r, derr)
		return
	}
	if err != nil {
		if !failed(err) {
			s.serverError(w, r, err)
			return
		}
		p.Problem, p.Errors = habeas.ErrorMessage(err), habeas.ErrorFields(err)
		p.Email, p.Name, p.Role, p.Confidential = u.Email, u.Name, u.Role, u.Confidential
		s.render(w, r, habeas.HTTPStatus(habeas.ErrorCode(err)), "users", view{Title: "Accounts", Nav: "users", User: c, Page: p})
		return
	}
	p.Link, p.LinkFor = s.linkURL(r, token), u.Email
	s.render(w, r, http.StatusCreated, "users", view{Title: "Accounts", Nav: "users", User: c, Page: p})
}

// userAction is an admin's action on one account: reset its password
// (a one-time link), reset its second factor, disable or enable it.
func (s *Server) userAction(w http.ResponseWriter, r *http.Request, c *caller) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		s.notFound(w, r)
		return
	}
	ctx := r.Context()
	var token string
	switch r.PathValue("action") {
	case "reset-password":
		token, err = s.svc.CreateAccountLink(ctx, c.User, id, habeas.LinkReset)
	case "reset-second-factor":
		err = s.svc.ResetSecondFactor(ctx, c.User, id)
	case "disable":
		err = s.svc.SetDisabled(ctx, c.User, id, true)
	case "enable":
		err = s.svc.SetDisabled(ctx, c.User, id, false)
	default:
		s.notFound(w, r)
		return
	}
	if err != nil {
		s.refused(w, r, err)
		return
	}
	if token == "" {
		http.Redirect(w, r, "/admin/users", http.StatusSeeOther)
		return
	}
	p, err := s.usersData(r, c)
	if err != nil {
		s.refused(w, r, err)
		return
	}
	for _, a := range p.Accounts {
		if a.ID == id {
			p.LinkFor = a.Email
		}
	}
	p.Link = s.linkURL(r, token)
	s.render(w, r, http.StatusOK, "users", view{Title: "Accounts", Nav: "users", User: c, Page: p})
}

func (s *Server) secondFactorRoles(w http.ResponseWriter, r *http.Request, c *caller) {
	if err := s.svc.SetSecondFactorRoles(r.Context(), c.User, r.PostForm["role"]); err != nil {
		s.refused(w, r, err)
		return
	}
	http.Redirect(w, r, "/admin/users", http.StatusSeeOther)
}
