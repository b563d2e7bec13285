package store

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"codeberg.org/habeas/habeas"
)

// CreateUser stores a new staff account, as the operator.
func (s *Store) CreateUser(ctx context.Context, u *habeas.User) error {
	return s.createUser(ctx, habeas.Operator, u)
}

// createUser stores a new staff account as actor, in the audit chain.
func (s *Store) createUser(ctx context.Context, actor, u *habeas.User) error {
	if err := u.Validate(); err != nil {
		return err
	}
	return s.inTx(ctx, func(tx *sql.Tx) error {
		now := s.clock.Now()
		err := s.tx(ctx, tx, s.q.InsertUser).QueryRowContext(ctx, u.Email, u.Name, u.Role, u.Confidential, s.timeArg(now)).Scan(&u.ID)
		if err != nil {
			return mapError(err, "create user")
		}
		u.CreatedAt = now.UTC()
		actorID, name := actorOf(actor)
		return s.appendAudit(ctx, tx, s.seal, actorID, name, habeas.AuditCreate, "user", u.ID, nil, u)
	})
}

// UserByEmail returns the account with the given e-mail address.
func (s *Store) UserByEmail(ctx context.Context, email string) (*habeas.User, error) {
	return s.scanUser(s.read(s.q.GetUserByEmail).QueryRowContext(ctx, email), email)
}

// SetRole changes a user's role and confidential access.
func (s *Store) SetRole(ctx context.Context, id int64, role string, confidential bool) error {
	u := habeas.User{Email: "x@example.org", Role: role}
	if err := u.Validate(); err != nil {
		return err
	}
	return s.inTx(ctx, func(tx *sql.Tx) error {
		before, err := s.scanUser(s.tx(ctx, tx, s.q.UserForAudit).QueryRowContext(ctx, id), strconv.FormatInt(id, 10))
		if err != nil {
			return err
		}
		res, err := s.tx(ctx, tx, s.q.UpdateUserRole).ExecContext(ctx, id, role, confidential)
		if err := expectOne(res, err, "user", id); err != nil {
			return err
		}
		after := *before
		after.Role, after.Confidential = role, confidential
		return s.auditOperator(ctx, tx, habeas.AuditRoleChange, "user", id, before, &after)
	})
}

// CountUsers returns how many staff accounts exist.
func (s *Store) CountUsers(ctx context.Context) (int, error) {
	var n int
	err := s.read(s.q.CountUsers).QueryRowContext(ctx).Scan(&n)
	return n, err
}

// tokenPrefix marks habeas API tokens so that leaked ones can be found by scanners.
const tokenPrefix = "habeas_"

// CreateToken makes a new API token for a user and returns it. Only its
// SHA-256 hash is stored: the token is shown once.
func (s *Store) CreateToken(ctx context.Context, userID int64) (string, error) {
	b := make([]byte, 32)
	rand.Read(b)
	token := tokenPrefix + base64.RawURLEncoding.EncodeToString(b)
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		_, err := s.tx(ctx, tx, s.q.InsertToken).ExecContext(ctx, userID, hashToken(token), s.now())
		if err != nil {
			return mapError(err, "create token")
		}
		// The token itself is shown once and kept nowhere.
		return s.auditOperator(ctx, tx, habeas.AuditCreate, "api_token", userID, nil, nil)
	})
	return token, err
}

// UserByToken returns the user an API token belongs to.
func (s *Store) UserByToken(ctx context.Context, token string) (*habeas.User, error) {
	if !strings.HasPrefix(token, tokenPrefix) || len(token) > 100 {
		return nil, habeas.Errorf(habeas.EUNAUTHORIZED, "invalid API token")
	}
	u, err := s.scanUser(s.read(s.q.UserByToken).QueryRowContext(ctx, hashToken(token)), "token")
	if habeas.ErrorCode(err) == habeas.ENOTFOUND {
		return nil, habeas.Errorf(habeas.EUNAUTHORIZED, "invalid API token")
	}
	return u, err
}

func hashToken(t string) string {
	h := sha256.Sum256([]byte(t))
	return hex.EncodeToString(h[:])
}

func (s *Store) scanUser(r scanner, key string) (*habeas.User, error) {
	u := &habeas.User{}
	err := r.Scan(&u.ID, &u.Email, &u.Name, &u.Role, &u.Confidential, dbTime{&u.CreatedAt})
	if errors.Is(err, sql.ErrNoRows) {
		return nil, notFound("user", key)
	} else if err != nil {
		return nil, fmt.Errorf("load user: %w", err)
	}
	return u, nil
}
