// Package store keeps habeas's records in SQLite (embedded, the default) or
// PostgreSQL. It is the one implementation of the domain's storage; every
// read takes the reader's access level and filters by visibility in SQL.
package store

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" driver
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"codeberg.org/habeas/habeas"
	"codeberg.org/habeas/habeas/alerts"
)

//go:embed migrations queries
var files embed.FS

// Dialect names a database kind.
type Dialect string

// The two supported dialects.
const (
	SQLite   Dialect = "sqlite"
	Postgres Dialect = "postgres"
)

// Config says where the data lives.
type Config struct {
	// DSN is a postgres:// URL, or the path of a SQLite database file.
	DSN string
	// Key encrypts confidential fields (32 bytes).
	Key []byte
	// Clock gives "today" for the derived state of cases.
	Clock habeas.Clock
	// Alerts are the instance's alert thresholds (a case may override
	// them); the zero value uses the rules' defaults.
	Alerts alerts.Thresholds
}

// Store is an open database.
type Store struct {
	dialect         Dialect
	writer          *sql.DB // SQLite: one connection, so writers queue instead of failing
	reader          *sql.DB // SQLite: many read-only connections; PostgreSQL: the same pool
	q               *queries
	rstmt           []*sql.Stmt // prepared on the reader pool, by query.i
	wstmt           []*sql.Stmt // prepared on the writer pool, by query.i
	qbits           []uint32    // the held tables each query names, by query.i (see held.go)
	qrank           []int       // the rank in heldTables of the table each query inserts into, or -1
	seal            *sealer
	clock           habeas.Clock
	alertThresholds alerts.Thresholds
	gen             atomic.Uint64 // counts committed writes
	// stats keeps the counted statistics (see Stats).
	stats  statsCache
	bound  sync.Map // *sql.Tx → *boundStmts, while the transaction lasts
	shapes sync.Map // statement text → *sql.Stmt on the reader pool (see readShaped)
	// ingesting bounds how many uploads are decoded at once: an image
	// may take hundreds of megabytes while it is (see CreateMedia).
	ingesting chan struct{}
}

// Open connects to the database named by cfg.DSN. It does not migrate:
// call Migrate, or CheckSchema to refuse an out-of-date schema, before any
// other method (both prepare the queries).
func Open(ctx context.Context, cfg Config) (*Store, error) {
	s, err := open(ctx, cfg)
	// A driver's error may quote the DSN: never let it carry the password.
	return s, redactErr(err, cfg.DSN)
}

func open(ctx context.Context, cfg Config) (*Store, error) {
	if cfg.Clock == nil {
		return nil, errors.New("store: a clock is required")
	}
	seal, err := newSealer(cfg.Key)
	if err != nil {
		return nil, err
	}
	s := &Store{seal: seal, clock: cfg.Clock, alertThresholds: cfg.Alerts, ingesting: make(chan struct{}, maxIngesting)}
	if isPostgresDSN(cfg.DSN) {
		s.dialect = Postgres
		db, err := sql.Open("pgx", cfg.DSN)
		if err != nil {
			return nil, fmt.Errorf("open postgres: %w", err)
		}
		db.SetMaxOpenConns(20)
		db.SetMaxIdleConns(10)
		db.SetConnMaxIdleTime(5 * time.Minute)
		s.writer, s.reader = db, db
	} else {
		s.dialect = SQLite
		if err := s.openSQLite(cfg.DSN); err != nil {
			return nil, err
		}
	}
	if s.q, err = loadQueries(s.dialect); err != nil {
		s.Close()
		return nil, err
	}
	if err := s.reader.PingContext(ctx); err != nil {
		s.Close()
		return nil, fmt.Errorf("connect to %s: %w", s.dialect, err)
	}
	return s, nil
}

// prepare prepares every named query once per pool, so no request pays for
// parsing SQL, and a query that does not parse fails at start, not in use.
// It needs the schema, so it runs after migrations (see Migrate and
// CheckSchema).
func (s *Store) prepare(ctx context.Context) error {
	if s.rstmt != nil {
		return nil
	}
	all := s.q.all()
	rs, ws := make([]*sql.Stmt, len(all)), make([]*sql.Stmt, len(all))
	for _, q := range all {
		st, err := s.reader.PrepareContext(ctx, q.sql)
		if err != nil {
			return fmt.Errorf("prepare query %s: %w", q.name, err)
		}
		rs[q.i] = st
		if s.writer == s.reader {
			ws[q.i] = st
			continue
		}
		if ws[q.i], err = s.writer.PrepareContext(ctx, q.sql); err != nil {
			return fmt.Errorf("prepare query %s: %w", q.name, err)
		}
	}
	s.rstmt, s.wstmt = rs, ws
	s.qbits, s.qrank = make([]uint32, len(all)), make([]int, len(all))
	for _, q := range all {
		s.qbits[q.i], s.qrank[q.i] = mentions(q.sql), heldRank(q)
	}
	return nil
}

// read returns the query prepared on the reader pool.
func (s *Store) read(q query) *sql.Stmt {
	if s.rstmt == nil {
		panic("store: query " + q.name + " is not prepared (schema not checked)")
	}
	return s.rstmt[q.i]
}

// tx returns the query bound to a write transaction, binding it once per
// transaction: a bound statement lives until the transaction ends, so
// binding it per call would hold millions of them through a bulk import.
func (s *Store) tx(ctx context.Context, tx *sql.Tx, q query) *sql.Stmt {
	if s.wstmt == nil {
		panic("store: query " + q.name + " is not prepared (schema not checked)")
	}
	v, _ := s.bound.LoadOrStore(tx, &boundStmts{})
	b := v.(*boundStmts)
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.held != nil && b.held.mustWait(q, s.qbits[q.i]) {
		// A failure is kept in b.held and fails the transaction.
		s.writeHeld(ctx, tx, b.held)
	}
	if st, ok := b.byQuery[q.i]; ok {
		return st
	}
	st := tx.StmtContext(ctx, s.wstmt[q.i])
	if b.byQuery == nil {
		b.byQuery = map[int]*sql.Stmt{}
	}
	b.byQuery[q.i] = st
	return st
}

// boundStmts are the statements bound to one transaction.
type boundStmts struct {
	mu      sync.Mutex
	byQuery map[int]*sql.Stmt
	held    *held     // the rows a batch holds back (see held.go)
	conn    *sql.Conn // PostgreSQL: the connection of the transaction
}

// openSQLite opens the two pools of a SQLite file: busy timeout first (so a
// busy database waits rather than failing), then WAL and foreign keys.
// synchronous=FULL: a committed record survives a power cut, not only a
// crash of the process; a lost record is a lost testimony. The writer keeps
// its temporary data (statement journals, sorts) in memory: no temporary
// file holds pages of the database, and a batch's multi-row statements do
// not write each page they change twice (an import: 108 → 96 s).
func (s *Store) openSQLite(path string) error {
	if path == "" {
		return errors.New("store: no database path")
	}
	if dir := filepath.Dir(path); dir != "" {
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return fmt.Errorf("create data folder: %w", err)
		}
	}
	pragmas := "_pragma=busy_timeout(10000)&_pragma=journal_mode(WAL)&_pragma=foreign_keys(1)&_pragma=synchronous(FULL)&_pragma=secure_delete(1)"
	u := "file:" + sqlitePath(path)
	w, err := sql.Open("sqlite", u+"?"+pragmas+"&_pragma=temp_store(MEMORY)&_txlock=immediate")
	if err != nil {
		return fmt.Errorf("open sqlite: %w", err)
	}
	w.SetMaxOpenConns(1)
	w.SetConnMaxIdleTime(0)
	// Create the file and switch it to WAL before readers open it.
	if _, err := w.Exec("SELECT 1"); err != nil {
		w.Close()
		return fmt.Errorf("open sqlite %s: %w", path, err)
	}
	r, err := sql.Open("sqlite", u+"?"+pragmas+"&_pragma=query_only(1)")
	if err != nil {
		w.Close()
		return fmt.Errorf("open sqlite: %w", err)
	}
	r.SetMaxOpenConns(8)
	r.SetMaxIdleConns(8)
	s.writer, s.reader = w, r
	return nil
}

// sqlitePath escapes a file path for a SQLite file: URI.
func sqlitePath(path string) string { return (&url.URL{Path: path}).EscapedPath() }

// Dialect says which database the store uses.
func (s *Store) Dialect() Dialect { return s.dialect }

// Close closes the database pools.
func (s *Store) Close() error {
	var err error
	s.shapes.Range(func(_, st any) bool {
		st.(*sql.Stmt).Close()
		return true
	})
	for _, st := range s.rstmt {
		if st != nil {
			st.Close()
		}
	}
	if s.writer != s.reader {
		for _, st := range s.wstmt {
			if st != nil {
				st.Close()
			}
		}
	}
	if s.writer != nil {
		err = errors.Join(err, s.writer.Close())
	}
	if s.reader != nil && s.reader != s.writer {
		err = errors.Join(err, s.reader.Close())
	}
	return err
}

// Ping checks that the database answers.
func (s *Store) Ping(ctx context.Context) error {
	var one int
	return s.reader.QueryRowContext(ctx, "SELECT 1").Scan(&one)
}

// inTx runs fn in a write transaction, committing when fn returns nil.
func (s *Store) inTx(ctx context.Context, fn func(tx *sql.Tx) error) error {
	return s.runTx(ctx, true, fn)
}

// inAccountTx is inTx for writes that change nothing any cache of the
// store's answers holds (sessions, login failures, second factors, their
// audit entries): the Generation stays, so a staff member's session,
// noted once a minute, does not make the public pages' caches and the
// statistics start again.
func (s *Store) inAccountTx(ctx context.Context, fn func(tx *sql.Tx) error) error {
	return s.runTx(ctx, false, fn)
}

func (s *Store) runTx(ctx context.Context, bump bool, fn func(tx *sql.Tx) error) error {
	var conn *sql.Conn
	if s.dialect == Postgres {
		// The transaction's own connection, for COPY (see copyHeld).
		var err error
		if conn, err = s.writer.Conn(ctx); err != nil {
			return fmt.Errorf("begin: %w", err)
		}
		defer conn.Close()
	}
	var tx *sql.Tx
	var err error
	if conn != nil {
		tx, err = conn.BeginTx(ctx, nil)
	} else {
		tx, err = s.writer.BeginTx(ctx, nil)
	}
	if err != nil {
		return fmt.Errorf("begin: %w", err)
	}
	if conn != nil {
		s.bound.Store(tx, &boundStmts{conn: conn})
	}
	defer s.bound.Delete(tx)
	err = fn(tx)
	if h := s.heldOf(tx); h != nil {
		if err == nil {
			err = s.writeHeld(ctx, tx, h)
		} else if h.err != nil {
			err = h.err // what went wrong first
		}
	}
	if err != nil {
		tx.Rollback()
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	if bump {
		s.gen.Add(1)
	}
	return nil
}

// Generation changes after every write committed through this store, so
// caches of what it returned know to drop their entries.
func (s *Store) Generation() uint64 { return s.gen.Load() }

// now returns the current time in the form the dialect stores.
func (s *Store) now() any { return s.timeArg(s.clock.Now()) }

func (s *Store) timeArg(t time.Time) any {
	if s.dialect == SQLite {
		return t.UTC().Format(time.RFC3339Nano)
	}
	return t.UTC()
}

// dbTime scans a timestamp stored as TEXT (SQLite) or TIMESTAMPTZ (PostgreSQL).
type dbTime struct{ t *time.Time }

func (d dbTime) Scan(v any) error {
	switch v := v.(type) {
	case time.Time:
		*d.t = v.UTC()
	case string:
		return d.parse(v)
	case []byte:
		return d.parse(string(v))
	case nil:
		*d.t = time.Time{}
	default:
		return fmt.Errorf("cannot scan %T into a time", v)
	}
	return nil
}

func (d dbTime) parse(v string) error {
	t, err := time.Parse(time.RFC3339Nano, v)
	if err != nil {
		return fmt.Errorf("stored time %q: %w", v, err)
	}
	*d.t = t.UTC()
	return nil
}

// nullID turns 0 into NULL for optional foreign keys.
func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

// mapError turns constraint violations into errors users can act on.
func mapError(err error, what string) error {
	if err == nil {
		return nil
	}
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		switch pe.Code {
		case "23505":
			return habeas.Errorf(habeas.ECONFLICT, "%s: a record with the same %s already exists", what, uniqueField(pe.ConstraintName+pe.Detail))
		case "23503":
			return habeas.Errorf(habeas.ECONFLICT, "%s: other records refer to it, or it refers to a record that does not exist", what)
		}
	}
	var se *sqlite.Error
	if errors.As(err, &se) {
		switch se.Code() {
		case sqlite3.SQLITE_CONSTRAINT_UNIQUE, sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY:
			return habeas.Errorf(habeas.ECONFLICT, "%s: a record with the same %s already exists", what, uniqueField(se.Error()))
		}
		// RESTRICT foreign keys report as other extended codes: match the message.
		if se.Code()&0xff == sqlite3.SQLITE_CONSTRAINT && strings.Contains(se.Error(), "FOREIGN KEY") {
			return habeas.Errorf(habeas.ECONFLICT, "%s: other records refer to it, or it refers to a record that does not exist", what)
		}
	}
	return fmt.Errorf("%s: %w", what, err)
}

func uniqueField(msg string) string {
	for _, f := range []string{"slug", "email", "token_hash"} {
		if strings.Contains(msg, f) {
			return f
		}
	}
	return "key"
}

// notFound is the error for a record that does not exist or that the reader may not see.
func notFound(what string, id any) error {
	return habeas.Errorf(habeas.ENOTFOUND, "%s %v not found", what, id)
}

func limitOf(o habeas.ListOptions) int {
	switch {
	case o.Limit <= 0:
		return habeas.DefaultLimit
	case o.Limit > habeas.MaxLimit:
		return habeas.MaxLimit
	}
	return o.Limit
}

// idCursor decodes a cursor of an id-ordered collection.
func idCursor(c string) (int64, error) {
	if c == "" {
		return 0, nil
	}
	var id int64
	if _, err := fmt.Sscanf(c, "i%d", &id); err != nil || id < 0 || fmt.Sprintf("i%d", id) != c {
		return 0, &habeas.Error{Code: habeas.EBADREQUEST, Message: "invalid cursor", Fields: map[string]string{"cursor": "is not a cursor this collection gave out"}}
	}
	return id, nil
}

func nextIDCursor(n, limit int, lastID int64) string {
	if n < limit {
		return ""
	}
	return fmt.Sprintf("i%d", lastID)
}

// likeEscape makes s match itself literally inside a LIKE pattern that
// declares ESCAPE '\': it escapes the wildcards % and _ and the escape
// character itself, so a user's "%" finds a "%" and not everything.
func likeEscape(s string) string {
	return likeEscaper.Replace(s)
}

var likeEscaper = strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)

var _ fs.FS = files
