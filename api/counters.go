package api

import (
	"codeberg.org/habeas/habeas"
	"codeberg.org/habeas/habeas/casefile"
)

// The domain counts days with -1 for "not known" (casefile.State,
// habeas.PersonSummary); the API says null instead, so that no client
// takes -1 for a number of days. The API's types embed the domain's and
// override those fields (encoding/json takes the shallower field).

// days returns n, or nil when it is below 0 (unknown).
func days(n int) *int {
	if n < 0 {
		return nil
	}
	return &n
}

// PersonSummary is one row of the people list as the API answers it.
type PersonSummary struct {
	habeas.PersonSummary
	DaysWithoutNews *int `json:"days_without_news"` // null when unknown or not detained
	DaysDetained    *int `json:"days_detained"`     // null when unknown or not detained
}

func personSummaries(page habeas.Page[habeas.PersonSummary]) habeas.Page[PersonSummary] {
	out := habeas.Page[PersonSummary]{Items: make([]PersonSummary, len(page.Items)), NextCursor: page.NextCursor}
	for i, p := range page.Items {
		out.Items[i] = PersonSummary{PersonSummary: p, DaysWithoutNews: days(p.DaysWithoutNews), DaysDetained: days(p.DaysDetained)}
	}
	return out
}

// CaseState is what a case's timeline means today, as the reader sees it.
type CaseState struct {
	CaseID int64  `json:"case_id"`
	Today  string `json:"today"`
	casefile.State
	DaysWithoutNews  *int `json:"days_without_news"`  // null when there is neither news nor an arrest date, or the person is free
	DaysDetained     *int `json:"days_detained"`      // null without an arrest date, or when free without an end event
	HungerStrikeDays *int `json:"hunger_strike_days"` // 0 on the first day; null when no hunger strike is ongoing
	DaysToRelease    *int `json:"days_to_release"`    // null when the expected release is unknown or the person is not detained
}

func newCaseState(id int64, today string, st casefile.State) CaseState {
	cs := CaseState{CaseID: id, Today: today, State: st, DaysWithoutNews: days(st.DaysWithoutNews),
		DaysDetained: days(st.DaysDetained), DaysToRelease: days(st.DaysToRelease), HungerStrikeDays: days(st.HungerStrikeDays)}
	if st.HungerStrikeSince == "" {
		cs.HungerStrikeDays = nil
	}
	return cs
}
