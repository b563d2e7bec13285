package web

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"

	"codeberg.org/habeas/habeas"
)

// Hits a search lists of each kind, and of one kind when asked for more.
const (
	searchHits     = 10
	searchMoreHits = 50
)

// searchPage is the data of /search.
type searchPage struct {
	Q     string
	Kind  string // "" for every kind
	Error string // why the query cannot be searched
	// Groups are the kinds that found something, in reading order.
	Groups []hitGroup
	Asked  bool // a query was given and searched
}

type hitGroup struct {
	Kind, Heading string
	Hits          []hitEntry
	More          string // the address of the rest, when there is more
}

type hitEntry struct {
	habeas.SearchHit
	Href string
}

var searchKinds = []struct{ kind, heading string }{
	{habeas.HitPerson, "nav_people"}, {habeas.HitPost, "nav_news"}, {habeas.HitEvent, "search_events"}, {habeas.HitCase, "search_cases"},
}

func (s *Server) search(w http.ResponseWriter, r *http.Request) {
	vals := r.URL.Query()
	t := s.tr(r)
	p := searchPage{Q: vals.Get("q"), Kind: vals.Get("kind")}
	for k := range vals {
		if k != "q" && k != "kind" && k != "lang" { // lang: every page takes it
			s.renderError(w, r, http.StatusBadRequest, t.T("search_parameters"))
			return
		}
	}
	if p.Kind != "" && !slices.ContainsFunc(searchKinds, func(k struct{ kind, heading string }) bool { return k.kind == p.Kind }) {
		s.renderError(w, r, http.StatusBadRequest, t.T("search_no_kind"))
		return
	}
	view := &view{Title: t.T("nav_search"), Nav: "search", Canonical: "/search", Page: &p}
	if !vals.Has("q") {
		s.render(w, r, http.StatusOK, "search", view)
		return
	}
	view.Title = t.T("search_title", "Query", clip(p.Q, 60))
	limit := searchHits
	if p.Kind != "" {
		limit = searchMoreHits
	}
	res, err := s.store.Search(r.Context(), public, p.Q, p.Kind, limit)
	if msg := habeas.ErrorFields(err)["q"]; msg != "" {
		p.Error = msg
		s.render(w, r, http.StatusBadRequest, "search", view)
		return
	} else if err != nil {
		s.fail(w, r, err)
		return
	}
	p.Asked = true
	byKind := map[string][]habeas.SearchHit{habeas.HitPerson: res.People, habeas.HitPost: res.Posts,
		habeas.HitEvent: res.Events, habeas.HitCase: res.Cases}
	for _, k := range searchKinds {
		hits := byKind[k.kind]
		if len(hits) == 0 {
			continue
		}
		g := hitGroup{Kind: k.kind, Heading: t.T(k.heading)}
		if res.More[k.kind] && p.Kind == "" {
			g.More = "/search?" + url.Values{"q": {p.Q}, "kind": {k.kind}}.Encode()
		}
		for _, h := range hits {
			e := hitEntry{SearchHit: h}
			switch h.Kind {
			case habeas.HitPost:
				e.Href = "/news/" + h.Slug
			case habeas.HitEvent:
				e.Href = "/people/" + h.Slug + "#event-" + strconv.FormatInt(h.ID, 10)
			default:
				e.Href = "/people/" + h.Slug
			}
			g.Hits = append(g.Hits, e)
		}
		p.Groups = append(p.Groups, g)
	}
	s.render(w, r, http.StatusOK, "search", view)
}
