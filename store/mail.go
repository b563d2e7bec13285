package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"codeberg.org/habeas/habeas"
)

// E-mail notices go through the outbox of notify.go: the notice of an
// alert's change becomes, in the transaction of the change, one mail item
// per staff account whose subscription it matches. A critical alert opened
// or raised gets a mail of its own at once; every other item waits for
// its account's daily digest, which gathers them into one mail at the
// account's digest hour. Mails are claimed, sent and finished as webhook
// deliveries are, with the same back-off and give-up point.
//
// An e-mail leaves the installation for mail servers nobody here runs:
// it never carries a confidential alert, whatever the account's grant,
// and a volunteer is told only of their own case files. What an account
// may read is checked twice: when the item is written, and again when its
// mail is claimed (an account disabled, or a case made confidential, in
// between).

// Account events of e-mail notices.
const (
	auditMailSubscribed = "mail_subscribed"
	auditMailStopped    = "mail_stopped"
)

// mailCap is the most an e-mail may carry.
const mailCap = habeas.Internal

// mailTo is a subscriber a notice is to be mailed to.
type mailTo struct {
	userID int64
	now    bool // a mail of its own, at once
	due    time.Time
}

// mailSub is a subscription with what its account may read.
type mailSub struct {
	u   habeas.User
	sub habeas.MailSubscription
}

// mailSubscribers reads the subscriptions of the accounts not disabled,
// inside tx.
func (s *Store) mailSubscribers(ctx context.Context, tx *sql.Tx) ([]mailSub, error) {
	var subs []mailSub
	rows, err := s.tx(ctx, tx, s.q.MailSubscribers).QueryContext(ctx)
	if err != nil {
		return nil, fmt.Errorf("mail: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var m mailSub
		if err := rows.Scan(&m.u.ID, &m.u.Role, &m.u.Confidential, &m.sub.MinSeverity, &m.sub.Country,
			&m.sub.OrganizationID, &m.sub.DigestHour); err != nil {
			return nil, fmt.Errorf("mail: %w", err)
		}
		subs = append(subs, m)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("mail: %w", err)
	}
	return subs, nil
}

// mailRecipients returns those of subs that n is to be mailed to, inside tx.
func (s *Store) mailRecipients(ctx context.Context, tx *sql.Tx, n *habeas.AlertNotice, subs []mailSub) ([]mailTo, error) {
	if n.Visibility > mailCap || len(subs) == 0 {
		return nil, nil
	}
	var to []mailTo
	for _, m := range subs {
		if !matches(n, m.sub.MinSeverity, m.sub.Country, m.sub.OrganizationID) {
			continue
		}
		ok, err := s.mayBeMailed(ctx, tx, &m.u, n.PersonID, n.Visibility)
		if err != nil {
			return nil, err
		}
		if !ok {
			continue
		}
		now := n.Severity == "critical" && (n.Change == "opened" || n.Change == "severity")
		to = append(to, mailTo{userID: m.u.ID, now: now, due: nextDigest(n.At, m.sub.DigestHour)})
	}
	return to, nil
}

// matches reports whether a notice is one a subscription asks for.
func matches(n *habeas.AlertNotice, minSeverity, country string, org int64) bool {
	rank := func(sev string) int { return slices.Index(habeas.AlertSeverities, sev) }
	return rank(n.Severity) >= rank(minSeverity) && (country == "" || country == n.Country) &&
		(org == 0 || slices.Contains(n.OrganizationIDs, org))
}

// mayBeMailed reports whether u may be e-mailed of an alert of the
// person's, of visibility vis: never a confidential one, at most what u
// reads, and a volunteer only of their own case files.
func (s *Store) mayBeMailed(ctx context.Context, tx *sql.Tx, u *habeas.User, personID int64, vis habeas.Visibility) (bool, error) {
	a, assigned := u.ListAccess()
	if vis > min(a, mailCap) {
		return false, nil
	}
	if assigned == 0 {
		return true, nil
	}
	var ok bool
	err := s.tx(ctx, tx, s.q.IsAssigned).QueryRowContext(ctx, assigned, personID).Scan(&ok)
	return ok, err
}

// nextDigest is the first digest hour (UTC) after at.
func nextDigest(at time.Time, hour int) time.Time {
	at = at.UTC()
	d := time.Date(at.Year(), at.Month(), at.Day(), hour, 0, 0, 0, time.UTC)
	if !d.After(at) {
		d = d.AddDate(0, 0, 1)
	}
	return d
}

// enqueueMails writes the mail items of outbox entry id, inside tx.
func (s *Store) enqueueMails(ctx context.Context, tx *sql.Tx, outboxID int64, to []mailTo, at time.Time) error {
	for _, m := range to {
		var mailID any
		due := m.due
		if m.now {
			var id int64
			if err := s.tx(ctx, tx, s.q.InsertMail).QueryRowContext(ctx, m.userID, habeas.MailAlert, s.timeArg(at)).Scan(&id); err != nil {
				return fmt.Errorf("mail: %w", err)
			}
			mailID, due = id, at
		}
		if _, err := s.tx(ctx, tx, s.q.InsertMailItem).ExecContext(ctx, outboxID, m.userID, s.timeArg(due), mailID); err != nil {
			return fmt.Errorf("mail item: %w", err)
		}
	}
	return nil
}

// MailSubscription returns what userID's account is e-mailed of; nil when
// it is e-mailed nothing.
func (s *Store) MailSubscription(ctx context.Context, userID int64) (*habeas.MailSubscription, error) {
	m := &habeas.MailSubscription{}
	err := s.read(s.q.GetMailSubscription).QueryRowContext(ctx, userID).Scan(&m.MinSeverity, &m.Country,
		&m.OrganizationID, &m.DigestHour, dbTime{&m.UpdatedAt})
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	return m, err
}

// SetMailSubscription subscribes u's own account to e-mails of alert
// changes, or changes what it is e-mailed of. An organization u may not
// read is answered as a missing one. It joins the audit chain.
func (s *Store) SetMailSubscription(ctx context.Context, u *habeas.User, m *habeas.MailSubscription) error {
	if u == nil {
		return habeas.Errorf(habeas.EUNAUTHORIZED, "log in to subscribe to e-mails")
	}
	m.Country = strings.TrimSpace(m.Country)
	if err := m.Validate(); err != nil {
		return err
	}
	if m.OrganizationID != 0 {
		// An organization is a shared record: a volunteer reads only
		// public ones.
		if _, err := s.Organization(ctx, u.Access(), m.OrganizationID); err != nil {
			if habeas.ErrorCode(err) == habeas.ENOTFOUND {
				return &habeas.Error{Code: habeas.EINVALID, Message: "invalid e-mail subscription",
					Fields: map[string]string{"organization_id": fmt.Sprintf("organization %d not found", m.OrganizationID)}}
			}
			return err
		}
	}
	now := s.clock.Now().UTC()
	return s.inAccountTx(ctx, func(tx *sql.Tx) error {
		if _, err := s.tx(ctx, tx, s.q.PutMailSubscription).ExecContext(ctx, u.ID, m.MinSeverity, m.Country,
			m.OrganizationID, m.DigestHour, s.timeArg(now)); err != nil {
			return err
		}
		// What waits for the digest goes at the hour now chosen.
		if _, err := s.tx(ctx, tx, s.q.RescheduleWaitingMail).ExecContext(ctx, u.ID, s.timeArg(nextDigest(now, m.DigestHour))); err != nil {
			return err
		}
		m.UpdatedAt = now
		return s.logAccount(ctx, tx, u, auditMailSubscribed, u.ID, map[string]any{"min_severity": m.MinSeverity,
			"country": m.Country, "organization_id": m.OrganizationID, "digest_hour": m.DigestHour})
	})
}

// StopMail ends u's e-mails of alert changes: the notices waiting for its
// digest, and the mails not sent yet, are not sent.
func (s *Store) StopMail(ctx context.Context, u *habeas.User) error {
	if u == nil {
		return habeas.Errorf(habeas.EUNAUTHORIZED, "log in to stop e-mails")
	}
	return s.inAccountTx(ctx, func(tx *sql.Tx) error {
		res, err := s.tx(ctx, tx, s.q.DeleteMailSubscription).ExecContext(ctx, u.ID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return nil
		}
		if _, err := s.tx(ctx, tx, s.q.DropWaitingMail).ExecContext(ctx, u.ID); err != nil {
			return err
		}
		if _, err := s.tx(ctx, tx, s.q.CancelPendingMail).ExecContext(ctx, u.ID); err != nil {
			return err
		}
		return s.logAccount(ctx, tx, u, auditMailStopped, u.ID, nil)
	})
}

// Mails returns the latest n mails of userID's account, newest first.
func (s *Store) Mails(ctx context.Context, userID int64, n int) ([]habeas.Mail, error) {
	list, err := queryAll(ctx, s, s.q.MailsOfUser, func(r scanner) (habeas.Mail, error) {
		var m habeas.Mail
		var sent nullTime
		err := r.Scan(&m.ID, &m.Kind, &m.State, &m.Attempts, dbTime{&m.NextAt}, &m.LastError, dbTime{&m.CreatedAt},
			&sent, &m.Notices)
		m.SentAt = sent.ptr()
		return m, err
	}, userID, n)
	return append([]habeas.Mail{}, list...), err
}

// gatherDigests makes the digests that are due: one mail per account
// holding the notices that waited for it.
func (s *Store) gatherDigests(ctx context.Context, now time.Time) error {
	return s.inAccountTx(ctx, func(tx *sql.Tx) error {
		users, err := s.ids(ctx, tx, s.q.DigestsDue, s.timeArg(now))
		if err != nil {
			return err
		}
		for _, u := range users {
			var id int64
			if err := s.tx(ctx, tx, s.q.InsertMail).QueryRowContext(ctx, u, habeas.MailDigest, s.timeArg(now)).Scan(&id); err != nil {
				return err
			}
			res, err := s.tx(ctx, tx, s.q.GatherDigest).ExecContext(ctx, id, u, s.timeArg(now))
			if err != nil {
				return err
			}
			if n, _ := res.RowsAffected(); n == 0 { // another process gathered them first
				if _, err := s.tx(ctx, tx, s.q.DeleteMail).ExecContext(ctx, id); err != nil {
					return err
				}
			}
		}
		return nil
	})
}

// ClaimMails gathers the digests that are due, then leases up to n due
// mails for lease and returns them ready to compose, each with the notices
// its recipient may still read and still asks for. A mail left with none (its alerts deleted,
// its case made confidential, its account disabled) is given up with the
// reason and not returned. A lease that ends before FinishMail (the worker
// died) makes the mail due again.
func (s *Store) ClaimMails(ctx context.Context, n int, lease time.Duration) ([]habeas.OutgoingMail, error) {
	now := s.clock.Now().UTC()
	var due bool
	if err := s.read(s.q.AnyDueMail).QueryRowContext(ctx, s.timeArg(now)).Scan(&due); err != nil || !due {
		return nil, err
	}
	if err := s.gatherDigests(ctx, now); err != nil {
		return nil, fmt.Errorf("gather digests: %w", err)
	}
	var out []habeas.OutgoingMail
	err := s.inAccountTx(ctx, func(tx *sql.Tx) error {
		out = out[:0]
		ids, err := s.ids(ctx, tx, s.q.ClaimMails, s.timeArg(now), s.timeArg(now.Add(lease)), n)
		if err != nil {
			return err
		}
		for _, id := range ids {
			m, why, err := s.outgoingMail(ctx, tx, id)
			if err != nil {
				return fmt.Errorf("mail %d: %w", id, err)
			}
			if why != "" {
				if _, err := s.tx(ctx, tx, s.q.MailFailed).ExecContext(ctx, id, why, s.timeArg(now), true); err != nil {
					return err
				}
				continue
			}
			out = append(out, m)
		}
		return nil
	})
	return out, err
}

// outgoingMail reads claimed mail id with the notices its recipient may
// still read; why says why there is nothing to send.
func (s *Store) outgoingMail(ctx context.Context, tx *sql.Tx, id int64) (habeas.OutgoingMail, string, error) {
	var m habeas.OutgoingMail
	var u habeas.User
	var disabled bool
	var sub habeas.MailSubscription
	if err := s.tx(ctx, tx, s.q.OutgoingMail).QueryRowContext(ctx, id).Scan(&m.ID, &m.Kind, &m.Attempts, &u.ID,
		&u.Email, &u.Name, &u.Role, &u.Confidential, &disabled, &sub.MinSeverity, &sub.Country, &sub.OrganizationID); err != nil {
		return m, "", err
	}
	switch {
	case disabled:
		return m, "not sent: the account is disabled", nil
	case sub.MinSeverity == "":
		return m, "not sent: the e-mails were stopped", nil
	}
	m.To, m.Name = u.Email, u.Name
	rows, err := s.tx(ctx, tx, s.q.NoticesOfMail).QueryContext(ctx, id)
	if err != nil {
		return m, "", err
	}
	type item struct {
		payload string
		sealed  bool
		vis     habeas.Visibility
	}
	var items []item
	for rows.Next() {
		var it item
		var was habeas.Visibility
		if err := rows.Scan(&it.payload, &was, &it.vis); err != nil {
			rows.Close()
			return m, "", err
		}
		it.sealed = was == habeas.Confidential
		items = append(items, it)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return m, "", err
	}
	for _, it := range items {
		if it.sealed {
			continue // never written for a mail; never sent in one
		}
		var n habeas.AlertNotice
		if err := json.Unmarshal([]byte(it.payload), &n); err != nil {
			return m, "", fmt.Errorf("notice: %w", err)
		}
		if !matches(&n, sub.MinSeverity, sub.Country, sub.OrganizationID) {
			continue // the subscription changed since the notice waited
		}
		ok, err := s.mayBeMailed(ctx, tx, &u, n.PersonID, max(it.vis, n.Visibility))
		if err != nil {
			return m, "", err
		}
		if ok {
			m.Notices = append(m.Notices, n)
		}
	}
	if len(m.Notices) == 0 {
		return m, "not sent: none of its alerts is still there for this account to read, or still asked for", nil
	}
	return m, "", nil
}

// FinishMail records the outcome of an attempt to send m: sent (ok), else
// due again after the back-off of FinishDelivery, and given up after
// MaxDeliveryAttempts.
func (s *Store) FinishMail(ctx context.Context, m habeas.OutgoingMail, problem string, ok bool) error {
	now := s.clock.Now().UTC()
	return s.inAccountTx(ctx, func(tx *sql.Tx) error {
		if ok {
			_, err := s.tx(ctx, tx, s.q.MailSent).ExecContext(ctx, m.ID, s.timeArg(now))
			return err
		}
		if len(problem) > 500 {
			problem = strings.ToValidUTF8(problem[:500], "")
		}
		_, err := s.tx(ctx, tx, s.q.MailFailed).ExecContext(ctx, m.ID, problem, s.timeArg(now.Add(backoff(m.Attempts))),
			m.Attempts >= MaxDeliveryAttempts)
		return err
	})
}

// MailBacklog counts the mails not yet sent, and those given up.
func (s *Store) MailBacklog(ctx context.Context) (pending, gaveUp int, err error) {
	err = s.read(s.q.MailBacklog).QueryRowContext(ctx).Scan(&pending, &gaveUp)
	return pending, gaveUp, err
}
