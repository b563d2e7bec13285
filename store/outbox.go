package store

import "codeberg.org/habeas/habeas"

// enqueueAlertNotice writes the notifications one alert change causes into
// the outbox, inside the write's transaction.
//
// It is the hand-off between the alerts' life cycle and their delivery: a
// placeholder that stores nothing until the outbox exists.
func (w *wtx) enqueueAlertNotice(n *habeas.AlertNotice) error {
	_ = n
	return nil
}
