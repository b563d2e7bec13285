package store

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
)

// tables lists every table that holds records, for Fingerprint.
var tables = []string{"people", "person_names", "name_keys", "slug_redirects", "person_merges",
	"organizations", "memberships", "facilities", "cases", "charges", "events", "event_sources",
	"sources", "interventions", "intervention_sources", "users", "api_tokens"}

// Fingerprint hashes every row of every table, in a fixed order: two equal
// fingerprints mean nothing was written in between. Tests use it to prove
// that a refused write changed nothing.
func (s *Store) Fingerprint(ctx context.Context) (string, error) {
	h := sha256.New()
	for _, t := range tables {
		rows, err := s.reader.QueryContext(ctx, "SELECT * FROM "+t+" ORDER BY 1, 2")
		if err != nil {
			return "", fmt.Errorf("fingerprint %s: %w", t, err)
		}
		cols, _ := rows.Columns()
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		fmt.Fprintf(h, "%s\n", t)
		for rows.Next() {
			if err := rows.Scan(ptrs...); err != nil {
				rows.Close()
				return "", fmt.Errorf("fingerprint %s: %w", t, err)
			}
			fmt.Fprintf(h, "%v\n", vals)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return "", fmt.Errorf("fingerprint %s: %w", t, err)
		}
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}
