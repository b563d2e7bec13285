package api

import (
	"encoding/json"
	"io"
	"net/http"

	"codeberg.org/habeas/habeas"
	"codeberg.org/habeas/habeas/alerts"
)

// The silence clock's alerts. Staff read them at their access; the public
// reads only the alerts staff published, as the public timeline shows them.
func (s *Server) registerAlerts() {
	st := s.cfg.Services
	s.handle("GET", "/api/v1/alerts", func(w http.ResponseWriter, r *http.Request) {
		if userOf(r) == nil {
			s.error(w, r, habeas.Errorf(habeas.EUNAUTHORIZED,
				"alerts are for staff: published alerts are at /api/v1/alerts/public and /feeds/alerts.atom"))
			return
		}
		q := newQuery(r)
		f := habeas.AlertFilter{State: q.enum("state", append(habeas.AlertStates[:3:3], "all")),
			Severity: q.enum("severity", habeas.AlertSeverities), Rule: q.enum("rule", alerts.Rules),
			Country: q.country(), OrganizationID: q.id("organization_id"), CaseID: q.id("case_id"), ListOptions: q.page()}
		var a habeas.Access
		a, f.AssignedTo = userOf(r).ListAccess()
		page, err := checked(q, func() (habeas.Page[habeas.Alert], error) { return st.ListAlerts(r.Context(), a, f) })
		if err != nil {
			s.error(w, r, err)
			return
		}
		writeJSON(w, http.StatusOK, page)
	})
	s.handle("GET", "/api/v1/alerts/public", func(w http.ResponseWriter, r *http.Request) {
		q := newQuery(r)
		person := q.id("person_id")
		if err := q.err(); err != nil {
			s.error(w, r, err)
			return
		}
		list, err := st.PublicAlerts(r.Context(), person, 200)
		if err != nil {
			s.error(w, r, err)
			return
		}
		writeJSON(w, http.StatusOK, PublicAlerts{Items: append([]habeas.PublicAlert{}, list...)})
	})
	s.handle("GET", "/api/v1/alerts/{id}", func(w http.ResponseWriter, r *http.Request) {
		id, err := pathID(r)
		var al *habeas.Alert
		var a habeas.Access
		if err == nil {
			a, err = s.recordAccess(r, "/api/v1/alerts", id)
		}
		if err == nil {
			al, err = st.Alert(r.Context(), a, id)
		}
		if err != nil {
			s.error(w, r, err)
			return
		}
		writeJSON(w, http.StatusOK, al)
	})
	change := func(path string, apply func(r *http.Request, id int64, body *AlertChangeRequest) (*habeas.Alert, error)) {
		s.handle("POST", path, func(w http.ResponseWriter, r *http.Request) {
			var body AlertChangeRequest
			id, err := pathID(r)
			if err == nil {
				err = s.decodeWrite(w, r, &body, false)
			}
			var al *habeas.Alert
			if err == nil {
				al, err = apply(r, id, &body)
			}
			if err != nil {
				s.error(w, r, err)
				return
			}
			writeJSON(w, http.StatusOK, al)
		})
	}
	change("/api/v1/alerts/{id}/acknowledge", func(r *http.Request, id int64, b *AlertChangeRequest) (*habeas.Alert, error) {
		if b.Reason != "" || b.Public != nil {
			return nil, onlyField("note")
		}
		return st.AcknowledgeAlert(r.Context(), userOf(r), id, b.Note)
	})
	change("/api/v1/alerts/{id}/resolve", func(r *http.Request, id int64, b *AlertChangeRequest) (*habeas.Alert, error) {
		if b.Note != "" || b.Public != nil {
			return nil, onlyField("reason")
		}
		return st.ResolveAlert(r.Context(), userOf(r), id, b.Reason)
	})
	change("/api/v1/alerts/{id}/publish", func(r *http.Request, id int64, b *AlertChangeRequest) (*habeas.Alert, error) {
		if b.Note != "" || b.Reason != "" {
			return nil, onlyField("public")
		}
		if b.Public == nil {
			return nil, &habeas.Error{Code: habeas.EINVALID, Message: "invalid alert change",
				Fields: map[string]string{"public": "is required: true to show the alert on the public site, false to stop"}}
		}
		return st.PublishAlert(r.Context(), userOf(r), id, *b.Public)
	})

	s.handle("GET", "/api/v1/cases/{id}/alert-thresholds", func(w http.ResponseWriter, r *http.Request) {
		id, err := pathID(r)
		var th []byte
		if err == nil {
			if userOf(r) == nil {
				// The public never sees how staff watch a case.
				err = habeas.Errorf(habeas.EUNAUTHORIZED, "a case's alert thresholds are for staff")
			} else if a, aerr := s.recordAccess(r, "/api/v1/cases", id); aerr != nil {
				err = aerr
			} else {
				th, err = st.CaseThresholds(r.Context(), a, id)
			}
		}
		if err != nil {
			s.error(w, r, err)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		w.Write(append(th, '\n'))
	})
	s.handle("PUT", "/api/v1/cases/{id}/alert-thresholds", func(w http.ResponseWriter, r *http.Request) {
		id, err := pathID(r)
		var th alerts.Thresholds
		if err == nil {
			err = s.decodeWrite(w, r, &th, false)
		}
		if err == nil {
			err = th.Validate()
		}
		if err == nil {
			b, _ := json.Marshal(th)
			err = st.SetCaseThresholds(r.Context(), userOf(r), id, b)
		}
		var out []byte
		var a habeas.Access
		if err == nil {
			a, err = s.recordAccess(r, "/api/v1/cases", id)
		}
		if err == nil {
			out, err = st.CaseThresholds(r.Context(), a, id)
		}
		if err != nil {
			s.error(w, r, err)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, string(out)+"\n")
	})
}

// registerInstanceThresholds serves the instance's thresholds: staff read
// them, admins replace them.
func (s *Server) registerInstanceThresholds() {
	st := s.cfg.Services
	s.handle("GET", "/api/v1/alert-thresholds", func(w http.ResponseWriter, r *http.Request) {
		var th []byte
		err := newQuery(r).err()
		if err == nil && userOf(r) == nil {
			err = habeas.Errorf(habeas.EUNAUTHORIZED, "the alert thresholds are for staff")
		}
		if err == nil {
			th, err = st.InstanceThresholds(r.Context())
		}
		if err != nil {
			s.error(w, r, err)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		w.Write(append(th, '\n'))
	})
	s.handle("PUT", "/api/v1/alert-thresholds", func(w http.ResponseWriter, r *http.Request) {
		var th alerts.Thresholds
		err := s.decodeWrite(w, r, &th, false)
		if err == nil {
			b, _ := json.Marshal(th)
			err = st.SetInstanceThresholds(r.Context(), userOf(r), b)
		}
		var out []byte
		if err == nil {
			out, err = st.InstanceThresholds(r.Context())
		}
		if err != nil {
			s.error(w, r, err)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		w.Write(append(out, '\n'))
	})
}

// AlertChangeRequest is the body of an alert's acknowledge, resolve or publish.
type AlertChangeRequest struct {
	Note   string `json:"note,omitempty"`
	Reason string `json:"reason,omitempty"`
	Public *bool  `json:"public,omitempty"`
}

func onlyField(name string) error {
	return &habeas.Error{Code: habeas.EINVALID, Message: "invalid alert change",
		Fields: map[string]string{"body": "this change takes only " + name}}
}

// PublicAlerts is the answer of /api/v1/alerts/public.
type PublicAlerts struct {
	Items []habeas.PublicAlert `json:"items"`
}
