package store

import (
	"context"
	"fmt"

	"codeberg.org/habeas/habeas"
)

// sitemapQueries returns the queries of a sitemap kind: the chunks that
// hold records, and one chunk's records.
func (s *Store) sitemapQueries(kind string) (chunks, list query, err error) {
	switch kind {
	case habeas.SitemapPeople:
		return s.q.SitemapChunksPeople, s.q.SitemapPeople, nil
	case habeas.SitemapOrganizations:
		return s.q.SitemapChunksOrganizations, s.q.SitemapOrganizations, nil
	case habeas.SitemapFacilities:
		return s.q.SitemapChunksFacilities, s.q.SitemapFacilities, nil
	case habeas.SitemapPosts:
		return s.q.SitemapChunksPosts, s.q.SitemapPosts, nil
	}
	return query{}, query{}, habeas.Errorf(habeas.EINVALID, "no sitemap of %q", kind)
}

// SitemapChunks returns the chunks (see habeas.SitemapChunk) that hold any
// record of kind the reader may see, in order.
func (s *Store) SitemapChunks(ctx context.Context, a habeas.Access, kind string) ([]int64, error) {
	chunks, _, err := s.sitemapQueries(kind)
	if err != nil {
		return nil, err
	}
	args := []any{a, int64(habeas.SitemapChunk)}
	if kind == habeas.SitemapPosts {
		args = append(args, s.now())
	}
	return queryAll(ctx, s, chunks, func(r scanner) (int64, error) {
		var k int64
		return k, r.Scan(&k)
	}, args...)
}

// Sitemap returns the records of kind in chunk k that the reader may see,
// in id order.
func (s *Store) Sitemap(ctx context.Context, a habeas.Access, kind string, k int64) ([]habeas.SitemapEntry, error) {
	_, list, err := s.sitemapQueries(kind)
	if err != nil {
		return nil, err
	}
	if k < 0 {
		return nil, habeas.Errorf(habeas.EINVALID, "no sitemap chunk %d", k)
	}
	first, last := k*habeas.SitemapChunk, (k+1)*habeas.SitemapChunk-1
	if kind == habeas.SitemapPosts {
		return queryAll(ctx, s, list, func(r scanner) (habeas.SitemapEntry, error) {
			var e habeas.SitemapEntry
			return e, r.Scan(&e.ID, &e.Slug, dbTime{&e.Updated})
		}, a, first, last, s.now())
	}
	out, err := queryAll(ctx, s, list, func(r scanner) (habeas.SitemapEntry, error) {
		var e habeas.SitemapEntry
		return e, r.Scan(&e.ID, &e.Slug)
	}, a, first, last)
	if err != nil {
		return nil, fmt.Errorf("sitemap of %s: %w", kind, err)
	}
	return out, nil
}
