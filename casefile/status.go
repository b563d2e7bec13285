package casefile

import (
	"slices"

	"codeberg.org/habeas/habeas"
)

// statusRule is what one kind of event does to the status: it sets To,
// unless the current status is one of Unless.
type statusRule struct {
	To     string
	Unless []string
}

// statusRules is the timeline's effect on a case's status, kind → effect.
// Kinds not listed (visits, transfers, statements, …) leave it alone.
//
//	arrest        → pre_trial, unless already held (detained, pre_trial,
//	                sentenced: an arrest says nothing new about the stage)
//	                or deceased. After a release or pardon it is a fresh
//	                detention.
//	charge,       → pre_trial, unless sentenced (an appeal hearing does not
//	hearing         undo a verdict), free (a free person may be charged or
//	                heard without being held) or deceased. Turns "detained"
//	                (stage not known) into pre_trial.
//	verdict       → sentenced, unless deceased. An acquittal is recorded as a
//	                verdict followed by a release.
//	release       → released, unless pardoned (the release that carries out a
//	                pardon keeps "pardoned") or deceased.
//	pardon        → pardoned, unless deceased.
//	death         → deceased. Nothing changes it afterwards (a posthumous
//	                pardon or verdict does not bring the person back).
var statusRules = map[string]statusRule{
	habeas.EventArrest:  {habeas.StatusPretrial, []string{habeas.StatusDetained, habeas.StatusPretrial, habeas.StatusSentenced, habeas.StatusDeceased}},
	habeas.EventCharge:  {habeas.StatusPretrial, []string{habeas.StatusSentenced, habeas.StatusReleased, habeas.StatusPardoned, habeas.StatusDeceased}},
	habeas.EventHearing: {habeas.StatusPretrial, []string{habeas.StatusSentenced, habeas.StatusReleased, habeas.StatusPardoned, habeas.StatusDeceased}},
	habeas.EventVerdict: {habeas.StatusSentenced, []string{habeas.StatusDeceased}},
	habeas.EventRelease: {habeas.StatusReleased, []string{habeas.StatusPardoned, habeas.StatusDeceased}},
	habeas.EventPardon:  {habeas.StatusPardoned, []string{habeas.StatusDeceased}},
	habeas.EventDeath:   {habeas.StatusDeceased, nil},
}

// Held reports whether status means the person is held: detained,
// pre_trial or sentenced.
func Held(status string) bool {
	switch status {
	case habeas.StatusDetained, habeas.StatusPretrial, habeas.StatusSentenced:
		return true
	}
	return false
}

// Free reports whether status means the detention is over: released,
// pardoned or deceased. An empty or unknown status is neither Held nor
// Free.
func Free(status string) bool {
	switch status {
	case habeas.StatusReleased, habeas.StatusPardoned, habeas.StatusDeceased:
		return true
	}
	return false
}

// statusWalk follows the status along the timeline, and with it the arrest
// that began the current detention and the event that ended it.
type statusWalk struct {
	status string
	by     *entry // the last event whose rule applied; nil: the stored status stands
	// firstArrest is the first arrest on the timeline; rearrest the latest
	// arrest that began a new detention after a release or pardon on the
	// timeline (the case's ArrestDate then belongs to the earlier one).
	firstArrest, rearrest *entry
	end                   *entry // the event that ended the current detention; nil while held
}

func (w *statusWalk) apply(e *entry) {
	kind := e.ev.Kind
	rule, ok := statusRules[kind]
	if !ok {
		return
	}
	before := w.status
	switch kind {
	case habeas.EventArrest:
		if before == habeas.StatusDeceased {
			break // a posthumous record, not a detention
		}
		if w.firstArrest == nil {
			w.firstArrest = e
		}
		if w.by != nil && (before == habeas.StatusReleased || before == habeas.StatusPardoned) {
			w.rearrest, w.end = e, nil
		}
	case habeas.EventRelease:
		// a release after a pardon is the day the person walked out
		if !Free(before) || before == habeas.StatusPardoned {
			w.end = e
		}
	case habeas.EventPardon, habeas.EventDeath:
		// a pardon or death after a release ends nothing more
		if !Free(before) {
			w.end = e
		}
	}
	if slices.Contains(rule.Unless, before) {
		return
	}
	w.status, w.by = rule.To, e
}
