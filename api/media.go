package api

import (
	"errors"
	"io"
	"mime"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"codeberg.org/habeas/habeas"
	"codeberg.org/habeas/habeas/media"
)

// maxMediaField bounds a text field of an upload (alt, caption…).
const maxMediaField = 8 << 10

func (s *Server) registerMedia() {
	st := s.cfg.Services
	register(s, resource[habeas.Media]{path: "/api/v1/media",
		get: st.Media, update: st.UpdateMedia, delete: st.DeleteMedia,
		id: func(v *habeas.Media) *int64 { return &v.ID },
		list: func(r *http.Request, q *query) (habeas.Page[habeas.Media], error) {
			o := q.page()
			return checked(q, func() (habeas.Page[habeas.Media], error) { return st.ListMedia(r.Context(), access(r), o) })
		}})
	s.handle("POST", "/api/v1/media", s.uploadMedia)
	s.handle("GET", "/api/v1/media/{id}/{variant}", s.mediaFile)
}

// uploadMedia takes in one file sent as multipart/form-data: the part
// "file", and the fields "visibility" (required), "alt" and "caption".
// It answers 201 with the record, its id and SHA-256 among its fields.
func (s *Server) uploadMedia(w http.ResponseWriter, r *http.Request) {
	u := userOf(r)
	if _, err := habeas.WriteAccess(u, "media"); err != nil {
		s.error(w, r, err) // before reading the file
		return
	}
	m, data, err := readUpload(w, r)
	if err != nil {
		s.error(w, r, err)
		return
	}
	if err := s.cfg.Services.CreateMedia(r.Context(), u, m, data); err != nil {
		s.error(w, r, err)
		return
	}
	w.Header().Set("Location", "/api/v1/media/"+strconv.FormatInt(m.ID, 10))
	writeJSON(w, http.StatusCreated, m)
}

// readUpload reads the parts of an upload, streaming: the file is read
// once, into memory, up to media.MaxBytes.
func readUpload(w http.ResponseWriter, r *http.Request) (*habeas.Media, []byte, error) {
	mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil || mt != "multipart/form-data" {
		return nil, nil, &habeas.Error{Code: habeas.EUNSUPPORTEDMEDIA, Message: "send the file as multipart/form-data, in the part \"file\""}
	}
	if aw, ok := w.(*apiWriter); ok {
		w = aw.ResponseWriter // so that the server closes the connection after a body too large
	}
	r.Body = http.MaxBytesReader(w, r.Body, media.MaxBytes+1<<20)
	mr, err := r.MultipartReader()
	if err != nil {
		return nil, nil, habeas.Errorf(habeas.EBADREQUEST, "the multipart body could not be read: %v", err)
	}
	m := &habeas.Media{}
	var data []byte
	seen := map[string]bool{}
	for {
		p, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			return nil, nil, uploadError(err)
		}
		name := p.FormName()
		if seen[name] {
			return nil, nil, badField(name, "is sent twice")
		}
		seen[name] = true
		switch name {
		case "file":
			// One byte more than the limit tells a file too large.
			data, err = io.ReadAll(io.LimitReader(p, media.MaxBytes+1))
			if err != nil {
				return nil, nil, uploadError(err)
			}
			m.Filename = p.FileName()
		case "alt", "caption", "visibility":
			b, err := io.ReadAll(io.LimitReader(p, maxMediaField+1))
			if err != nil {
				return nil, nil, uploadError(err)
			}
			if len(b) > maxMediaField {
				return nil, nil, badField(name, "is longer than "+strconv.Itoa(maxMediaField)+" bytes")
			}
			v := string(b)
			switch name {
			case "alt":
				m.Alt = v
			case "caption":
				m.Caption = v
			default:
				if err := m.Visibility.UnmarshalText([]byte(strings.TrimSpace(v))); err != nil {
					return nil, nil, &habeas.Error{Code: habeas.EINVALID, Message: "invalid media",
						Fields: map[string]string{"visibility": "must be one of public, internal, confidential"}}
				}
			}
		default:
			return nil, nil, badField(name, "is not a field of an upload (file, alt, caption, visibility)")
		}
	}
	for _, f := range []string{"file", "visibility"} {
		if !seen[f] {
			// Never public by omission.
			return nil, nil, &habeas.Error{Code: habeas.EINVALID, Message: "invalid media", Fields: map[string]string{f: "is required"}}
		}
	}
	return m, data, nil
}

func badField(name, reason string) error {
	return &habeas.Error{Code: habeas.EBADREQUEST, Message: "invalid upload", Fields: map[string]string{name: reason}}
}

func uploadError(err error) error {
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		return habeas.Errorf(habeas.ETOOLARGE, "the upload is larger than %d MB", media.MaxBytes>>20)
	}
	return habeas.Errorf(habeas.EBADREQUEST, "the multipart body could not be read: %v", err)
}

// mediaFile answers the bytes of one variant of a file: a copy to anyone
// who may see the record, the original to staff only, as an attachment.
// A view by staff joins the audit chain (who, which file, which variant;
// the original's download is an export)
// before any byte is sent: a file whose view cannot be recorded is not
// shown.
func (s *Server) mediaFile(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	variant := r.PathValue("variant")
	if err == nil && variant != habeas.MediaOriginal && !slices.Contains(habeas.MediaCopies, variant) {
		err = &habeas.Error{Code: habeas.ENOTFOUND, Message: "no such variant: " + variant + " (original, " + strings.Join(habeas.MediaCopies, ", ") + ")"}
	}
	var f *habeas.MediaFile
	if err == nil {
		f, err = s.cfg.Services.MediaFile(r.Context(), access(r), id, variant)
	}
	if err != nil {
		s.error(w, r, err)
		return
	}
	if u := userOf(r); u != nil {
		detail := map[string]any{"media_id": f.MediaID, "variant": f.Variant, "sha256": f.SHA256}
		if err := s.cfg.Services.AuditEvent(r.Context(), u, media.AuditAction(f.Variant), detail); err != nil {
			s.error(w, r, err)
			return
		}
	}
	media.Serve(w, f)
}
