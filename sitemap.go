package habeas

import "time"

// Kinds of record a sitemap lists, each at its own public address.
const (
	SitemapPeople        = "people"
	SitemapOrganizations = "organizations"
	SitemapFacilities    = "facilities"
	SitemapPosts         = "news"
)

// SitemapKinds are the kinds of SitemapEntry, in the order sitemaps list them.
var SitemapKinds = []string{SitemapPeople, SitemapOrganizations, SitemapFacilities, SitemapPosts}

// SitemapChunk is how many records of a kind one sitemap file covers, by
// id: chunk k holds the ids from k×SitemapChunk to (k+1)×SitemapChunk−1.
// The protocol allows 50,000 addresses a file; fewer keep each file small.
const SitemapChunk = 10000

// SitemapEntry is one public record in a sitemap: its address is its
// kind's path and its slug.
type SitemapEntry struct {
	ID   int64
	Slug string
	// Updated is when the record last changed, where saying so reveals
	// nothing staff did out of sight (posts); zero otherwise.
	Updated time.Time
}
