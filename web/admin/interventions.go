package admin

import (
	"fmt"
	"net/http"
	"strings"

	"codeberg.org/habeas/habeas"
)

// Inquiries, appeals and letters sent about a case: listed and added on
// the case page, each edited on its own page (an answer came, a due day
// was set). The silence clock watches the unanswered ones.

func (s *Server) interventionPage(w http.ResponseWriter, r *http.Request, c *caller) {
	id, ok := pathID(r)
	if !ok {
		s.notFound(w, r)
		return
	}
	_, iv, err := fileRecord(s, r, c, "intervention", id, s.svc.Intervention)
	if err != nil {
		s.refused(w, r, err)
		return
	}
	f := &recordForm[habeas.Intervention]{Caller: c, Record: *iv, Kinds: habeas.InterventionKinds, Saved: r.URL.Query().Get("saved") != ""}
	s.render(w, r, http.StatusOK, "intervention", view{Title: "Inquiry about case " + fmt.Sprint(iv.CaseID), Nav: "people", User: c, Page: f})
}

// saveIntervention adds an intervention to the case in the path
// (/admin/cases/{id}/interventions) or changes the one in the path
// (/admin/interventions/{id}).
func (s *Server) saveIntervention(w http.ResponseWriter, r *http.Request, c *caller) {
	ctx := r.Context()
	id, ok := pathID(r)
	if !ok {
		s.notFound(w, r)
		return
	}
	existing := strings.HasPrefix(r.URL.Path, "/admin/interventions/")
	iv := habeas.Intervention{CaseID: id}
	if existing {
		_, old, err := fileRecord(s, r, c, "intervention", id, s.svc.Intervention)
		if err != nil {
			s.refused(w, r, err)
			return
		}
		iv = *old
	}
	f := r.PostForm
	bad := map[string]string{}
	iv.Kind, iv.AnswerStatus = f.Get("kind"), f.Get("answer_status")
	iv.Sender, iv.Recipient = strings.TrimSpace(f.Get("sender")), strings.TrimSpace(f.Get("recipient"))
	iv.SentOn, iv.DueOn = strings.TrimSpace(f.Get("sent_on")), strings.TrimSpace(f.Get("due_on"))
	iv.AnsweredOn, iv.Summary = strings.TrimSpace(f.Get("answered_on")), strings.TrimSpace(f.Get("summary"))
	iv.SourceIDs = ids(f.Get("source_ids"), bad, "source_ids")
	if err := iv.Visibility.UnmarshalText([]byte(f.Get("visibility"))); err != nil {
		bad["visibility"] = "choose who may see this inquiry"
	}
	var err error
	if len(bad) == 0 {
		if existing {
			err = s.svc.UpdateIntervention(ctx, c.User, &iv)
		} else {
			err = s.svc.CreateIntervention(ctx, c.User, &iv)
		}
		if err == nil {
			http.Redirect(w, r, fmt.Sprintf("/admin/interventions/%d?saved=1", iv.ID), http.StatusSeeOther)
			return
		}
		if !failed(err) {
			s.serverError(w, r, err)
			return
		}
		if _, badCase := habeas.ErrorFields(err)["case_id"]; badCase && !existing {
			s.refused(w, r, habeas.Errorf(habeas.ENOTFOUND, "case %d not found", id))
			return
		}
	}
	form := &recordForm[habeas.Intervention]{Caller: c, Record: iv, Kinds: habeas.InterventionKinds, Errors: bad,
		Problem: "The inquiry was not saved: see the fields marked below."}
	if err != nil {
		form.Problem, form.Errors = problem(err, form.Problem)
	}
	s.render(w, r, statusOf(err), "intervention", view{Title: "Inquiry", Nav: "people", User: c, Page: form})
}
