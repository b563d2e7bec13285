package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"codeberg.org/habeas/habeas"
)

// wtx is one write transaction of one writer. Every write of the store runs
// in one, so that who may write what is decided in one place: inside the
// transaction, at the writer's access, against the rows as they are now.
type wtx struct {
	s   *Store
	ctx context.Context
	tx  *sql.Tx
	a   habeas.Access // what the writer may read, and so write
	// sealed says the write sealed text that was in clear before: the old
	// page images must then leave the SQLite WAL too.
	sealed bool
	// touched holds the people whose rows of the lists the write changed:
	// they are rewritten just before it commits (see relist).
	touched map[int64]bool
	// pending, in a batch, holds the cases whose derived state is computed
	// once when the batch ends instead of after each record.
	pending map[int64]bool
	// memo, in a batch, keeps what the checks read of the records the
	// batch refers to (a case's visibility, its arrest date…): a batch
	// only creates, so what was true of a record stays true until it ends.
	memo map[memoKey]any
	// alerting holds the cases the rules run on before the write commits
	// (see markAlerts).
	alerting map[int64]bool
	// indexing holds, by index table, the records whose words the write
	// changed: their search index rows are rewritten before it commits.
	indexing map[string]map[int64]bool
	// keepTimes, in a batch, keeps the creation and update times a new
	// record carries, so that an import reproduces the records it reads.
	keepTimes bool
	// u is the writer, as the audit log names them; visitor says the
	// writer is a visitor of the public site.
	u       *habeas.User
	visitor bool
	// entries are the write's audit entries, appended to the chain just
	// before it commits (see flushAudit).
	entries []auditRow
	// counts, in a batch, counts the records it created by kind, for its
	// audit entry.
	counts map[string]int
}

// know tells a batch what the query q (one that remember keeps) answers
// for the record id the batch has just created, so that the checks of the
// records after it, which refer to it, need not ask the database: an
// import of 100,000 people and their cases asks nothing about them again.
// v has the type remember gives for q: bool for a Get* query (the record
// is there at the writer's access: it wrote it), habeas.Visibility for a
// *Visibility query, the arrest date (string) for CaseArrest.
func (w *wtx) know(q query, id int64, v any) {
	if w.memo != nil {
		w.memo[memoKey{q.i, id}] = v
	}
}

// memoKey names one value a batch remembers: a query and its id.
type memoKey struct {
	q  int
	id int64
}

// remember returns the value of query q for id: the one a batch read
// before, or what read gives (kept, in a batch, when keep says so).
func remember[T any](w *wtx, q query, id int64, read func() (T, bool, error)) (T, error) {
	if v, ok := w.memo[memoKey{q.i, id}]; ok {
		return v.(T), nil
	}
	v, keep, err := read()
	if err == nil && keep && w.memo != nil {
		w.memo[memoKey{q.i, id}] = v
	}
	return v, err
}

// write runs fn in a write transaction as u, after checking that u's role
// may write records of the kind (habeas.PermissionFor). A refused write
// returns before anything is changed, or rolls back whatever fn did.
func (s *Store) write(ctx context.Context, u *habeas.User, kind string, fn func(w *wtx) error) error {
	a, err := habeas.WriteAccess(u, kind)
	if err != nil {
		return err
	}
	w := &wtx{s: s, ctx: ctx, a: a, u: u}
	err = s.inTx(ctx, func(tx *sql.Tx) error {
		w.tx = tx
		if err := fn(w); err != nil {
			return err
		}
		if err := w.alertMarked(); err != nil {
			return err
		}
		if err := w.flushIndex(); err != nil {
			return err
		}
		if err := w.relistTouched(); err != nil {
			return err
		}
		// Last: on PostgreSQL the chain's head stays locked until commit.
		return w.flushAudit()
	})
	if err == nil && w.sealed && s.dialect == SQLite {
		// secure_delete zeroes freed space in the database file; the WAL
		// still holds the pages as they were until it is checkpointed
		// and truncated.
		if _, err := s.writer.ExecContext(context.WithoutCancel(ctx), "PRAGMA wal_checkpoint(TRUNCATE)"); err != nil {
			return fmt.Errorf("checkpoint after sealing: %w", err)
		}
	}
	return err
}

// relistTouched rewrites the list rows of the people the write touched:
// in one statement over the range of their ids when they are many and
// close together (a bulk import adds people with consecutive ids), else
// one by one (a facility renamed touches people all over the table): all
// unlisted first, then all listed, since a merge moves memberships, and so
// their member_list rows, from one person to another.
func (w *wtx) relistTouched() error {
	first, last := int64(1<<62), int64(0)
	for id := range w.touched {
		first, last = min(first, id), max(last, id)
	}
	if n := int64(len(w.touched)); n > 64 && last-first < 4*n {
		if n >= bulkRelistAt {
			return w.s.relistBulk(w.ctx, w.tx, first, last, n)
		}
		return w.s.relistRange(w.ctx, w.tx, first, last)
	}
	for id := range w.touched {
		if err := w.s.unlistRange(w.ctx, w.tx, id, id); err != nil {
			return err
		}
	}
	for id := range w.touched {
		if err := w.s.listRange(w.ctx, w.tx, id, id); err != nil {
			return err
		}
	}
	return nil
}

// touch marks a person whose rows of the lists must be rewritten.
func (w *wtx) touch(personID int64) {
	if w.touched == nil {
		w.touched = map[int64]bool{}
	}
	w.touched[personID] = true
}

// stmt returns the query bound to the transaction.
func (w *wtx) stmt(q query) *sql.Stmt { return w.s.tx(w.ctx, w.tx, q) }

// visible reports whether a Get* query (parameters: access, id) finds the
// record at the writer's access. A database error is an error, never "not
// found".
//
// For a volunteer, a record of a case file (a person, a case, an event…)
// is visible only while its person is assigned to them, and a record many
// case files share (a source, a place of detention…) only when it is
// public: they work on their people's files, with what the world knows.
func (w *wtx) visible(query query, id int64) (bool, error) {
	// A batch remembers only what it found: a missing id may be the id of
	// a record the batch creates later.
	return remember(w, query, id, func() (bool, bool, error) {
		a := w.a
		if w.u.Scoped() {
			assigned, owned, err := w.assigned(query, id)
			switch {
			case err != nil:
				return false, false, err
			case owned && !assigned:
				return false, false, nil
			case !owned:
				a = w.shared()
			}
		}
		rows, err := w.stmt(query).QueryContext(w.ctx, a, id)
		if err != nil {
			return false, false, fmt.Errorf("check %s %d: %w", query, id, err)
		}
		defer rows.Close()
		found := rows.Next()
		if err := rows.Err(); err != nil {
			return false, false, fmt.Errorf("check %s %d: %w", query, id, err)
		}
		return found, found, nil
	})
}

// shared is the access at which the write sees the records that many case
// files share (sources, places of detention, organizations, evidence
// files): the writer's, but only what is public for a volunteer, who sees
// more only of the case files assigned to them. What a write keeps of
// such records because the writer cannot see them (a citation of another
// source) is kept at this access too.
func (w *wtx) shared() habeas.Access {
	if w.u.Scoped() {
		return habeas.Public
	}
	return w.a
}

// assigned says whether the record that the Get* query q reads is of a
// case file (owned), and if so whether its person is assigned to the
// writer.
func (w *wtx) assigned(q query, id int64) (assigned, owned bool, err error) {
	qs := w.s.q
	var check query
	switch q.i {
	case qs.GetPerson.i:
		check = qs.AssignedPerson
	case qs.GetCase.i:
		check = qs.AssignedCase
	case qs.GetEvent.i:
		check = qs.AssignedEvent
	case qs.GetIntervention.i:
		check = qs.AssignedIntervention
	case qs.GetMembership.i:
		check = qs.AssignedMembership
	case qs.GetAlert.i:
		check = qs.AssignedAlert
	default:
		return false, false, nil
	}
	var one int
	err = w.stmt(check).QueryRowContext(w.ctx, w.u.ID, id).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return false, true, nil
	}
	if err != nil {
		return false, true, fmt.Errorf("%s %d: %w", check, id, err)
	}
	return true, true, nil
}

// target returns the not-found error unless the record to change or delete
// is visible to the writer: a hidden record is answered as a missing one.
func (w *wtx) target(what string, query query, id int64) error {
	ok, err := w.visible(query, id)
	if err != nil {
		return err
	}
	if !ok {
		return notFound(what, id)
	}
	return nil
}

// ref records a problem when a referenced record is missing or hidden from
// the writer, in the same words for both.
func (w *wtx) ref(pr habeas.Problems, field, what string, query query, id int64) error {
	if id == 0 {
		return nil
	}
	ok, err := w.visible(query, id)
	if err != nil {
		return err
	}
	if !ok {
		pr.Add(field, fmt.Sprintf("no %s with id %d", what, id))
	}
	return nil
}

// mayLeave refuses a visibility above the writer's access: nobody writes
// what they could not read back.
func (w *wtx) mayLeave(field string, v habeas.Visibility) error {
	if v > w.a {
		return habeas.AboveAccess(field, v)
	}
	return nil
}

// mayPublish refuses a record that would be public, v being its
// visibility as stored (raised to its parents'), from a writer who may not
// publish: a researcher or a volunteer writes internal records, and an
// editor decides what the world reads.
func (w *wtx) mayPublish(field string, v habeas.Visibility) error {
	if v == habeas.Public && !w.u.May(habeas.Publish) {
		return &habeas.Error{Code: habeas.EFORBIDDEN, Message: "your role may not publish: write it internal, and an editor will decide what is public",
			Fields: map[string]string{field: "would be public; your role writes internal or confidential data"}}
	}
	return nil
}

// notPublic refuses to change or delete a record that the Get* query q
// finds public to a writer who may not publish: what the world reads, and
// taking a record off the public site, are an editor's call. Call it after
// target.
func (w *wtx) notPublic(what string, q query, id int64) error {
	if w.u.May(habeas.Publish) {
		return nil
	}
	rows, err := w.stmt(q).QueryContext(w.ctx, habeas.Public, id)
	if err != nil {
		return fmt.Errorf("check %s %d: %w", q, id, err)
	}
	defer rows.Close()
	public := rows.Next()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("check %s %d: %w", q, id, err)
	}
	if public {
		return habeas.Errorf(habeas.EFORBIDDEN, "%s %d is public: your role may not change it or take it off the public site; an editor may", what, id)
	}
	return nil
}

// noHiddenDependants refuses to delete (or fold away) a record on which
// records the writer cannot see depend: deleting it would delete them, or
// leave them pointing at nothing, unseen.
func (w *wtx) noHiddenDependants(query query, what string, id int64) error {
	var n int
	if err := w.stmt(query).QueryRowContext(w.ctx, id, w.a).Scan(&n); err != nil {
		return fmt.Errorf("check what depends on %s %d: %w", what, id, err)
	}
	if n > 0 {
		return habeas.Errorf(habeas.ECONFLICT, "%s %d has %d dependent records (names, cases, events, memberships or interventions) that your account may not see; someone with access to them must change it", what, id, n)
	}
	return nil
}

// atLeast raises *v to the visibility a parent's query (one id parameter)
// gives: a child is never less restricted than its parent.
func (w *wtx) atLeast(v *habeas.Visibility, q query, id int64) error {
	least, err := remember(w, q, id, func() (habeas.Visibility, bool, error) {
		var least habeas.Visibility
		if err := w.stmt(q).QueryRowContext(w.ctx, id).Scan(&least); err != nil {
			return 0, false, fmt.Errorf("%s %d: %w", q, id, err)
		}
		return least, true, nil
	})
	*v = max(*v, least)
	return err
}

// ids runs a query of the transaction and returns the ids it selects.
func (w *wtx) ids(query query, args ...any) ([]int64, error) {
	return w.s.ids(w.ctx, w.tx, query, args...)
}

// exec runs a statement of the transaction, wrapping its error.
func (w *wtx) exec(query query, args ...any) error {
	if _, err := w.stmt(query).ExecContext(w.ctx, args...); err != nil {
		return fmt.Errorf("%s: %w", query, err)
	}
	return nil
}

// stamps returns the creation and update times of a new record: now; or,
// in a batch, the times the record carries where they are set (an update
// never before the creation).
func (w *wtx) stamps(created, updated time.Time) (time.Time, time.Time) {
	now := w.s.clock.Now().UTC()
	if !w.keepTimes {
		return now, now
	}
	if created.IsZero() {
		created = now
	}
	if updated.IsZero() {
		updated = now
	}
	if updated.Before(created) {
		updated = created
	}
	return created.UTC(), updated.UTC()
}

// today is the writer's today, for the date rules.
func (w *wtx) today() time.Time { return habeas.Today(w.s.clock) }

// The store implements every service of the domain.
var _ habeas.Services = (*Store)(nil)
