package habeas

import "time"

// AlertNotice is one change of an alert that subscribers may be told about:
// the store writes it to the notification outbox in the same transaction as
// the change itself, so a crash neither loses nor doubles it.
type AlertNotice struct {
	AlertID  int64  `json:"alert_id"`
	CaseID   int64  `json:"case_id"`
	PersonID int64  `json:"person_id"`
	Person   string `json:"person"` // the person's primary name, at the access the alert was evaluated
	Rule     string `json:"rule"`
	Severity string `json:"severity"` // info, warning, high, critical
	// Change is what happened: "opened", "severity" (raised or lowered),
	// "acknowledged" or "resolved".
	Change          string     `json:"change"`
	Sentence        string     `json:"sentence"` // the rule's one-sentence explanation
	Country         string     `json:"country,omitempty"`
	OrganizationIDs []int64    `json:"organization_ids,omitempty"`
	Visibility      Visibility `json:"visibility"` // the case's: who may be told
	Public          bool       `json:"public"`     // staff chose to publish the alert
	At              time.Time  `json:"at"`
}
