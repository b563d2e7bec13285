package casefile

import (
	"testing"
	"time"

	"codeberg.org/habeas/habeas"
)

// day returns midnight UTC of an ISO date.
func day(tb testing.TB, s string) time.Time {
	tb.Helper()
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		tb.Fatal(err)
	}
	return t
}

// daysBetween returns the days from a to b, both ISO dates.
func daysBetween(tb testing.TB, a, b string) int {
	tb.Helper()
	return int(day(tb, b).Sub(day(tb, a)).Hours() / 24)
}

// ev builds an event; IDs follow the order of the list.
func ev(id int64, kind, date string, facility int64) habeas.Event {
	return habeas.Event{ID: id, CaseID: 1, Kind: kind, Date: date, FacilityID: facility}
}

// timeline numbers events 1, 2, 3, … in the order given.
func timeline(events ...habeas.Event) []habeas.Event {
	for i := range events {
		events[i].ID = int64(i + 1)
	}
	return events
}

// Short names for the kinds, so tables read like timelines.
const (
	arrest     = habeas.EventArrest
	charge     = habeas.EventCharge
	hearing    = habeas.EventHearing
	verdict    = habeas.EventVerdict
	appeal     = habeas.EventAppeal
	transfer   = habeas.EventTransfer
	hsStart    = habeas.EventHungerStrikeStart
	hsEnd      = habeas.EventHungerStrikeEnd
	family     = habeas.EventFamilyVisit
	lawyer     = habeas.EventLawyerVisit
	call       = habeas.EventCall
	letter     = habeas.EventLetter
	illTreat   = habeas.EventIllTreatment
	health     = habeas.EventHealth
	release    = habeas.EventRelease
	pardon     = habeas.EventPardon
	death      = habeas.EventDeath
	statement  = habeas.EventStatement
	news       = habeas.EventNews
	detained   = habeas.StatusDetained
	pretrial   = habeas.StatusPretrial
	sentenced  = habeas.StatusSentenced
	released   = habeas.StatusReleased
	pardoned   = habeas.StatusPardoned
	deceased   = habeas.StatusDeceased
	noFacility = 0
)
