package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"

	"codeberg.org/habeas/habeas"
)

// Settings returns the site's settings: the defaults until an admin sets
// them. Everything in them is public.
func (s *Store) Settings(ctx context.Context) (*habeas.SiteSettings, error) {
	st := &habeas.SiteSettings{}
	var langs string
	err := s.read(s.q.GetSettings).QueryRowContext(ctx).Scan(&st.Name, &st.Tagline, &st.LogoURL, &st.About,
		&st.Contact, &st.DefaultCountry, &langs, dbTime{&st.UpdatedAt})
	if errors.Is(err, sql.ErrNoRows) {
		return habeas.DefaultSettings(), nil
	} else if err != nil {
		return nil, fmt.Errorf("load settings: %w", err)
	}
	if err := json.Unmarshal([]byte(langs), &st.Languages); err != nil {
		return nil, fmt.Errorf("load settings: languages: %w", err)
	}
	return st, nil
}

// UpdateSettings replaces the site's settings, as u: only an admin.
func (s *Store) UpdateSettings(ctx context.Context, u *habeas.User, st *habeas.SiteSettings) error {
	switch {
	case u == nil:
		return habeas.Errorf(habeas.EUNAUTHORIZED, "the site's settings are kept by admins: send an admin's token")
	case u.Role != habeas.RoleAdmin:
		return habeas.Errorf(habeas.EFORBIDDEN, "only an admin changes the site's settings")
	}
	if err := st.Validate(); err != nil {
		return err
	}
	settings := func(ctx context.Context, _ habeas.Access, _ int64) (*habeas.SiteSettings, error) {
		return s.Settings(ctx)
	}
	return changeRecord(s, ctx, u, habeas.AuditUpdate, "settings", 1, settings, st, func(w *wtx) error {
		langs, err := json.Marshal(st.Languages)
		if err != nil {
			return err
		}
		now := s.clock.Now().UTC()
		if err := w.exec(s.q.PutSettings, st.Name, st.Tagline, st.LogoURL, st.About, st.Contact,
			st.DefaultCountry, string(langs), s.timeArg(now)); err != nil {
			return err
		}
		st.UpdatedAt = now
		return nil
	})
}
