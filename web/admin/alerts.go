package admin

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"codeberg.org/habeas/habeas"
	"codeberg.org/habeas/habeas/alerts"
)

// The silence clock's alerts in the workspace: listed, acknowledged,
// resolved by hand with a reason, published; and a case's own thresholds.

// alertsPage is the list of alerts, by state, severity and rule.
type alertsPage struct {
	Alerts                    []habeas.Alert
	Names                     map[int64]string
	State, Severity, Rule     string
	States, Severities, Rules []string
	Next, Problem             string
}

func (s *Server) alertsList(w http.ResponseWriter, r *http.Request, c *caller) {
	q := r.URL.Query()
	p := alertsPage{State: q.Get("state"), Severity: q.Get("severity"), Rule: q.Get("rule"),
		States:     []string{habeas.AlertOpen, habeas.AlertAcknowledged, habeas.AlertResolved, "all"},
		Severities: habeas.AlertSeverities, Rules: alerts.Rules}
	switch {
	case p.State != "" && !slices.Contains(p.States, p.State),
		p.Severity != "" && !slices.Contains(p.Severities, p.Severity),
		p.Rule != "" && !slices.Contains(p.Rules, p.Rule):
		p.Problem = "This filter cannot be used: choose a state, a severity and a rule from the lists."
		s.render(w, r, http.StatusBadRequest, "alerts", view{Title: "Alerts", Nav: "alerts", User: c, Page: p})
		return
	}
	a, assigned := c.ListAccess()
	page, err := s.svc.ListAlerts(r.Context(), a, habeas.AlertFilter{State: p.State, Severity: p.Severity, Rule: p.Rule,
		AssignedTo: assigned, ListOptions: habeas.ListOptions{Limit: 50, Cursor: q.Get("cursor")}})
	if err != nil {
		s.refused(w, r, err)
		return
	}
	p.Alerts = page.Items
	if p.Names, err = s.personNames(r.Context(), a, alertPeople(p.Alerts)); err != nil {
		s.serverError(w, r, err)
		return
	}
	if page.NextCursor != "" {
		p.Next = "/admin/alerts?" + url.Values{"state": {p.State}, "severity": {p.Severity}, "rule": {p.Rule}, "cursor": {page.NextCursor}}.Encode()
	}
	s.render(w, r, http.StatusOK, "alerts", view{Title: "Alerts", Nav: "alerts", User: c, Page: p})
}

func alertPeople(list []habeas.Alert) []int64 {
	ids := make([]int64, len(list))
	for i, al := range list {
		ids[i] = al.PersonID
	}
	return ids
}

// personNames names the people ids at access a; one the reader may not
// see is left out.
func (s *Server) personNames(ctx context.Context, a habeas.Access, ids []int64) (map[int64]string, error) {
	names := map[int64]string{}
	for _, id := range ids {
		if _, ok := names[id]; ok {
			continue
		}
		p, err := s.svc.Person(ctx, a, id)
		switch {
		case err == nil:
			names[id] = p.DisplayName()
		case habeas.ErrorCode(err) != habeas.ENOTFOUND:
			return nil, err
		}
	}
	return names, nil
}

// alertPage is one alert: what it says, to the staff and to the public,
// its history, and what may be done with it.
type alertPage struct {
	Caller       *caller
	Alert        *habeas.Alert
	Person       string
	Done         string
	Note, Reason string
	Errors       map[string]string
	Problem      string
}

func (p *alertPage) Err(field string) string { return p.Errors[field] }

// alertDone is what the page says after each action, by ?done=.
var alertDone = map[string]string{"acknowledge": "Acknowledged.", "resolve": "Resolved.",
	"publish": "Shown on the public site.", "unpublish": "No longer shown on the public site."}

func (s *Server) alertPage(w http.ResponseWriter, r *http.Request, c *caller) {
	p, err := s.loadAlert(r, c)
	if err != nil {
		s.refused(w, r, err)
		return
	}
	p.Done = alertDone[r.URL.Query().Get("done")]
	s.render(w, r, http.StatusOK, "alert", view{Title: alerts.Title(p.Alert.Rule), Nav: "alerts", User: c, Page: p})
}

func (s *Server) loadAlert(r *http.Request, c *caller) (*alertPage, error) {
	id, ok := pathID(r)
	if !ok {
		return nil, habeas.Errorf(habeas.ENOTFOUND, "alert not found")
	}
	a, al, err := fileRecord(s, r, c, "alert", id, s.svc.Alert)
	if err != nil {
		return nil, err
	}
	p := &alertPage{Caller: c, Alert: al, Person: "the case"}
	if names, err := s.personNames(r.Context(), a, []int64{al.PersonID}); err != nil {
		return nil, err
	} else if n, ok := names[al.PersonID]; ok {
		p.Person = n
	}
	return p, nil
}

// alertAction acknowledges, resolves, publishes or unpublishes the alert
// in the path; a note or reason that is refused is shown beside its field.
func (s *Server) alertAction(w http.ResponseWriter, r *http.Request, c *caller) {
	id, ok := pathID(r)
	action := r.PathValue("action")
	if _, known := alertDone[action]; !ok || !known {
		s.notFound(w, r)
		return
	}
	ctx := r.Context()
	note, reason := strings.TrimSpace(r.PostFormValue("note")), strings.TrimSpace(r.PostFormValue("reason"))
	var err error
	switch action {
	case "acknowledge":
		_, err = s.svc.AcknowledgeAlert(ctx, c.User, id, note)
	case "resolve":
		_, err = s.svc.ResolveAlert(ctx, c.User, id, reason)
	default:
		_, err = s.svc.PublishAlert(ctx, c.User, id, action == "publish")
	}
	if err == nil {
		http.Redirect(w, r, fmt.Sprintf("/admin/alerts/%d?done=%s", id, action), http.StatusSeeOther)
		return
	}
	if habeas.ErrorCode(err) != habeas.EINVALID {
		s.refused(w, r, err)
		return
	}
	p, lerr := s.loadAlert(r, c)
	if lerr != nil {
		s.refused(w, r, lerr)
		return
	}
	p.Note, p.Reason = note, reason
	p.Problem, p.Errors = "Nothing was changed: "+habeas.ErrorMessage(err)+".", habeas.ErrorFields(err)
	s.render(w, r, http.StatusUnprocessableEntity, "alert", view{Title: alerts.Title(p.Alert.Rule), Nav: "alerts", User: c, Page: p})
}

// thresholdsForm is a set of thresholds (a case's own, or the instance's)
// as its form shows them: a number of days per rule ("" for the one
// below) and, one a line, the days an authority has to answer
// ("Penitentiary Service: 30"). Base is what an empty field leaves: for a
// case, the instance's thresholds; for the instance, the defaults.
type thresholdsForm struct {
	Action     string // where the form is sent
	CSRF       string
	Base       alerts.Thresholds
	BaseWord   string // "the default", or "this installation's"
	Days       map[string]string
	AnswerDays string
	Errors     map[string]string
	Problem    string
	Saved      bool
	CanSave    bool
}

// ruleDays is one line of the form.
type ruleDays struct{ Rule, Title, Value, Error string }

// Lines are the form's rules, in the order the silence clock runs them.
func (f *thresholdsForm) Lines() []ruleDays {
	out := make([]ruleDays, len(alerts.Rules))
	for i, rule := range alerts.Rules {
		out[i] = ruleDays{rule, alerts.Title(rule), f.Days[rule], f.Errors["days."+rule]}
	}
	return out
}

// Default is a rule's days when the form sets none.
func (f *thresholdsForm) Default(rule string) int { return f.Base.DaysFor(rule) }

// AnswerErrors are the problems of the authorities' lines.
func (f *thresholdsForm) AnswerErrors() []string {
	var out []string
	for k, v := range f.Errors {
		if strings.HasPrefix(k, "answer_days") {
			out = append(out, k+": "+v)
		}
	}
	slices.Sort(out)
	return out
}

// thresholdsOf fills the form from thresholds as stored (JSON).
func thresholdsOf(raw []byte) *thresholdsForm {
	f := &thresholdsForm{Days: map[string]string{}, BaseWord: "the default"}
	var th alerts.Thresholds
	if json.Unmarshal(raw, &th) != nil {
		return f
	}
	for rule, n := range th.Days {
		f.Days[rule] = strconv.Itoa(n)
	}
	var lines []string
	for who, n := range th.AnswerDays {
		lines = append(lines, who+": "+strconv.Itoa(n))
	}
	slices.Sort(lines)
	f.AnswerDays = strings.Join(lines, "\n")
	return f
}

// readThresholds reads a thresholds form: the form as typed, with the
// problems found in reading it, and the thresholds for the store to check.
func readThresholds(f url.Values) (*thresholdsForm, alerts.Thresholds) {
	form := &thresholdsForm{Days: map[string]string{}, AnswerDays: strings.TrimSpace(f.Get("answer_days")), Errors: map[string]string{}}
	th := alerts.Thresholds{Days: map[string]int{}, AnswerDays: map[string]int{}}
	for _, rule := range alerts.Rules {
		v := strings.TrimSpace(f.Get("days." + rule))
		form.Days[rule] = v
		if v == "" {
			continue
		}
		n, err := strconv.Atoi(v)
		if err != nil {
			form.Errors["days."+rule] = "must be a whole number of days"
			continue
		}
		th.Days[rule] = n
	}
	for i, line := range strings.Split(form.AnswerDays, "\n") {
		if line = strings.TrimSpace(line); line == "" {
			continue
		}
		// The days follow the last colon: an authority's name may hold one.
		at := strings.LastIndex(line, ":")
		ok := at > 0
		who, days := line, ""
		if ok {
			who, days = line[:at], line[at+1:]
		}
		n, err := strconv.Atoi(strings.TrimSpace(days))
		if !ok || err != nil {
			form.Errors[fmt.Sprintf("answer_days (line %d)", i+1)] = "write the authority, a colon and a number of days: Penitentiary Service: 30"
			continue
		}
		th.AnswerDays[strings.TrimSpace(who)] = n
	}
	return form, th
}

// instanceBase is the instance's thresholds, for the case form's
// defaults.
func (s *Server) instanceBase(ctx context.Context) (alerts.Thresholds, error) {
	var th alerts.Thresholds
	raw, err := s.svc.InstanceThresholds(ctx)
	if err == nil {
		err = json.Unmarshal(raw, &th)
	}
	return th, err
}

// saveThresholds replaces the case's own thresholds; the store checks
// them and runs the rules on the case in the same write.
func (s *Server) saveThresholds(w http.ResponseWriter, r *http.Request, c *caller) {
	form, th := readThresholds(r.PostForm)
	var err error
	if len(form.Errors) == 0 {
		body, _ := json.Marshal(th)
		id, _ := pathID(r)
		if err = s.svc.SetCaseThresholds(r.Context(), c.User, id, body); err == nil {
			http.Redirect(w, r, fmt.Sprintf("/admin/cases/%d?thresholds=saved#clock-h", id), http.StatusSeeOther)
			return
		}
		if habeas.ErrorCode(err) != habeas.EINVALID {
			s.refused(w, r, err)
			return
		}
		form.Errors = habeas.ErrorFields(err)
	}
	p, lerr := s.loadCase(r, c)
	if lerr != nil {
		s.refused(w, r, lerr)
		return
	}
	form.Problem = "The thresholds were not saved: see the fields marked below."
	form.Action, form.CSRF, form.Base, form.BaseWord, form.CanSave = p.Thresholds.Action, p.Thresholds.CSRF, p.Thresholds.Base,
		p.Thresholds.BaseWord, p.Thresholds.CanSave
	p.Thresholds = form
	s.render(w, r, http.StatusUnprocessableEntity, "case", view{Title: "Case of " + p.Person.DisplayName(), Nav: "people", User: c, Page: p})
}
