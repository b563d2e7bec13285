package store_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"codeberg.org/habeas/habeas"
	"codeberg.org/habeas/habeas/account"
	"codeberg.org/habeas/habeas/store"
	"codeberg.org/habeas/habeas/store/storetest"
	"github.com/pquerna/otp/totp"
)

func (c *movingClock) add(d time.Duration) { c.mu.Lock(); c.t = c.t.Add(d); c.mu.Unlock() }

// staff adds an account with a password, as habeas user add does.
func staff(t *testing.T, s *store.Store, email, role, password string) *habeas.User {
	t.Helper()
	ctx := context.Background()
	u := &habeas.User{Email: email, Role: role}
	if err := s.CreateUser(ctx, u); err != nil {
		t.Fatal(err)
	}
	if password != "" {
		if err := s.SetPassword(ctx, u.ID, password); err != nil {
			t.Fatal(err)
		}
	}
	return u
}

func TestLoginAndSessions(t *testing.T) {
	clock := &movingClock{}
	clock.Set("2025-05-15")
	storetest.ForEach(t, clock, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		const pw = "correct horse battery staple"
		u := staff(t, s, "ayla@example.org", habeas.RoleEditor, pw)
		staff(t, s, "new@example.org", habeas.RoleEditor, "") // no password yet

		for _, c := range []struct{ email, pw string }{
			{"ayla@example.org", "wrong password here"},
			{"nobody@example.org", pw},
			{"new@example.org", ""},
			{"ayla@example.org", ""},
		} {
			_, err := s.Login(ctx, c.email, c.pw, "192.0.2.1")
			if habeas.ErrorCode(err) != habeas.EUNAUTHORIZED || !strings.Contains(err.Error(), "wrong e-mail address or password") {
				t.Errorf("login %s / %q: %v, want the one wrong-login answer", c.email, c.pw, err)
			}
		}
		l, err := s.Login(ctx, "Ayla@example.org ", pw, "192.0.2.9")
		if err != nil {
			t.Fatalf("right password: %v", err)
		}
		if l.NeedsCode || l.MustSetUp || l.User.ID != u.ID {
			t.Fatalf("login = %+v", l)
		}
		got, sess, must, err := s.SessionUser(ctx, l.Token)
		if err != nil || got.ID != u.ID || !sess.SecondFactor || must {
			t.Fatalf("session: %v %+v %v %v", got, sess, must, err)
		}

		// Idle for longer than the time-out: the session is gone for good.
		clock.add(habeas.SessionIdle - time.Minute)
		if _, _, _, err := s.SessionUser(ctx, l.Token); err != nil {
			t.Fatalf("before the idle time-out: %v", err)
		}
		clock.add(habeas.SessionIdle + time.Second)
		if _, _, _, err := s.SessionUser(ctx, l.Token); habeas.ErrorCode(err) != habeas.EUNAUTHORIZED {
			t.Fatalf("after the idle time-out: %v", err)
		}
		clock.add(-habeas.SessionIdle)
		if _, _, _, err := s.SessionUser(ctx, l.Token); habeas.ErrorCode(err) != habeas.EUNAUTHORIZED {
			t.Fatalf("an ended session came back: %v", err)
		}

		// Used every 20 minutes, a session still ends SessionMax after its login.
		l, err = s.Login(ctx, u.Email, pw, "192.0.2.9")
		if err != nil {
			t.Fatal(err)
		}
		for range int(habeas.SessionMax/(20*time.Minute)) - 1 {
			clock.add(20 * time.Minute)
			if _, _, _, err := s.SessionUser(ctx, l.Token); err != nil {
				t.Fatalf("a used session ended early: %v", err)
			}
		}
		clock.add(21 * time.Minute)
		if _, _, _, err := s.SessionUser(ctx, l.Token); habeas.ErrorCode(err) != habeas.EUNAUTHORIZED {
			t.Fatalf("past the absolute time-out: %v", err)
		}

		// Log out everywhere but here.
		a, _ := s.Login(ctx, u.Email, pw, "192.0.2.9")
		b, _ := s.Login(ctx, u.Email, pw, "192.0.2.9")
		if err := s.LogoutEverywhere(ctx, u.ID, b.Token); err != nil {
			t.Fatal(err)
		}
		if _, _, _, err := s.SessionUser(ctx, a.Token); err == nil {
			t.Error("the other session survived log out everywhere")
		}
		if _, _, _, err := s.SessionUser(ctx, b.Token); err != nil {
			t.Errorf("the kept session ended: %v", err)
		}
		if err := s.Logout(ctx, b.Token); err != nil {
			t.Fatal(err)
		}
		if _, _, _, err := s.SessionUser(ctx, b.Token); err == nil {
			t.Error("logged out, the session still works")
		}

		// A disabled account's sessions end, its API token stops working,
		// and it cannot log in.
		admin := staff(t, s, "admin@example.org", habeas.RoleAdmin, "")
		c, _ := s.Login(ctx, u.Email, pw, "192.0.2.9")
		token, err := s.CreateToken(ctx, u.ID)
		if err != nil {
			t.Fatal(err)
		}
		if err := s.SetDisabled(ctx, admin, u.ID, true); err != nil {
			t.Fatal(err)
		}
		if _, err := s.UserByToken(ctx, token); habeas.ErrorCode(err) != habeas.EUNAUTHORIZED {
			t.Errorf("a disabled account's API token: %v, want unauthorized", err)
		}
		if _, _, _, err := s.SessionUser(ctx, c.Token); err == nil {
			t.Error("a disabled account's session works")
		}
		if _, err := s.Login(ctx, u.Email, pw, "192.0.2.9"); habeas.ErrorCode(err) != habeas.EUNAUTHORIZED {
			t.Errorf("a disabled account logs in: %v", err)
		}
		if err := s.SetDisabled(ctx, u, admin.ID, true); habeas.ErrorCode(err) != habeas.EFORBIDDEN {
			t.Errorf("an editor disabled an admin: %v", err)
		}
		if err := s.SetDisabled(ctx, admin, u.ID, false); err != nil {
			t.Fatal(err)
		}
		if got, err := s.UserByToken(ctx, token); err != nil || got.ID != u.ID {
			t.Errorf("enabled again, the API token: %v, %v", got, err)
		}

		// Logins, failures and the admin's disabling are in the audit
		// chain, with who did them.
		for _, c := range []struct {
			action, actor string
			atLeast       int
		}{
			{habeas.AuditLogin, u.Email, 4},
			{habeas.AuditLoginFailed, u.Email, 2},     // a wrong password, then disabled
			{habeas.AuditLoginFailed, "anonymous", 1}, // nobody@example.org
			{"account_disabled", admin.Email, 1},
			{"logout_everywhere", u.Email, 1},
		} {
			page, err := s.AuditLog(ctx, admin, habeas.AuditFilter{Action: c.action, Actor: c.actor})
			if err != nil {
				t.Fatal(err)
			}
			if len(page.Items) < c.atLeast {
				t.Errorf("%d %s entries by %s in the audit log, want at least %d", len(page.Items), c.action, c.actor, c.atLeast)
			}
			for _, e := range page.Items {
				if strings.Contains(string(e.After), "wrong password here") || strings.Contains(string(e.After), pw) {
					t.Errorf("a password is in the audit log: %s", e.After)
				}
			}
		}
	})
}

func TestLoginBackOff(t *testing.T) {
	clock := &movingClock{}
	clock.Set("2025-05-15")
	for _, d := range storetest.Backends() {
		t.Run(string(d), func(t *testing.T) {
			ctx := context.Background()
			// Two servers on one database share the count.
			dsn := storetest.DSN(t, d)
			key := storetest.Key()
			open := func() *store.Store {
				s, err := store.Open(ctx, store.Config{DSN: dsn, Key: key, Clock: clock})
				if err != nil {
					t.Fatal(err)
				}
				t.Cleanup(func() { s.Close() })
				if _, err := s.Migrate(ctx); err != nil {
					t.Fatal(err)
				}
				return s
			}
			one, two := open(), open()
			const pw = "correct horse battery staple"
			staff(t, one, "ayla@example.org", habeas.RoleEditor, pw)
			servers := []*store.Store{one, two}
			for i := range account.FreeFailures + 1 {
				if _, err := servers[i%2].Login(ctx, "ayla@example.org", "guess", "198.51.100.7"); habeas.ErrorCode(err) != habeas.EUNAUTHORIZED {
					t.Fatalf("guess %d: %v", i+1, err)
				}
			}
			// Now even the right password waits, from either server and
			// from another address (the account is counted too).
			for _, s := range servers {
				_, err := s.Login(ctx, "ayla@example.org", pw, "203.0.113.5")
				if habeas.ErrorCode(err) != habeas.ERATELIMITED || habeas.RetryAfter(err) <= 0 {
					t.Fatalf("during the back-off: %v", err)
				}
			}
			clock.add(account.Wait(account.FreeFailures+1) + time.Second)
			if _, err := two.Login(ctx, "ayla@example.org", pw, "203.0.113.5"); err != nil {
				t.Fatalf("after the back-off: %v", err)
			}
			// The address that guessed is still counted: its next
			// failure waits longer, whatever account it tries.
			if _, err := one.Login(ctx, "other@example.org", "guess", "198.51.100.7"); habeas.ErrorCode(err) != habeas.EUNAUTHORIZED {
				t.Fatal(err)
			}
			if _, err := one.Login(ctx, "other@example.org", "guess", "198.51.100.7"); habeas.ErrorCode(err) != habeas.ERATELIMITED {
				t.Fatalf("the guessing address tried again at once: %v", err)
			}
		})
	}
}

func TestSecondFactor(t *testing.T) {
	clock := &movingClock{}
	clock.Set("2025-05-15")
	storetest.ForEach(t, clock, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		const pw = "correct horse battery staple"
		admin := staff(t, s, "admin@example.org", habeas.RoleAdmin, pw)
		u := staff(t, s, "ayla@example.org", habeas.RoleEditor, pw)
		if err := s.SetSecondFactorRoles(ctx, admin, []string{"editor", "warden"}); habeas.ErrorCode(err) != habeas.EINVALID {
			t.Fatalf("unknown role: %v", err)
		}
		if err := s.SetSecondFactorRoles(ctx, u, []string{"editor"}); habeas.ErrorCode(err) != habeas.EFORBIDDEN {
			t.Fatalf("an editor set the policy: %v", err)
		}
		if err := s.SetSecondFactorRoles(ctx, admin, []string{"editor"}); err != nil {
			t.Fatal(err)
		}
		l, err := s.Login(ctx, u.Email, pw, "192.0.2.1")
		if err != nil || !l.MustSetUp {
			t.Fatalf("login = %+v, %v; want it to require a set-up", l, err)
		}
		if _, sess, must, _ := s.SessionUser(ctx, l.Token); sess.SecondFactor || !must {
			t.Fatalf("an unfinished session is complete: %+v", sess)
		}
		secret, url, err := s.BeginSecondFactor(ctx, l.Token, "IHR")
		if err != nil || !strings.HasPrefix(url, "otpauth://totp/IHR:ayla@example.org?") {
			t.Fatalf("begin: %q %v", url, err)
		}
		if _, _, err := s.ConfirmSecondFactor(ctx, l.Token, "000000"); habeas.ErrorCode(err) != habeas.EINVALID {
			t.Fatalf("a wrong first code: %v", err)
		}
		code, _ := totp.GenerateCode(secret, clock.Now())
		token, recovery, err := s.ConfirmSecondFactor(ctx, l.Token, code)
		if err != nil || len(recovery) != account.RecoveryCodes {
			t.Fatalf("confirm: %v %v", recovery, err)
		}
		if _, _, _, err := s.SessionUser(ctx, l.Token); err == nil {
			t.Error("the token from before the second factor still works")
		}
		if _, sess, _, err := s.SessionUser(ctx, token); err != nil || !sess.SecondFactor {
			t.Fatalf("after set-up: %+v %v", sess, err)
		}

		// The next login needs a code, and each code works once.
		l, _ = s.Login(ctx, u.Email, pw, "192.0.2.1")
		if !l.NeedsCode {
			t.Fatal("a login with a second factor needs no code")
		}
		if _, err := s.SecondStep(ctx, l.Token, code, "192.0.2.1"); habeas.ErrorCode(err) != habeas.EUNAUTHORIZED {
			t.Fatalf("the set-up code was accepted again: %v", err)
		}
		clock.add(30 * time.Second)
		code, _ = totp.GenerateCode(secret, clock.Now())
		next, err := s.SecondStep(ctx, l.Token, code, "192.0.2.1")
		if err != nil {
			t.Fatalf("a fresh code: %v", err)
		}
		if _, sess, _, _ := s.SessionUser(ctx, next); sess == nil || !sess.SecondFactor {
			t.Fatal("the login did not complete")
		}

		// A recovery code works once, typed as people type.
		l, _ = s.Login(ctx, u.Email, pw, "192.0.2.1")
		if _, err := s.SecondStep(ctx, l.Token, " "+strings.ToUpper(recovery[3])+" ", "192.0.2.1"); err != nil {
			t.Fatalf("a recovery code: %v", err)
		}
		l, _ = s.Login(ctx, u.Email, pw, "192.0.2.1")
		if _, err := s.SecondStep(ctx, l.Token, recovery[3], "192.0.2.1"); err == nil {
			t.Fatal("a recovery code worked twice")
		}
		if n, _ := s.RecoveryCodesLeft(ctx, u.ID); n != account.RecoveryCodes-1 {
			t.Errorf("%d codes left", n)
		}
		// At rest the secret is sealed.
		if err := s.ResetSecondFactor(ctx, admin, u.ID); err != nil {
			t.Fatal(err)
		}
		l, _ = s.Login(ctx, u.Email, pw, "192.0.2.1")
		if l.NeedsCode || !l.MustSetUp {
			t.Fatalf("after a reset: %+v", l)
		}
	})
}

func TestAccountLinks(t *testing.T) {
	clock := &movingClock{}
	clock.Set("2025-05-15")
	storetest.ForEach(t, clock, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		admin := staff(t, s, "admin@example.org", habeas.RoleAdmin, "")
		u := staff(t, s, "ayla@example.org", habeas.RoleEditor, "")
		if _, err := s.CreateAccountLink(ctx, u, admin.ID, store.LinkReset); habeas.ErrorCode(err) != habeas.EFORBIDDEN {
			t.Fatalf("a non-admin made a reset link: %v", err)
		}
		link, err := s.CreateAccountLink(ctx, admin, u.ID, store.LinkSetup)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.UseAccountLink(ctx, link, "short"); habeas.ErrorCode(err) != habeas.EINVALID {
			t.Fatalf("a short password: %v", err)
		}
		if _, err := s.UseAccountLink(ctx, link, "a long enough new password"); err != nil {
			t.Fatalf("use: %v", err)
		}
		if _, err := s.UseAccountLink(ctx, link, "another long new password"); habeas.ErrorCode(err) != habeas.ENOTFOUND {
			t.Fatalf("a link worked twice: %v", err)
		}
		if _, err := s.Login(ctx, u.Email, "a long enough new password", ""); err != nil {
			t.Fatalf("login with the chosen password: %v", err)
		}
		old, _ := s.CreateAccountLink(ctx, admin, u.ID, store.LinkReset)
		clock.add(25 * time.Hour)
		if _, _, err := s.AccountLink(ctx, old); habeas.ErrorCode(err) != habeas.ENOTFOUND {
			t.Fatalf("an expired reset link: %v", err)
		}
	})
}

// A staff member's logins and session do not count as changes of the
// records: the caches of public pages and statistics keep their answers.
func TestSessionsLeaveCachesAlone(t *testing.T) {
	clock := &movingClock{}
	clock.Set("2025-05-15")
	s := storetest.New(t, store.SQLite, clock)
	ctx := context.Background()
	const pw = "correct horse battery staple"
	staff(t, s, "ayla@example.org", habeas.RoleEditor, pw)
	gen := s.Generation()
	l, err := s.Login(ctx, "ayla@example.org", pw, "192.0.2.1")
	if err != nil {
		t.Fatal(err)
	}
	s.Login(ctx, "ayla@example.org", "wrong password here", "192.0.2.1")
	clock.add(2 * time.Minute)
	if _, _, _, err := s.SessionUser(ctx, l.Token); err != nil { // noted: a write
		t.Fatal(err)
	}
	s.Logout(ctx, l.Token)
	if s.Generation() != gen {
		t.Errorf("logins and sessions moved the store's generation from %d to %d", gen, s.Generation())
	}
}
