package habeas

import (
	"sort"
	"time"
)

// Stats are the group's own figures, counted from the public timelines as
// the lists count them (see docs/stats.md), beside the estimates others
// published.
type Stats struct {
	// Today is the day the figures describe (YYYY-MM-DD).
	Today string `json:"today"`
	// Detained is how many people are held today; WhereaboutsUnknown and
	// OnHungerStrike how many of them.
	Detained           int `json:"detained"`
	WhereaboutsUnknown int `json:"whereabouts_unknown"`
	OnHungerStrike     int `json:"on_hunger_strike"`
	// ByStatus counts every person with a case by the status of their
	// current case; the other tables count the people held today.
	ByStatus         []StatCount `json:"by_status"`
	ByCountry        []StatCount `json:"by_country"`
	ByClassification []StatCount `json:"by_classification"`
	ByOrganization   []StatCount `json:"by_organization"`
	ByCharge         []StatCount `json:"by_charge"`
	ByFacility       []StatCount `json:"by_facility"`
	ByRegion         []StatCount `json:"by_region"`
	// Monthly is how many detentions were ongoing at the end of each month,
	// from the first known arrest to this month (the last entry counts
	// today). A detention counts from the latest day its arrest may be and
	// until the earliest day its end may be, and only with a known arrest
	// date: the figures are "at least".
	Monthly []MonthCount `json:"monthly"`
	// Changes are the days the number held changed on, each with the
	// number held from that day on, in order (see HeldOnDay).
	Changes []DayCount `json:"-"`
	// HeldOn, when a day is asked for, is how many detentions were
	// ongoing on it, counted as Monthly counts.
	HeldOn *DayCount `json:"held_on,omitempty"`
	// Estimates are the estimates others published, newest first.
	Estimates []Estimate `json:"estimates"`
}

// HeldOnDay returns how many detentions were ongoing on day, counted as
// Monthly counts them.
func (s *Stats) HeldOnDay(day time.Time) int {
	d := day.Format(time.DateOnly)
	i := sort.Search(len(s.Changes), func(i int) bool { return s.Changes[i].Date > d })
	if i == 0 {
		return 0
	}
	return s.Changes[i-1].Count
}

// DayCount is a number of detentions ongoing on Date (YYYY-MM-DD).
type DayCount struct {
	Date  string `json:"date"`
	Count int    `json:"count"`
}

// StatCount is one row of a table of counts: Key is the value counted by
// (a country code, a status, a slug, a legal article), Label how a reader
// reads it where it differs ("" otherwise).
type StatCount struct {
	Key   string `json:"key"`
	Label string `json:"label,omitempty"`
	Count int    `json:"count"`
}

// MonthCount is the number of detentions ongoing at the end of Month
// (YYYY-MM), or today for the current month.
type MonthCount struct {
	Month string `json:"month"`
	Count int    `json:"count"`
}
