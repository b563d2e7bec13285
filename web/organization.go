package web

import (
	"net/http"
	"slices"

	"codeberg.org/habeas/habeas"
)

// organizationPage is the data of an organization's page. Long member
// lists show their first names; the people list, filtered by the
// organization, pages through everyone.
type organizationPage struct {
	Organization *habeas.Organization
	About        habeas.TextIn // the description in the page's language, or as written
	Cites        cites         // of the organization's own facts
	Members      []memberEntry
	Former       []memberEntry
	Sources      []numberedSource
	News         []habeas.Post // the latest posts about the organization
	habeas.MemberCounts
}

type memberEntry struct {
	habeas.Member
	Cites cites // of the membership: its role and dates
}

// membersShown is how many members of each list the page shows.
const membersShown = 100

func (s *Server) organization(w http.ResponseWriter, r *http.Request) {
	slug := r.PathValue("slug")
	if !habeas.IsSlug(slug) {
		s.notFound(w, r)
		return
	}
	ctx := r.Context()
	o, err := s.store.OrganizationBySlug(ctx, public, slug)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p := &organizationPage{Organization: o, About: s.textIn(ctx, s.tr(r), o.Description, o.DescriptionLang, o.DescriptionTranslations)}
	news, err := s.store.ListPosts(ctx, public, habeas.PostFilter{OrganizationID: o.ID, Originals: true,
		ListOptions: habeas.ListOptions{Limit: newsShown}})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p.News = news.Items
	if p.MemberCounts, err = s.store.MemberCounts(ctx, public, o.ID); err != nil {
		s.fail(w, r, err)
		return
	}
	var lists [2][]habeas.Member
	ids := slices.Clone(o.SourceIDs)
	for i, former := range []bool{false, true} {
		page, err := s.store.Members(ctx, public, o.ID, habeas.MemberFilter{Former: former,
			ListOptions: habeas.ListOptions{Limit: membersShown}})
		if err != nil {
			s.fail(w, r, err)
			return
		}
		lists[i] = page.Items
		for _, m := range page.Items {
			ids = append(ids, m.SourceIDs...)
		}
	}
	var rn renames
	for _, list := range lists {
		for i := range list {
			rn.add(list[i].PersonID, &list[i].PersonName)
		}
	}
	if err := rn.apply(ctx, s, s.tr(r)); err != nil {
		s.fail(w, r, err)
		return
	}
	ct, err := newCiter(ctx, s.store, ids)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p.Cites = ct.cite(o.SourceIDs, o.WithheldSources)
	for i, list := range lists {
		for _, m := range list {
			e := memberEntry{Member: m, Cites: ct.cite(m.SourceIDs, m.WithheldSources)}
			if i == 0 {
				p.Members = append(p.Members, e)
			} else {
				p.Former = append(p.Former, e)
			}
		}
	}
	p.Sources = ct.list
	s.render(w, r, http.StatusOK, "organization", &view{Title: o.Name, Description: clip(p.About.Text, 200),
		Canonical: "/organizations/" + o.Slug, Page: p})
}
