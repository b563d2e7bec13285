package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"

	"codeberg.org/habeas/habeas"
	"codeberg.org/habeas/habeas/media"
)

// mediaBlobAAD binds a sealed variant to its file and variant: bytes
// copied onto another row do not open.
func mediaBlobAAD(mediaID int64, variant string) string {
	return "media_blobs.data:" + strconv.FormatInt(mediaID, 10) + ":" + variant
}

// mediaText lists the sealed text columns of media and their fields.
func mediaText(m *habeas.Media) []struct {
	v     *string
	field string
} {
	return []struct {
		v     *string
		field string
	}{{&m.Filename, "media.filename"}, {&m.Alt, "media.alt"}, {&m.Caption, "media.caption"}}
}

// CreateMedia takes in data as u (see media.Ingest): a file refused
// leaves nothing behind. The original and the copies of an image are
// written in the transaction of the record, sealed when it is
// confidential.
// The upload (who, the file's record with its SHA-256) joins the audit
// chain in the same transaction.
func (s *Store) CreateMedia(ctx context.Context, u *habeas.User, m *habeas.Media, data []byte) error {
	if err := m.Validate(); err != nil {
		return err
	}
	if _, err := habeas.WriteAccess(u, "media"); err != nil {
		return err // before the work of decoding
	}
	f, err := s.ingest(ctx, data)
	if err != nil {
		return err
	}
	if err := mediaPublishable(f.ContentType, m.Visibility); err != nil {
		return err // before the transaction
	}
	return s.write(ctx, u, "media", func(w *wtx) error {
		if err := w.createMedia(m, f, data, u.ID); err != nil {
			return err
		}
		return w.audit(habeas.AuditCreate, "media", m.ID, nil, m)
	})
}

// createMedia writes a file ingested as f in the write transaction (see
// CreateMedia); uploader is the uploader's user id, 0 for none known.
func (w *wtx) createMedia(m *habeas.Media, f *media.File, data []byte, uploader int64) error {
	s, ctx := w.s, w.ctx
	if err := mediaPublishable(f.ContentType, m.Visibility); err != nil {
		return err
	}
	if err := w.mayLeave("visibility", m.Visibility); err != nil {
		return err
	}
	if err := w.mayPublish("visibility", m.Visibility); err != nil {
		return err
	}
	created, updated := w.stamps(m.CreatedAt, m.UpdatedAt)
	sm := *m
	if m.Visibility == habeas.Confidential {
		for _, t := range mediaText(&sm) {
			s.seal.sealText(t.v, t.field)
		}
	}
	err := w.stmt(s.q.InsertMedia).QueryRowContext(ctx, f.SHA256, f.ContentType, f.Size, sm.Filename, f.Width, f.Height,
		sm.Alt, sm.Caption, nullID(uploader), m.Visibility, s.timeArg(created), s.timeArg(updated)).Scan(&m.ID)
	if err != nil {
		return mapError(err, "create media")
	}
	put := func(variant, ct string, width, height int, b []byte) error {
		clear, sealed := s.blobColumns(m.ID, variant, m.Visibility, b)
		return w.exec(s.q.InsertMediaBlob, m.ID, variant, ct, width, height, len(b), clear, sealed)
	}
	if err := put(habeas.MediaOriginal, f.ContentType, f.Width, f.Height, data); err != nil {
		return err
	}
	for _, c := range f.Copies {
		if err := put(c.Variant, c.ContentType, c.Width, c.Height, c.Data); err != nil {
			return err
		}
	}
	m.SHA256, m.ContentType, m.Size, m.Width, m.Height = f.SHA256, f.ContentType, f.Size, f.Width, f.Height
	m.UploadedBy, m.Variants = uploader, mediaVariants(f.ContentType, w.a)
	m.CreatedAt, m.UpdatedAt = created, updated
	w.know(s.q.GetMedia, m.ID, true)
	return nil
}

// maxIngesting is how many uploads are decoded at once; the others wait.
const maxIngesting = 2

// ingest runs media.Ingest when fewer than maxIngesting others run.
func (s *Store) ingest(ctx context.Context, data []byte) (*media.File, error) {
	select {
	case s.ingesting <- struct{}{}:
		defer func() { <-s.ingesting }()
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	return media.Ingest(data)
}

// mediaPublishable refuses a public document: it has no copy without
// metadata, and the original is never public.
func mediaPublishable(contentType string, v habeas.Visibility) error {
	if v == habeas.Public && !media.IsImage(contentType) {
		return (habeas.Problems{"visibility": "a document has no public copy: it must be internal or confidential"}).Err("media")
	}
	return nil
}

// blobColumns returns what goes in data and data_sealed for a variant of
// a file at visibility v: sealed when confidential, else in clear.
func (s *Store) blobColumns(mediaID int64, variant string, v habeas.Visibility, b []byte) (clear, sealed any) {
	if v == habeas.Confidential {
		return nil, s.seal.seal(string(b), mediaBlobAAD(mediaID, variant))
	}
	return b, nil
}

// mediaVariants returns the variants of a file of a content type that a
// reader at access a may read.
func mediaVariants(contentType string, a habeas.Access) []string {
	var out []string
	if a >= habeas.Internal {
		out = append(out, habeas.MediaOriginal)
	}
	if media.IsImage(contentType) {
		out = append(out, habeas.MediaCopies...)
	}
	return out
}

// UpdateMedia replaces a file's alt text, caption and visibility as u.
// Its bytes are sealed or opened to follow the visibility.
func (s *Store) UpdateMedia(ctx context.Context, u *habeas.User, m *habeas.Media) error {
	if err := m.Validate(); err != nil {
		return err
	}
	return s.write(ctx, u, "media", func(w *wtx) error {
		if err := w.target("media", s.q.GetMedia, m.ID); err != nil {
			return err
		}
		if err := w.notPublic("media", s.q.GetMedia, m.ID); err != nil {
			return err
		}
		if err := w.mayLeave("visibility", m.Visibility); err != nil {
			return err
		}
		if err := w.mayPublish("visibility", m.Visibility); err != nil {
			return err
		}
		var filename, contentType string
		if err := w.stmt(s.q.MediaText).QueryRowContext(ctx, m.ID).Scan(&filename, &contentType); err != nil {
			return fmt.Errorf("update media %d: %w", m.ID, err)
		}
		if err := mediaPublishable(contentType, m.Visibility); err != nil {
			return err
		}
		// The filename is the upload's: kept, sealed or opened.
		s.seal.openText(&filename, "media.filename")
		sm := *m
		sm.Filename = filename
		if m.Visibility == habeas.Confidential {
			for _, t := range mediaText(&sm) {
				s.seal.sealText(t.v, t.field)
			}
		}
		now := s.clock.Now()
		res, err := w.stmt(s.q.UpdateMedia).ExecContext(ctx, m.ID, sm.Filename, sm.Alt, sm.Caption, m.Visibility, s.timeArg(now))
		if err := expectOne(res, err, "media", m.ID); err != nil {
			return mapError(err, "update media")
		}
		if err := w.resealMedia(m.ID, m.Visibility); err != nil {
			return err
		}
		w.sealed = w.sealed || m.Visibility == habeas.Confidential // the old rows may have been in clear
		return auditChange(w, habeas.AuditUpdate, "media", m.ID, s.Media, m)
	})
}

// resealMedia seals or opens the bytes of a file's variants to follow
// its visibility, one variant at a time.
func (w *wtx) resealMedia(id int64, v habeas.Visibility) error {
	type blob struct {
		id            int64
		variant       string
		clear, sealed []byte
	}
	var blobs []blob
	rows, err := w.stmt(w.s.q.MediaBlobsOf).QueryContext(w.ctx, id)
	if err != nil {
		return fmt.Errorf("reseal media %d: %w", id, err)
	}
	for rows.Next() {
		var b blob
		if err := rows.Scan(&b.id, &b.variant, &b.clear, &b.sealed); err != nil {
			rows.Close()
			return fmt.Errorf("reseal media %d: %w", id, err)
		}
		blobs = append(blobs, b)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("reseal media %d: %w", id, err)
	}
	for _, b := range blobs {
		if (b.sealed != nil) == (v == habeas.Confidential) {
			continue // already as it should be
		}
		data := b.clear
		if b.sealed != nil {
			plain, err := w.s.seal.open(b.sealed, mediaBlobAAD(id, b.variant))
			if err != nil {
				return fmt.Errorf("open the %s of media %d: %w", b.variant, id, err)
			}
			data = []byte(plain)
		}
		clear, sealed := w.s.blobColumns(id, b.variant, v, data)
		if err := w.exec(w.s.q.SetMediaBlob, b.id, clear, sealed); err != nil {
			return err
		}
	}
	return nil
}

// DeleteMedia deletes a file and its copies as u, unless it is a
// person's photo.
func (s *Store) DeleteMedia(ctx context.Context, u *habeas.User, id int64) error {
	return s.write(ctx, u, "media", func(w *wtx) error {
		if err := w.target("media", s.q.GetMedia, id); err != nil {
			return err
		}
		if err := w.notPublic("media", s.q.GetMedia, id); err != nil {
			return err
		}
		var n int
		if err := w.stmt(s.q.PeopleShowingMedia).QueryRowContext(ctx, id).Scan(&n); err != nil {
			return fmt.Errorf("delete media %d: %w", id, err)
		}
		if n > 0 {
			return habeas.Errorf(habeas.ECONFLICT, "media %d is the photo of %d people: give them another photo first", id, n)
		}
		res, err := w.stmt(s.q.DeleteMedia).ExecContext(ctx, id)
		if err := mapError(expectOne(res, err, "media", id), "delete media"); err != nil {
			return err
		}
		return auditChange(w, habeas.AuditDelete, "media", id, s.Media, nil)
	})
}

// scanMedia reads a row of GetMedia or ListMedia for a reader at access a.
func (s *Store) scanMedia(a habeas.Access) func(r scanner) (habeas.Media, int64, error) {
	return func(r scanner) (habeas.Media, int64, error) {
		var m habeas.Media
		var by sql.NullInt64
		err := r.Scan(&m.ID, &m.SHA256, &m.ContentType, &m.Size, &m.Filename, &m.Width, &m.Height, &m.Alt, &m.Caption,
			&by, &m.Visibility, dbTime{&m.CreatedAt}, dbTime{&m.UpdatedAt})
		if err != nil {
			return m, 0, err
		}
		for _, t := range mediaText(&m) {
			s.seal.openText(t.v, t.field)
		}
		m.UploadedBy = by.Int64
		m.Variants = mediaVariants(m.ContentType, a)
		return m, m.ID, nil
	}
}

// Media returns a file's record if the reader may see it.
func (s *Store) Media(ctx context.Context, a habeas.Access, id int64) (*habeas.Media, error) {
	m, _, err := s.scanMedia(a)(s.read(s.q.GetMedia).QueryRowContext(ctx, a, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, notFound("media", id)
	} else if err != nil {
		return nil, fmt.Errorf("load media %d: %w", id, err)
	}
	return &m, nil
}

// ListMedia returns a page of the files the reader may see.
func (s *Store) ListMedia(ctx context.Context, a habeas.Access, o habeas.ListOptions) (habeas.Page[habeas.Media], error) {
	return listByID(ctx, s, s.q.ListMedia, o, s.scanMedia(a), a)
}

// MediaFile returns one variant of a file: the original only from
// internal access up, a copy to whoever may see the record.
//
// The callers that serve these bytes record the reading in the audit
// chain (see media.AuditAction): the store does not know why a file is
// read.
func (s *Store) MediaFile(ctx context.Context, a habeas.Access, id int64, variant string) (*habeas.MediaFile, error) {
	f := &habeas.MediaFile{MediaID: id, Variant: variant}
	var clear, sealed []byte
	err := s.read(s.q.GetMediaBlob).QueryRowContext(ctx, a, id, variant).Scan(&f.SHA256, &f.ContentType, &f.Width, &f.Height, &clear, &sealed)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, notFound("media file", strconv.FormatInt(id, 10)+"/"+variant)
	} else if err != nil {
		return nil, fmt.Errorf("load media %d %s: %w", id, variant, err)
	}
	f.Data = clear
	if sealed != nil {
		plain, err := s.seal.open(sealed, mediaBlobAAD(id, variant))
		if err != nil {
			return nil, fmt.Errorf("open media %d %s: %w", id, variant, err)
		}
		f.Data = []byte(plain)
	}
	return f, nil
}

// rekeyMedia re-seals the bytes of confidential files with the next key,
// one variant at a time: a file may be 20 MB, and rotation must not hold
// hundreds of them in memory.
func rekeyMedia(ctx context.Context, tx *sql.Tx, old, next *sealer) error {
	rows, err := tx.QueryContext(ctx, "SELECT id FROM media_blobs WHERE data_sealed IS NOT NULL ORDER BY id")
	if err != nil {
		return fmt.Errorf("rotate media: %w", err)
	}
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return fmt.Errorf("rotate media: %w", err)
		}
		ids = append(ids, id)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("rotate media: %w", err)
	}
	for _, id := range ids {
		var mediaID int64
		var variant string
		var sealed []byte
		err := tx.QueryRowContext(ctx, "SELECT media_id, variant, data_sealed FROM media_blobs WHERE id = $1", id).Scan(&mediaID, &variant, &sealed)
		if err != nil {
			return fmt.Errorf("rotate media: %w", err)
		}
		aad := mediaBlobAAD(mediaID, variant)
		plain, err := old.open(sealed, aad)
		if err != nil {
			return fmt.Errorf("rotate media: the %s of media %d does not open with the current key; nothing was changed: %w", variant, mediaID, err)
		}
		if _, err := tx.ExecContext(ctx, "UPDATE media_blobs SET data_sealed = $1 WHERE id = $2", next.seal(plain, aad), id); err != nil {
			return fmt.Errorf("rotate media: %w", err)
		}
	}
	return nil
}

func init() { rekeyHooks = append(rekeyHooks, rekeyMedia) }

// checkPhoto refuses a person's photo that is missing or hidden from the
// writer (in the same words), or that is not an image.
func (w *wtx) checkPhoto(p *habeas.Person) error {
	pr := habeas.Problems{}
	if err := w.checkImage(pr, "photo_media_id", p.PhotoMediaID); err != nil {
		return err
	}
	return pr.Err("person")
}

// checkImage adds a problem to field when the media file id (0: none) is
// missing or hidden from the writer (in the same words), or is not an
// image.
func (w *wtx) checkImage(pr habeas.Problems, field string, id int64) error {
	if id == 0 {
		return nil
	}
	before := len(pr)
	if err := w.ref(pr, field, "media", w.s.q.GetMedia, id); err != nil {
		return err
	}
	if len(pr) == before {
		var filename, contentType string
		if err := w.stmt(w.s.q.MediaText).QueryRowContext(w.ctx, id).Scan(&filename, &contentType); err != nil {
			return fmt.Errorf("check the image of %s: %w", field, err)
		}
		if !media.IsImage(contentType) {
			pr.Add(field, fmt.Sprintf("media %d is a document, not an image", id))
		}
	}
	return nil
}

// coverToWrite returns the cover an update of a post leaves, with its alt
// text and caption: the one given (a file or an address), or, when none
// is, the file the post has that the writer may not see, as it is (nobody
// removes what they cannot see; the reads blank its words for them).
func (w *wtx) coverToWrite(p *habeas.Post) (id int64, alt, caption string, err error) {
	if p.CoverMediaID != 0 || p.CoverURL != "" {
		return p.CoverMediaID, p.CoverAlt, p.CoverCaption, nil
	}
	err = w.stmt(w.s.q.HiddenPostCover).QueryRowContext(w.ctx, p.ID, w.shared()).Scan(&id, &alt, &caption)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, p.CoverAlt, p.CoverCaption, nil
	} else if err != nil {
		return 0, "", "", fmt.Errorf("update post %d: %w", p.ID, err)
	}
	return id, alt, caption, nil
}

// photoToWrite returns the photo an update of a person leaves: the one
// given, or, when none is, the one the person has that the writer may not
// see (nobody removes what they cannot see).
func (w *wtx) photoToWrite(p *habeas.Person) (int64, error) {
	if p.PhotoMediaID != 0 {
		return p.PhotoMediaID, nil
	}
	var kept int64
	err := w.stmt(w.s.q.HiddenPersonPhoto).QueryRowContext(w.ctx, p.ID, w.shared()).Scan(&kept)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	} else if err != nil {
		return 0, fmt.Errorf("update person %d: %w", p.ID, err)
	}
	return kept, nil
}

// nullInt scans a nullable integer into an int64, NULL as 0.
type nullInt struct{ v *int64 }

func (n nullInt) Scan(v any) error {
	var ni sql.NullInt64
	if err := ni.Scan(v); err != nil {
		return err
	}
	*n.v = ni.Int64
	return nil
}
