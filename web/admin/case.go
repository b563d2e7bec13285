package admin

import (
	"fmt"
	"net/http"
	"strings"

	"codeberg.org/habeas/habeas"
)

type casePage struct {
	Case     *habeas.Case
	Person   *habeas.Person
	Timeline []habeas.Event
	// Facilities names the places the timeline refers to, by id.
	Facilities map[int64]string
	Line       string
	Preview    *eventPreview
	Errors     map[string]string
	Problem    string
	Added      bool
	Caller     *caller
	// Thresholds are the case's own thresholds of the silence clock, and
	// Alerts its unresolved alerts.
	Thresholds *thresholdsForm
	Alerts     []habeas.Alert
	// Interventions are the case's inquiries, and NewIntervention the
	// form for one more.
	Interventions   []habeas.Intervention
	NewIntervention *recordForm[habeas.Intervention]
}

// eventPreview is a quick line as it will be saved, in words.
type eventPreview struct {
	Event    habeas.Event
	Facility string
	Sources  []string
}

func (p *casePage) Err(field string) string { return p.Errors[field] }

func (s *Server) loadCase(r *http.Request, c *caller) (*casePage, error) {
	id, ok := pathID(r)
	if !ok {
		return nil, habeas.Errorf(habeas.ENOTFOUND, "case not found")
	}
	ctx := r.Context()
	a, cs, err := fileRecord(s, r, c, "case", id, s.svc.Case)
	if err != nil {
		return nil, err
	}
	p := &casePage{Case: cs, Caller: c, Facilities: map[int64]string{}}
	if p.Person, err = s.svc.Person(ctx, a, cs.PersonID); err != nil {
		return nil, err
	}
	if p.Timeline, err = s.svc.Timeline(ctx, a, id); err != nil {
		return nil, err
	}
	ivs, err := s.svc.ListInterventions(ctx, a, habeas.InterventionFilter{CaseID: id, ListOptions: habeas.ListOptions{Limit: 100}})
	if err != nil {
		return nil, err
	}
	p.Interventions = ivs.Items
	raw, err := s.svc.CaseThresholds(ctx, a, id)
	if err != nil {
		return nil, err
	}
	p.Thresholds = thresholdsOf(raw)
	p.Thresholds.Saved = r.URL.Query().Get("thresholds") == "saved"
	p.Thresholds.Action = fmt.Sprintf("/admin/cases/%d/thresholds", id)
	p.Thresholds.CSRF, p.Thresholds.BaseWord, p.Thresholds.CanSave = c.CSRF(), "this installation's", c.May(habeas.EditCaseFiles)
	if p.Thresholds.Base, err = s.instanceBase(ctx); err != nil {
		return nil, err
	}
	open, err := s.svc.ListAlerts(ctx, a, habeas.AlertFilter{CaseID: id, ListOptions: habeas.ListOptions{Limit: 50}})
	if err != nil {
		return nil, err
	}
	p.Alerts = open.Items
	p.NewIntervention = &recordForm[habeas.Intervention]{Caller: c, Kinds: habeas.InterventionKinds,
		Record: habeas.Intervention{CaseID: id, Kind: "inquiry", AnswerStatus: "none", Visibility: max(cs.Visibility, habeas.Internal)}}
	for _, e := range p.Timeline {
		if e.FacilityID != 0 && p.Facilities[e.FacilityID] == "" {
			if f, err := s.svc.Facility(ctx, a, e.FacilityID); err == nil {
				p.Facilities[e.FacilityID] = f.Name
			}
		}
	}
	return p, nil
}

func (s *Server) casePage(w http.ResponseWriter, r *http.Request, c *caller) {
	p, err := s.loadCase(r, c)
	if err != nil {
		s.refused(w, r, err)
		return
	}
	p.Added = r.URL.Query().Get("added") != ""
	s.render(w, r, http.StatusOK, "case", view{Title: "Case of " + p.Person.DisplayName(), Nav: "people", User: c, Page: p})
}

// quickEvent previews or saves a timeline entry typed as one line. A
// preview changes nothing; saving writes the event as the full form
// would, through the same guarded write.
func (s *Server) quickEvent(w http.ResponseWriter, r *http.Request, c *caller) {
	p, err := s.loadCase(r, c)
	if err != nil {
		s.refused(w, r, err)
		return
	}
	ctx := r.Context()
	p.Line = strings.TrimSpace(r.PostFormValue("line"))
	title := "Case of " + p.Person.DisplayName()
	q, err := parseQuick(p.Line)
	if err != nil {
		p.Problem, p.Errors = habeas.ErrorMessage(err), habeas.ErrorFields(err)
		s.render(w, r, http.StatusUnprocessableEntity, "case", view{Title: title, Nav: "people", User: c, Page: p})
		return
	}
	pv := &eventPreview{Event: habeas.Event{CaseID: p.Case.ID, Kind: q.Kind, Date: q.Date, Summary: q.Summary,
		Visibility: q.Visibility, SourceIDs: q.SourceIDs}}
	p.Errors = map[string]string{}
	if q.Facility != "" {
		f, err := s.svc.FacilityBySlug(ctx, c.Access(), q.Facility)
		if habeas.ErrorCode(err) == habeas.ENOTFOUND {
			p.Errors["facility"] = fmt.Sprintf("no place of detention has the address name %q", q.Facility)
		} else if err != nil {
			s.serverError(w, r, err)
			return
		} else {
			pv.Event.FacilityID, pv.Facility = f.ID, f.Name
		}
	}
	if len(q.SourceIDs) > 0 {
		found, err := s.svc.Sources(ctx, c.Access(), q.SourceIDs)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		for _, id := range q.SourceIDs {
			if src := found[id]; src != nil {
				pv.Sources = append(pv.Sources, fmt.Sprintf("[%d] %s", id, src.Title))
			} else {
				p.Errors["source_ids"] = fmt.Sprintf("no source with number %d", id)
			}
		}
	}
	p.Preview = pv
	if len(p.Errors) > 0 {
		p.Problem = "The line cannot be saved yet: see below."
		s.render(w, r, http.StatusUnprocessableEntity, "case", view{Title: title, Nav: "people", User: c, Page: p})
		return
	}
	if r.PostFormValue("action") != "save" {
		s.render(w, r, http.StatusOK, "case", view{Title: title, Nav: "people", User: c, Page: p})
		return
	}
	if err := s.svc.CreateEvent(ctx, c.User, &pv.Event); err != nil {
		if !failed(err) {
			s.serverError(w, r, err)
			return
		}
		p.Problem, p.Errors = habeas.ErrorMessage(err), habeas.ErrorFields(err)
		if habeas.ErrorCode(err) == habeas.EINVALID {
			p.Problem = "The event was not saved: see below."
		}
		s.render(w, r, statusOf(err), "case", view{Title: title, Nav: "people", User: c, Page: p})
		return
	}
	http.Redirect(w, r, fmt.Sprintf("/admin/cases/%d?added=1", p.Case.ID), http.StatusSeeOther)
}
