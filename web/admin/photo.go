package admin

import (
	"fmt"
	"io"
	"net/http"
	"slices"
	"strings"

	"codeberg.org/habeas/habeas"
	"codeberg.org/habeas/habeas/media"
)

// maxUpload bounds an upload's body: the largest file taken in and the
// form around it.
const maxUpload = media.MaxBytes + 1<<20

// photo takes in a person's photo (multipart: file, alt, visibility)
// into the media store, then makes it the person's photo. The file is
// checked, hashed and copied without its metadata by the store; a file
// the second write refuses stays in the media store, listed there, and
// is never shown.
func (s *Server) photo(w http.ResponseWriter, r *http.Request, c *caller) {
	ctx := r.Context()
	id, ok := pathID(r)
	if !ok {
		s.notFound(w, r)
		return
	}
	p, err := s.svc.Person(ctx, c.Access(), id)
	if err != nil {
		s.refused(w, r, err)
		return
	}
	if p.Visibility == habeas.Public && !c.May(habeas.Publish) {
		// Refused before the upload, which would stay behind unused: the
		// store refuses the second write anyway.
		s.refused(w, r, habeas.Forbidden(c.User, habeas.Publish))
		return
	}
	file, head, err := r.FormFile("file")
	if err != nil {
		s.fail(w, r, http.StatusBadRequest, "Choose a photo to send (JPEG, PNG or WebP, at most 20 MB).")
		return
	}
	defer file.Close()
	data, err := io.ReadAll(io.LimitReader(file, media.MaxBytes+1))
	if err != nil {
		s.fail(w, r, http.StatusBadRequest, "The photo could not be read: send it again.")
		return
	}
	m := &habeas.Media{Filename: head.Filename, Alt: strings.TrimSpace(r.PostFormValue("alt")),
		Caption: strings.TrimSpace(r.PostFormValue("caption"))}
	if err := m.Visibility.UnmarshalText([]byte(r.PostFormValue("visibility"))); err != nil {
		s.fail(w, r, http.StatusBadRequest, "Choose who may see the photo.")
		return
	}
	if err := s.svc.CreateMedia(ctx, c.User, m, data); err != nil {
		s.refused(w, r, err)
		return
	}
	p.PhotoMediaID = m.ID
	if err := s.svc.UpdatePerson(ctx, c.User, p); err != nil {
		s.refused(w, r, err)
		return
	}
	http.Redirect(w, r, fmt.Sprintf("/admin/people/%d?saved=1", id), http.StatusSeeOther)
}

// postCover takes in a post's cover (multipart: file, alt, caption,
// visibility) into the media store, then makes it the post's cover, with
// the alt text and caption. As with a photo, a file the second write
// refuses stays in the media store, listed there, and is never shown.
func (s *Server) postCover(w http.ResponseWriter, r *http.Request, c *caller) {
	ctx := r.Context()
	id, ok := pathID(r)
	if !ok {
		s.notFound(w, r)
		return
	}
	p, err := s.svc.Post(ctx, c.Access(), id)
	if err != nil {
		s.refused(w, r, err)
		return
	}
	if !c.May(habeas.EditPosts) {
		// Refused before the upload, which would stay behind unused.
		s.refused(w, r, habeas.Forbidden(c.User, habeas.EditPosts))
		return
	}
	file, head, err := r.FormFile("file")
	if err != nil {
		s.fail(w, r, http.StatusBadRequest, "Choose an image to send (JPEG, PNG or WebP, at most 20 MB).")
		return
	}
	defer file.Close()
	alt := strings.TrimSpace(r.PostFormValue("alt"))
	if alt == "" {
		s.fail(w, r, http.StatusBadRequest, "Describe the image in words: readers who cannot see it read that instead.")
		return
	}
	data, err := io.ReadAll(io.LimitReader(file, media.MaxBytes+1))
	if err != nil {
		s.fail(w, r, http.StatusBadRequest, "The image could not be read: send it again.")
		return
	}
	m := &habeas.Media{Filename: head.Filename, Alt: alt, Caption: strings.TrimSpace(r.PostFormValue("caption"))}
	if err := m.Visibility.UnmarshalText([]byte(r.PostFormValue("visibility"))); err != nil {
		s.fail(w, r, http.StatusBadRequest, "Choose who may see the image.")
		return
	}
	if err := s.svc.CreateMedia(ctx, c.User, m, data); err != nil {
		s.refused(w, r, err)
		return
	}
	p.CoverMediaID, p.CoverURL, p.CoverAlt, p.CoverCaption = m.ID, "", m.Alt, m.Caption
	if err := s.svc.UpdatePost(ctx, c.User, p); err != nil {
		s.refused(w, r, err)
		return
	}
	http.Redirect(w, r, fmt.Sprintf("/admin/posts/%d?saved=1", id), http.StatusSeeOther)
}

// mediaCopy shows staff a copy of a file, or downloads its original as
// an attachment; the view (the download: an export) joins the audit chain
// before any byte is sent.
func (s *Server) mediaCopy(w http.ResponseWriter, r *http.Request, c *caller) {
	id, ok := pathID(r)
	variant := r.PathValue("variant")
	if !ok || (variant != media.Original && !slices.Contains(habeas.MediaCopies, variant)) {
		s.notFound(w, r)
		return
	}
	f, err := s.svc.MediaFile(r.Context(), c.Access(), id, variant)
	if err != nil {
		s.refused(w, r, err)
		return
	}
	detail := map[string]any{"media_id": f.MediaID, "variant": f.Variant, "sha256": f.SHA256}
	if err := s.svc.AuditEvent(r.Context(), c.User, media.AuditAction(f.Variant), detail); err != nil {
		s.serverError(w, r, err)
		return
	}
	media.Serve(w, f)
}
