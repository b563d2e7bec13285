package casefile

import "codeberg.org/habeas/habeas"

// PlacingKinds are the event kinds whose FacilityID tells where the person
// is held from then on:
//
//   - transfer: always; FacilityID 0 means an undisclosed place, and the
//     whereabouts are unknown from its date.
//   - arrest, when it names a facility: where the person was taken.
//   - family_visit and lawyer_visit, when they name a facility: the person
//     was seen there. A visit is a sighting, not a move: it places the person
//     only when it certainly happened after the last move (see Compute).
//
// Every other kind's FacilityID says where that event happened and does not
// move the person: a hunger strike begun at Correctional Facility No. 3 does
// not undo a later transfer to an undisclosed place. Release, pardon and
// death end the placement (FacilityID 0, whereabouts not unknown).
var PlacingKinds = []string{
	habeas.EventTransfer,
	habeas.EventArrest,
	habeas.EventFamilyVisit,
	habeas.EventLawyerVisit,
}

// whereabouts follows where the person is held along the timeline.
type whereabouts struct {
	facility int64
	unknown  bool
	since    *entry // the transfer to an undisclosed place, while unknown
	by       *entry // the event that set facility (or the undisclosed transfer); nil: the stored facility
	// lastMove is the last transfer, arrest at a facility, release, pardon
	// or death. A visit that may have come before it cannot overrule it.
	lastMove *entry
}

func (w *whereabouts) apply(e *entry) {
	fac := e.ev.FacilityID
	switch e.ev.Kind {
	case habeas.EventTransfer:
		if fac > 0 {
			w.place(e, fac)
		} else {
			w.facility, w.unknown, w.since, w.by = 0, true, e, e
		}
		w.lastMove = e
	case habeas.EventArrest:
		if fac > 0 {
			w.place(e, fac)
			w.lastMove = e
		}
	case habeas.EventFamilyVisit, habeas.EventLawyerVisit:
		// Moves are applied in timeline order, but a visit whose date range
		// overlaps the last move's may have happened before it: the family
		// may have seen him at Facility No. 3 on 7 May and he was moved to
		// an undisclosed place later "in May". Such a visit must not hide
		// the unknown whereabouts, so only a visit certainly after the move
		// places the person.
		if fac > 0 && (w.lastMove == nil || w.lastMove.certainlyBefore(e)) {
			w.place(e, fac)
		}
	case habeas.EventRelease, habeas.EventPardon, habeas.EventDeath:
		w.facility, w.unknown, w.since, w.by = 0, false, nil, e
		w.lastMove = e
	}
}

func (w *whereabouts) place(e *entry, facility int64) {
	w.facility, w.unknown, w.since, w.by = facility, false, nil, e
}
