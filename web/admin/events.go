package admin

import (
	"fmt"
	"net/http"
	"strings"

	"codeberg.org/habeas/habeas"
)

// The full form of a timeline entry, beside the quick line: every field
// of an event, to add one or to correct one already on the timeline.

// eventForm is the form, with the place of detention written as its
// address name (as the quick line's @ takes it).
type eventForm struct {
	recordForm[habeas.Event]
	Place string
}

func (s *Server) newEvent(w http.ResponseWriter, r *http.Request, c *caller) {
	id, ok := pathID(r)
	if !ok {
		s.notFound(w, r)
		return
	}
	_, cs, err := fileRecord(s, r, c, "case", id, s.svc.Case)
	if err != nil {
		s.refused(w, r, err)
		return
	}
	f := &eventForm{recordForm: recordForm[habeas.Event]{Caller: c, Kinds: habeas.EventKinds,
		Record: habeas.Event{CaseID: id, Kind: habeas.EventNews, Visibility: max(cs.Visibility, habeas.Internal)}}}
	s.render(w, r, http.StatusOK, "event", view{Title: "New timeline entry", Nav: "people", User: c, Page: f})
}

func (s *Server) eventPage(w http.ResponseWriter, r *http.Request, c *caller) {
	id, ok := pathID(r)
	if !ok {
		s.notFound(w, r)
		return
	}
	a, e, err := fileRecord(s, r, c, "event", id, s.svc.Event)
	if err != nil {
		s.refused(w, r, err)
		return
	}
	f := &eventForm{recordForm: recordForm[habeas.Event]{Caller: c, Record: *e, Kinds: habeas.EventKinds,
		Saved: r.URL.Query().Get("saved") != ""}}
	if e.FacilityID != 0 {
		if fa, err := s.svc.Facility(r.Context(), a, e.FacilityID); err == nil {
			f.Place = fa.Slug
		}
	}
	s.render(w, r, http.StatusOK, "event", view{Title: "Timeline entry of " + e.Date, Nav: "people", User: c, Page: f})
}

// saveEvent adds an event to the case in the path (/admin/cases/{id}/events)
// or changes the one in the path (/admin/events/{id}).
func (s *Server) saveEvent(w http.ResponseWriter, r *http.Request, c *caller) {
	ctx := r.Context()
	id, ok := pathID(r)
	if !ok {
		s.notFound(w, r)
		return
	}
	existing := strings.HasPrefix(r.URL.Path, "/admin/events/")
	e := habeas.Event{CaseID: id}
	if existing {
		_, old, err := fileRecord(s, r, c, "event", id, s.svc.Event)
		if err != nil {
			s.refused(w, r, err)
			return
		}
		e = *old
	}
	f := r.PostForm
	bad := map[string]string{}
	e.Kind, e.Date = f.Get("kind"), strings.TrimSpace(f.Get("date"))
	e.Summary, e.Quote, e.Speaker = strings.TrimSpace(f.Get("summary")), strings.TrimSpace(f.Get("quote")), strings.TrimSpace(f.Get("speaker"))
	e.SourceIDs = ids(f.Get("source_ids"), bad, "source_ids")
	if err := e.Visibility.UnmarshalText([]byte(f.Get("visibility"))); err != nil {
		bad["visibility"] = "choose who may see this entry"
	}
	place := strings.TrimPrefix(strings.TrimSpace(f.Get("place")), "@")
	e.FacilityID = 0
	if place != "" {
		// Places are shared records: found at the caller's own access,
		// as the store will check them.
		fa, err := s.svc.FacilityBySlug(ctx, c.Access(), place)
		switch {
		case habeas.ErrorCode(err) == habeas.ENOTFOUND:
			bad["place"] = fmt.Sprintf("no place of detention has the address name %q", place)
		case err != nil:
			s.serverError(w, r, err)
			return
		default:
			e.FacilityID = fa.ID
		}
	}
	var err error
	if len(bad) == 0 {
		if existing {
			err = s.svc.UpdateEvent(ctx, c.User, &e)
		} else {
			err = s.svc.CreateEvent(ctx, c.User, &e)
		}
		if err == nil {
			http.Redirect(w, r, fmt.Sprintf("/admin/cases/%d?added=1", e.CaseID), http.StatusSeeOther)
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
	form := &eventForm{recordForm: recordForm[habeas.Event]{Caller: c, Record: e, Kinds: habeas.EventKinds, Errors: bad,
		Problem: "The entry was not saved: see the fields marked below."}, Place: place}
	if err != nil {
		form.Problem, form.Errors = problem(err, form.Problem)
	}
	s.render(w, r, statusOf(err), "event", view{Title: "Timeline entry", Nav: "people", User: c, Page: form})
}
