package admin

import (
	"fmt"
	"net/http"
	"slices"

	"codeberg.org/habeas/habeas"
)

// The inbox is what the public sent: comments waiting for moderation and
// tips for the staff who may read them (tips are confidential: others
// see that there are some, never what they say).

type comment struct {
	habeas.Comment
	Post, PostSlug string
}

type tip struct {
	habeas.Tip
	Person string
}

type inboxPage struct {
	Caller        *caller
	Comments      []comment
	CommentStatus string
	CommentStates []string
	Tips          []tip
	TipStatus     string
	TipStates     []string
	TipsHidden    bool // the account may not read tips
	Done          string
}

func (s *Server) inbox(w http.ResponseWriter, r *http.Request, c *caller) {
	ctx := r.Context()
	a := c.Access()
	p := &inboxPage{Caller: c, CommentStates: habeas.CommentStates, TipStates: habeas.TipStates,
		CommentStatus: habeas.CommentPending, TipStatus: habeas.TipNew}
	if v := r.URL.Query().Get("comments"); slices.Contains(habeas.CommentStates, v) {
		p.CommentStatus = v
	}
	if v := r.URL.Query().Get("tips"); slices.Contains(habeas.TipStates, v) {
		p.TipStatus = v
	}
	switch r.URL.Query().Get("done") {
	case "comment":
		p.Done = "The comment is moderated."
	case "tip":
		p.Done = "The tip is marked."
	}
	comments, err := s.svc.ListComments(ctx, a, habeas.CommentFilter{Status: p.CommentStatus, ListOptions: habeas.ListOptions{Limit: 100}})
	if err != nil {
		s.refused(w, r, err)
		return
	}
	posts := map[int64]*habeas.Post{}
	for _, cm := range comments.Items {
		if _, ok := posts[cm.PostID]; !ok {
			post, err := s.svc.Post(ctx, a, cm.PostID)
			if err != nil && habeas.ErrorCode(err) != habeas.ENOTFOUND {
				s.serverError(w, r, err)
				return
			}
			posts[cm.PostID] = post
		}
		x := comment{Comment: cm}
		if post := posts[cm.PostID]; post != nil {
			x.Post, x.PostSlug = post.Title, post.Slug
		}
		p.Comments = append(p.Comments, x)
	}
	if a < habeas.Confidential {
		p.TipsHidden = true
	} else {
		tips, err := s.svc.ListTips(ctx, a, habeas.TipFilter{Status: p.TipStatus, ListOptions: habeas.ListOptions{Limit: 100}})
		if err != nil {
			s.refused(w, r, err)
			return
		}
		names := map[int64]string{}
		for _, t := range tips.Items {
			if _, ok := names[t.PersonID]; !ok && t.PersonID != 0 {
				if person, err := s.svc.Person(ctx, a, t.PersonID); err == nil {
					names[t.PersonID] = person.DisplayName()
				}
			}
			p.Tips = append(p.Tips, tip{Tip: t, Person: names[t.PersonID]})
		}
	}
	s.render(w, r, http.StatusOK, "inbox", view{Title: "Inbox", Nav: "inbox", User: c, Page: p})
}

// moderate sets a comment's state (approve, spam, remove), as the API's
// moderation does; the store decides who may.
func (s *Server) moderate(w http.ResponseWriter, r *http.Request, c *caller) {
	id, ok := pathID(r)
	status := r.PostFormValue("status")
	if !ok || !slices.Contains(habeas.CommentStates, status) {
		s.fail(w, r, http.StatusBadRequest, "Choose approve, spam or remove.")
		return
	}
	if _, err := s.svc.ModerateComment(r.Context(), c.User, id, status); err != nil {
		s.refused(w, r, err)
		return
	}
	http.Redirect(w, r, fmt.Sprintf("/admin/inbox?done=comment&comments=%s", r.PostFormValue("from")), http.StatusSeeOther)
}

func (s *Server) markTip(w http.ResponseWriter, r *http.Request, c *caller) {
	id, ok := pathID(r)
	status := r.PostFormValue("status")
	if !ok || !slices.Contains(habeas.TipStates, status) {
		s.fail(w, r, http.StatusBadRequest, "Choose new, handled or archived.")
		return
	}
	if _, err := s.svc.SetTipStatus(r.Context(), c.User, id, status); err != nil {
		s.refused(w, r, err)
		return
	}
	http.Redirect(w, r, fmt.Sprintf("/admin/inbox?done=tip&tips=%s", r.PostFormValue("from")), http.StatusSeeOther)
}
