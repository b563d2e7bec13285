package api

import (
	"net/http"
	"strconv"

	"codeberg.org/habeas/habeas"
)

func (s *Server) registerEvents() {
	st := s.cfg.Services
	register(s, resource[habeas.Event]{path: "/api/v1/events",
		get: st.Event, create: st.CreateEvent, update: st.UpdateEvent, delete: st.DeleteEvent,
		id: func(v *habeas.Event) *int64 { return &v.ID },
		list: func(r *http.Request, q *query) (habeas.Page[habeas.Event], error) {
			f := habeas.EventFilter{CaseID: q.id("case_id"), Kind: q.enum("kind", habeas.EventKinds), ListOptions: q.page()}
			if f.CaseID == 0 {
				q.pr.Add("case_id", "is required: events are listed per case")
			}
			return checked(q, func() (habeas.Page[habeas.Event], error) { return st.ListEvents(r.Context(), access(r), f) })
		}})
	s.handle("GET", "/api/v1/cases/{id}/events", s.caseEvents)
	s.handle("POST", "/api/v1/cases/{id}/events", s.createCaseEvent)
}

// caseEvents lists a case's timeline in the order it was entered.
func (s *Server) caseEvents(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	q := newQuery(r)
	f := habeas.EventFilter{CaseID: id, Kind: q.enum("kind", habeas.EventKinds), ListOptions: q.page()}
	if err == nil {
		err = q.err()
	}
	var page habeas.Page[habeas.Event]
	if err == nil {
		page, err = s.cfg.Services.ListEvents(r.Context(), access(r), f)
	}
	if err != nil {
		s.error(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, page)
}

// createCaseEvent adds an event to the case in the path. A case that does
// not exist, or that the writer may not see, is not found, in the same
// words for both.
func (s *Server) createCaseEvent(w http.ResponseWriter, r *http.Request) {
	var e habeas.Event
	id, err := pathID(r)
	if err == nil {
		err = s.decodeWrite(w, r, &e, true)
	}
	if err == nil {
		e.ID, e.CaseID = 0, id
		err = s.cfg.Services.CreateEvent(r.Context(), userOf(r), &e)
		if _, badCase := habeas.ErrorFields(err)["case_id"]; badCase {
			err = habeas.Errorf(habeas.ENOTFOUND, "case %d not found", id)
		}
	}
	if err != nil {
		s.error(w, r, err)
		return
	}
	a, err := s.recordAccess(r, "/api/v1/events", e.ID)
	var got *habeas.Event
	if err == nil {
		got, err = s.cfg.Services.Event(r.Context(), a, e.ID)
	}
	if err != nil {
		s.error(w, r, err)
		return
	}
	w.Header().Set("Location", "/api/v1/events/"+strconv.FormatInt(e.ID, 10))
	writeJSON(w, http.StatusCreated, got)
}
