package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"codeberg.org/habeas/habeas/names"
)

// textSealed lists the columns that hold text sealed by sealText, with the
// key columns of their rows. Add an entry for every column written with
// sealText: key rotation re-seals exactly these.
var textSealed = []struct {
	table string
	keys  []string
	cols  []string
}{
	{"people", []string{"id"}, []string{"name", "gender", "occupation", "bio", "photo_url", "photo_alt", "internal_notes", "bio_translations"}},
	{"person_names", []string{"person_id", "position"}, []string{"name"}},
	{"cases", []string{"id"}, []string{"court", "classified_by", "position_note", "summary", "internal_notes"}},
	{"charges", []string{"case_id", "position"}, []string{"article", "text"}},
	{"events", []string{"id"}, []string{"summary", "quote", "speaker"}},
	{"interventions", []string{"id"}, []string{"sender", "recipient", "summary"}},
	{"sources", []string{"id"}, []string{"title", "url", "publisher"}},
	{"organizations", []string{"id"}, []string{"name", "other_names", "description", "description_translations"}},
	{"memberships", []string{"id"}, []string{"role"}},
	{"facilities", []string{"id"}, []string{"name", "address", "description", "description_translations"}},
	{"person_merges", []string{"id"}, []string{"record"}},
	{"tips", []string{"id"}, []string{"name", "contact", "text"}},
	{"users", []string{"id"}, []string{"totp_secret"}},
	{"media", []string{"id"}, []string{"filename", "alt", "caption"}},
}

func init() { rekeyHooks = append(rekeyHooks, rekeyText, rekeyNameKeys) }

// rekeyText re-seals every sealed text value with the next key. A value
// that does not open with the old key stops the rotation.
func rekeyText(ctx context.Context, tx *sql.Tx, old, next *sealer) error {
	ph := func(n int) string { return fmt.Sprintf("$%d", n) }
	for _, t := range textSealed {
		cols := append(append([]string{}, t.keys...), t.cols...)
		var sealedCond []string
		for _, c := range t.cols {
			sealedCond = append(sealedCond, "substr("+c+", 1, 4) = "+ph(1))
		}
		q := "SELECT " + strings.Join(cols, ", ") + " FROM " + t.table + " WHERE " + strings.Join(sealedCond, " OR ")
		rows, err := tx.QueryContext(ctx, q, sealedPrefix)
		if err != nil {
			return fmt.Errorf("rotate %s: %w", t.table, err)
		}
		var all [][]any
		for rows.Next() {
			keys := make([]int64, len(t.keys))
			vals := make([]string, len(t.cols))
			dst := []any{}
			for i := range keys {
				dst = append(dst, &keys[i])
			}
			for i := range vals {
				dst = append(dst, &vals[i])
			}
			if err := rows.Scan(dst...); err != nil {
				rows.Close()
				return fmt.Errorf("rotate %s: %w", t.table, err)
			}
			row := []any{}
			for i, v := range vals {
				field := t.table + "." + t.cols[i]
				if strings.HasPrefix(v, sealedPrefix) {
					old.openText(&v, field)
					if v == unreadable {
						rows.Close()
						return fmt.Errorf("rotate %s: a value of %s does not open with the current key; nothing was changed", t.table, field)
					}
					next.sealText(&v, field)
				}
				row = append(row, v)
			}
			for _, k := range keys {
				row = append(row, k)
			}
			all = append(all, row)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return fmt.Errorf("rotate %s: %w", t.table, err)
		}
		var set, where []string
		for i, c := range t.cols {
			set = append(set, c+" = "+ph(i+1))
		}
		for i, k := range t.keys {
			where = append(where, k+" = "+ph(len(t.cols)+i+1))
		}
		upd := "UPDATE " + t.table + " SET " + strings.Join(set, ", ") + " WHERE " + strings.Join(where, " AND ")
		for _, row := range all {
			if _, err := tx.ExecContext(ctx, upd, row...); err != nil {
				return fmt.Errorf("rotate %s: %w", t.table, err)
			}
		}
	}
	return nil
}

// rekeyNameKeys replaces the keyed hashes of confidential names' blocking
// keys with hashes under the next key. It runs after rekeyText, so the
// names are sealed with the next key by then.
func rekeyNameKeys(ctx context.Context, tx *sql.Tx, old, next *sealer) error {
	if _, err := tx.ExecContext(ctx, "DELETE FROM name_keys WHERE substr(key, 1, 2) = 'h:'"); err != nil {
		return fmt.Errorf("rotate name keys: %w", err)
	}
	rows, err := tx.QueryContext(ctx, "SELECT person_id, name FROM person_names WHERE substr(name, 1, 4) = $1", sealedPrefix)
	if err != nil {
		return fmt.Errorf("rotate name keys: %w", err)
	}
	type named struct {
		id   int64
		name string
	}
	var all []named
	for rows.Next() {
		var n named
		if err := rows.Scan(&n.id, &n.name); err != nil {
			rows.Close()
			return fmt.Errorf("rotate name keys: %w", err)
		}
		next.openText(&n.name, "person_names.name")
		all = append(all, n)
	}
	rows.Close()
	for _, n := range all {
		for _, k := range names.Prepare(n.name).IndexKeys() {
			if _, err := tx.ExecContext(ctx, "INSERT INTO name_keys (key, person_id, visibility) VALUES ($1, $2, 2) ON CONFLICT DO NOTHING",
				next.hashNameKey(k), n.id); err != nil {
				return fmt.Errorf("rotate name keys: %w", err)
			}
		}
	}
	return nil
}
