package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"

	"habeas"
)

// identityField binds sealed identities to their column.
const identityField = "sources.identity"

// CreateSource stores a new source; its identity is encrypted.
func (s *Store) CreateSource(ctx context.Context, src *habeas.Source) error {
	if err := src.Validate(); err != nil {
		return err
	}
	return s.inTx(ctx, func(tx *sql.Tx) error {
		now := s.clock.Now()
		err := s.tx(ctx, tx, "InsertSource").QueryRowContext(ctx, src.Kind, src.Title, src.URL, src.Publisher,
			src.PublishedOn, src.Reliability, s.seal.seal(src.Identity, identityField), src.Visibility, s.timeArg(now)).Scan(&src.ID)
		if err != nil {
			return mapError(err, "create source")
		}
		src.CreatedAt, src.UpdatedAt = now.UTC(), now.UTC()
		return nil
	})
}

// UpdateSource replaces a source's fields.
func (s *Store) UpdateSource(ctx context.Context, src *habeas.Source) error {
	if err := src.Validate(); err != nil {
		return err
	}
	return s.inTx(ctx, func(tx *sql.Tx) error {
		now := s.clock.Now()
		res, err := s.tx(ctx, tx, "UpdateSource").ExecContext(ctx, src.ID, src.Kind, src.Title, src.URL, src.Publisher,
			src.PublishedOn, src.Reliability, s.seal.seal(src.Identity, identityField), src.Visibility, s.timeArg(now))
		if err := expectOne(res, err, "source", src.ID); err != nil {
			return mapError(err, "update source")
		}
		src.UpdatedAt = now.UTC()
		return nil
	})
}

// DeleteSource deletes a source that no fact cites.
func (s *Store) DeleteSource(ctx context.Context, id int64) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		res, err := s.tx(ctx, tx, "DeleteSource").ExecContext(ctx, id)
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
	src.Identity, err = s.seal.open(sealed, identityField)
	return src, src.ID, err
}

// Source returns the source with id if the reader may see it. Its identity
// is filled only for readers with confidential access.
func (s *Store) Source(ctx context.Context, a habeas.Access, id int64) (*habeas.Source, error) {
	src, _, err := s.scanSource(s.read("GetSource").QueryRowContext(ctx, a, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, notFound("source", id)
	} else if err != nil {
		return nil, fmt.Errorf("load source %d: %w", id, err)
	}
	return &src, nil
}

// SourceFilter selects sources.
type SourceFilter struct {
	Kind string
	habeas.ListOptions
}

// ListSources returns a page of sources.
func (s *Store) ListSources(ctx context.Context, a habeas.Access, f SourceFilter) (habeas.Page[habeas.Source], error) {
	return listByID(ctx, s, "ListSources", f.ListOptions, s.scanSource, a, f.Kind)
}

// Sources returns the sources with the given ids that the reader may see,
// keyed by id, in one query.
func (s *Store) Sources(ctx context.Context, a habeas.Access, ids []int64) (map[int64]*habeas.Source, error) {
	out := map[int64]*habeas.Source{}
	if len(ids) == 0 {
		return out, nil
	}
	list, _ := json.Marshal(ids)
	srcs, err := queryAll(ctx, s, "SourcesByIDs", func(r scanner) (habeas.Source, error) {
		src, _, err := s.scanSource(r)
		return src, err
	}, a, string(list))
	for i := range srcs {
		out[srcs[i].ID] = &srcs[i]
	}
	return out, err
}
