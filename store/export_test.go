package store

import "context"

// SetRekeyBatch sets how many rows rotation reads at a time, so tests
// cross batch boundaries with a few rows; it returns a function restoring
// the old size.
func SetRekeyBatch(n int) (restore func()) {
	old := rekeyBatch
	rekeyBatch = n
	return func() { rekeyBatch = old }
}

// RedactErr is redactErr, for tests.
var RedactErr = redactErr

// SetDrivenBelow sets the size under which an organization's list starts
// from its members, so tests read both ways; it returns a function
// restoring the old size.
func SetDrivenBelow(n int) (restore func()) {
	old := drivenBelow
	drivenBelow = n
	return func() { drivenBelow = old }
}

// SetBulkRelistAt sets how many people a write relists before it may
// build the lists' indexes anew, so tests take that way with a few; it
// returns a function restoring the old number.
func SetBulkRelistAt(n int64) (restore func()) {
	old := bulkRelistAt
	bulkRelistAt = n
	return func() { bulkRelistAt = old }
}

// ListIndexes returns the definitions of the indexes relistBulk makes anew.
func (s *Store) ListIndexes(ctx context.Context) ([]string, error) {
	_, defs, err := s.listIndexes(ctx, s.reader)
	return defs, err
}

// ExecForTest runs one statement on the writer, to put a database in a
// state no method makes (a migration forgotten, say).
func (s *Store) ExecForTest(ctx context.Context, q string) error {
	_, err := s.writer.ExecContext(ctx, q)
	return err
}

// SetFreshStatsAfter sets how many cases a batch touches before it
// refreshes PostgreSQL's statistics; it returns a function restoring it.
func SetFreshStatsAfter(n int) (restore func()) {
	old := freshStatsAfter
	freshStatsAfter = n
	return func() { freshStatsAfter = old }
}
