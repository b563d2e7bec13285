package store

import (
	"context"
	"database/sql"
	"errors"
	"strconv"
	"time"

	"codeberg.org/habeas/habeas"
)

// Visitors write through the public site's forms: anonymous, at public
// access, and only what their form writes (a pending comment, a new tip),
// about what the public may see. Like every other write, theirs runs in
// one transaction that decides, against the rows as they are, whether
// the record they write to is there for the public; a hidden one is
// answered as a missing one.

// Forms of the public site, as the rate limits name them.
const (
	formComment = "comment"
	formTip     = "tip"
)

// limitWindow is the window of the rate limits.
const limitWindow = time.Hour

// visit runs fn in a write transaction as the visitor v, at public
// access; when fn has written, the visit is counted against v's limit of
// perWindow uses of form an hour, and a visit over it is refused
// (ERATELIMITED) and changes nothing. A refused write of fn is not
// counted.
func (s *Store) visit(ctx context.Context, v *habeas.Visitor, form string, perWindow int, fn func(w *wtx) error) error {
	if v == nil {
		return errors.New("store: a visitor's write needs the visitor")
	}
	client := v.Client()
	if client == "" {
		// The address is not logged: it is the visitor's.
		return errors.New("store: the visitor's address is not an IP address")
	}
	w := &wtx{s: s, ctx: ctx, a: habeas.Public, visitor: true}
	return s.inTx(ctx, func(tx *sql.Tx) error {
		w.tx = tx
		if err := fn(w); err != nil {
			return err
		}
		if err := w.countVisit(form, client, perWindow); err != nil {
			return err
		}
		return w.flushAudit()
	})
}

// countVisit counts one use of form by client in the current hour and
// refuses it when it is over the limit. The count is one upsert of the
// hour's row, which PostgreSQL locks until the transaction ends, so that
// servers sharing the database count each use once, whoever comes first.
func (w *wtx) countVisit(form, client string, limit int) error {
	s := w.s
	now := s.clock.Now().UTC()
	start := now.Truncate(limitWindow)
	end := start.Add(limitWindow)
	if err := w.exec(s.q.PruneInputLimits, s.timeArg(now)); err != nil {
		return err
	}
	slot := form + " " + s.seal.hashClient(client) + " " + strconv.FormatInt(start.Unix(), 10)
	var hits int
	if err := w.stmt(s.q.CountInput).QueryRowContext(w.ctx, slot, s.timeArg(end)).Scan(&hits); err != nil {
		return mapError(err, "count "+form)
	}
	if hits > limit {
		return &habeas.Error{Code: habeas.ERATELIMITED, RetryAfter: end.Sub(now),
			Message: "too many " + form + "s from your connection in the last hour: please try again later"}
	}
	return nil
}
