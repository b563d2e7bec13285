package api

import (
	"net/http"
	"strconv"

	"codeberg.org/habeas/habeas"
)

// Assignee is a volunteer a person's case file is assigned to.
type Assignee struct {
	UserID int64  `json:"user_id"`
	Email  string `json:"email"`
}

// Assignees lists the volunteers of a person's case file.
type Assignees struct {
	Items []Assignee `json:"items"`
}

// AssignRequest names the volunteer to give a case file to.
type AssignRequest struct {
	UserID int64 `json:"user_id"`
}

// The volunteers working on a person's case file (docs/workspace.md,
// "Roles"): editors and admins list, give and take back; the store decides.
func (s *Server) registerAssignments() {
	st := s.cfg.Services
	s.handle("GET", "/api/v1/people/{id}/assignees", func(w http.ResponseWriter, r *http.Request) {
		id, err := pathID(r)
		if err == nil && userOf(r) == nil {
			err = habeas.Errorf(habeas.EUNAUTHORIZED, "the volunteers of a case file are for staff")
		}
		if err != nil {
			s.error(w, r, err)
			return
		}
		s.writeAssignees(w, r, id, http.StatusOK)
	})
	s.handle("POST", "/api/v1/people/{id}/assignees", func(w http.ResponseWriter, r *http.Request) {
		var req AssignRequest
		id, err := pathID(r)
		if err == nil {
			err = s.decodeWrite(w, r, &req, false)
		}
		changed := false
		if err == nil {
			changed, err = st.Assign(r.Context(), userOf(r), req.UserID, id)
		}
		if err != nil {
			s.error(w, r, err)
			return
		}
		// 201 for a new assignment; 200 when it was already there.
		status := http.StatusCreated
		if !changed {
			status = http.StatusOK
		}
		s.writeAssignees(w, r, id, status)
	})
	s.handle("DELETE", "/api/v1/people/{id}/assignees/{user_id}", func(w http.ResponseWriter, r *http.Request) {
		id, err := pathID(r)
		if err == nil {
			err = habeas.MayWrite(userOf(r))
		}
		user, perr := strconv.ParseInt(r.PathValue("user_id"), 10, 64)
		if err == nil && (perr != nil || user <= 0) {
			err = &habeas.Error{Code: habeas.EBADREQUEST, Message: "invalid user id",
				Fields: map[string]string{"user_id": "must be a positive whole number"}}
		}
		if err == nil {
			_, err = st.Unassign(r.Context(), userOf(r), user, id)
		}
		if err != nil {
			s.error(w, r, err)
			return
		}
		w.WriteHeader(http.StatusNoContent)
	})
}

// writeAssignees answers the volunteers of person id's case file.
func (s *Server) writeAssignees(w http.ResponseWriter, r *http.Request, id int64, status int) {
	list, _, err := s.cfg.Services.Assignees(r.Context(), userOf(r), id)
	if err != nil {
		s.error(w, r, err)
		return
	}
	out := Assignees{Items: []Assignee{}}
	for _, u := range list {
		out.Items = append(out.Items, Assignee{UserID: u.ID, Email: u.Email})
	}
	writeJSON(w, status, out)
}
