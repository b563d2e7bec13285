package store

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"time"

	"codeberg.org/habeas/habeas"
)

// feedTokenPrefix starts every feed token, so that one is never taken
// for an API token, nor an API token for it.
const feedTokenPrefix = "hfeed_"

// Account events of a private feed.
const (
	auditFeedLink    = "feed_link"
	auditFeedStopped = "feed_stopped"
)

// NewFeedToken makes the private alerts feed of userID's account anew:
// the token its address carries, shown once; the one before stops
// working. It joins the audit chain.
func (s *Store) NewFeedToken(ctx context.Context, userID int64) (string, error) {
	u, err := s.scanUser(s.read(s.q.GetUserByID).QueryRowContext(ctx, userID), "")
	if err != nil {
		return "", err
	}
	token := feedTokenPrefix + newToken()
	err = s.inAccountTx(ctx, func(tx *sql.Tx) error {
		if _, err := s.tx(ctx, tx, s.q.SetFeedToken).ExecContext(ctx, userID, hashToken(token), s.now()); err != nil {
			return err
		}
		return s.logAccount(ctx, tx, u, auditFeedLink, userID, nil)
	})
	return token, err
}

// StopFeed ends userID's private feed, if there is one.
func (s *Store) StopFeed(ctx context.Context, userID int64) error {
	u, err := s.scanUser(s.read(s.q.GetUserByID).QueryRowContext(ctx, userID), "")
	if err != nil {
		return err
	}
	return s.inAccountTx(ctx, func(tx *sql.Tx) error {
		res, err := s.tx(ctx, tx, s.q.DeleteFeedToken).ExecContext(ctx, userID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return nil
		}
		return s.logAccount(ctx, tx, u, auditFeedStopped, userID, nil)
	})
}

// FeedMade returns when userID's private feed was made; zero when there
// is none.
func (s *Store) FeedMade(ctx context.Context, userID int64) (time.Time, error) {
	var at time.Time
	err := s.read(s.q.FeedTokenMade).QueryRowContext(ctx, userID).Scan(dbTime{&at})
	if errors.Is(err, sql.ErrNoRows) {
		return time.Time{}, nil
	}
	return at, err
}

// UserByFeedToken returns the account whose private feed token is given;
// a wrong token, or one of a disabled account, is EUNAUTHORIZED.
func (s *Store) UserByFeedToken(ctx context.Context, token string) (*habeas.User, error) {
	if !strings.HasPrefix(token, feedTokenPrefix) || len(token) > 100 {
		return nil, habeas.Errorf(habeas.EUNAUTHORIZED, "invalid feed address")
	}
	u, err := s.scanUser(s.read(s.q.UserByFeedToken).QueryRowContext(ctx, hashToken(token)), "feed")
	if habeas.ErrorCode(err) == habeas.ENOTFOUND {
		return nil, habeas.Errorf(habeas.EUNAUTHORIZED, "invalid feed address")
	}
	return u, err
}
