package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/base64"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"codeberg.org/habeas/habeas"
	"codeberg.org/habeas/habeas/account"
)

// Logins to the workspace. A session is a random token in the browser's
// cookie and its SHA-256 in the sessions table; passwords are argon2id
// hashes; the TOTP secret is sealed with the instance key like any other
// confidential text. Failed logins are counted per account and per keyed
// hash of the client's address in the database, so that the back-off
// holds across several serve processes.

// Lifetimes of one-time account links.
const (
	setupLinkTTL = 7 * 24 * time.Hour
	resetLinkTTL = 24 * time.Hour
)

// Purposes of one-time account links, as the domain names them.
const (
	LinkSetup = habeas.LinkSetup
	LinkReset = habeas.LinkReset
)

// errLogin is the one answer to a wrong address, a wrong password, a
// disabled account and an account with no password yet: none of them
// tells a guesser which it was.
var errLogin = habeas.Errorf(habeas.EUNAUTHORIZED, "wrong e-mail address or password")

// logAccount appends an account event to the audit chain in tx: actor
// did action to the account userID (0 for none), with detail.
func (s *Store) logAccount(ctx context.Context, tx *sql.Tx, actor *habeas.User, action string, userID int64, detail map[string]any) error {
	actorID, name := actorOf(actor)
	var after any
	if detail != nil {
		after = detail
	}
	kind := ""
	if userID != 0 {
		kind = "user"
	}
	return s.appendAudit(ctx, tx, s.seal, actorID, name, action, kind, userID, nil, after)
}

// Account events of the audit chain, besides habeas.AuditLogin and
// habeas.AuditLoginFailed.
const (
	auditSecondFactorOn    = "second_factor_on"
	auditSecondFactorReset = "second_factor_reset"
	auditSecondFactorRoles = "second_factor_roles"
	auditPasswordChanged   = "password_changed"
	auditPasswordLink      = "password_link"
	auditAccountDisabled   = "account_disabled"
	auditAccountEnabled    = "account_enabled"
	auditLogoutEverywhere  = "logout_everywhere"
)

// endSessions ends a user's sessions but the one whose token hashes to
// keep ("" for none), and stops their private feed: whatever ends the
// sessions (a new password, log out everywhere, a reset, disabling) ends
// what a stolen feed address reads too.
func (s *Store) endSessions(ctx context.Context, tx *sql.Tx, userID int64, keep string) error {
	if _, err := s.tx(ctx, tx, s.q.DeleteSessionsOfUser).ExecContext(ctx, userID, keep); err != nil {
		return err
	}
	_, err := s.tx(ctx, tx, s.q.DeleteFeedToken).ExecContext(ctx, userID)
	return err
}

func newToken() string {
	b := make([]byte, 32)
	rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}

func (s *Store) accountSubject(email string) string {
	return "account " + s.seal.hashClient(strings.ToLower(strings.TrimSpace(email)))
}

func (s *Store) addressSubject(client string) string {
	if client == "" {
		return ""
	}
	return "address " + s.seal.hashClient(client)
}

// waiting refuses a try while any of the subjects is in its back-off.
func (s *Store) waiting(ctx context.Context, subjects ...string) error {
	now := s.clock.Now()
	var wait time.Duration
	for _, sub := range subjects {
		if sub == "" {
			continue
		}
		var n int
		var next time.Time
		err := s.read(s.q.GetLoginFailure).QueryRowContext(ctx, sub).Scan(&n, dbTime{&next})
		if errors.Is(err, sql.ErrNoRows) {
			continue
		} else if err != nil {
			return fmt.Errorf("read login failures: %w", err)
		}
		wait = max(wait, next.Sub(now))
	}
	if wait > 0 {
		return &habeas.Error{Code: habeas.ERATELIMITED, RetryAfter: wait,
			Message: fmt.Sprintf("too many failed logins: please wait %s before trying again", roundWait(wait))}
	}
	return nil
}

func roundWait(d time.Duration) string {
	if d < time.Minute {
		return fmt.Sprintf("%d seconds", int(d.Seconds()+0.999))
	}
	return fmt.Sprintf("%d minutes", int(d.Minutes()+0.999))
}

// failed counts a failure against each subject and sets its back-off,
// and records the failed login of u (nil: no such account) at step.
func (s *Store) failed(ctx context.Context, u *habeas.User, step string, subjects ...string) error {
	now := s.clock.Now()
	return s.inAccountTx(ctx, func(tx *sql.Tx) error {
		detail := map[string]any{"step": step}
		if u == nil {
			// Not the address typed: it may be a staff member's
			// password typed in the wrong field.
			detail["account"] = "unknown"
		}
		if err := s.logAccount(ctx, tx, u, habeas.AuditLoginFailed, 0, detail); err != nil {
			return err
		}
		if _, err := s.tx(ctx, tx, s.q.PruneLoginFailures).ExecContext(ctx, s.timeArg(now.Add(-24*time.Hour))); err != nil {
			return err
		}
		for _, sub := range subjects {
			if sub == "" {
				continue
			}
			var n int
			if err := s.tx(ctx, tx, s.q.CountLoginFailure).QueryRowContext(ctx, sub, s.timeArg(now), s.timeArg(now)).Scan(&n); err != nil {
				return fmt.Errorf("count login failure: %w", err)
			}
			if _, err := s.tx(ctx, tx, s.q.SetLoginWait).ExecContext(ctx, sub, s.timeArg(now.Add(account.Wait(n)))); err != nil {
				return err
			}
		}
		return nil
	})
}

type auth struct {
	hash, secret string
	totp         bool
	step         int64
	disabled     bool
}

func (s *Store) authOf(ctx context.Context, q interface {
	QueryRowContext(context.Context, ...any) *sql.Row
}, id int64) (auth, error) {
	var a auth
	err := q.QueryRowContext(ctx, id).Scan(&a.hash, &a.secret, &a.totp, &a.step, &a.disabled)
	if err != nil {
		return a, fmt.Errorf("read account %d: %w", id, err)
	}
	s.seal.openText(&a.secret, "users.totp_secret")
	return a, nil
}

// Login checks an e-mail address and password from the client address
// client and, when they are right, opens a session. Wrong ones count
// towards the back-off of the account and of the address; while either
// waits, every try is refused (ERATELIMITED) without being checked.
func (s *Store) Login(ctx context.Context, email, password, client string) (*habeas.Login, error) {
	acct, addr := s.accountSubject(email), s.addressSubject(client)
	if err := s.waiting(ctx, acct, addr); err != nil {
		return nil, err
	}
	if len(password) > 4*account.MaxPassword {
		return nil, errLogin
	}
	u, err := s.UserByEmail(ctx, strings.TrimSpace(email))
	var a auth
	if err == nil {
		a, err = s.authOf(ctx, s.read(s.q.AuthOfUser), u.ID)
	}
	if habeas.ErrorCode(err) == habeas.ENOTFOUND {
		account.Waste(password)
		return nil, errors.Join(errLogin, s.failed(ctx, nil, "password", acct, addr))
	} else if err != nil {
		return nil, err
	}
	if a.disabled || a.hash == "" {
		account.Waste(password)
		return nil, errors.Join(errLogin, s.failed(ctx, u, "password", acct, addr))
	}
	ok, stale := account.Verify(password, a.hash, account.Default)
	if !ok {
		return nil, errors.Join(errLogin, s.failed(ctx, u, "password", acct, addr))
	}
	mustSetUp := false
	if !a.totp {
		if mustSetUp, err = s.secondFactorRequired(ctx, u.Role); err != nil {
			return nil, err
		}
	}
	l := &habeas.Login{User: u, Token: newToken(), NeedsCode: a.totp, MustSetUp: mustSetUp}
	now := s.clock.Now()
	err = s.inAccountTx(ctx, func(tx *sql.Tx) error {
		if stale {
			if _, err := s.tx(ctx, tx, s.q.SetPasswordHash).ExecContext(ctx, u.ID, account.Hash(password, account.Default)); err != nil {
				return err
			}
		}
		if _, err := s.tx(ctx, tx, s.q.ClearLoginFailure).ExecContext(ctx, acct); err != nil {
			return err
		}
		if _, err := s.tx(ctx, tx, s.q.PruneSessions).ExecContext(ctx, s.timeArg(now), s.timeArg(now.Add(-habeas.SessionIdle))); err != nil {
			return err
		}
		_, err := s.tx(ctx, tx, s.q.InsertSession).ExecContext(ctx, hashToken(l.Token), u.ID, !a.totp && !mustSetUp,
			s.timeArg(now), s.timeArg(now.Add(habeas.SessionMax)))
		if err != nil {
			return mapError(err, "open session")
		}
		return s.logAccount(ctx, tx, u, habeas.AuditLogin, 0, map[string]any{"step": "password", "code_needed": a.totp, "set_up_needed": mustSetUp})
	})
	if err != nil {
		return nil, err
	}
	return l, nil
}

// SessionUser returns the session a cookie's token stands for and its
// user, or EUNAUTHORIZED when there is none, it has expired, or the
// account is disabled. An idle session ends: its row is deleted.
// mustSetUp says the user's role requires a second factor the account
// has not set up.
func (s *Store) SessionUser(ctx context.Context, token string) (u *habeas.User, sess *habeas.Session, mustSetUp bool, err error) {
	none := habeas.Errorf(habeas.EUNAUTHORIZED, "your session has ended: please log in again")
	if token == "" || len(token) > 100 {
		return nil, nil, false, none
	}
	sess = &habeas.Session{}
	var disabled bool
	err = s.read(s.q.GetSession).QueryRowContext(ctx, hashToken(token)).Scan(&sess.ID, &sess.UserID, &sess.SecondFactor,
		dbTime{&sess.CreatedAt}, dbTime{&sess.SeenAt}, dbTime{&sess.ExpiresAt}, &disabled)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil, false, none
	} else if err != nil {
		return nil, nil, false, fmt.Errorf("read session: %w", err)
	}
	now := s.clock.Now()
	if disabled || now.After(sess.ExpiresAt) || now.Sub(sess.SeenAt) > habeas.SessionIdle {
		err := s.inAccountTx(ctx, func(tx *sql.Tx) error {
			_, err := s.tx(ctx, tx, s.q.DeleteSession).ExecContext(ctx, hashToken(token))
			return err
		})
		return nil, nil, false, errors.Join(none, err)
	}
	// Noting every request would make every page a write: a minute's
	// precision is enough for a half-hour time-out.
	if now.Sub(sess.SeenAt) > time.Minute {
		err := s.inAccountTx(ctx, func(tx *sql.Tx) error {
			_, err := s.tx(ctx, tx, s.q.TouchSession).ExecContext(ctx, sess.ID, s.timeArg(now))
			return err
		})
		if err != nil {
			return nil, nil, false, err
		}
		sess.SeenAt = now
	}
	if u, err = s.scanUser(s.read(s.q.GetUserByID).QueryRowContext(ctx, sess.UserID), "session"); err != nil {
		return nil, nil, false, err
	}
	if !sess.SecondFactor {
		a, err := s.authOf(ctx, s.read(s.q.AuthOfUser), u.ID)
		if err != nil {
			return nil, nil, false, err
		}
		if !a.totp {
			if mustSetUp, err = s.secondFactorRequired(ctx, u.Role); err != nil {
				return nil, nil, false, err
			}
		}
	}
	return u, sess, mustSetUp, nil
}

// SecondStep completes the login of the session token with a TOTP code
// or a recovery code. It answers a new token for the session, so that a
// token seen before the login completed is worth nothing after.
func (s *Store) SecondStep(ctx context.Context, token, code, client string) (string, error) {
	u, sess, _, err := s.SessionUser(ctx, token)
	if err != nil {
		return "", err
	}
	if sess.SecondFactor {
		return token, nil
	}
	acct, addr := s.accountSubject(u.Email), s.addressSubject(client)
	if err := s.waiting(ctx, acct, addr); err != nil {
		return "", err
	}
	a, err := s.authOf(ctx, s.read(s.q.AuthOfUser), u.ID)
	if err != nil {
		return "", err
	}
	if !a.totp {
		return "", habeas.Errorf(habeas.EINVALID, "this account has no second factor to give: set one up first")
	}
	wrong := habeas.Errorf(habeas.EUNAUTHORIZED, "that code is not right, or was already used")
	next := newToken()
	used, recovery := false, false
	err = s.inAccountTx(ctx, func(tx *sql.Tx) error {
		if step, ok := account.CheckTOTP(a.secret, code, s.clock.Now(), a.step); ok {
			res, err := s.tx(ctx, tx, s.q.SetTOTPStep).ExecContext(ctx, u.ID, step)
			if err != nil {
				return err
			}
			// No row: a request with the same code came first.
			n, _ := res.RowsAffected()
			used = n == 1
		} else if len(code) >= 12 {
			res, err := s.tx(ctx, tx, s.q.UseRecoveryCode).ExecContext(ctx, u.ID, account.HashCode(code))
			if err != nil {
				return err
			}
			n, _ := res.RowsAffected()
			used, recovery = n == 1, n == 1
		}
		if !used {
			return nil
		}
		if _, err := s.tx(ctx, tx, s.q.ClearLoginFailure).ExecContext(ctx, acct); err != nil {
			return err
		}
		if _, err := s.tx(ctx, tx, s.q.RenewSession).ExecContext(ctx, sess.ID, hashToken(next), true); err != nil {
			return err
		}
		return s.logAccount(ctx, tx, u, habeas.AuditLogin, 0, map[string]any{"step": "second_factor", "recovery_code": recovery})
	})
	if err != nil {
		return "", err
	}
	if !used {
		return "", errors.Join(wrong, s.failed(ctx, u, "second_factor", acct, addr))
	}
	return next, nil
}

// BeginSecondFactor makes a new TOTP secret for the session's account,
// kept until ConfirmSecondFactor checks a first code made with it. An
// account that already has a second factor keeps it: only an admin can
// reset one (ResetSecondFactor).
func (s *Store) BeginSecondFactor(ctx context.Context, token, issuer string) (secret, url string, err error) {
	u, _, _, err := s.SessionUser(ctx, token)
	if err != nil {
		return "", "", err
	}
	a, err := s.authOf(ctx, s.read(s.q.AuthOfUser), u.ID)
	if err != nil {
		return "", "", err
	}
	if a.totp {
		return "", "", habeas.Errorf(habeas.ECONFLICT, "this account already has a second factor")
	}
	if secret, url, err = account.NewTOTP(issuer, u.Email); err != nil {
		return "", "", err
	}
	sealed := secret
	s.seal.sealText(&sealed, "users.totp_secret")
	err = s.inAccountTx(ctx, func(tx *sql.Tx) error {
		_, err := s.tx(ctx, tx, s.q.SetPendingTOTP).ExecContext(ctx, u.ID, sealed, false)
		return err
	})
	return secret, url, err
}

// PendingSecondFactor returns the secret BeginSecondFactor made for the
// session's account and not yet confirmed ("" if none).
func (s *Store) PendingSecondFactor(ctx context.Context, token string) (string, error) {
	u, _, _, err := s.SessionUser(ctx, token)
	if err != nil {
		return "", err
	}
	a, err := s.authOf(ctx, s.read(s.q.AuthOfUser), u.ID)
	if err != nil || a.totp {
		return "", err
	}
	return a.secret, nil
}

// ConfirmSecondFactor turns the pending secret on once code shows the
// authenticator has it, completes the session's login, and answers the
// session's new token and the account's recovery codes, shown once.
func (s *Store) ConfirmSecondFactor(ctx context.Context, token, code string) (next string, codes []string, err error) {
	u, sess, _, err := s.SessionUser(ctx, token)
	if err != nil {
		return "", nil, err
	}
	a, err := s.authOf(ctx, s.read(s.q.AuthOfUser), u.ID)
	if err != nil {
		return "", nil, err
	}
	if a.totp || a.secret == "" {
		return "", nil, habeas.Errorf(habeas.ECONFLICT, "there is no second factor being set up for this account")
	}
	step, ok := account.CheckTOTP(a.secret, code, s.clock.Now(), 0)
	if !ok {
		return "", nil, &habeas.Error{Code: habeas.EINVALID, Message: "that code is not right",
			Fields: map[string]string{"code": "must be the six digits your authenticator app shows now"}}
	}
	codes, hashes := account.NewRecoveryCodes(account.RecoveryCodes)
	next = newToken()
	err = s.inAccountTx(ctx, func(tx *sql.Tx) error {
		if _, err := s.tx(ctx, tx, s.q.EnableTOTP).ExecContext(ctx, u.ID, true, step); err != nil {
			return err
		}
		if err := s.replaceRecoveryCodes(ctx, tx, u.ID, hashes); err != nil {
			return err
		}
		if _, err := s.tx(ctx, tx, s.q.RenewSession).ExecContext(ctx, sess.ID, hashToken(next), true); err != nil {
			return err
		}
		return s.logAccount(ctx, tx, u, auditSecondFactorOn, u.ID, nil)
	})
	return next, codes, err
}

func (s *Store) replaceRecoveryCodes(ctx context.Context, tx *sql.Tx, userID int64, hashes []string) error {
	if _, err := s.tx(ctx, tx, s.q.DeleteRecoveryCodes).ExecContext(ctx, userID); err != nil {
		return err
	}
	for _, h := range hashes {
		if _, err := s.tx(ctx, tx, s.q.InsertRecoveryCode).ExecContext(ctx, userID, h); err != nil {
			return err
		}
	}
	return nil
}

// RecoveryCodesLeft returns how many recovery codes the user has not used.
func (s *Store) RecoveryCodesLeft(ctx context.Context, userID int64) (int, error) {
	var n int
	err := s.read(s.q.CountRecoveryCodes).QueryRowContext(ctx, userID).Scan(&n)
	return n, err
}

// Logout ends the session of token.
func (s *Store) Logout(ctx context.Context, token string) error {
	return s.inAccountTx(ctx, func(tx *sql.Tx) error {
		_, err := s.tx(ctx, tx, s.q.DeleteSession).ExecContext(ctx, hashToken(token))
		return err
	})
}

// LogoutEverywhere ends every session of the user but the one of keep
// ("" to end them all).
func (s *Store) LogoutEverywhere(ctx context.Context, userID int64, keep string) error {
	k := ""
	if keep != "" {
		k = hashToken(keep)
	}
	u, err := s.scanUser(s.read(s.q.GetUserByID).QueryRowContext(ctx, userID), strconv.FormatInt(userID, 10))
	if err != nil {
		return err
	}
	return s.inAccountTx(ctx, func(tx *sql.Tx) error {
		if err := s.endSessions(ctx, tx, userID, k); err != nil {
			return err
		}
		return s.logAccount(ctx, tx, u, auditLogoutEverywhere, userID, nil)
	})
}

// Sessions returns the open sessions of a user, the last used first.
func (s *Store) Sessions(ctx context.Context, userID int64) ([]habeas.Session, error) {
	rows, err := s.read(s.q.SessionsOfUser).QueryContext(ctx, userID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []habeas.Session
	for rows.Next() {
		x := habeas.Session{UserID: userID}
		if err := rows.Scan(&x.ID, &x.SecondFactor, dbTime{&x.CreatedAt}, dbTime{&x.SeenAt}, dbTime{&x.ExpiresAt}); err != nil {
			return nil, err
		}
		out = append(out, x)
	}
	return out, rows.Err()
}

// ChangePassword sets a new password for the session's user, who gives
// the current one, and ends the user's other sessions.
func (s *Store) ChangePassword(ctx context.Context, token, current, next string) error {
	u, _, _, err := s.SessionUser(ctx, token)
	if err != nil {
		return err
	}
	a, err := s.authOf(ctx, s.read(s.q.AuthOfUser), u.ID)
	if err != nil {
		return err
	}
	if ok, _ := account.Verify(current, a.hash, account.Default); !ok {
		return &habeas.Error{Code: habeas.EINVALID, Message: "the current password is not right",
			Fields: map[string]string{"current": "is not this account's password"}}
	}
	if err := checkNewPassword(next); err != nil {
		return err
	}
	h := account.Hash(next, account.Default)
	return s.inAccountTx(ctx, func(tx *sql.Tx) error {
		if _, err := s.tx(ctx, tx, s.q.SetPasswordHash).ExecContext(ctx, u.ID, h); err != nil {
			return err
		}
		if err := s.endSessions(ctx, tx, u.ID, hashToken(token)); err != nil {
			return err
		}
		return s.logAccount(ctx, tx, u, auditPasswordChanged, u.ID, nil)
	})
}

func checkNewPassword(pw string) error {
	if err := account.CheckPassword(pw); err != nil {
		return &habeas.Error{Code: habeas.EINVALID, Message: "the new password is not acceptable",
			Fields: map[string]string{"password": err.Error()}}
	}
	return nil
}

func mayManage(actor *habeas.User) error {
	if actor == nil {
		return habeas.Errorf(habeas.EUNAUTHORIZED, "managing accounts needs a staff account")
	}
	if actor.Role != habeas.RoleAdmin {
		return habeas.Errorf(habeas.EFORBIDDEN, "only admins manage accounts")
	}
	return nil
}

// CreateAccountLink makes a one-time link (its token) with which the user
// chooses a password: purpose LinkSetup for a new account (valid a week),
// LinkReset when an admin resets a forgotten one (valid a day). A new
// link replaces the user's earlier ones.
func (s *Store) CreateAccountLink(ctx context.Context, actor *habeas.User, userID int64, purpose string) (string, error) {
	if err := mayManage(actor); err != nil {
		return "", err
	}
	ttl := setupLinkTTL
	switch purpose {
	case LinkSetup:
	case LinkReset:
		ttl = resetLinkTTL
	default:
		return "", fmt.Errorf("store: unknown account link purpose %q", purpose)
	}
	if _, err := s.scanUser(s.read(s.q.GetUserByID).QueryRowContext(ctx, userID), fmt.Sprint(userID)); err != nil {
		return "", err
	}
	token := newToken()
	err := s.inAccountTx(ctx, func(tx *sql.Tx) error {
		if _, err := s.tx(ctx, tx, s.q.DeleteAccountLinks).ExecContext(ctx, userID); err != nil {
			return err
		}
		if _, err := s.tx(ctx, tx, s.q.InsertAccountLink).ExecContext(ctx, hashToken(token), userID, purpose, s.timeArg(s.clock.Now().Add(ttl))); err != nil {
			return err
		}
		return s.logAccount(ctx, tx, actor, auditPasswordLink, userID, map[string]any{"purpose": purpose})
	})
	return token, err
}

// AccountLink returns the user and purpose of a one-time link that is
// still good.
func (s *Store) AccountLink(ctx context.Context, token string) (*habeas.User, string, error) {
	gone := habeas.Errorf(habeas.ENOTFOUND, "this link is not valid: it was used, replaced or has expired; ask an admin for a new one")
	if token == "" || len(token) > 100 {
		return nil, "", gone
	}
	var userID int64
	var purpose string
	var expires time.Time
	err := s.read(s.q.GetAccountLink).QueryRowContext(ctx, hashToken(token)).Scan(&userID, &purpose, dbTime{&expires})
	if errors.Is(err, sql.ErrNoRows) || err == nil && s.clock.Now().After(expires) {
		return nil, "", gone
	} else if err != nil {
		return nil, "", err
	}
	u, err := s.scanUser(s.read(s.q.GetUserByID).QueryRowContext(ctx, userID), "link")
	return u, purpose, err
}

// UseAccountLink sets the password of a one-time link's user, spends the
// link and ends the user's sessions.
func (s *Store) UseAccountLink(ctx context.Context, token, password string) (*habeas.User, error) {
	u, _, err := s.AccountLink(ctx, token)
	if err != nil {
		return nil, err
	}
	if err := checkNewPassword(password); err != nil {
		return nil, err
	}
	h := account.Hash(password, account.Default)
	err = s.inAccountTx(ctx, func(tx *sql.Tx) error {
		res, err := s.tx(ctx, tx, s.q.DeleteAccountLinks).ExecContext(ctx, u.ID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			// Another request spent it first.
			return habeas.Errorf(habeas.ENOTFOUND, "this link was just used")
		}
		if _, err := s.tx(ctx, tx, s.q.SetPasswordHash).ExecContext(ctx, u.ID, h); err != nil {
			return err
		}
		if err = s.endSessions(ctx, tx, u.ID, ""); err != nil {
			return err
		}
		return s.logAccount(ctx, tx, u, auditPasswordChanged, u.ID, map[string]any{"by": "one-time link"})
	})
	return u, err
}

// SetPassword sets a user's password directly: for the operator on the
// server (habeas user passwd, the demo), never from a request.
func (s *Store) SetPassword(ctx context.Context, userID int64, password string) error {
	if err := checkNewPassword(password); err != nil {
		return err
	}
	h := account.Hash(password, account.Default)
	return s.inAccountTx(ctx, func(tx *sql.Tx) error {
		res, err := s.tx(ctx, tx, s.q.SetPasswordHash).ExecContext(ctx, userID, h)
		if err := expectOne(res, err, "user", userID); err != nil {
			return err
		}
		if err = s.endSessions(ctx, tx, userID, ""); err != nil {
			return err
		}
		return s.logAccount(ctx, tx, habeas.Operator, auditPasswordChanged, userID, nil)
	})
}

// ResetSecondFactor removes a user's second factor and recovery codes
// (a lost phone) and ends the user's sessions; the next login sets up a
// new one if the role requires it.
func (s *Store) ResetSecondFactor(ctx context.Context, actor *habeas.User, userID int64) error {
	if err := mayManage(actor); err != nil {
		return err
	}
	return s.inAccountTx(ctx, func(tx *sql.Tx) error {
		res, err := s.tx(ctx, tx, s.q.SetPendingTOTP).ExecContext(ctx, userID, "", false)
		if err := expectOne(res, err, "user", userID); err != nil {
			return err
		}
		if _, err := s.tx(ctx, tx, s.q.DeleteRecoveryCodes).ExecContext(ctx, userID); err != nil {
			return err
		}
		if err = s.endSessions(ctx, tx, userID, ""); err != nil {
			return err
		}
		return s.logAccount(ctx, tx, actor, auditSecondFactorReset, userID, nil)
	})
}

// SetDisabled disables or re-enables an account; disabling ends its
// sessions. Admins may not disable themselves, so that an instance always
// keeps one.
func (s *Store) SetDisabled(ctx context.Context, actor *habeas.User, userID int64, disabled bool) error {
	if err := mayManage(actor); err != nil {
		return err
	}
	if disabled && actor.ID == userID {
		return habeas.Errorf(habeas.EINVALID, "you may not disable your own account")
	}
	return s.inAccountTx(ctx, func(tx *sql.Tx) error {
		res, err := s.tx(ctx, tx, s.q.SetUserDisabled).ExecContext(ctx, userID, disabled)
		if err := expectOne(res, err, "user", userID); err != nil {
			return err
		}
		if !disabled {
			return s.logAccount(ctx, tx, actor, auditAccountEnabled, userID, nil)
		}
		if err = s.endSessions(ctx, tx, userID, ""); err != nil {
			return err
		}
		return s.logAccount(ctx, tx, actor, auditAccountDisabled, userID, nil)
	})
}

// OwnAccount returns the account of the session's user.
func (s *Store) OwnAccount(ctx context.Context, token string) (*habeas.Account, error) {
	u, _, _, err := s.SessionUser(ctx, token)
	if err != nil {
		return nil, err
	}
	a := &habeas.Account{}
	err = s.read(s.q.GetAccount).QueryRowContext(ctx, u.ID).Scan(&a.ID, &a.Email, &a.Name, &a.Role, &a.Confidential,
		dbTime{&a.CreatedAt}, &a.SecondFactor, &a.Disabled, &a.HasPassword)
	return a, err
}

// Accounts lists every staff account, for admins.
func (s *Store) Accounts(ctx context.Context, actor *habeas.User) ([]habeas.Account, error) {
	if err := mayManage(actor); err != nil {
		return nil, err
	}
	rows, err := s.read(s.q.ListUsers).QueryContext(ctx)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []habeas.Account
	for rows.Next() {
		var a habeas.Account
		if err := rows.Scan(&a.ID, &a.Email, &a.Name, &a.Role, &a.Confidential, dbTime{&a.CreatedAt},
			&a.SecondFactor, &a.Disabled, &a.HasPassword); err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// AddUser creates a staff account as the admin actor. It has no
// password until its user follows a set-up link (CreateAccountLink).
func (s *Store) AddUser(ctx context.Context, actor *habeas.User, u *habeas.User) error {
	if err := mayManage(actor); err != nil {
		return err
	}
	if u.Confidential && !actor.Confidential {
		return &habeas.Error{Code: habeas.EFORBIDDEN, Message: "you may not grant access you do not have",
			Fields: map[string]string{"confidential": "your own account has no confidential access"}}
	}
	return s.createUser(ctx, actor, u)
}

// SecondFactorRoles returns the roles whose members must use a second factor.
func (s *Store) SecondFactorRoles(ctx context.Context) ([]string, error) {
	return s.strings(ctx, s.q.SecondFactorRoles)
}

func (s *Store) secondFactorRequired(ctx context.Context, role string) (bool, error) {
	roles, err := s.SecondFactorRoles(ctx)
	return slices.Contains(roles, role), err
}

// SetSecondFactorRoles sets the roles whose members must use a second
// factor; they set one up at their next login.
func (s *Store) SetSecondFactorRoles(ctx context.Context, actor *habeas.User, roles []string) error {
	if err := mayManage(actor); err != nil {
		return err
	}
	for _, r := range roles {
		if !slices.Contains(habeas.Roles, r) {
			return &habeas.Error{Code: habeas.EINVALID, Message: "unknown role",
				Fields: map[string]string{"roles": fmt.Sprintf("%q is not a role (want one of %s)", r, strings.Join(habeas.Roles, ", "))}}
		}
	}
	return s.inAccountTx(ctx, func(tx *sql.Tx) error {
		if _, err := s.tx(ctx, tx, s.q.ClearSecondFactorRoles).ExecContext(ctx); err != nil {
			return err
		}
		roles = slices.Compact(slices.Sorted(slices.Values(roles)))
		for _, r := range roles {
			if _, err := s.tx(ctx, tx, s.q.InsertSecondFactorRole).ExecContext(ctx, r); err != nil {
				return err
			}
		}
		return s.logAccount(ctx, tx, actor, auditSecondFactorRoles, 0, map[string]any{"roles": roles})
	})
}

// strings runs a read query that selects one text column.
func (s *Store) strings(ctx context.Context, q query, args ...any) ([]string, error) {
	rows, err := s.read(q).QueryContext(ctx, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var v string
		if err := rows.Scan(&v); err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}
