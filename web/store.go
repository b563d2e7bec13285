package web

import (
	"context"

	"codeberg.org/habeas/habeas"
)

// Store is what the public site needs from storage. Every call passes the
// reader's access, which on the public site is always habeas.Public; the
// store filters by visibility, so the site never sees what it may not show.
type Store interface {
	Ping(ctx context.Context) error

	// Generation changes with every write, so cached pages are dropped.
	Generation() uint64
	PeopleCounts(ctx context.Context, a habeas.Access) (held, unknown, hungerStrike int, err error)
	PersonBySlug(ctx context.Context, a habeas.Access, slug string) (*habeas.Person, error)
	PersonRedirect(ctx context.Context, a habeas.Access, slug string) (string, error)
	ListPeople(ctx context.Context, a habeas.Access, f habeas.PeopleFilter) (habeas.Page[habeas.PersonSummary], error)
	// NamesIn returns the names in language lang of the people with ids
	// that have one.
	NamesIn(ctx context.Context, a habeas.Access, lang string, ids []int64) (map[int64]string, error)
	Affiliations(ctx context.Context, a habeas.Access, personID int64) ([]habeas.Affiliation, error)

	CurrentCase(ctx context.Context, a habeas.Access, personID int64) (*habeas.Case, error)
	ListCases(ctx context.Context, a habeas.Access, f habeas.CaseFilter) (habeas.Page[habeas.Case], error)
	Timeline(ctx context.Context, a habeas.Access, caseID int64) ([]habeas.Event, error)
	Sources(ctx context.Context, a habeas.Access, ids []int64) (map[int64]*habeas.Source, error)
	ListInterventions(ctx context.Context, a habeas.Access, f habeas.InterventionFilter) (habeas.Page[habeas.Intervention], error)

	OrganizationBySlug(ctx context.Context, a habeas.Access, slug string) (*habeas.Organization, error)
	ListOrganizations(ctx context.Context, a habeas.Access, f habeas.OrganizationFilter) (habeas.Page[habeas.Organization], error)
	Members(ctx context.Context, a habeas.Access, orgID int64, f habeas.MemberFilter) (habeas.Page[habeas.Member], error)
	MemberCounts(ctx context.Context, a habeas.Access, orgID int64) (habeas.MemberCounts, error)

	Facility(ctx context.Context, a habeas.Access, id int64) (*habeas.Facility, error)
	FacilityBySlug(ctx context.Context, a habeas.Access, slug string) (*habeas.Facility, error)
	ListFacilities(ctx context.Context, a habeas.Access, f habeas.FacilityFilter) (habeas.Page[habeas.Facility], error)
	FormerDetainees(ctx context.Context, a habeas.Access, facilityID int64, o habeas.ListOptions) (habeas.Page[habeas.Stay], error)

	Person(ctx context.Context, a habeas.Access, id int64) (*habeas.Person, error)
	Organization(ctx context.Context, a habeas.Access, id int64) (*habeas.Organization, error)

	PostBySlug(ctx context.Context, a habeas.Access, slug string) (*habeas.Post, error)
	ListPosts(ctx context.Context, a habeas.Access, f habeas.PostFilter) (habeas.Page[habeas.Post], error)
	PostVersions(ctx context.Context, a habeas.Access, p *habeas.Post) ([]habeas.Post, error)
	Translations(ctx context.Context, a habeas.Access, ids []int64, lang string) (map[int64][]habeas.Post, error)

	// Search finds the people, cases, events and posts the reader may see.
	Search(ctx context.Context, a habeas.Access, q, kind string, limit int) (*habeas.SearchResults, error)

	// Media and MediaFile read an evidence file and a copy of it: a
	// person's photo.
	Media(ctx context.Context, a habeas.Access, id int64) (*habeas.Media, error)
	MediaFile(ctx context.Context, a habeas.Access, id int64, variant string) (*habeas.MediaFile, error)

	// Settings are the site's own: its name, pages and languages.
	Settings(ctx context.Context) (*habeas.SiteSettings, error)

	// Stats counts what the reader may see (shared: not to be changed).
	Stats(ctx context.Context, a habeas.Access) (*habeas.Stats, error)

	// SitemapChunks and Sitemap list the records of a kind (see
	// habeas.SitemapKinds) the reader may see, by chunk of ids.
	SitemapChunks(ctx context.Context, a habeas.Access, kind string) ([]int64, error)
	Sitemap(ctx context.Context, a habeas.Access, kind string, chunk int64) ([]habeas.SitemapEntry, error)
	// ListComments returns the approved comments of a post (the public
	// sees no other); SubmitComment and SubmitTip store what a visitor
	// sends through the site's forms, deciding whether they may.
	ListComments(ctx context.Context, a habeas.Access, f habeas.CommentFilter) (habeas.Page[habeas.Comment], error)
	SubmitComment(ctx context.Context, v *habeas.Visitor, postSlug string, c *habeas.Comment) error
	SubmitTip(ctx context.Context, v *habeas.Visitor, personSlug string, t *habeas.Tip) error

	// PublicAlerts returns the alerts staff published, as the public
	// timeline shows them; personID 0 for everyone.
	PublicAlerts(ctx context.Context, personID int64, limit int) ([]habeas.PublicAlert, error)
}
