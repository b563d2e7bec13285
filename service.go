package habeas

import (
	"context"
	"time"
)

// The storage services. Reads take the reader's access and return only what
// it may see; writes take the acting user and decide, inside the write's own
// transaction, whether that user may write the record, everything it refers
// to, and the visibility it would leave behind. A refused write changes
// nothing, and a record the writer may not see is answered exactly as one
// that does not exist. package store implements every interface here; api
// and web depend on these interfaces, not on the store.

// PersonService keeps people, their names, and merges of duplicates.
type PersonService interface {
	Person(ctx context.Context, a Access, id int64) (*Person, error)
	PersonBySlug(ctx context.Context, a Access, slug string) (*Person, error)
	// PersonRedirect returns where the old slug of a merged person leads.
	PersonRedirect(ctx context.Context, a Access, slug string) (string, error)
	ListPeople(ctx context.Context, a Access, f PeopleFilter) (Page[PersonSummary], error)
	// ListPersonRecords pages through the whole records of every person the
	// reader may see, in id order (as an export reads them).
	ListPersonRecords(ctx context.Context, a Access, o ListOptions) (Page[Person], error)
	// Candidates returns the people whose names score at least min against name.
	Candidates(ctx context.Context, a Access, name string, min float64, limit int) ([]Candidate, error)
	PeopleCounts(ctx context.Context, a Access) (held, unknown, hungerStrike int, err error)

	CreatePerson(ctx context.Context, u *User, p *Person) error
	// UpdatePerson replaces a person; names the writer may not see are kept.
	UpdatePerson(ctx context.Context, u *User, p *Person) error
	DeletePerson(ctx context.Context, u *User, id int64) error
	MergePeople(ctx context.Context, u *User, survivorID, duplicateID int64) (*Merge, error)
	UndoMerge(ctx context.Context, u *User, mergeID int64) error
}

// OrganizationService keeps organizations and memberships.
type OrganizationService interface {
	Organization(ctx context.Context, a Access, id int64) (*Organization, error)
	OrganizationBySlug(ctx context.Context, a Access, slug string) (*Organization, error)
	ListOrganizations(ctx context.Context, a Access, f OrganizationFilter) (Page[Organization], error)
	Members(ctx context.Context, a Access, orgID int64, f MemberFilter) (Page[Member], error)
	MemberCounts(ctx context.Context, a Access, orgID int64) (MemberCounts, error)
	CreateOrganization(ctx context.Context, u *User, o *Organization) error
	UpdateOrganization(ctx context.Context, u *User, o *Organization) error
	DeleteOrganization(ctx context.Context, u *User, id int64) error

	Membership(ctx context.Context, a Access, id int64) (*Membership, error)
	ListMemberships(ctx context.Context, a Access, f MembershipFilter) (Page[Membership], error)
	Affiliations(ctx context.Context, a Access, personID int64) ([]Affiliation, error)
	CreateMembership(ctx context.Context, u *User, m *Membership) error
	UpdateMembership(ctx context.Context, u *User, m *Membership) error
	DeleteMembership(ctx context.Context, u *User, id int64) error
}

// FacilityService keeps the places where people are held.
type FacilityService interface {
	Facility(ctx context.Context, a Access, id int64) (*Facility, error)
	FacilityBySlug(ctx context.Context, a Access, slug string) (*Facility, error)
	ListFacilities(ctx context.Context, a Access, f FacilityFilter) (Page[Facility], error)
	CreateFacility(ctx context.Context, u *User, f *Facility) error
	UpdateFacility(ctx context.Context, u *User, f *Facility) error
	DeleteFacility(ctx context.Context, u *User, id int64) error
}

// CaseService keeps cases, their timelines and the interventions about them.
type CaseService interface {
	Case(ctx context.Context, a Access, id int64) (*Case, error)
	ListCases(ctx context.Context, a Access, f CaseFilter) (Page[Case], error)
	CurrentCase(ctx context.Context, a Access, personID int64) (*Case, error)
	CreateCase(ctx context.Context, u *User, c *Case) error
	UpdateCase(ctx context.Context, u *User, c *Case) error
	DeleteCase(ctx context.Context, u *User, id int64) error

	Event(ctx context.Context, a Access, id int64) (*Event, error)
	ListEvents(ctx context.Context, a Access, f EventFilter) (Page[Event], error)
	// Timeline returns every event of a case the reader may see, in timeline order.
	Timeline(ctx context.Context, a Access, caseID int64) ([]Event, error)
	CreateEvent(ctx context.Context, u *User, e *Event) error
	// UpdateEvent replaces an event; citations of sources the writer may not see are kept.
	UpdateEvent(ctx context.Context, u *User, e *Event) error
	DeleteEvent(ctx context.Context, u *User, id int64) error

	Intervention(ctx context.Context, a Access, id int64) (*Intervention, error)
	ListInterventions(ctx context.Context, a Access, f InterventionFilter) (Page[Intervention], error)
	CreateIntervention(ctx context.Context, u *User, iv *Intervention) error
	UpdateIntervention(ctx context.Context, u *User, iv *Intervention) error
	DeleteIntervention(ctx context.Context, u *User, id int64) error
	// InterventionsDue lists the interventions at access a whose answers
	// are due in f's days, soonest first.
	InterventionsDue(ctx context.Context, a Access, f DueFilter) ([]DueIntervention, error)
}

// SourceService keeps the sources facts cite.
type SourceService interface {
	Source(ctx context.Context, a Access, id int64) (*Source, error)
	Sources(ctx context.Context, a Access, ids []int64) (map[int64]*Source, error)
	ListSources(ctx context.Context, a Access, f SourceFilter) (Page[Source], error)
	CreateSource(ctx context.Context, u *User, s *Source) error
	// UpdateSource replaces a source; an identity the writer may not see is kept.
	UpdateSource(ctx context.Context, u *User, s *Source) error
	DeleteSource(ctx context.Context, u *User, id int64) error
}

// PostService keeps the news posts. The public reads a post once it is
// published and its time has come; staff read drafts and scheduled posts.
type PostService interface {
	Post(ctx context.Context, a Access, id int64) (*Post, error)
	PostBySlug(ctx context.Context, a Access, slug string) (*Post, error)
	ListPosts(ctx context.Context, a Access, f PostFilter) (Page[Post], error)
	// PostVersions returns the post's other languages: its original and
	// the original's translations.
	PostVersions(ctx context.Context, a Access, p *Post) ([]Post, error)
	// Translations returns, for each original of ids, its translations
	// into lang ("" every language).
	Translations(ctx context.Context, a Access, ids []int64, lang string) (map[int64][]Post, error)
	CreatePost(ctx context.Context, u *User, p *Post) error
	UpdatePost(ctx context.Context, u *User, p *Post) error
	DeletePost(ctx context.Context, u *User, id int64) error
}

// CommentService keeps readers' comments on news posts. A visitor adds a
// pending comment to a post the public may read now; editors and admins
// moderate it; staff read every comment, the public the approved ones of
// the posts it may read.
type CommentService interface {
	Comment(ctx context.Context, a Access, id int64) (*Comment, error)
	ListComments(ctx context.Context, a Access, f CommentFilter) (Page[Comment], error)
	// SubmitComment stores c as pending on the post with postSlug, as v.
	SubmitComment(ctx context.Context, v *Visitor, postSlug string, c *Comment) error
	// ModerateComment sets a comment's status (see CommentStates).
	ModerateComment(ctx context.Context, u *User, id int64, status string) (*Comment, error)
	DeleteComment(ctx context.Context, u *User, id int64) error
}

// TipService keeps the tips visitors send about people: a confidential
// intake queue, read and handled by staff with the confidential grant
// alone; to anyone else a tip is answered as a missing one.
type TipService interface {
	Tip(ctx context.Context, a Access, id int64) (*Tip, error)
	ListTips(ctx context.Context, a Access, f TipFilter) (Page[Tip], error)
	// SubmitTip stores t, new, about the person with personSlug, as v.
	SubmitTip(ctx context.Context, v *Visitor, personSlug string, t *Tip) error
	// SetTipStatus marks a tip handled, archived, or new again.
	SetTipStatus(ctx context.Context, u *User, id int64, status string) (*Tip, error)
}

// WebhookService keeps the webhooks told of alert changes, and their
// delivery log. Only admins manage them.
type WebhookService interface {
	Webhook(ctx context.Context, u *User, id int64) (*Webhook, error)
	Webhooks(ctx context.Context, u *User) ([]Webhook, error)
	CreateWebhook(ctx context.Context, u *User, h *Webhook) error
	UpdateWebhook(ctx context.Context, u *User, h *Webhook) error
	DeleteWebhook(ctx context.Context, u *User, id int64) error
	Deliveries(ctx context.Context, u *User, webhookID int64, o ListOptions) (Page[Delivery], error)
}

// UserService finds staff accounts by their API tokens.
type UserService interface {
	UserByToken(ctx context.Context, token string) (*User, error)
}

// Batch creates many records in one write transaction, each checked as
// the single Create methods check it. Derived state (what each timeline
// means, the lists) is computed once, when the batch ends.
type Batch interface {
	CreateFacility(f *Facility) error
	CreateOrganization(o *Organization) error
	CreateSource(s *Source) error
	CreatePerson(p *Person) error
	CreateMembership(m *Membership) error
	CreateCase(c *Case) error
	CreateEvent(e *Event) error
	CreateIntervention(iv *Intervention) error
	CreatePost(p *Post) error
	CreateEstimate(e *Estimate) error
	CreateComment(c *Comment) error
	CreateTip(t *Tip) error
	CreateMedia(m *Media, data []byte) error
}

// BatchService runs a batch as u: everything fn creates is committed
// together when fn returns nil, and nothing at all otherwise.
type BatchService interface {
	InBatch(ctx context.Context, u *User, fn func(Batch) error) error
}

// StatsService counts, and keeps the estimates others published.
type StatsService interface {
	// Stats counts what the reader may see; the result is shared, to be
	// copied before it is changed.
	Stats(ctx context.Context, a Access) (*Stats, error)
	Estimate(ctx context.Context, a Access, id int64) (*Estimate, error)
	// ListEstimates returns the estimates of country ("" every one).
	ListEstimates(ctx context.Context, a Access, country string) ([]Estimate, error)
	CreateEstimate(ctx context.Context, u *User, e *Estimate) error
	UpdateEstimate(ctx context.Context, u *User, e *Estimate) error
	DeleteEstimate(ctx context.Context, u *User, id int64) error
}

// SearchService finds what a reader may see by its words.
type SearchService interface {
	// Search finds people, cases, events and posts for query (kind "" for
	// every kind, else HitPerson…), at most limit of each kind. A query
	// that cannot be searched is EINVALID, with the reason on field "q".
	Search(ctx context.Context, a Access, query, kind string, limit int) (*SearchResults, error)
}

// SettingsService keeps the site's own settings.
type SettingsService interface {
	// Settings returns the site's settings, the defaults until set.
	Settings(ctx context.Context) (*SiteSettings, error)
	// UpdateSettings replaces them, as u: an admin.
	UpdateSettings(ctx context.Context, u *User, s *SiteSettings) error
}

// Services is everything the API needs from storage.
type Services interface {
	BatchService
	PersonService
	OrganizationService
	FacilityService
	CaseService
	SourceService
	AlertService
	WebhookService
	PostService
	StatsService
	SearchService
	SettingsService
	CommentService
	TipService
	MediaService
	UserService
	AuditService
	AssignmentService
}

// AssignmentService gives people's case files to volunteers, who read and
// edit only those (see RoleVolunteer).
type AssignmentService interface {
	// Assign and Unassign give and take back a person's case file; only
	// a role that may AssignRecords, and only to an account that is a
	// volunteer. Each reports whether it changed anything: assigning
	// twice is one assignment.
	Assign(ctx context.Context, u *User, volunteerID, personID int64) (changed bool, err error)
	Unassign(ctx context.Context, u *User, volunteerID, personID int64) (changed bool, err error)
	// Assignees returns the volunteers a person is assigned to, and every
	// volunteer to choose from.
	Assignees(ctx context.Context, u *User, personID int64) (assigned, volunteers []User, err error)
	// AccessTo returns what u may read of the record kind/id (a person,
	// case, event, intervention, membership or alert) and of everything
	// of its person: u.Access(), or for a volunteer u.Grant() while the
	// person is assigned to them.
	AccessTo(ctx context.Context, u *User, kind string, id int64) (Access, error)
}

// AccountService is what the workspace asks of staff accounts: logins,
// sessions, second factors and one-time links. Its methods that manage
// other accounts take the acting admin.
type AccountService interface {
	Login(ctx context.Context, email, password, client string) (*Login, error)
	SessionUser(ctx context.Context, token string) (u *User, s *Session, mustSetUp bool, err error)
	SecondStep(ctx context.Context, token, code, client string) (string, error)
	BeginSecondFactor(ctx context.Context, token, issuer string) (secret, url string, err error)
	PendingSecondFactor(ctx context.Context, token string) (string, error)
	ConfirmSecondFactor(ctx context.Context, token, code string) (next string, codes []string, err error)
	RecoveryCodesLeft(ctx context.Context, userID int64) (int, error)
	Logout(ctx context.Context, token string) error
	LogoutEverywhere(ctx context.Context, userID int64, keep string) error
	Sessions(ctx context.Context, userID int64) ([]Session, error)
	ChangePassword(ctx context.Context, token, current, next string) error
	AccountLink(ctx context.Context, token string) (*User, string, error)
	UseAccountLink(ctx context.Context, token, password string) (*User, error)
	CreateAccountLink(ctx context.Context, actor *User, userID int64, purpose string) (string, error)
	ResetSecondFactor(ctx context.Context, actor *User, userID int64) error
	SetDisabled(ctx context.Context, actor *User, userID int64, disabled bool) error
	OwnAccount(ctx context.Context, token string) (*Account, error)
	Accounts(ctx context.Context, actor *User) ([]Account, error)
	SecondFactorRoles(ctx context.Context) ([]string, error)
	SetSecondFactorRoles(ctx context.Context, actor *User, roles []string) error
	AddUser(ctx context.Context, actor *User, u *User) error
	// NewFeedToken makes a staff member's private feed of alerts anew (the
	// token its address carries, shown once); StopFeed ends it; FeedMade
	// says when it was made (zero: none); UserByFeedToken reads a token.
	NewFeedToken(ctx context.Context, userID int64) (string, error)
	StopFeed(ctx context.Context, userID int64) error
	FeedMade(ctx context.Context, userID int64) (time.Time, error)
	UserByFeedToken(ctx context.Context, token string) (*User, error)
	// MailSubscription says what a staff member's account is e-mailed of
	// alert changes (nil: nothing); SetMailSubscription and StopMail
	// change it, for the caller's own account; Mails lists its latest
	// mails, newest first.
	MailSubscription(ctx context.Context, userID int64) (*MailSubscription, error)
	SetMailSubscription(ctx context.Context, u *User, m *MailSubscription) error
	StopMail(ctx context.Context, u *User) error
	Mails(ctx context.Context, userID int64, n int) ([]Mail, error)
}
