package web

import (
	"encoding/xml"
	"net/http"
	"strconv"
	"strings"
	"time"

	"codeberg.org/habeas/habeas"
	"codeberg.org/habeas/habeas/internal/reply"
)

// The sitemaps (sitemaps.org protocol 0.9): /sitemap.xml is an index of
// files under /sitemaps/, one for the site's fixed pages and one per
// chunk of ids of each kind of public record, so no file nears the
// protocol's 50,000 addresses. Only what the public may see is listed.

const sitemapNS = "http://www.sitemaps.org/schemas/sitemap/0.9"

// sitemapPages are the fixed pages every site has.
var sitemapPages = []string{"/", "/people", "/news", "/stats"}

// sitemapPaths are the public paths of each kind of record, by kind.
var sitemapPaths = map[string]string{
	habeas.SitemapPeople:        "/people/",
	habeas.SitemapOrganizations: "/organizations/",
	habeas.SitemapFacilities:    "/facilities/",
	habeas.SitemapPosts:         "/news/",
}

type sitemapIndex struct {
	XMLName  xml.Name     `xml:"sitemapindex"`
	NS       string       `xml:"xmlns,attr"`
	Sitemaps []sitemapLoc `xml:"sitemap"`
}

type sitemapLoc struct {
	Loc string `xml:"loc"`
}

type urlSet struct {
	XMLName xml.Name     `xml:"urlset"`
	NS      string       `xml:"xmlns,attr"`
	URLs    []sitemapURL `xml:"url"`
}

type sitemapURL struct {
	Loc     string `xml:"loc"`
	LastMod string `xml:"lastmod,omitempty"`
}

// sitemap answers the index of the site's sitemaps.
func (s *Server) sitemap(w http.ResponseWriter, r *http.Request) {
	base := s.origin(r)
	idx := sitemapIndex{NS: sitemapNS, Sitemaps: []sitemapLoc{{Loc: base + "/sitemaps/pages.xml"}}}
	for _, kind := range habeas.SitemapKinds {
		chunks, err := s.store.SitemapChunks(r.Context(), public, kind)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		for _, k := range chunks {
			idx.Sitemaps = append(idx.Sitemaps, sitemapLoc{Loc: base + "/sitemaps/" + kind + "-" + strconv.FormatInt(k, 10) + ".xml"})
		}
	}
	s.writeXML(w, r, idx)
}

// sitemapPart answers one file of the index: pages.xml, or KIND-K.xml for
// chunk K of a kind of record.
func (s *Server) sitemapPart(w http.ResponseWriter, r *http.Request) {
	base := s.origin(r)
	name, ok := strings.CutSuffix(r.PathValue("file"), ".xml")
	if !ok {
		s.notFound(w, r)
		return
	}
	set := urlSet{NS: sitemapNS}
	if name == "pages" {
		for _, p := range sitemapPages {
			set.URLs = append(set.URLs, sitemapURL{Loc: base + p})
		}
		s.writeXML(w, r, set)
		return
	}
	kind, num, _ := strings.Cut(name, "-")
	path, known := sitemapPaths[kind]
	k, err := strconv.ParseInt(num, 10, 64)
	if !known || err != nil || k < 0 || strconv.FormatInt(k, 10) != num {
		s.notFound(w, r)
		return
	}
	entries, err := s.store.Sitemap(r.Context(), public, kind, k)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if len(entries) == 0 {
		// A chunk the index does not list: a urlset must hold an address.
		s.notFound(w, r)
		return
	}
	for _, e := range entries {
		u := sitemapURL{Loc: base + path + e.Slug}
		if !e.Updated.IsZero() {
			u.LastMod = e.Updated.UTC().Format(time.RFC3339)
		}
		set.URLs = append(set.URLs, u)
	}
	s.writeXML(w, r, set)
}

// writeXML answers v as an XML document.
func (s *Server) writeXML(w http.ResponseWriter, r *http.Request, v any) {
	b, err := xml.Marshal(v)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	reply.Write(w, r, http.StatusOK, "application/xml; charset=utf-8", append([]byte(xml.Header), b...))
}
