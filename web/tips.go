package web

import (
	"net/http"

	"codeberg.org/habeas/habeas"
)

// postTip is POST /people/{slug}/tips: information a relative, a lawyer
// or anyone else sends about a person, for staff alone (the store seals
// it). Only a person the public may see takes tips; any other address
// answers as a missing page.
func (s *Server) postTip(w http.ResponseWriter, r *http.Request) {
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
	back := "/people/" + slug + "?tip=sent#send-information"
	if robot {
		seeOther(w, back)
		return
	}
	t := &habeas.Tip{Name: form.Name, Contact: form.Contact, Text: form.Text}
	err := s.store.SubmitTip(ctx, visitor(r), slug, t)
	switch {
	case err == nil:
		seeOther(w, back)
	case habeas.ErrorCode(err) == habeas.ERATELIMITED:
		s.rateLimited(w, r, err, "message", form.Text)
	case form.refused(s.tr(r), err, "message"):
		p, err := s.loadPerson(ctx, s.tr(r), slug)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		p.TipForm = form
		v, err := s.personView(p)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		w.Header().Set("Cache-Control", "no-store")
		s.render(w, r, http.StatusUnprocessableEntity, "person", v)
	default:
		s.fail(w, r, err)
	}
}
