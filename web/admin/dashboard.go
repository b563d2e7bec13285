package admin

import (
	"net/http"
	"slices"
	"time"

	"codeberg.org/habeas/habeas"
)

type dashboard struct {
	Alerts    []habeas.Alert
	Names     map[int64]string // the alerts' people, by id
	Critical  int
	High      int
	Silences  []habeas.PersonSummary
	OpenTotal int
	More      bool // more open alerts than the dashboard lists
	// Due are the inquiries, appeals and letters whose answer is due in
	// the coming week (today and the 7 days after), soonest first.
	Due []habeas.DueIntervention
	// Changes are the latest changes of records (not for volunteers).
	Changes []habeas.AuditEntry
}

// dueWeek is how many days after today "due this week" reaches.
const dueWeek = 7

// dashboard is what a researcher looks at first in the morning: the open
// alerts, most severe first, the longest silences, the answers due this
// week and the latest changes.
func (s *Server) dashboard(w http.ResponseWriter, r *http.Request, c *caller) {
	ctx := r.Context()
	// A volunteer's dashboard is of the people assigned to them.
	a, assigned := c.ListAccess()
	var d dashboard
	alerts, err := s.svc.ListAlerts(ctx, a, habeas.AlertFilter{AssignedTo: assigned, ListOptions: habeas.ListOptions{Limit: 50}})
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	d.Alerts = alerts.Items
	// Most severe first, the oldest first within a severity.
	slices.SortStableFunc(d.Alerts, func(x, y habeas.Alert) int {
		return slices.Index(habeas.AlertSeverities, y.Severity) - slices.Index(habeas.AlertSeverities, x.Severity)
	})
	today := habeas.Today(s.clock)
	d.Due, err = s.svc.InterventionsDue(ctx, a, habeas.DueFilter{From: today.Format(time.DateOnly),
		To: today.AddDate(0, 0, dueWeek).Format(time.DateOnly), AssignedTo: assigned})
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	people := alertPeople(d.Alerts)
	for _, iv := range d.Due {
		people = append(people, iv.PersonID)
	}
	if d.Names, err = s.personNames(ctx, a, people); err != nil {
		s.serverError(w, r, err)
		return
	}
	for _, al := range alerts.Items {
		switch al.Severity {
		case "critical":
			d.Critical++
		case "high":
			d.High++
		}
	}
	d.OpenTotal, d.More = len(alerts.Items), alerts.NextCursor != ""
	silent, err := s.svc.ListPeople(ctx, a, habeas.PeopleFilter{Sort: "news", AssignedTo: assigned, ListOptions: habeas.ListOptions{Limit: 10}})
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	d.Silences = silent.Items
	if !c.Scoped() {
		if d.Changes, err = s.svc.RecentChanges(ctx, c.User, 10); err != nil {
			s.serverError(w, r, err)
			return
		}
	}
	s.render(w, r, http.StatusOK, "dashboard", view{Title: "Dashboard", Nav: "dashboard", User: c, Page: d})
}
