package web

import (
	"net/http"

	"codeberg.org/habeas/habeas"
)

// postComment is POST /news/{slug}/comments: a reader's comment, stored
// pending until an editor approves it. Only a post the public may read
// takes comments; any other address answers as a missing page.
func (s *Server) postComment(w http.ResponseWriter, r *http.Request) {
	slug := r.PathValue("slug")
	if !habeas.IsSlug(slug) {
		s.notFound(w, r)
		return
	}
	form, robot, ok := s.readForm(w, r)
	if !ok {
		return
	}
	ctx := r.Context()
	back := "/news/" + slug + "?comment=pending#comments"
	if robot {
		// Answered as a comment taken; nothing is stored.
		seeOther(w, back)
		return
	}
	c := &habeas.Comment{Name: form.Name, Text: form.Text}
	err := s.store.SubmitComment(ctx, visitor(r), slug, c)
	switch {
	case err == nil:
		seeOther(w, back)
	case habeas.ErrorCode(err) == habeas.ERATELIMITED:
		s.rateLimited(w, r, err, "comment", form.Text)
	case form.refused(s.tr(r), err, "comment"):
		p, v, err := s.loadPost(ctx, s.tr(r), slug)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		p.Form = form
		w.Header().Set("Cache-Control", "no-store")
		s.render(w, r, http.StatusUnprocessableEntity, "post", v)
	default:
		s.fail(w, r, err)
	}
}
