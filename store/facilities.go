package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"codeberg.org/habeas/habeas"
)

// CreateFacility stores a new facility.
func (s *Store) CreateFacility(ctx context.Context, u *habeas.User, f *habeas.Facility) error {
	if err := f.Validate(); err != nil {
		return err
	}
	return s.createRecord(ctx, u, "facility", f, &f.ID, func(w *wtx) error { return w.createFacility(f) })
}

// createFacility writes a new facility in the write transaction (see CreateFacility).
func (w *wtx) createFacility(f *habeas.Facility) error {
	tx := w.tx
	if err := w.mayLeave("visibility", f.Visibility); err != nil {
		return err
	}
	if err := w.mayPublish("visibility", f.Visibility); err != nil {
		return err
	}
	if err := w.checkCitations(w.s.facilityCiting(), f.SourceIDs); err != nil {
		return err
	}
	want, err := w.slugToWrite("facility", f.Slug, f.Visibility, w.s.q.FacilitySlugOf, 0)
	if err != nil {
		return err
	}
	slug, err := w.newSlug(w.s.q.FacilitySlugTaken, want, f.Name)
	if err != nil {
		return err
	}
	sf, err := w.s.sealedFacility(f)
	if err != nil {
		return err
	}
	created, updated := w.stamps(f.CreatedAt, f.UpdatedAt)
	err = w.s.tx(w.ctx, tx, w.s.q.InsertFacility).QueryRowContext(w.ctx, slug, sf.Name, sf.Kind, sf.Country, sf.Region, sf.Address,
		sf.Latitude, sf.Longitude, sf.Visibility, w.s.timeArg(created), w.s.timeArg(updated), sf.Description,
		w.s.facilityTranslations(f)).Scan(&f.ID)
	if err != nil {
		return mapError(err, "create facility")
	}
	f.Slug, f.CreatedAt, f.UpdatedAt = slug, created, updated
	w.know(w.s.q.GetFacility, f.ID, true)
	return w.cite(w.s.facilityCiting(), f.ID, f.SourceIDs)
}

// UpdateFacility replaces a facility's fields.
func (s *Store) UpdateFacility(ctx context.Context, u *habeas.User, f *habeas.Facility) error {
	if err := f.Validate(); err != nil {
		return err
	}
	return changeRecord(s, ctx, u, habeas.AuditUpdate, "facility", f.ID, s.Facility, f, func(w *wtx) error {
		tx := w.tx
		if err := w.target("facility", s.q.GetFacility, f.ID); err != nil {
			return err
		}
		if err := w.notPublic("facility", s.q.GetFacility, f.ID); err != nil {
			return err
		}
		if err := w.mayLeave("visibility", f.Visibility); err != nil {
			return err
		}
		if err := w.mayPublish("visibility", f.Visibility); err != nil {
			return err
		}
		if err := w.checkCitations(s.facilityCiting(), f.SourceIDs); err != nil {
			return err
		}
		want, err := w.slugToWrite("facility", f.Slug, f.Visibility, s.q.FacilitySlugOf, f.ID)
		if err != nil {
			return err
		}
		slug, err := s.uniqueSlug(ctx, tx, s.q.FacilitySlugTaken, want, f.Name, f.ID)
		if err != nil {
			return err
		}
		sf, err := s.sealedFacility(f)
		if err != nil {
			return err
		}
		now := s.clock.Now()
		res, err := s.tx(ctx, tx, s.q.UpdateFacility).ExecContext(ctx, f.ID, slug, sf.Name, sf.Kind, sf.Country, sf.Region,
			sf.Address, sf.Latitude, sf.Longitude, sf.Visibility, s.timeArg(now), sf.Description, s.facilityTranslations(f))
		if err := expectOne(res, err, "facility", f.ID); err != nil {
			return mapError(err, "update facility")
		}
		f.Slug, f.UpdatedAt = slug, now.UTC()
		w.sealed = w.sealed || f.Visibility == habeas.Confidential // the old row may have been in clear
		if err := w.recite(s.facilityCiting(), f.ID, f.SourceIDs); err != nil {
			return err
		}
		// A facility made internal must stop showing as where public cases are held.
		return w.refreshCases(s.q.CasesAtFacility, f.ID)
	})
}

// DeleteFacility deletes a facility no case or event refers to, as u.
func (s *Store) DeleteFacility(ctx context.Context, u *habeas.User, id int64) error {
	return changeRecord(s, ctx, u, habeas.AuditDelete, "facility", id, s.Facility, nil, func(w *wtx) error {
		if err := w.target("facility", s.q.GetFacility, id); err != nil {
			return err
		}
		if err := w.notPublic("facility", s.q.GetFacility, id); err != nil {
			return err
		}
		res, err := w.stmt(s.q.DeleteFacility).ExecContext(ctx, id)
		return mapError(expectOne(res, err, "facility", id), "delete facility")
	})
}

// Facility returns the facility with id if the reader may see it.
func (s *Store) Facility(ctx context.Context, a habeas.Access, id int64) (*habeas.Facility, error) {
	return s.getFacility(ctx, s.q.GetFacility, a, id)
}

// FacilityBySlug returns the facility with slug if the reader may see it.
func (s *Store) FacilityBySlug(ctx context.Context, a habeas.Access, slug string) (*habeas.Facility, error) {
	return s.getFacility(ctx, s.q.GetFacilityBySlug, a, slug)
}

func (s *Store) getFacility(ctx context.Context, query query, a habeas.Access, key any) (*habeas.Facility, error) {
	f, _, err := s.scanFacility(s.read(query).QueryRowContext(ctx, a, key))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, notFound("facility", key)
	} else if err != nil {
		return nil, fmt.Errorf("load facility %v: %w", key, err)
	}
	err = s.attachCitations(ctx, a, s.facilityCiting(), 1, func(int) int64 { return f.ID },
		func(_ int, ids []int64, n int) { f.SourceIDs, f.WithheldSources = ids, n })
	if err != nil {
		return nil, err
	}
	return &f, nil
}

func (s *Store) scanFacility(r scanner) (habeas.Facility, int64, error) {
	var f habeas.Facility
	var tr string
	err := r.Scan(&f.ID, &f.Slug, &f.Name, &f.Kind, &f.Country, &f.Region, &f.Address, &f.Latitude, &f.Longitude,
		&f.Visibility, dbTime{&f.CreatedAt}, dbTime{&f.UpdatedAt}, &f.Description, &tr)
	s.openFacility(&f)
	f.DescriptionLang, f.DescriptionTranslations = s.openTranslations(tr, "facilities.description_translations")
	return f, f.ID, err
}

// ListFacilities returns a page of facilities.
func (s *Store) ListFacilities(ctx context.Context, a habeas.Access, f habeas.FacilityFilter) (habeas.Page[habeas.Facility], error) {
	page, err := listByID(ctx, s, s.q.ListFacilities, f.ListOptions, s.scanFacility, a, f.Country, f.Kind)
	if err != nil {
		return page, err
	}
	fs := page.Items
	return page, s.attachCitations(ctx, a, s.facilityCiting(), len(fs), func(i int) int64 { return fs[i].ID },
		func(i int, ids []int64, n int) { fs[i].SourceIDs, fs[i].WithheldSources = ids, n })
}
