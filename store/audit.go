package store

import (
	"context"
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"hash"
	"reflect"
	"strconv"
	"time"

	"codeberg.org/habeas/habeas"
)

// The audit log (docs/audit.md). Every write through wtx appends its
// entries in its own transaction, so an entry exists exactly when its
// change was committed. Each entry's hash covers its fields and the hash
// of the entry before it; the head (last id and hash) is kept in
// audit_head, read as the last step of every write (locked until commit,
// on PostgreSQL), so appends line up one after the other whichever
// process makes them, and a long import holds the lock only while it
// commits.
//
// What an entry says of the record (before and after) is sealed, always,
// with a key of its own, itself sealed with the installation's key: the
// hash covers the sealed body and not its key, so that checking the chain
// needs no key, and a key rotation, which re-seals the entries' keys only,
// leaves every hash as it was.

// auditTimeLayout is the stored form of an entry's time: fixed width, so
// that text order is time order on both backends.
const auditTimeLayout = "2006-01-02T15:04:05.000000Z"

// Additional data bound into an entry's sealed body and sealed key.
const (
	auditBodyField = "audit.body"
	auditKeyField  = "audit.body_key"
)

// auditRow is an entry as stored.
type auditRow struct {
	id         int64
	at         string
	actorID    int64
	actor      string
	action     string
	kind       string
	recordID   int64
	visibility habeas.Visibility
	body       string
	bodyKey    []byte
	prevHash   string
	hash       string
}

// auditBody is what an entry's sealed body holds.
type auditBody struct {
	Before json.RawMessage `json:"before,omitempty"`
	After  json.RawMessage `json:"after,omitempty"`
}

// entryHash is the hash of an entry: SHA-256 over each field, as stored,
// prefixed with its length, then the previous entry's hash. Changing any
// field, or the order of entries, changes it.
func (r *auditRow) entryHash() string {
	h := sha256.New()
	h.Write([]byte("habeas audit v1\n"))
	field := func(h hash.Hash, s string) {
		h.Write([]byte(strconv.Itoa(len(s))))
		h.Write([]byte{':'})
		h.Write([]byte(s))
	}
	for _, f := range []string{strconv.FormatInt(r.id, 10), r.at, strconv.FormatInt(r.actorID, 10), r.actor,
		r.action, r.kind, strconv.FormatInt(r.recordID, 10), strconv.Itoa(int(r.visibility)), r.body, r.prevHash} {
		field(h, f)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// Actors that are not staff accounts.
const (
	actorOperator  = "operator"
	actorVisitor   = "visitor"
	actorAnonymous = "anonymous"
)

// actorOf names who acts as u: a staff account by id and e-mail address,
// the operator, or nobody known (nil).
func actorOf(u *habeas.User) (int64, string) {
	switch {
	case u == nil:
		return 0, actorAnonymous
	case u == habeas.Operator || u.ID == 0 && u.Email == habeas.Operator.Email:
		return 0, actorOperator
	}
	return u.ID, u.Email
}

// audit adds an entry for a change of the record kind/id made by the
// write: before and after are the record (nil for none), kept as JSON as
// they are now. The entries join the chain when the write ends.
func (w *wtx) audit(action, kind string, id int64, before, after any) error {
	actorID, actor := actorOf(w.u)
	if w.visitor {
		actorID, actor = 0, actorVisitor
	}
	r, err := w.s.newEntry(w.s.seal, actorID, actor, action, kind, id, before, after)
	if err != nil {
		return err
	}
	w.entries = append(w.entries, r)
	return nil
}

// flushAudit appends the write's entries to the chain.
func (w *wtx) flushAudit() error {
	if len(w.entries) == 0 {
		return nil
	}
	return w.s.appendEntries(w.ctx, w.tx, w.entries)
}

// appendAudit appends one entry, its body sealed with sl, in tx.
func (s *Store) appendAudit(ctx context.Context, tx *sql.Tx, sl *sealer, actorID int64, actor, action, kind string, id int64, before, after any) error {
	r, err := s.newEntry(sl, actorID, actor, action, kind, id, before, after)
	if err != nil {
		return err
	}
	return s.appendEntries(ctx, tx, []auditRow{r})
}

// appendEntries gives entries the ids after the chain's head (locked
// until tx ends, on PostgreSQL), chains them, writes them and moves the
// head to the last.
func (s *Store) appendEntries(ctx context.Context, tx *sql.Tx, entries []auditRow) error {
	var lastID int64
	var last string
	if err := s.tx(ctx, tx, s.q.AuditHead).QueryRowContext(ctx).Scan(&lastID, &last); err != nil {
		return fmt.Errorf("read the audit chain's head: %w", err)
	}
	for _, r := range entries {
		r.id, r.prevHash = lastID+1, last
		r.hash = r.entryHash()
		if _, err := s.tx(ctx, tx, s.q.InsertAudit).ExecContext(ctx, r.id, r.at, r.actorID, r.actor, r.action, r.kind,
			r.recordID, r.visibility, r.body, r.bodyKey, r.prevHash, r.hash); err != nil {
			return fmt.Errorf("append to the audit log: %w", err)
		}
		lastID, last = r.id, r.hash
	}
	if _, err := s.tx(ctx, tx, s.q.SetAuditHead).ExecContext(ctx, lastID, last); err != nil {
		return fmt.Errorf("move the audit chain's head: %w", err)
	}
	return nil
}

// newEntry makes an entry, not yet chained, its body sealed with sl.
func (s *Store) newEntry(sl *sealer, actorID int64, actor, action, kind string, id int64, before, after any) (auditRow, error) {
	var b auditBody
	var err error
	if b.Before, err = recordJSON(before); err != nil {
		return auditRow{}, fmt.Errorf("audit %s %s %d: %w", action, kind, id, err)
	}
	if b.After, err = recordJSON(after); err != nil {
		return auditRow{}, fmt.Errorf("audit %s %s %d: %w", action, kind, id, err)
	}
	plain, err := json.Marshal(b)
	if err != nil {
		return auditRow{}, fmt.Errorf("audit %s %s %d: %w", action, kind, id, err)
	}
	body, bodyKey, err := sealBody(sl, plain)
	if err != nil {
		return auditRow{}, err
	}
	return auditRow{at: s.clock.Now().UTC().Format(auditTimeLayout), actorID: actorID, actor: actor,
		action: action, kind: kind, recordID: id, visibility: visibilityOf(before, after), body: body, bodyKey: bodyKey}, nil
}

// recordJSON is v as JSON; nil (or a nil pointer) is none.
func recordJSON(v any) (json.RawMessage, error) {
	if v == nil {
		return nil, nil
	}
	if rv := reflect.ValueOf(v); rv.Kind() == reflect.Pointer && rv.IsNil() {
		return nil, nil
	}
	if raw, ok := v.(json.RawMessage); ok {
		return raw, nil
	}
	return json.Marshal(v)
}

// sealBody seals plain with a new random key, and that key with sl.
func sealBody(sl *sealer, plain []byte) (string, []byte, error) {
	key := make([]byte, 32)
	rand.Read(key)
	aead, err := bodyCipher(key)
	if err != nil {
		return "", nil, err
	}
	nonce := make([]byte, aead.NonceSize())
	rand.Read(nonce)
	sealed := aead.Seal(nonce, nonce, plain, []byte(auditBodyField))
	return base64.RawStdEncoding.EncodeToString(sealed), sl.seal(string(key), auditKeyField).([]byte), nil
}

// openBody opens an entry's body with its sealed key.
func openBody(sl *sealer, body string, bodyKey []byte) (auditBody, error) {
	var b auditBody
	key, err := sl.open(bodyKey, auditKeyField)
	if err != nil {
		return b, err
	}
	aead, err := bodyCipher([]byte(key))
	if err != nil {
		return b, err
	}
	sealed, err := base64.RawStdEncoding.DecodeString(body)
	if err != nil || len(sealed) < aead.NonceSize() {
		return b, errors.New("audit body damaged")
	}
	n := aead.NonceSize()
	plain, err := aead.Open(nil, sealed[:n], sealed[n:], []byte(auditBodyField))
	if err != nil {
		return b, fmt.Errorf("open audit body: %w", err)
	}
	return b, json.Unmarshal(plain, &b)
}

func bodyCipher(key []byte) (cipher.AEAD, error) {
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, err
	}
	return cipher.NewGCM(block)
}

var visibilityType = reflect.TypeFor[habeas.Visibility]()

// visibilityOf is the entry's visibility: the most restricted visibility
// found anywhere in before and after (a public person's confidential
// alias makes the entry confidential), or internal when they have none
// (settings, webhooks, an export): the audit log is for staff.
func visibilityOf(vs ...any) habeas.Visibility {
	v, found := habeas.Public, false
	var walk func(rv reflect.Value, depth int)
	walk = func(rv reflect.Value, depth int) {
		if depth > 8 || !rv.IsValid() {
			return
		}
		if rv.Type() == visibilityType {
			v, found = max(v, habeas.Visibility(rv.Int())), true
			return
		}
		switch rv.Kind() {
		case reflect.Pointer, reflect.Interface:
			if !rv.IsNil() {
				walk(rv.Elem(), depth+1)
			}
		case reflect.Struct:
			for i := range rv.NumField() {
				if rv.Type().Field(i).IsExported() {
					walk(rv.Field(i), depth+1)
				}
			}
		case reflect.Slice, reflect.Array:
			for i := range rv.Len() {
				walk(rv.Index(i), depth+1)
			}
		case reflect.Map:
			for it := rv.MapRange(); it.Next(); {
				walk(it.Value(), depth+1)
			}
		}
	}
	for _, x := range vs {
		switch x.(type) {
		case *habeas.Tip, habeas.Tip:
			// A tip is read by staff with the grant only.
			v, found = habeas.Confidential, true
		}
		walk(reflect.ValueOf(x), 0)
	}
	if !found {
		return habeas.Internal
	}
	return v
}

// AuditEvent records an event of the installation (see habeas.AuditService):
// a login, a failed login (u nil), an export, … in a transaction of its own.
func (s *Store) AuditEvent(ctx context.Context, u *habeas.User, action string, detail map[string]any) error {
	if action == "" {
		return errors.New("store: an audit event needs an action")
	}
	actorID, actor := actorOf(u)
	return s.inTx(ctx, func(tx *sql.Tx) error {
		var after any
		if detail != nil {
			after = detail
		}
		return s.appendAudit(ctx, tx, s.seal, actorID, actor, action, "", 0, nil, after)
	})
}

// History returns the audit entries of one record (see habeas.AuditService).
// A record none of whose entries the reader may read is answered as a
// missing one.
func (s *Store) History(ctx context.Context, u *habeas.User, kind string, id int64) ([]habeas.AuditEntry, error) {
	if u == nil {
		return nil, habeas.Errorf(habeas.EUNAUTHORIZED, "the history of a record is for staff: send an API token as Authorization: Bearer <token>")
	}
	// A volunteer reads the history of their case files only.
	a, err := s.AccessTo(ctx, u, kind, id)
	if err != nil {
		return nil, err
	}
	if u.Scoped() && a < u.Grant() {
		return nil, notFound(kind, id)
	}
	rows, err := s.read(s.q.AuditOfRecord).QueryContext(ctx, kind, id)
	if err != nil {
		return nil, fmt.Errorf("history of %s %d: %w", kind, id, err)
	}
	out, err := s.scanAudit(rows, a)
	if err != nil {
		return nil, fmt.Errorf("history of %s %d: %w", kind, id, err)
	}
	for _, e := range out {
		if !e.Withheld {
			return out, nil
		}
	}
	return nil, notFound(kind, id)
}

// AuditLog pages through the audit log, newest first: admins only.
func (s *Store) AuditLog(ctx context.Context, u *habeas.User, f habeas.AuditFilter) (habeas.Page[habeas.AuditEntry], error) {
	var page habeas.Page[habeas.AuditEntry]
	switch {
	case u == nil:
		return page, habeas.Errorf(habeas.EUNAUTHORIZED, "the audit log is for admins: send an API token as Authorization: Bearer <token>")
	case u.Role != habeas.RoleAdmin:
		return page, habeas.Errorf(habeas.EFORBIDDEN, "the audit log is for admins")
	}
	before, err := idCursor(f.Cursor)
	if err != nil {
		return page, err
	}
	if before == 0 {
		before = 1<<63 - 1
	}
	var since, until string
	if !f.Since.IsZero() {
		since = f.Since.UTC().Format(auditTimeLayout)
	}
	if !f.Until.IsZero() {
		until = f.Until.UTC().Format(auditTimeLayout)
	}
	limit := limitOf(f.ListOptions)
	rows, err := s.read(s.q.ListAudit).QueryContext(ctx, before, f.Actor, f.Action, f.Kind, f.RecordID, since, until, limit)
	if err != nil {
		return page, fmt.Errorf("read the audit log: %w", err)
	}
	if page.Items, err = s.scanAudit(rows, u.Access()); err != nil {
		return page, fmt.Errorf("read the audit log: %w", err)
	}
	if page.Items == nil {
		page.Items = []habeas.AuditEntry{}
	}
	if n := len(page.Items); n > 0 {
		page.NextCursor = nextIDCursor(n, limit, page.Items[n-1].ID)
	}
	return page, nil
}

// RecentChanges returns the newest changes of records that u may read,
// newest first, for the dashboard: staff who see every case file only.
func (s *Store) RecentChanges(ctx context.Context, u *habeas.User, limit int) ([]habeas.AuditEntry, error) {
	if !u.May(habeas.ReadInternal) || u.Scoped() {
		return nil, habeas.Forbidden(u, habeas.ReadInternal)
	}
	rows, err := s.read(s.q.RecentChanges).QueryContext(ctx, u.Access(), min(max(limit, 1), 100))
	if err != nil {
		return nil, fmt.Errorf("recent changes: %w", err)
	}
	return s.scanAudit(rows, u.Access())
}

// scanAudit reads entries, opening the bodies of those the reader may read.
func (s *Store) scanAudit(rows *sql.Rows, a habeas.Access) ([]habeas.AuditEntry, error) {
	defer rows.Close()
	var out []habeas.AuditEntry
	for rows.Next() {
		var r auditRow
		if err := rows.Scan(&r.id, &r.at, &r.actorID, &r.actor, &r.action, &r.kind, &r.recordID, &r.visibility,
			&r.body, &r.bodyKey, &r.prevHash, &r.hash); err != nil {
			return nil, err
		}
		e := habeas.AuditEntry{ID: r.id, ActorID: r.actorID, Actor: r.actor, Action: r.action, Kind: r.kind,
			RecordID: r.recordID, Visibility: r.visibility, PrevHash: r.prevHash, Hash: r.hash}
		if t, err := time.Parse(auditTimeLayout, r.at); err == nil {
			e.At = t
		}
		e.Withheld = r.visibility > a
		if !e.Withheld {
			b, err := openBody(s.seal, r.body, r.bodyKey)
			if err != nil {
				// A damaged entry is shown as one: verify names it.
				e.Withheld = true
			}
			e.Before, e.After = b.Before, b.After
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// createRecord runs create as a write of u and audits the record it
// created, rec, whose id create sets.
func (s *Store) createRecord(ctx context.Context, u *habeas.User, kind string, rec any, id *int64, create func(w *wtx) error) error {
	return s.write(ctx, u, kind, func(w *wtx) error {
		if err := create(w); err != nil {
			return err
		}
		return w.audit(habeas.AuditCreate, kind, *id, nil, rec)
	})
}

// changeRecord runs fn as a write of u that changes (action update) or
// deletes the record kind/id, and audits it: before is the record as get
// reads it at u's access, after what fn leaves (nil for a deletion).
// get reads outside the transaction, after fn, so it sees the record as
// the last write committed it, whatever fn changed: on SQLite there is
// one writer; on PostgreSQL fn has locked the record's row by changing it,
// so no other write of it commits between that read and this commit.
func changeRecord[T any](s *Store, ctx context.Context, u *habeas.User, action, kind string, id int64,
	get func(context.Context, habeas.Access, int64) (*T, error), after any, fn func(w *wtx) error) error {
	return s.write(ctx, u, kind, func(w *wtx) error {
		if err := fn(w); err != nil {
			return err
		}
		return auditChange(w, action, kind, id, get, after)
	})
}

// auditChange audits a change of kind/id made in the write w (see
// changeRecord), reading the record before it with get.
func auditChange[T any](w *wtx, action, kind string, id int64, get func(context.Context, habeas.Access, int64) (*T, error), after any) error {
	before, err := get(w.ctx, w.a, id)
	if err != nil {
		return fmt.Errorf("audit %s %s %d: read it before: %w", action, kind, id, err)
	}
	return w.audit(action, kind, id, before, after)
}

// auditOperator appends an entry for a change the operator made in tx
// with a command on the server (an account added, a role changed).
func (s *Store) auditOperator(ctx context.Context, tx *sql.Tx, action, kind string, id int64, before, after any) error {
	return s.appendAudit(ctx, tx, s.seal, 0, actorOperator, action, kind, id, before, after)
}
