package api

import (
	"net/http"

	"codeberg.org/habeas/habeas"
)

// Readers' comments on posts. The public reads the approved comments of
// the posts it may read; staff (every role) read the moderation queue,
// every status; editors and admins moderate and delete, as they write
// posts.
func (s *Server) registerComments() {
	st := s.cfg.Services
	s.handle("GET", "/api/v1/posts/{id}/comments", func(w http.ResponseWriter, r *http.Request) {
		id, err := pathID(r)
		q := newQuery(r)
		f := habeas.CommentFilter{PostID: id, Status: q.enum("status", habeas.CommentStates), ListOptions: q.page()}
		if err == nil {
			err = q.err()
		}
		if err == nil && userOf(r) == nil && f.Status != "" && f.Status != habeas.CommentApproved {
			err = habeas.Errorf(habeas.EUNAUTHORIZED, "the moderation queue is for staff: the public reads approved comments")
		}
		if err == nil {
			// A post the reader may not see has no comments to list.
			_, err = st.Post(r.Context(), access(r), id)
		}
		var page habeas.Page[habeas.Comment]
		if err == nil {
			page, err = st.ListComments(r.Context(), access(r), f)
		}
		if err != nil {
			s.error(w, r, err)
			return
		}
		writeJSON(w, http.StatusOK, page)
	})
	s.handle("GET", "/api/v1/comments/{id}", func(w http.ResponseWriter, r *http.Request) {
		id, err := pathID(r)
		var c *habeas.Comment
		if err == nil {
			c, err = st.Comment(r.Context(), access(r), id)
		}
		if err != nil {
			s.error(w, r, err)
			return
		}
		writeJSON(w, http.StatusOK, c)
	})
	s.handle("PATCH", "/api/v1/comments/{id}", func(w http.ResponseWriter, r *http.Request) {
		var body StatusChange
		id, err := pathID(r)
		if err == nil {
			err = s.decodeWrite(w, r, &body, false)
		}
		var c *habeas.Comment
		if err == nil {
			c, err = st.ModerateComment(r.Context(), userOf(r), id, body.Status)
		}
		if err != nil {
			s.error(w, r, err)
			return
		}
		writeJSON(w, http.StatusOK, c)
	})
	s.handle("DELETE", "/api/v1/comments/{id}", func(w http.ResponseWriter, r *http.Request) {
		id, err := pathID(r)
		if err == nil {
			err = st.DeleteComment(r.Context(), userOf(r), id)
		}
		if err != nil {
			s.error(w, r, err)
			return
		}
		w.WriteHeader(http.StatusNoContent)
	})
}

// StatusChange is the body of a PATCH of a comment or a tip: its new
// status.
type StatusChange struct {
	Status string `json:"status"`
}
