package web

import (
	"context"
	"net/http"
	"slices"
	"strconv"

	"codeberg.org/habeas/habeas"
	"codeberg.org/habeas/habeas/internal/reply"
	"codeberg.org/habeas/habeas/media"
)

// mediaHashLen is how much of a file's SHA-256 its addresses carry.
const mediaHashLen = 16

// mediaURL is the address of a copy of a public file, carrying the start
// of its hash (see serveMedia).
func mediaURL(m *habeas.Media, variant string) string {
	return "/media/" + strconv.FormatInt(m.ID, 10) + "/" + variant + "?h=" + m.SHA256[:min(mediaHashLen, len(m.SHA256))]
}

// serveMedia answers a copy of a public file: working, large or small,
// never the original. A file that is not public answers 404, as a
// missing one does.
//
// The bytes of a copy never change, so an address that names them by
// their hash (?h=, as the pages link them) is cached by browsers for a
// year without asking again; shared caches (a CDN, a proxy) keep it five
// minutes only, so that a photo withdrawn from the public (made internal
// because showing it endangers someone) stops being served within five
// minutes. What a reader already downloaded cannot be taken back. An
// address without the hash, or with another one, is kept five minutes.
func (s *Server) serveMedia(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	variant := r.PathValue("variant")
	if err != nil || id <= 0 || !slices.Contains(habeas.MediaCopies, variant) {
		s.renderError(w, r, http.StatusNotFound, "")
		return
	}
	f, err := s.store.MediaFile(r.Context(), public, id, variant)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	h := w.Header()
	h.Set("Content-Type", f.ContentType)
	h.Set("Etag", `"`+f.SHA256[:min(mediaHashLen, len(f.SHA256))]+"-"+variant+`"`)
	if q := r.URL.Query().Get("h"); q != "" && q == f.SHA256[:min(mediaHashLen, len(f.SHA256))] {
		h.Set("Cache-Control", "public, max-age=31536000, s-maxage=300, immutable")
	} else {
		h.Set("Cache-Control", "public, max-age=300")
	}
	if reply.NotModified(w, r) {
		return
	}
	h.Set("Content-Length", strconv.Itoa(len(f.Data)))
	w.WriteHeader(http.StatusOK)
	if r.Method != http.MethodHead {
		w.Write(f.Data)
	}
}

// photo is a person's photo as a page shows it: the small copy, its size
// and its alt text.
type photo struct {
	URL, Large    string
	Alt           string
	Width, Height int
}

// photo returns the person's photo when the file is public, else nil.
func (s *Server) photo(ctx context.Context, t *tr, p *habeas.Person, name string) (*photo, error) {
	if p.PhotoMediaID == 0 {
		return nil, nil
	}
	m, err := s.store.Media(ctx, public, p.PhotoMediaID)
	if habeas.ErrorCode(err) == habeas.ENOTFOUND || err == nil && !media.IsImage(m.ContentType) {
		return nil, nil
	} else if err != nil {
		return nil, err
	}
	alt := m.Alt
	if alt == "" {
		alt = t.T("photo_of", "Name", name)
	}
	w, h := media.ScaledSize(m.Width, m.Height, media.Widths[media.Small])
	return &photo{URL: mediaURL(m, media.Small), Large: mediaURL(m, media.Large), Alt: alt, Width: w, Height: h}, nil
}
