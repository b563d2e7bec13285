package api

import (
	"net/http"

	"codeberg.org/habeas/habeas"
)

// Tips sent through the site's "send us information" form: a
// confidential queue. Staff granted confidential access read them (every
// role) and editors and admins among them mark them handled or archived;
// to any other staff member a tip answers as a missing one, and the
// public is told the queue is for staff.
func (s *Server) registerTips() {
	st := s.cfg.Services
	staff := func(r *http.Request) error {
		if userOf(r) == nil {
			return habeas.Errorf(habeas.EUNAUTHORIZED, "tips are for staff granted confidential access")
		}
		return nil
	}
	s.handle("GET", "/api/v1/tips", func(w http.ResponseWriter, r *http.Request) {
		q := newQuery(r)
		f := habeas.TipFilter{PersonID: q.id("person_id"), Status: q.enum("status", habeas.TipStates), ListOptions: q.page()}
		err := staff(r)
		if err == nil && access(r) < habeas.Confidential {
			err = habeas.Errorf(habeas.EFORBIDDEN, "tips are confidential: your account has no confidential access")
		}
		var page habeas.Page[habeas.Tip]
		if err == nil {
			page, err = checked(q, func() (habeas.Page[habeas.Tip], error) { return st.ListTips(r.Context(), access(r), f) })
		}
		if err != nil {
			s.error(w, r, err)
			return
		}
		writeJSON(w, http.StatusOK, page)
	})
	s.handle("GET", "/api/v1/tips/{id}", func(w http.ResponseWriter, r *http.Request) {
		id, err := pathID(r)
		if err == nil {
			err = staff(r)
		}
		var t *habeas.Tip
		if err == nil {
			t, err = st.Tip(r.Context(), access(r), id)
		}
		if err != nil {
			s.error(w, r, err)
			return
		}
		writeJSON(w, http.StatusOK, t)
	})
	s.handle("PATCH", "/api/v1/tips/{id}", func(w http.ResponseWriter, r *http.Request) {
		var body StatusChange
		id, err := pathID(r)
		if err == nil {
			err = s.decodeWrite(w, r, &body, false)
		}
		var t *habeas.Tip
		if err == nil {
			t, err = st.SetTipStatus(r.Context(), userOf(r), id, body.Status)
		}
		if err != nil {
			s.error(w, r, err)
			return
		}
		writeJSON(w, http.StatusOK, t)
	})
}
