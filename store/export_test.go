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

// ExecForTest runs one statement on the writer, to put a database in a
// state no method makes (a migration forgotten, say).
func (s *Store) ExecForTest(ctx context.Context, q string) error {
	_, err := s.writer.ExecContext(ctx, q)
	return err
}
