package alerts

import (
	"reflect"
	"strconv"
	"testing"
	"time"

	"codeberg.org/habeas/habeas"
)

// seedFindings is what the rules say of Elvin Mustafayev on 15 May 2025, the
// day of the post "Relatives of Elvin Mustafayev Concerned After 8 Days
// Without News": a critical silence (he was moved to an undisclosed place),
// the hunger strike begun on 6 May on its tenth day, the unanswered
// inquiries, and no family or lawyer contact on record at all.
func seedFindings(caseID, strikeID, newsID, inquiryID int64) []Finding {
	return []Finding{
		{Rule: NoNews, Severity: Critical, Key: key(NoNews, caseID, "event", newsID), CaseID: caseID, EventID: newsID,
			Since: "2025-05-07~", Days: 8, AtLeast: true,
			Message: "No news for about 8 days, since around 7 May 2025; moved to an undisclosed place between 6 and 14 May 2025; last known place: Correctional Facility No. 3."},
		{Rule: NoContact, Severity: Critical, Key: "no_contact/" + itoa(caseID) + "/arrest:2023-08", CaseID: caseID,
			Since: "2023-08", Days: 623, AtLeast: true,
			Message: "No family or lawyer contact recorded for at least 623 days, since the arrest in August 2023; others have reported since, last around 7 May 2025."},
		{Rule: HungerStrike, Severity: Warning, Key: key(HungerStrike, caseID, "event", strikeID), CaseID: caseID, EventID: strikeID,
			Since: "2025-05-06", Days: 9,
			Message: "Day 10 of a hunger strike begun on 6 May 2025, if it continues."},
		{Rule: Unanswered, Severity: Warning, Key: key(Unanswered, caseID, "intervention", inquiryID) + "/due:2025-05-11", CaseID: caseID,
			InterventionID: inquiryID, Since: "2025-05-11", Days: 4, AtLeast: true,
			Message: "No answer from Penitentiary Service to the inquiry sent in May 2025; an answer was due from 11 May 2025 at the earliest."},
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

func key(rule string, caseID int64, what string, id int64) string {
	return rule + "/" + itoa(caseID) + "/" + what + ":" + itoa(id)
}

// The seed as the post tells it, built by hand.
func TestSeed(t *testing.T) {
	c := &habeas.Case{ID: 1, PersonID: 1, Country: "AZ", Status: habeas.StatusSentenced, ArrestDate: "2023-08",
		Sentence: habeas.Sentence{Years: 3}, SentenceDate: "2024-01-31", PretrialCredited: true, FacilityID: 3}
	events := []habeas.Event{
		ev(1, arrest, "2023-08", 0),
		ev(2, habeas.EventVerdict, "2024-01-31", 0),
		ev(3, hsStart, "2025-05-06", 3),
		ev(4, news, "2025-05-07~", 0),
		ev(5, transfer, "2025-05-06/2025-05-14", 0), // some day after the strike began, before the statement
		ev(6, stmt, "2025-05-14", 0),
	}
	ivs := []habeas.Intervention{{ID: 1, CaseID: 1, Kind: "inquiry", Sender: "Relatives", Recipient: "Penitentiary Service",
		SentOn: "2025-05", AnswerStatus: "none"}}
	got := Evaluate(Input{Case: c, Events: events, Interventions: ivs,
		Facility: func(id int64) string { return map[int64]string{3: "Correctional Facility No. 3"}[id] }},
		time.Date(2025, 5, 15, 0, 0, 0, 0, time.UTC), Thresholds{}) // the day of the post
	if want := seedFindings(1, 3, 4, 1); !reflect.DeepEqual(got, want) {
		t.Errorf("findings:\n got %+v\nwant %+v", got, want)
	}
}
