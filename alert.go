package habeas

import (
	"context"
	"time"
)

// Alert states.
const (
	AlertOpen         = "open"
	AlertAcknowledged = "acknowledged"
	AlertResolved     = "resolved"
)

// AlertStates lists the states in their order.
var AlertStates = []string{AlertOpen, AlertAcknowledged, AlertResolved}

// AlertSeverities lists the severities in rising order.
var AlertSeverities = []string{"info", "warning", "high", "critical"}

// Alert is one condition a rule of the silence clock found on a case, from
// the day it opened until it was resolved: by the event that ended it, or
// by a person with a reason. Evaluating again keeps it, raising or lowering
// its severity; a condition that returns after it ended is a new alert.
type Alert struct {
	ID       int64  `json:"id"`
	CaseID   int64  `json:"case_id"`
	PersonID int64  `json:"person_id"`
	Rule     string `json:"rule"`
	State    string `json:"state"`
	Severity string `json:"severity"`
	// Since is the EDTF date the condition runs from (for coming_up, the
	// date ahead); Days the rule's counter on the day last evaluated,
	// AtLeast when it rests on an imprecise date.
	Since   string `json:"since,omitempty"`
	Days    int    `json:"days"`
	AtLeast bool   `json:"at_least,omitempty"`
	// Message is the rule's sentence, from every fact staff may read.
	Message        string `json:"message"`
	EventID        int64  `json:"event_id,omitempty"`
	InterventionID int64  `json:"intervention_id,omitempty"`
	// Public says staff chose to publish the alert. It shows on the public
	// site only as the public timeline alone shows it (PublicMessage):
	// empty when the public cannot see the condition, and then it does
	// not show at all.
	Public         bool   `json:"public"`
	PublicSeverity string `json:"public_severity,omitempty"`
	PublicDays     int    `json:"public_days,omitempty"`
	PublicAtLeast  bool   `json:"public_at_least,omitempty"`
	PublicMessage  string `json:"public_message,omitempty"`
	// Visibility is who may read the alert: at least internal (its message
	// rests on internal facts), confidential when its case is.
	Visibility     Visibility `json:"visibility"`
	OpenedAt       time.Time  `json:"opened_at"`
	UpdatedAt      time.Time  `json:"updated_at"`
	AcknowledgedAt *time.Time `json:"acknowledged_at,omitempty"`
	AcknowledgedBy string     `json:"acknowledged_by,omitempty"`
	AckNote        string     `json:"ack_note,omitempty"`
	ResolvedAt     *time.Time `json:"resolved_at,omitempty"`
	ResolvedBy     string     `json:"resolved_by,omitempty"` // empty when the event that ended it resolved it
	Resolution     string     `json:"resolution,omitempty"`
	EndedByEventID int64      `json:"ended_by_event_id,omitempty"`
	// Changes is the alert's history, oldest first (filled by Alert, not
	// by lists).
	Changes []AlertChange `json:"changes,omitempty"`
}

// AlertChange is one step in an alert's history.
type AlertChange struct {
	At       time.Time `json:"at"`
	Change   string    `json:"change"` // opened, severity, acknowledged, resolved, published, unpublished
	Severity string    `json:"severity"`
	By       string    `json:"by,omitempty"` // empty: the rules did it
	Note     string    `json:"note,omitempty"`
}

// PublicAlert is an alert as the public site shows it: only what the public
// timeline supports, of an alert staff published.
type PublicAlert struct {
	ID       int64 `json:"id"`
	CaseID   int64 `json:"case_id"`
	PersonID int64 `json:"person_id"`
	// Person is the person's name as the public pages write it, PersonSlug
	// the address of their page.
	Person     string    `json:"person"`
	PersonSlug string    `json:"person_slug"`
	Rule       string    `json:"rule"`
	Severity   string    `json:"severity"`
	Days       int       `json:"days"`
	AtLeast    bool      `json:"at_least,omitempty"`
	Message    string    `json:"message"`
	OpenedAt   time.Time `json:"opened_at"`
	// UpdatedAt is the last time its public wording changed, for feeds.
	UpdatedAt time.Time `json:"updated_at"`
}

// AlertFilter selects alerts, newest first by id.
type AlertFilter struct {
	State          string // "" for every state but resolved; "all" for every state
	Severity       string // at least this severity
	Rule           string
	Country        string
	OrganizationID int64
	CaseID         int64
	// AssignedTo, a volunteer's account id, keeps the alerts of the people
	// assigned to them.
	AssignedTo int64
	ListOptions
}

// AlertSweep is what one run of the rules over every case did.
type AlertSweep struct {
	Cases    int           `json:"cases"`
	Opened   int           `json:"opened"`
	Changed  int           `json:"changed"` // severity or wording
	Resolved int           `json:"resolved"`
	Open     int           `json:"open"` // unresolved after the run
	Took     time.Duration `json:"took_ns"`
}

// AlertService keeps the silence clock's alerts.
type AlertService interface {
	Alert(ctx context.Context, a Access, id int64) (*Alert, error)
	ListAlerts(ctx context.Context, a Access, f AlertFilter) (Page[Alert], error)
	// PublicAlerts returns the published alerts the public may see, most
	// severe first; personID 0 for every person.
	PublicAlerts(ctx context.Context, personID int64, limit int) ([]PublicAlert, error)
	AcknowledgeAlert(ctx context.Context, u *User, id int64, note string) (*Alert, error)
	ResolveAlert(ctx context.Context, u *User, id int64, reason string) (*Alert, error)
	PublishAlert(ctx context.Context, u *User, id int64, public bool) (*Alert, error)
	// CaseThresholds returns a case's own thresholds (alerts.Thresholds,
	// as JSON); SetCaseThresholds replaces them and evaluates the case.
	CaseThresholds(ctx context.Context, a Access, caseID int64) ([]byte, error)
	SetCaseThresholds(ctx context.Context, u *User, caseID int64, thresholds []byte) error
	// InstanceThresholds returns the instance's thresholds an admin set
	// (as JSON; {}: the defaults); SetInstanceThresholds replaces them, as
	// an admin, for the next sweep to apply to every case.
	InstanceThresholds(ctx context.Context) ([]byte, error)
	SetInstanceThresholds(ctx context.Context, u *User, thresholds []byte) error
	// SweepAlerts runs the rules on every case, as the periodic sweep does.
	SweepAlerts(ctx context.Context) (AlertSweep, error)
}
