package api

import (
	"net/http"

	"codeberg.org/habeas/habeas"
)

// News posts. The public reads published posts whose time has come; staff
// read drafts and scheduled posts too, and filter by state.
func (s *Server) registerPosts() {
	st := s.cfg.Services
	register(s, resource[habeas.Post]{path: "/api/v1/posts",
		get: st.Post, bySlug: st.PostBySlug, create: st.CreatePost, update: st.UpdatePost, delete: st.DeletePost,
		id: func(v *habeas.Post) *int64 { return &v.ID },
		list: func(r *http.Request, q *query) (habeas.Page[habeas.Post], error) {
			f := habeas.PostFilter{Lang: q.enum("lang", habeas.PostLanguages), Tag: q.str("tag"), PersonID: q.id("person_id"),
				OrganizationID: q.id("organization_id"), Originals: q.enum("originals", []string{"true", "false"}) == "true",
				State: q.enum("state", habeas.PostStates), ListOptions: q.page()}
			return checked(q, func() (habeas.Page[habeas.Post], error) { return st.ListPosts(r.Context(), access(r), f) })
		}})
}
