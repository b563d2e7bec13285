package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"codeberg.org/habeas/habeas"
)

// Notifications of alert changes go through a transactional outbox: the
// notice of a change (opened, severity, acknowledged, resolved) is written in
// the transaction of the change itself, with one delivery per webhook whose
// subscription it matches and one mail item per staff account whose
// e-mail subscription it matches (mail.go), so a crash neither loses nor
// doubles a notice. A worker (package notify) claims due deliveries and
// mails, sends them and records what happened. A notice no webhook and no
// account wants is not written at all.

// webhookSecretField binds sealed webhook secrets to their column.
const (
	webhookSecretField = "webhooks.secret"
	outboxField        = "outbox.payload"
)

// MaxDeliveryAttempts is how many times a delivery is tried before it is
// given up (the last about 15 hours after the first).
const MaxDeliveryAttempts = 12

// notifyChanges are the alert changes subscribers are told of.
var notifyChanges = []string{"opened", "severity", "acknowledged", "resolved"}

// enqueueNotice writes the notice of an alert's change into the outbox,
// with a delivery for each webhook it matches, inside tx.
func (s *Store) enqueueNotice(ctx context.Context, tx *sql.Tx, alertID int64, change string, at time.Time) error {
	if !slices.Contains(notifyChanges, change) {
		return nil
	}
	type hook struct {
		id                int64
		access            habeas.Visibility
		minSeverity, ctry string
		org               int64
	}
	var hooks []hook
	rows, err := s.tx(ctx, tx, s.q.ActiveWebhooks).QueryContext(ctx)
	if err != nil {
		return fmt.Errorf("notify: %w", err)
	}
	for rows.Next() {
		var h hook
		if err := rows.Scan(&h.id, &h.access, &h.minSeverity, &h.ctry, &h.org); err != nil {
			rows.Close()
			return fmt.Errorf("notify: %w", err)
		}
		hooks = append(hooks, h)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	subs, err := s.mailSubscribers(ctx, tx)
	if err != nil {
		return err
	}
	if len(hooks) == 0 && len(subs) == 0 {
		return nil
	}
	al, _, err := s.scanAlert(s.tx(ctx, tx, s.q.GetAlert).QueryRowContext(ctx, habeas.Confidential, alertID))
	if err != nil {
		return fmt.Errorf("notify: alert %d: %w", alertID, err)
	}
	n := habeas.AlertNotice{AlertID: al.ID, CaseID: al.CaseID, PersonID: al.PersonID, Rule: al.Rule, Severity: al.Severity,
		Change: change, Sentence: al.Message, Visibility: al.Visibility, Public: al.Public, At: at}
	if err := s.tx(ctx, tx, s.q.NoticeContext).QueryRowContext(ctx, al.CaseID).Scan(&n.PersonID, &n.Person, &n.Country); err != nil {
		return fmt.Errorf("notify: alert %d: %w", alertID, err)
	}
	s.seal.openText(&n.Person, "people.name")
	if n.OrganizationIDs, err = s.ids(ctx, tx, s.q.OrganizationsOfPersonAt, n.PersonID, al.Visibility); err != nil {
		return fmt.Errorf("notify: alert %d: %w", alertID, err)
	}
	var to []int64
	for _, h := range hooks {
		if h.access >= al.Visibility && matches(&n, h.minSeverity, h.ctry, h.org) {
			to = append(to, h.id)
		}
	}
	mails, err := s.mailRecipients(ctx, tx, &n, subs)
	if err != nil {
		return err
	}
	if len(to) == 0 && len(mails) == 0 {
		return nil
	}
	body, err := json.Marshal(n)
	if err != nil {
		return err
	}
	payload := string(body)
	if al.Visibility == habeas.Confidential {
		s.seal.sealText(&payload, outboxField)
	}
	var id int64
	if err := s.tx(ctx, tx, s.q.InsertOutbox).QueryRowContext(ctx, alertID, change, al.Visibility, al.Severity, payload,
		s.timeArg(at)).Scan(&id); err != nil {
		return fmt.Errorf("notify: outbox: %w", err)
	}
	for _, h := range to {
		if _, err := s.tx(ctx, tx, s.q.InsertDelivery).ExecContext(ctx, id, h, s.timeArg(at)); err != nil {
			return fmt.Errorf("notify: delivery: %w", err)
		}
	}
	return s.enqueueMails(ctx, tx, id, mails, at)
}

// mayManageWebhooks refuses anyone but an admin: a webhook sends alerts
// out of habeas.
func mayManageWebhooks(u *habeas.User) error {
	if u == nil {
		return habeas.Errorf(habeas.EUNAUTHORIZED, "webhooks are managed by admins: send an admin's token")
	}
	if u.Role != habeas.RoleAdmin {
		return habeas.Errorf(habeas.EFORBIDDEN, "only an admin manages webhooks")
	}
	return nil
}

// mayLeaveWebhook refuses a webhook told more than its writer may read.
func (w *wtx) mayLeaveWebhook(h *habeas.Webhook) error {
	return w.mayLeave("access", h.Access)
}

// CreateWebhook adds a webhook, as an admin. Without a secret one is made;
// h.Secret holds it on return, the only time it is shown.
func (s *Store) CreateWebhook(ctx context.Context, u *habeas.User, h *habeas.Webhook) error {
	if err := mayManageWebhooks(u); err != nil {
		return err
	}
	if err := h.Validate(); err != nil {
		return err
	}
	if h.Secret == "" {
		b := make([]byte, 24)
		rand.Read(b)
		h.Secret = "whsec_" + base64.RawURLEncoding.EncodeToString(b)
	}
	return s.write(ctx, u, "webhook", func(w *wtx) error {
		if err := w.mayLeaveWebhook(h); err != nil {
			return err
		}
		now := s.clock.Now().UTC()
		err := w.stmt(s.q.InsertWebhook).QueryRowContext(ctx, h.URL, s.seal.seal(h.Secret, webhookSecretField), h.Access,
			h.MinSeverity, h.Country, h.OrganizationID, h.Active, h.AllowPrivate, s.timeArg(now)).Scan(&h.ID)
		if err != nil {
			return mapError(err, "create webhook")
		}
		h.CreatedAt, h.UpdatedAt = now, now
		return w.audit(habeas.AuditCreate, "webhook", h.ID, nil, withoutSecret(h))
	})
}

// withoutSecret is h as the audit log keeps it: no secret.
func withoutSecret(h *habeas.Webhook) *habeas.Webhook {
	c := *h
	c.Secret = ""
	return &c
}

// webhookAt reads a webhook for the audit log of a write of u.
func (s *Store) webhookAt(u *habeas.User) func(context.Context, habeas.Access, int64) (*habeas.Webhook, error) {
	return func(ctx context.Context, _ habeas.Access, id int64) (*habeas.Webhook, error) {
		return s.Webhook(ctx, u, id)
	}
}

// UpdateWebhook replaces a webhook, as an admin; an empty secret keeps it.
func (s *Store) UpdateWebhook(ctx context.Context, u *habeas.User, h *habeas.Webhook) error {
	if err := mayManageWebhooks(u); err != nil {
		return err
	}
	if err := h.Validate(); err != nil {
		return err
	}
	return changeRecord(s, ctx, u, habeas.AuditUpdate, "webhook", h.ID, s.webhookAt(u), h, func(w *wtx) error {
		if err := w.target("webhook", s.q.GetWebhook, h.ID); err != nil {
			return err
		}
		if err := w.mayLeaveWebhook(h); err != nil {
			return err
		}
		var secret any
		if h.Secret != "" {
			secret = s.seal.seal(h.Secret, webhookSecretField)
		}
		now := s.clock.Now().UTC()
		res, err := w.stmt(s.q.UpdateWebhook).ExecContext(ctx, h.ID, h.URL, secret, h.Access, h.MinSeverity, h.Country,
			h.OrganizationID, h.Active, h.AllowPrivate, s.timeArg(now))
		if err := expectOne(res, err, "webhook", h.ID); err != nil {
			return mapError(err, "update webhook")
		}
		h.Secret = ""
		return nil
	})
}

// DeleteWebhook removes a webhook and its delivery log, as an admin.
func (s *Store) DeleteWebhook(ctx context.Context, u *habeas.User, id int64) error {
	if err := mayManageWebhooks(u); err != nil {
		return err
	}
	return changeRecord(s, ctx, u, habeas.AuditDelete, "webhook", id, s.webhookAt(u), nil, func(w *wtx) error {
		if err := w.target("webhook", s.q.GetWebhook, id); err != nil {
			return err
		}
		res, err := w.stmt(s.q.DeleteWebhook).ExecContext(ctx, id)
		return mapError(expectOne(res, err, "webhook", id), "delete webhook")
	})
}

func scanWebhook(r scanner) (habeas.Webhook, error) {
	var h habeas.Webhook
	err := r.Scan(&h.ID, &h.URL, &h.Access, &h.MinSeverity, &h.Country, &h.OrganizationID, &h.Active, &h.AllowPrivate,
		dbTime{&h.CreatedAt}, dbTime{&h.UpdatedAt})
	return h, err
}

// Webhook returns one webhook, without its secret, to an admin.
func (s *Store) Webhook(ctx context.Context, u *habeas.User, id int64) (*habeas.Webhook, error) {
	if err := mayManageWebhooks(u); err != nil {
		return nil, err
	}
	h, err := scanWebhook(s.read(s.q.GetWebhook).QueryRowContext(ctx, u.Access(), id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, notFound("webhook", id)
	}
	return &h, err
}

// Webhooks lists every webhook, without secrets, to an admin.
func (s *Store) Webhooks(ctx context.Context, u *habeas.User) ([]habeas.Webhook, error) {
	if err := mayManageWebhooks(u); err != nil {
		return nil, err
	}
	list, err := queryAll(ctx, s, s.q.ListWebhooks, scanWebhook, u.Access())
	return append([]habeas.Webhook{}, list...), err
}

// Deliveries pages through a webhook's delivery log, newest first.
func (s *Store) Deliveries(ctx context.Context, u *habeas.User, webhookID int64, o habeas.ListOptions) (habeas.Page[habeas.Delivery], error) {
	page := habeas.Page[habeas.Delivery]{Items: []habeas.Delivery{}}
	if _, err := s.Webhook(ctx, u, webhookID); err != nil {
		return page, err
	}
	before, err := idCursor(o.Cursor)
	if err != nil {
		return page, err
	}
	limit := limitOf(o)
	list, err := queryAll(ctx, s, s.q.ListDeliveries, func(r scanner) (habeas.Delivery, error) {
		var d habeas.Delivery
		var sent nullTime
		err := r.Scan(&d.ID, &d.WebhookID, &d.AlertID, &d.Change, &d.State, &d.Attempts, dbTime{&d.NextAt}, &d.LastStatus,
			&d.LastError, &sent)
		d.SentAt = sent.ptr()
		return d, err
	}, webhookID, before, limit)
	if err != nil {
		return page, err
	}
	page.Items = append(page.Items, list...)
	if len(list) > 0 {
		page.NextCursor = nextIDCursor(len(list), limit, list[len(list)-1].ID)
	}
	return page, nil
}

// ClaimDeliveries leases up to n due deliveries for lease and returns them
// ready to send. A lease that ends before FinishDelivery (the worker died)
// makes the delivery due again.
func (s *Store) ClaimDeliveries(ctx context.Context, n int, lease time.Duration) ([]habeas.Outgoing, error) {
	now := s.clock.Now().UTC()
	var due bool
	if err := s.read(s.q.AnyDueDelivery).QueryRowContext(ctx, s.timeArg(now)).Scan(&due); err != nil || !due {
		return nil, err // nothing to claim: no write, so the pages' cache stands
	}
	var out []habeas.Outgoing
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		ids, err := s.ids(ctx, tx, s.q.ClaimDeliveries, s.timeArg(now), s.timeArg(now.Add(lease)), n)
		if err != nil {
			return err
		}
		for _, id := range ids {
			var o habeas.Outgoing
			var secret []byte
			var payload string
			if err := s.tx(ctx, tx, s.q.OutgoingDelivery).QueryRowContext(ctx, id).Scan(&o.ID, &o.URL, &secret,
				&o.AllowPrivate, &payload, &o.Attempts); err != nil {
				return err
			}
			if o.Secret, err = s.seal.open(secret, webhookSecretField); err != nil {
				return fmt.Errorf("webhook secret of delivery %d: %w", id, err)
			}
			s.seal.openText(&payload, outboxField)
			o.Body = []byte(payload)
			out = append(out, o)
		}
		return nil
	})
	return out, err
}

// FinishDelivery records the outcome of an attempt: sent (ok), else due
// again after a back-off that doubles from 30 seconds up to 6 hours, and
// given up after MaxDeliveryAttempts.
func (s *Store) FinishDelivery(ctx context.Context, d habeas.Outgoing, status int, problem string, ok bool) error {
	now := s.clock.Now().UTC()
	return s.inTx(ctx, func(tx *sql.Tx) error {
		if ok {
			_, err := s.tx(ctx, tx, s.q.DeliverySent).ExecContext(ctx, d.ID, status, s.timeArg(now))
			return err
		}
		if len(problem) > 500 {
			problem = strings.ToValidUTF8(problem[:500], "")
		}
		_, err := s.tx(ctx, tx, s.q.DeliveryFailed).ExecContext(ctx, d.ID, status, problem, s.timeArg(now.Add(backoff(d.Attempts))),
			d.Attempts >= MaxDeliveryAttempts)
		return err
	})
}

// backoff is how long to wait after the attempts-th failed attempt: 30
// seconds, doubling up to 6 hours.
func backoff(attempts int) time.Duration {
	return min(30*time.Second<<min(max(attempts-1, 0), 20), 6*time.Hour)
}

// OutboxBacklog counts the webhook deliveries not yet sent nor given up,
// and those given up.
func (s *Store) OutboxBacklog(ctx context.Context) (pending, gaveUp int, err error) {
	err = s.read(s.q.OutboxBacklog).QueryRowContext(ctx).Scan(&pending, &gaveUp)
	return pending, gaveUp, err
}
