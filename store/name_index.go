package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"codeberg.org/habeas/habeas"
	"codeberg.org/habeas/habeas/names"
)

// nameIndex returns what is stored to find a name seen at visibility vis
// (the stricter of the person's and the name's): its lookup keys
// (names.IndexKeys), as keyed hashes when the name is confidential, and
// the sound classes of its words for prefix search, none for a
// confidential name (they would spell it).
func (sl *sealer) nameIndex(name string, vis habeas.Access) (keys, words []string) {
	n := names.Prepare(name)
	keys = n.IndexKeys()
	if vis == habeas.Confidential {
		for i, k := range keys {
			keys[i] = sl.hashNameKey(k)
		}
		return keys, nil
	}
	return keys, n.WordSounds()
}

// migrationHooks run in a migration's transaction, after its SQL.
var migrationHooks = map[int]func(s *Store, ctx context.Context, tx *sql.Tx) error{
	8:  (*Store).rebuildNameIndex,
	16: (*Store).fillSearchIndex,
	22: (*Store).fillDueDays,
}

// rebuildBatch is how many names rebuildNameIndex reads at a time, and
// rebuildRows how many key rows go to one statement.
const (
	rebuildBatch = 2000
	rebuildRows  = 200
)

// rebuildNameIndex writes the keys and words of every stored name anew
// (migration 0008 emptied name_keys): the names are read in batches in
// the order of their primary key, sealed ones opened with the store's key.
// A sealed name that does not open stops it: its keys would be wrong.
func (s *Store) rebuildNameIndex(ctx context.Context, tx *sql.Tx) error {
	read := fmt.Sprintf(`SELECT n.person_id, n.position, n.name, n.visibility, p.visibility
FROM person_names n JOIN people p ON p.id = n.person_id
WHERE n.person_id > %[1]s OR (n.person_id = %[1]s AND n.position > %[2]s)
ORDER BY n.person_id, n.position LIMIT %[3]d`, s.ph(1), s.ph(2), rebuildBatch)
	keys := &rowWriter{s: s, tx: tx, head: "INSERT INTO name_keys (key, person_id, visibility) VALUES ", tail: " ON CONFLICT DO NOTHING"}
	words := &rowWriter{s: s, tx: tx, head: "INSERT INTO name_words (word, person_id, visibility) VALUES ", tail: " ON CONFLICT DO NOTHING"}
	var afterID, afterPos int64 = -1, -1
	for {
		type named struct {
			id, pos  int64
			name     string
			vis, pvs habeas.Access
		}
		rows, err := tx.QueryContext(ctx, read, afterID, afterPos)
		if err != nil {
			return fmt.Errorf("rebuild name keys: %w", err)
		}
		var batch []named
		for rows.Next() {
			var n named
			if err := rows.Scan(&n.id, &n.pos, &n.name, &n.vis, &n.pvs); err != nil {
				rows.Close()
				return fmt.Errorf("rebuild name keys: %w", err)
			}
			batch = append(batch, n)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return fmt.Errorf("rebuild name keys: %w", err)
		}
		for _, n := range batch {
			vis := max(n.vis, n.pvs)
			if rest, ok := strings.CutPrefix(n.name, sealedPrefix); ok {
				plain, err := s.seal.openSealedText(rest, "person_names.name")
				if err != nil {
					return fmt.Errorf("rebuild name keys: a name of person %d: %w", n.id, ErrWrongKey)
				}
				n.name = plain
			}
			k, w := s.seal.nameIndex(n.name, vis)
			for _, key := range k {
				if err := keys.add(ctx, key, n.id, vis); err != nil {
					return err
				}
			}
			for _, word := range w {
				if err := words.add(ctx, word, n.id, vis); err != nil {
					return err
				}
			}
		}
		if len(batch) < rebuildBatch {
			break
		}
		afterID, afterPos = batch[len(batch)-1].id, batch[len(batch)-1].pos
	}
	if err := keys.flush(ctx); err != nil {
		return err
	}
	if err := words.flush(ctx); err != nil {
		return err
	}
	if s.dialect == Postgres {
		// Every row of both tables is new: without fresh statistics the
		// planner takes them for empty and the names for few.
		for _, t := range []string{"name_keys", "name_words", "person_names"} {
			if _, err := tx.ExecContext(ctx, "ANALYZE "+t); err != nil {
				return fmt.Errorf("rebuild name keys: %w", err)
			}
		}
	}
	return nil
}

// rowWriter inserts rows of three values, rebuildRows to a statement.
type rowWriter struct {
	s          *Store
	tx         *sql.Tx
	head, tail string
	args       []any
}

func (w *rowWriter) add(ctx context.Context, a, b, c any) error {
	w.args = append(w.args, a, b, c)
	if len(w.args) >= 3*rebuildRows {
		return w.flush(ctx)
	}
	return nil
}

func (w *rowWriter) flush(ctx context.Context) error {
	if len(w.args) == 0 {
		return nil
	}
	var b strings.Builder
	b.WriteString(w.head)
	for i := 0; i < len(w.args); i += 3 {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "(%s, %s, %s)", w.s.ph(i+1), w.s.ph(i+2), w.s.ph(i+3))
	}
	b.WriteString(w.tail)
	if _, err := w.tx.ExecContext(ctx, b.String(), w.args...); err != nil {
		return fmt.Errorf("rebuild name keys: %w", err)
	}
	w.args = w.args[:0]
	return nil
}
