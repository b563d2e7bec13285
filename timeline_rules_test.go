package habeas

import (
	"strings"
	"testing"
	"time"
)

var rulesToday = time.Date(2025, 5, 15, 0, 0, 0, 0, time.UTC)

// Each event date against its case's arrest (2023-08) and today
// (2025-05-15): refused only when certainly wrong.
func TestCheckEventDate(t *testing.T) {
	c := &Case{ArrestDate: "2023-08"}
	tests := []struct {
		name, kind, date string
		c                *Case
		reason           string // the start of the reason for date; "" when allowed
	}{
		{"release years before the arrest", EventRelease, "2019-03-01", c, "is before the arrest (2023-08): only a charge may precede it"},
		{"family visit in 2099", EventFamilyVisit, "2099-01-01", c, "is after today (2025-05-15): only a hearing or an appeal may be scheduled"},
		{"arrest in 2999", EventArrest, "2999", c, "is after today"},
		{"hearing next month", EventHearing, "2025-06-10", c, ""},
		{"appeal next year", EventAppeal, "2026", c, ""},
		{"charge before the arrest", EventCharge, "2023-05-02", c, ""},
		{"charge in the future", EventCharge, "2025-06", c, "is after today"},
		{"hearing before the arrest", EventHearing, "2023-07-31", c, "is before the arrest"},
		{"transfer the day before the arrest month", EventTransfer, "2023-07-31", c, "is before the arrest"},
		{"in the arrest month", EventTransfer, "2023-08-01", c, ""},
		{"a year spanning the arrest", EventHealth, "2023", c, ""},
		{"approximate, in the arrest month", EventLetter, "2023-08-02~", c, ""},
		{"uncertain year before", EventLetter, "2022?", c, "is before the arrest"},
		{"today", EventFamilyVisit, "2025-05-15", c, ""},
		{"this month", EventFamilyVisit, "2025-05", c, ""},
		{"this decade", EventNews, "202X", c, ""},
		{"tomorrow", EventLawyerVisit, "2025-05-16", c, "is after today"},
		{"next month, approximate", EventCall, "2025-06~", c, "is after today"},
		{"no case", EventRelease, "2019", nil, ""},
		{"case without an arrest date", EventRelease, "2019", &Case{}, ""},
		{"case with an approximate arrest", EventRelease, "2023-07", &Case{ArrestDate: "2023-08-05~"}, "is before the arrest (2023-08-05~)"},
		{"date that does not parse", EventRelease, "2025-13", c, ""},
	}
	for _, tc := range tests {
		e := &Event{CaseID: 1, Kind: tc.kind, Date: tc.date}
		err := CheckEventDate(tc.c, e, rulesToday)
		got := ErrorFields(err)["date"]
		if tc.reason == "" {
			if err != nil {
				t.Errorf("%s: refused: %v", tc.name, err)
			}
			continue
		}
		if ErrorCode(err) != EINVALID || !strings.HasPrefix(got, tc.reason) {
			t.Errorf("%s: date = %q (%v), want %q…", tc.name, got, err, tc.reason)
		}
	}
}

// A case's dates, but its expected release, cannot lie after today.
func TestCaseCheckDates(t *testing.T) {
	tests := []struct {
		name  string
		c     Case
		field string // "" when allowed
	}{
		{"past dates", Case{ArrestDate: "2023-08", SentenceDate: "2024-01-31", ClassifiedOn: "2025-05-15"}, ""},
		{"arrest in 2999", Case{ArrestDate: "2999"}, "arrest_date"},
		{"arrest tomorrow", Case{ArrestDate: "2025-05-16"}, "arrest_date"},
		{"arrest this month", Case{ArrestDate: "2025-05"}, ""},
		{"sentence next year", Case{ArrestDate: "2023-08", SentenceDate: "2026~"}, "sentence_date"},
		{"classified next month", Case{ClassifiedOn: "2025-06"}, "classified_on"},
		{"release expected in 2027", Case{ArrestDate: "2023-08", ExpectedRelease: "2027-08"}, ""},
		{"no dates", Case{}, ""},
	}
	for _, tc := range tests {
		err := tc.c.CheckDates(rulesToday)
		if tc.field == "" {
			if err != nil {
				t.Errorf("%s: refused: %v", tc.name, err)
			}
		} else if ErrorCode(err) != EINVALID || !strings.HasPrefix(ErrorFields(err)[tc.field], "is after today") {
			t.Errorf("%s: %v, want %s refused", tc.name, err, tc.field)
		}
	}
}

// An intervention cannot be sent or answered after today; it may be due then.
func TestInterventionCheckDates(t *testing.T) {
	tests := []struct {
		name  string
		iv    Intervention
		field string
	}{
		{"sent, due later", Intervention{SentOn: "2025-05-10", DueOn: "2025-06-10"}, ""},
		{"sent in 2099", Intervention{SentOn: "2099"}, "sent_on"},
		{"answered tomorrow", Intervention{SentOn: "2025-05-10", AnsweredOn: "2025-05-16"}, "answered_on"},
		{"answered this month", Intervention{SentOn: "2025-05-10", AnsweredOn: "2025-05"}, ""},
		{"nothing dated", Intervention{}, ""},
	}
	for _, tc := range tests {
		err := tc.iv.CheckDates(rulesToday)
		if tc.field == "" {
			if err != nil {
				t.Errorf("%s: refused: %v", tc.name, err)
			}
		} else if ErrorCode(err) != EINVALID || !strings.HasPrefix(ErrorFields(err)[tc.field], "is after today") {
			t.Errorf("%s: %v, want %s refused", tc.name, err, tc.field)
		}
	}
}
