package web

import (
	"context"
	"net/http"

	"habeas"
	"habeas/casefile"
)

// homePage is the data of the home page.
type homePage struct {
	Detained           int
	WhereaboutsUnknown int
	OnHungerStrike     int
}

func (s *Server) home(w http.ResponseWriter, r *http.Request) {
	var p homePage
	if err := s.countPeople(r.Context(), &p); err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "home", &view{Title: "People detained for political reasons", Nav: "home", Page: p})
}

// countPeople counts, over the public list, the people held now, those
// whose whereabouts are unknown and those on hunger strike.
//
// It reads the whole list and, for each person held, their timeline: fine
// for hundreds of people; at scale the store should count (see the
// report of the web package).
func (s *Server) countPeople(ctx context.Context, p *homePage) error {
	today := habeas.Today(s.clock)
	f := habeas.PeopleFilter{ListOptions: habeas.ListOptions{Limit: habeas.MaxLimit}}
	for {
		page, err := s.store.ListPeople(ctx, public, f)
		if err != nil {
			return err
		}
		for _, ps := range page.Items {
			if !habeas.Detained(ps.Status) {
				continue
			}
			p.Detained++
			if ps.WhereaboutsUnknown {
				p.WhereaboutsUnknown++
			}
			if ps.CaseID == 0 {
				continue
			}
			events, err := s.store.Timeline(ctx, public, ps.CaseID)
			if err != nil {
				return err
			}
			// The list's status is already the timeline's; the walk from it
			// tells whether a strike is ongoing.
			st := casefile.Compute(&habeas.Case{Status: ps.Status}, events, today)
			if st.HungerStrikeSince != "" {
				p.OnHungerStrike++
			}
		}
		if page.NextCursor == "" {
			return nil
		}
		f.Cursor = page.NextCursor
	}
}
