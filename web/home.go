package web

import (
	"context"
	"net/http"

	"codeberg.org/habeas/habeas"
)

// homeAlerts is how many published alerts the home page lists.
const homeAlerts = 10

// homePage is the data of the home page.
type homePage struct {
	Detained           int
	WhereaboutsUnknown int
	OnHungerStrike     int
	// Urgent are the alerts staff published, most severe first.
	Urgent []habeas.PublicAlert
}

func (s *Server) home(w http.ResponseWriter, r *http.Request) {
	var p homePage
	if err := s.countPeople(r.Context(), &p); err != nil {
		s.fail(w, r, err)
		return
	}
	var err error
	if p.Urgent, err = s.store.PublicAlerts(r.Context(), 0, homeAlerts); err != nil {
		s.fail(w, r, err)
		return
	}
	var rn renames
	for i := range p.Urgent {
		rn.add(p.Urgent[i].PersonID, &p.Urgent[i].Person)
	}
	if err := rn.apply(r.Context(), s, s.tr(r)); err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "home", &view{Title: s.tr(r).T("home_title"), Nav: "home", Canonical: "/", Page: p})
}

// countPeople counts the people held now, those whose whereabouts are
// unknown and those on hunger strike, as the public timelines have it.
func (s *Server) countPeople(ctx context.Context, p *homePage) (err error) {
	p.Detained, p.WhereaboutsUnknown, p.OnHungerStrike, err = s.store.PeopleCounts(ctx, public)
	return err
}
