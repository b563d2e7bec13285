package casefile

import "codeberg.org/habeas/habeas"

// hungerStrike follows hunger strikes along the timeline.
//
// A hunger_strike_start opens a strike; a later start while one is open
// replaces it (the latest start is the one reported). A strike is closed by
// a hunger_strike_end, release, pardon or death that is not certainly before
// its start: an end on the start's day closes it, an end certainly before it
// (the end of an earlier, unrecorded strike, or a typo) does not.
//
// Because the timeline is sorted by earliest possible day, an end known
// only to the month ("2025-05") sorts before a start on 6 May 2025 although
// it most likely came after it. Such an end is kept as pending and closes
// the next start that it is not certainly before; each end closes at most one
// strike. An arrest drops a pending end: it belongs to an earlier detention.
type hungerStrike struct {
	open    *entry // the ongoing strike's start, nil when none
	pending *entry // an end seen while no strike was open
}

func (h *hungerStrike) apply(e *entry) {
	switch e.ev.Kind {
	case habeas.EventHungerStrikeStart:
		if h.pending != nil && !h.pending.certainlyBefore(e) {
			h.open, h.pending = nil, nil // ended by an end of coarser date
			return
		}
		h.open, h.pending = e, nil
	case habeas.EventHungerStrikeEnd, habeas.EventRelease, habeas.EventPardon, habeas.EventDeath:
		// In timeline order e starts no earlier than the open strike, so it
		// is never certainly before it: it closes it.
		if h.open == nil {
			h.pending = e
		}
		h.open = nil
	case habeas.EventArrest:
		h.pending = nil // an end before an arrest belongs to an earlier detention
	}
}
