package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"

	"codeberg.org/habeas/habeas"
)

// identityField binds sealed identities to their column.
const identityField = "sources.identity"

// CreateSource stores a new source as u; its identity is encrypted. Only
// a writer with confidential access may record an identity.
func (s *Store) CreateSource(ctx context.Context, u *habeas.User, src *habeas.Source) error {
	if err := src.Validate(); err != nil {
		return err
	}
	return s.createRecord(ctx, u, "source", src, &src.ID, func(w *wtx) error { return w.createSource(src) })
}

// createSource writes a new source in the write transaction (see CreateSource).
func (w *wtx) createSource(src *habeas.Source) error {
	if err := w.mayLeaveSource(src); err != nil {
		return err
	}
	created, updated := w.stamps(src.CreatedAt, src.UpdatedAt)
	ss := w.s.sealedSource(src)
	err := w.stmt(w.s.q.InsertSource).QueryRowContext(w.ctx, src.Kind, ss.Title, ss.URL, ss.Publisher,
		src.PublishedOn, src.Reliability, w.s.seal.seal(src.Identity, identityField), src.Visibility,
		w.s.timeArg(created), w.s.timeArg(updated)).Scan(&src.ID)
	if err != nil {
		return mapError(err, "create source")
	}
	src.CreatedAt, src.UpdatedAt = created, updated
	return nil
}

// mayLeaveSource refuses a source above the writer's access, and an
// identity from a writer who could not read it back.
func (w *wtx) mayLeaveSource(src *habeas.Source) error {
	if err := w.mayLeave("visibility", src.Visibility); err != nil {
		return err
	}
	if err := w.mayPublish("visibility", src.Visibility); err != nil {
		return err
	}
	if src.Identity != "" {
		return w.mayLeave("identity", habeas.Confidential)
	}
	return nil
}

// UpdateSource replaces a source's fields as u. The identity, which only
// writers with confidential access see, is kept when u cannot see it.
func (s *Store) UpdateSource(ctx context.Context, u *habeas.User, src *habeas.Source) error {
	if err := src.Validate(); err != nil {
		return err
	}
	return changeRecord(s, ctx, u, habeas.AuditUpdate, "source", src.ID, s.Source, src, func(w *wtx) error {
		if err := w.target("source", s.q.GetSource, src.ID); err != nil {
			return err
		}
		if err := w.notPublic("source", s.q.GetSource, src.ID); err != nil {
			return err
		}
		if err := w.mayLeaveSource(src); err != nil {
			return err
		}
		identity := s.seal.seal(src.Identity, identityField)
		if w.a < habeas.Confidential {
			var kept []byte
			if err := w.stmt(s.q.SourceIdentitySealed).QueryRowContext(ctx, src.ID).Scan(&kept); err != nil {
				return fmt.Errorf("update source %d: %w", src.ID, err)
			}
			identity = nil
			if len(kept) > 0 {
				identity = kept
			}
		}
		now := s.clock.Now()
		ss := s.sealedSource(src)
		res, err := w.stmt(s.q.UpdateSource).ExecContext(ctx, src.ID, src.Kind, ss.Title, ss.URL, ss.Publisher,
			src.PublishedOn, src.Reliability, identity, src.Visibility, s.timeArg(now))
		if err := expectOne(res, err, "source", src.ID); err != nil {
			return mapError(err, "update source")
		}
		src.UpdatedAt = now.UTC()
		w.sealed = w.sealed || src.Visibility == habeas.Confidential // the old row may have been in clear
		return nil
	})
}

// DeleteSource deletes a source that no fact cites, as u.
func (s *Store) DeleteSource(ctx context.Context, u *habeas.User, id int64) error {
	return changeRecord(s, ctx, u, habeas.AuditDelete, "source", id, s.Source, nil, func(w *wtx) error {
		if err := w.target("source", s.q.GetSource, id); err != nil {
			return err
		}
		if err := w.notPublic("source", s.q.GetSource, id); err != nil {
			return err
		}
		res, err := w.stmt(s.q.DeleteSource).ExecContext(ctx, id)
		return mapError(expectOne(res, err, "source", id), "delete source")
	})
}

func (s *Store) scanSource(r scanner) (habeas.Source, int64, error) {
	var src habeas.Source
	var sealed []byte
	err := r.Scan(&src.ID, &src.Kind, &src.Title, &src.URL, &src.Publisher, &src.PublishedOn, &src.Reliability,
		&sealed, &src.Visibility, dbTime{&src.CreatedAt}, dbTime{&src.UpdatedAt})
	if err != nil {
		return src, 0, err
	}
	s.openSource(&src)
	if src.Identity, err = s.seal.open(sealed, identityField); err != nil {
		// One damaged row never turns a whole list into an error.
		src.Identity, err = unreadable, nil
	}
	return src, src.ID, err
}

// Source returns the source with id if the reader may see it. Its identity
// is filled only for readers with confidential access.
func (s *Store) Source(ctx context.Context, a habeas.Access, id int64) (*habeas.Source, error) {
	src, _, err := s.scanSource(s.read(s.q.GetSource).QueryRowContext(ctx, a, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, notFound("source", id)
	} else if err != nil {
		return nil, fmt.Errorf("load source %d: %w", id, err)
	}
	return &src, nil
}

// ListSources returns a page of sources.
func (s *Store) ListSources(ctx context.Context, a habeas.Access, f habeas.SourceFilter) (habeas.Page[habeas.Source], error) {
	return listByID(ctx, s, s.q.ListSources, f.ListOptions, s.scanSource, a, f.Kind)
}

// Sources returns the sources with the given ids that the reader may see,
// keyed by id, in one query.
func (s *Store) Sources(ctx context.Context, a habeas.Access, ids []int64) (map[int64]*habeas.Source, error) {
	out := map[int64]*habeas.Source{}
	if len(ids) == 0 {
		return out, nil
	}
	list, _ := json.Marshal(ids)
	srcs, err := queryAll(ctx, s, s.q.SourcesByIDs, func(r scanner) (habeas.Source, error) {
		src, _, err := s.scanSource(r)
		return src, err
	}, a, string(list))
	for i := range srcs {
		out[srcs[i].ID] = &srcs[i]
	}
	return out, err
}
