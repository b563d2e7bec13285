package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"
	"regexp"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
)

// A batch holds back the rows of the tables below and writes them many to
// a statement: one INSERT of 200 rows costs about what one of a single row
// costs (on PostgreSQL, one round trip instead of 200). A held row is
// written before any statement that could see its absence runs: every
// statement of the transaction that names a table with held rows, and every
// statement that is not a SELECT or an INSERT (an UPDATE or a DELETE may
// cascade), waits until they are written (see Store.tx), and so does the
// commit. Rows are written table by table in this order, in which a row
// refers only to rows of the tables before it, so that every foreign key
// holds at each statement.
var heldTables = []string{"people", "person_names", "name_keys", "name_words", "person_sources", "memberships", "membership_sources",
	"cases", "case_sources", "charges",
	"events", "event_sources", "interventions", "intervention_sources"}

// heldMaxArgs bounds the parameters of one statement of held rows (SQLite
// allows 32,766, PostgreSQL 65,535), and heldMaxRows its rows.
const (
	heldMaxArgs = 8000
	heldMaxRows = 256
)

// held are the rows a batch's transaction holds back, and the ids it has
// reserved for them.
type held struct {
	queues [](*heldQueue) // by rank in heldTables; nil when none held
	n      int            // rows held in all
	ids    map[string]*idBlock
	stmts  map[heldStmtKey]*sql.Stmt
	// err is the first failure to write held rows; the transaction then
	// fails, whatever its function returns.
	err error
}

// heldQueue are the rows held for one insert query.
type heldQueue struct {
	q      query
	withID bool
	width  int // parameters per row
	args   []any
	// The query's parts (see insertShape), read once: its table, its
	// columns (id first when withID), what follows VALUES (…) less the
	// RETURNING id of a reserved id, and whether COPY writes its rows.
	table, cols, tail string
	copies            bool
}

// newHeldQueue reads the shape of the insert query q.
func (s *Store) newHeldQueue(q query, withID bool, width int) *heldQueue {
	m := insertShape.FindStringSubmatch(q.sql)
	hq := &heldQueue{q: q, withID: withID, width: width, table: m[1], cols: m[2], tail: strings.TrimSpace(m[4])}
	if withID {
		hq.cols = "id, " + hq.cols
		hq.tail = strings.TrimSpace(returningID.ReplaceAllString(hq.tail, ""))
	}
	// COPY on PostgreSQL, for a plain insert (no ON CONFLICT, no
	// RETURNING but that of an id the batch reserved): it costs the server
	// a fraction of what INSERT statements of the same rows do.
	hq.copies = s.dialect == Postgres && hq.tail == ""
	return hq
}

type heldStmtKey struct {
	q    int
	rows int
}

// idBlock is a run of ids reserved for the rows of one table.
type idBlock struct{ next, end int64 }

var insertShape = regexp.MustCompile(`(?is)^\s*INSERT\s+INTO\s+(\w+)\s*\(([^)]*)\)\s*VALUES\s*\(([^)]*)\)\s*(.*?)\s*;?\s*$`)

// heldRank returns the rank in heldTables of the table an insert query
// writes, or -1 when its rows are never held.
func heldRank(q query) int {
	m := insertShape.FindStringSubmatch(q.sql)
	if m == nil {
		return -1
	}
	for i, t := range heldTables {
		if strings.EqualFold(m[1], t) {
			return i
		}
	}
	return -1
}

// mentions reports which held tables the SQL of q names, one bit each.
func mentions(sqlText string) uint32 {
	var bits uint32
	words := strings.FieldsFunc(strings.ToLower(sqlText), func(r rune) bool {
		return !(r == '_' || r >= 'a' && r <= 'z' || r >= '0' && r <= '9')
	})
	for _, w := range words {
		for i, t := range heldTables {
			if w == t {
				bits |= 1 << i
			}
		}
	}
	return bits
}

// mustWait reports whether q may not run before the held rows are written.
func (h *held) mustWait(q query, bits uint32) bool {
	if h.n == 0 {
		return false
	}
	verb := strings.ToUpper(strings.Fields(q.sql + " x")[0])
	if verb != "SELECT" && verb != "INSERT" && verb != "WITH" {
		return true
	}
	for i, hq := range h.queues {
		if hq != nil && len(hq.args) > 0 && bits&(1<<i) != 0 {
			return true
		}
	}
	return false
}

// holdRows makes the batch transaction tx hold back rows (see heldTables).
func (s *Store) holdRows(ctx context.Context, tx *sql.Tx) {
	v, _ := s.bound.LoadOrStore(tx, &boundStmts{})
	b := v.(*boundStmts)
	b.mu.Lock()
	defer b.mu.Unlock()
	b.held = &held{queues: make([]*heldQueue, len(heldTables)), ids: map[string]*idBlock{}, stmts: map[heldStmtKey]*sql.Stmt{}}
}

// insert runs the single-row insert q in tx, or holds its row back when tx
// is a batch's and q's table is one whose rows a batch holds.
func (s *Store) insert(ctx context.Context, tx *sql.Tx, q query, args ...any) error {
	if h := s.heldOf(tx); h != nil {
		if rank := s.qrank[q.i]; rank >= 0 {
			return s.hold(ctx, tx, h, rank, q, false, args)
		}
	}
	_, err := s.tx(ctx, tx, q).ExecContext(ctx, args...)
	return err
}

// insertID runs the insert q, which returns the new row's id, in tx; a
// batch reserves the id instead and holds the row back when q's table is
// one whose rows a batch holds.
func (s *Store) insertID(ctx context.Context, tx *sql.Tx, q query, id *int64, args ...any) error {
	if h := s.heldOf(tx); h != nil {
		if rank := s.qrank[q.i]; rank >= 0 {
			next, err := s.reserveID(ctx, tx, h, heldTables[rank])
			if err != nil {
				return err
			}
			*id = next
			return s.hold(ctx, tx, h, rank, q, true, append([]any{next}, args...))
		}
	}
	return s.tx(ctx, tx, q).QueryRowContext(ctx, args...).Scan(id)
}

// flushHeld writes the rows tx holds, if any: before a statement that is
// not one of the named queries (which Store.tx guards) reads their tables.
func (s *Store) flushHeld(ctx context.Context, tx *sql.Tx) error {
	if h := s.heldOf(tx); h != nil {
		return s.writeHeld(ctx, tx, h)
	}
	return nil
}

func (s *Store) heldOf(tx *sql.Tx) *held {
	v, ok := s.bound.Load(tx)
	if !ok {
		return nil
	}
	b := v.(*boundStmts)
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.held
}

func (s *Store) hold(ctx context.Context, tx *sql.Tx, h *held, rank int, q query, withID bool, args []any) error {
	if h.err != nil {
		return h.err
	}
	hq := h.queues[rank]
	if hq == nil {
		hq = s.newHeldQueue(q, withID, len(args))
		h.queues[rank] = hq
	} else if hq.q.i != q.i || hq.width != len(args) {
		return fmt.Errorf("store: rows of %s and %s held for one table", hq.q, q)
	}
	hq.args = append(hq.args, args...)
	h.n++
	if h.n >= 4*heldMaxRows {
		return s.writeHeld(ctx, tx, h)
	}
	return nil
}

// reserveID returns a new id for a row of table. SQLite: the batch holds
// the only write lock, so the ids after the largest ever given are free. PostgreSQL:
// ids come from the table's identity sequence, a block at a time, so that
// other servers writing at the same time never get the same.
func (s *Store) reserveID(ctx context.Context, tx *sql.Tx, h *held, table string) (int64, error) {
	blk := h.ids[table]
	if blk == nil || blk.next == blk.end {
		if s.dialect == SQLite {
			if blk == nil {
				blk = &idBlock{}
				// AUTOINCREMENT: past the largest id the table ever had,
				// so that the id of a deleted record (a merged person's,
				// which an undo brings back) is never given again.
				q := "SELECT MAX(COALESCE((SELECT MAX(id) FROM " + table + "), 0), " +
					"COALESCE((SELECT seq FROM sqlite_sequence WHERE name = ?), 0)) + 1"
				if err := tx.QueryRowContext(ctx, q, table).Scan(&blk.next); err != nil {
					return 0, fmt.Errorf("reserve ids of %s: %w", table, err)
				}
			}
			blk.end = blk.next + 1<<20
		} else {
			var first, last int64
			err := tx.QueryRowContext(ctx, "SELECT MIN(n), MAX(n) FROM (SELECT nextval(pg_get_serial_sequence($1, 'id')) AS n FROM generate_series(1, 1024)) r", table).Scan(&first, &last)
			if err != nil {
				return 0, fmt.Errorf("reserve ids of %s: %w", table, err)
			}
			if last-first != 1023 {
				// Another server took ids in between: take them one by one.
				last = first
			}
			blk = &idBlock{next: first, end: last + 1}
		}
		h.ids[table] = blk
	}
	id := blk.next
	blk.next++
	return id, nil
}

// writeHeld writes every held row, table by table (see heldTables).
func (s *Store) writeHeld(ctx context.Context, tx *sql.Tx, h *held) error {
	if h.err != nil {
		return h.err
	}
	for _, hq := range h.queues {
		if hq == nil || len(hq.args) == 0 {
			continue
		}
		if hq.copies {
			if err := s.copyHeld(ctx, tx, hq); err != nil {
				h.err = mapError(fmt.Errorf("write rows of %s: %w", hq.q, err), "batch")
				return h.err
			}
			hq.args = hq.args[:0:0]
			continue
		}
		per := max(1, min(heldMaxRows, heldMaxArgs/hq.width))
		for len(hq.args) > 0 {
			n := min(per, len(hq.args)/hq.width)
			st, kept, err := s.heldStmt(ctx, tx, h, hq, n)
			if err == nil {
				_, err = st.ExecContext(ctx, hq.args[:n*hq.width]...)
				if !kept {
					st.Close() // else the transaction keeps it to its end
				}
			}
			if err != nil {
				h.err = mapError(fmt.Errorf("write rows of %s: %w", hq.q, err), "batch")
				return h.err
			}
			clear(hq.args[:n*hq.width])
			hq.args = hq.args[n*hq.width:]
		}
		hq.args = hq.args[:0:0]
	}
	h.n = 0
	return nil
}

var returningID = regexp.MustCompile(`(?is)\bRETURNING\s+id\b`)

// copyHeld writes the held rows of hq with COPY on the connection of tx.
func (s *Store) copyHeld(ctx context.Context, tx *sql.Tx, hq *heldQueue) error {
	v, _ := s.bound.Load(tx)
	conn := v.(*boundStmts).conn
	var cols []string
	for _, c := range strings.Split(hq.cols, ",") {
		cols = append(cols, strings.TrimSpace(c))
	}
	rows := make([][]any, 0, len(hq.args)/hq.width)
	for a := hq.args; len(a) > 0; a = a[hq.width:] {
		row := a[:hq.width:hq.width]
		for i, x := range row {
			if v, ok := x.(driver.Valuer); ok { // sql.Null*: COPY takes plain values
				var err error
				if row[i], err = v.Value(); err != nil {
					return err
				}
			}
		}
		rows = append(rows, row)
	}
	return conn.Raw(func(dc any) error {
		pc, ok := dc.(*stdlib.Conn)
		if !ok {
			return fmt.Errorf("store: COPY needs a pgx connection, not %T", dc)
		}
		_, err := pc.Conn().CopyFrom(ctx, pgx.Identifier{hq.table}, cols, pgx.CopyFromRows(rows))
		return err
	})
}

// heldStmt returns the statement inserting n rows of hq, prepared once per
// transaction for the most rows a statement takes, and for other counts
// each time (kept is false: the caller closes it).
func (s *Store) heldStmt(ctx context.Context, tx *sql.Tx, h *held, hq *heldQueue, n int) (st *sql.Stmt, kept bool, err error) {
	key := heldStmtKey{hq.q.i, n}
	if hq.withID {
		key.q = -1 - key.q
	}
	if st, ok := h.stmts[key]; ok {
		return st, true, nil
	}
	var b strings.Builder
	b.WriteString("INSERT INTO " + hq.table + " (" + hq.cols + ") VALUES ")
	p := 1
	for r := range n {
		if r > 0 {
			b.WriteString(", ")
		}
		b.WriteByte('(')
		for c := range hq.width {
			if c > 0 {
				b.WriteString(", ")
			}
			if s.dialect == SQLite {
				// Unnamed: SQLite looks a numbered parameter's name up in
				// a list, once per parameter, which is quadratic here.
				b.WriteByte('?')
			} else {
				b.WriteString(s.ph(p))
			}
			p++
		}
		b.WriteByte(')')
	}
	if hq.tail != "" {
		b.WriteString(" " + hq.tail)
	}
	if st, err = tx.PrepareContext(ctx, b.String()); err != nil {
		return nil, false, err
	}
	if n == min(heldMaxRows, heldMaxArgs/hq.width) {
		h.stmts[key] = st // the full statement is used again and again
		return st, true, nil
	}
	return st, false, nil
}
