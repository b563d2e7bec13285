package store

import (
	"bufio"
	"errors"
	"fmt"
	"io/fs"
	"reflect"
	"sort"
	"strings"
)

// query is one named query of the store: its name, its SQL in the store's
// dialect, and its place among the prepared statements. Its values come only
// from the fields of queries, so a misspelt query name fails the build.
type query struct {
	i         int // index of the field in queries, and of the prepared statement
	name, sql string
}

// String returns the query's name, for messages.
func (q query) String() string { return q.name }

// queries holds every named query of the store, one field per "-- name:"
// block of queries/*.sql, the field named as the query. loadQueries fills it
// and refuses SQL with no field, and a field with no SQL.
type queries struct {
	// accounts.sql
	AuthOfUser             query
	SetPasswordHash        query
	SetPendingTOTP         query
	EnableTOTP             query
	SetTOTPStep            query
	SetUserDisabled        query
	GetUserByID            query
	ListUsers              query
	InsertSession          query
	GetSession             query
	TouchSession           query
	RenewSession           query
	DeleteSession          query
	DeleteSessionsOfUser   query
	SessionsOfUser         query
	PruneSessions          query
	DeleteRecoveryCodes    query
	InsertRecoveryCode     query
	UseRecoveryCode        query
	CountRecoveryCodes     query
	GetLoginFailure        query
	CountLoginFailure      query
	SetLoginWait           query
	ClearLoginFailure      query
	PruneLoginFailures     query
	InsertAccountLink      query
	GetAccountLink         query
	DeleteAccountLinks     query
	SecondFactorRoles      query
	ClearSecondFactorRoles query
	InsertSecondFactorRole query
	GetAccount             query
	// access.sql
	HiddenDependantsOfPerson       query
	HiddenDependantsOfCase         query
	HiddenDependantsOfOrganization query
	HiddenCitationsOfEvent         query
	HiddenCitationsOfIntervention  query
	SourceIdentitySealed           query
	CaseArrest                     query
	CaseEventDates                 query
	CapCasesOfPerson               query
	CapMembershipsOfPerson         query
	CapMembershipsOfOrganization   query
	CapEventsOfCase                query
	CapInterventionsOfCase         query
	CaseVisibility                 query
	PersonVisibility               query
	OrganizationVisibility         query
	MoveCaseTo                     query
	MoveMembershipTo               query
	CaseVisibilitiesOfPerson       query
	MembershipVisibilitiesOfPerson query
	SlugRedirectAt                 query
	InsertSlugRedirectAt           query
	InsertMergeAt                  query
	GetMergeAt                     query
	VisibleSourceIDsAt             query

	// access.sql: memberships raised to confidential (see resealMemberships)
	ConfidentialMembershipsOfPerson       query
	ConfidentialMembershipsOfOrganization query
	SetMembershipRole                     query
	// cases.sql
	InsertCase        query
	UpdateCase        query
	UpdateCaseDerived query
	DeleteCase        query
	GetCase           query
	ListCases         query
	ListCasesOfPerson query
	DeleteCharges     query
	InsertCharge      query
	PersonOfCase      query
	CasesOfPerson     query
	CasesAtFacility   query
	PeopleCounts      query
	CasesToSweep      query
	MarkSwept         query
	UnsweepCase       query
	AllCaseIDs        query
	CurrentCaseID     query
	ChargesOfCases    query
	// alerts.sql
	CasesForAlerts          query
	InterventionsForAlerts  query
	SetDueDay               query
	PublishedAlertsOfCase   query
	InterventionsAwaiting   query
	FacilitiesForAlerts     query
	UnresolvedAlertsOfCases query
	InsertAlert             query
	UpdateAlertFinding      query
	ResolveAlert            query
	AcknowledgeAlert        query
	SetAlertPublic          query
	InsertAlertChange       query
	GetAlert                query
	ListAlerts              query
	AlertChanges            query
	PublicAlerts            query
	CaseThresholds          query
	SetCaseThresholds       query
	DeleteCaseThresholds    query
	CountUnresolvedAlerts   query
	UnresolvedAlertCounts   query
	CaseOfIntervention      query
	InstanceThresholds      query
	PutInstanceThresholds   query
	// notifications.sql
	InsertWebhook           query
	UpdateWebhook           query
	DeleteWebhook           query
	GetWebhook              query
	ListWebhooks            query
	ActiveWebhooks          query
	InsertOutbox            query
	InsertDelivery          query
	NoticeContext           query
	OrganizationsOfPersonAt query
	ClaimDeliveries         query
	OutgoingDelivery        query
	DeliverySent            query
	DeliveryFailed          query
	ListDeliveries          query
	OutboxBacklog           query
	AnyDueDelivery          query
	// mail.sql
	GetMailSubscription    query
	PutMailSubscription    query
	DeleteMailSubscription query
	DropWaitingMail        query
	CancelPendingMail      query
	RescheduleWaitingMail  query
	MailSubscribers        query
	IsAssigned             query
	InsertMail             query
	InsertMailItem         query
	DigestsDue             query
	GatherDigest           query
	DeleteMail             query
	AnyDueMail             query
	ClaimMails             query
	OutgoingMail           query
	NoticesOfMail          query
	MailSent               query
	MailFailed             query
	MailsOfUser            query
	MailBacklog            query
	// stats.sql
	StatsByStatus             query
	StatsByCountry            query
	StatsByClassification     query
	StatsByFacility           query
	StatsByRegion             query
	StatsByOrganization       query
	StatsByCharge             query
	StatsStarts               query
	StatsEnds                 query
	InsertEstimate            query
	UpdateEstimate            query
	DeleteEstimate            query
	EstimateAt                query
	GetEstimate               query
	ListEstimates             query
	InsertEstimateSource      query
	DeleteEstimateSources     query
	HiddenCitationsOfEstimate query
	EstimateCitations         query

	// search.sql
	SearchCases  query
	SearchEvents query
	SearchPosts  query

	// audit.sql
	AuditHead     query
	SetAuditHead  query
	InsertAudit   query
	AuditOfRecord query
	ListAudit     query
	RecentChanges query
	UserForAudit  query

	// settings.sql
	GetSettings query
	PutSettings query

	// sitemap.sql
	SitemapChunksPeople        query
	SitemapChunksOrganizations query
	SitemapChunksFacilities    query
	SitemapChunksPosts         query
	SitemapPeople              query
	SitemapOrganizations       query
	SitemapFacilities          query
	SitemapPosts               query

	// posts.sql
	InsertPost              query
	UpdatePost              query
	DeletePost              query
	PostAt                  query
	PostForWrite            query
	TranslationCount        query
	PostSlugTaken           query
	GetPost                 query
	GetPostBySlug           query
	ListPosts               query
	TranslationsOfPosts     query
	InsertPostTag           query
	DeletePostTags          query
	TagsOfPosts             query
	InsertPostPerson        query
	InsertPostOrganization  query
	InsertPostCase          query
	DeletePostPeople        query
	DeletePostOrganizations query
	DeletePostCases         query
	LinksOfPosts            query
	MovePostPeople          query
	MovePostFacts           query
	VisiblePeopleIDs        query
	InsertPostSource        query
	DeletePostSources       query
	HiddenCitationsOfPost   query
	PostCitations           query
	// comments.sql
	InsertComment       query
	PostOpenForComments query
	CommentAt           query
	GetComment          query
	ListComments        query
	SetCommentStatus    query
	DeleteComment       query
	CountInput          query
	PruneInputLimits    query
	// tips.sql
	InsertTip         query
	PersonOpenForTips query
	TipAt             query
	GetTip            query
	ListTips          query
	SetTipStatus      query
	MoveTips          query
	// citations.sql
	InsertPersonSource            query
	DeletePersonSources           query
	HiddenCitationsOfPerson       query
	PersonCitations               query
	InsertCaseSource              query
	DeleteCaseSources             query
	HiddenCitationsOfCase         query
	CaseCitations                 query
	InsertMembershipSource        query
	DeleteMembershipSources       query
	HiddenCitationsOfMembership   query
	MembershipCitations           query
	InsertOrganizationSource      query
	DeleteOrganizationSources     query
	HiddenCitationsOfOrganization query
	OrganizationCitations         query
	InsertFacilitySource          query
	DeleteFacilitySources         query
	HiddenCitationsOfFacility     query
	FacilityCitations             query
	// events.sql
	InsertEvent               query
	UpdateEvent               query
	DeleteEvent               query
	GetEvent                  query
	ListEvents                query
	CaseEventSources          query
	CaseEventsWithheldSources query
	DeleteEventSources        query
	InsertEventSource         query
	AllCaseEvents             query
	GetCaseForDerive          query
	CasesForDerive            query
	EventsOfCasesForDerive    query
	// facilities.sql
	InsertFacility    query
	UpdateFacility    query
	DeleteFacility    query
	GetFacility       query
	GetFacilityBySlug query
	ListFacilities    query
	FacilitySlugTaken query
	FacilitySlugOf    query
	// interventions.sql
	InsertIntervention        query
	UpdateIntervention        query
	DeleteIntervention        query
	GetIntervention           query
	ListInterventions         query
	ListInterventionsOfCase   query
	InterventionsDue          query
	DeleteInterventionSources query
	InsertInterventionSource  query
	SourcesOfInterventions    query
	// organizations.sql
	InsertOrganization          query
	UpdateOrganization          query
	DeleteOrganization          query
	GetOrganization             query
	GetOrganizationBySlug       query
	ListOrganizations           query
	InsertMembership            query
	UpdateMembership            query
	DeleteMembership            query
	GetMembership               query
	ListMemberships             query
	MembershipsOfPerson         query
	MembersOfOrganization       query
	MemberCounts                query
	MembershipPersonOf          query
	UnlistMembers               query
	RelistMembers               query
	UnlistMembersOfOrganization query
	RelistMembersOfOrganization query
	AddMemberCounts             query
	PruneMemberCounts           query
	UncountOrganization         query
	CountOrganization           query
	UncountEveryone             query
	CountEveryone               query
	OrganizationSlugTaken       query
	OrganizationSlugOf          query
	// people.sql
	InsertPerson      query
	UpdatePerson      query
	DeletePerson      query
	DeletePersonNames query
	InsertPersonName  query
	PersonNames       query
	HiddenPersonNames query
	GetPerson         query
	GetPersonBySlug   query
	PersonIDs         query
	PersonSlugTaken   query
	PersonSlugOf      query
	UnlistPeople      query
	RelistPeople      query

	ConfidentialEventsOfCase        query
	SetEventText                    query
	ConfidentialInterventionsOfCase query
	SetInterventionText             query
	ConfidentialCaseText            query
	SetCaseText                     query
	ConfidentialChargesOfCase       query
	SetChargeText                   query
	DeleteNameKeys                  query
	InsertNameKey                   query
	DeleteNameWords                 query
	InsertNameWord                  query
	PeopleOfCandidates              query
	PeopleByWordPrefix              query
	WordsOfPeople                   query
	NamesInLanguages                query
	HiddenPostCover                 query
	InsertPersonWithID              query
	SetPersonNotes                  query
	MoveSlugRedirects               query
	DeleteSlugRedirect              query
	MarkMergeUndone                 query
	SetPersonPhoto                  query
	RestorePersonPhoto              query
	HiddenPersonPhoto               query
	// stays.sql
	FormerAtFacility query
	EventCitations   query
	// sources.sql
	InsertSource query
	UpdateSource query
	DeleteSource query
	GetSource    query
	ListSources  query
	SourcesByIDs query
	// media.sql
	InsertMedia        query
	UpdateMedia        query
	DeleteMedia        query
	GetMedia           query
	ListMedia          query
	MediaVisibility    query
	MediaText          query
	PeopleShowingMedia query
	InsertMediaBlob    query
	GetMediaBlob       query
	MediaBlobsOf       query
	SetMediaBlob       query
	// assignments.sql
	AssigneeIDsOfPerson  query
	RestoreAssignment    query
	InsertAssignment     query
	DeleteAssignment     query
	AssigneesOfPerson    query
	Volunteers           query
	AssignedPerson       query
	AssignedCase         query
	AssignedEvent        query
	AssignedIntervention query
	AssignedMembership   query
	AssignedAlert        query
	// users.sql
	InsertUser      query
	GetUserByEmail  query
	UpdateUserRole  query
	CountUsers      query
	InsertToken     query
	SetFeedToken    query
	DeleteFeedToken query
	FeedTokenMade   query
	UserByFeedToken query
	UserByToken     query
}

// all returns the queries in field order, so that all()[q.i] is q.
func (qs *queries) all() []query {
	v := reflect.ValueOf(qs).Elem()
	out := make([]query, v.NumField())
	for i := range out {
		out[i] = v.Field(i).Interface().(query)
	}
	return out
}

var queryType = reflect.TypeFor[query]()

// bind fills a queries from the SQL of each name. Every name must have a
// field and every field a name.
func bind(sql querySQL) (*queries, error) {
	qs := &queries{}
	v := reflect.ValueOf(qs).Elem()
	t := v.Type()
	seen := map[string]bool{}
	var problems []string
	for i := range t.NumField() {
		f := t.Field(i)
		if f.Type != queryType {
			return nil, fmt.Errorf("queries.%s is a %s, not a query", f.Name, f.Type)
		}
		text, ok := sql[f.Name]
		if !ok {
			problems = append(problems, fmt.Sprintf("query %s has no SQL in queries/*.sql", f.Name))
			continue
		}
		seen[f.Name] = true
		v.Field(i).Set(reflect.ValueOf(query{i: i, name: f.Name, sql: text}))
	}
	for _, n := range sql.names() {
		if !seen[n] {
			problems = append(problems, fmt.Sprintf("query %s is defined in SQL but has no field in the queries struct", n))
		}
	}
	if len(problems) > 0 {
		return nil, errors.New(strings.Join(problems, "; "))
	}
	return qs, nil
}

// querySQL maps a query's name to its SQL in the store's dialect, as read
// from the files.
type querySQL map[string]string

// loadQueries reads the store's queries for dialect d from the embedded
// files (see loadQueriesFS) and binds them to the fields of queries.
func loadQueries(d Dialect) (*queries, error) {
	sql, err := loadQueriesFS(files, d)
	if err != nil {
		return nil, err
	}
	qs, err := bind(sql)
	if err != nil {
		return nil, fmt.Errorf("%s queries: %w", d, err)
	}
	return qs, nil
}

// loadQueriesFS reads the queries written once for both dialects,
// queries/*.sql, then the dialect's overrides, queries/<dialect>/*.sql, each
// of which replaces the base query of the same name. Each query starts with
// a line "-- name: Name" and runs to the next such line. An override with no
// base query is an error: it would be a query of one dialect only.
func loadQueriesFS(fsys fs.FS, d Dialect) (querySQL, error) {
	q := querySQL{}
	if err := readQueryDir(fsys, "queries", q); err != nil {
		return nil, err
	}
	dir := "queries/" + string(d)
	over := querySQL{}
	if err := readQueryDir(fsys, dir, over); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	for _, n := range over.names() {
		if _, ok := q[n]; !ok {
			return nil, fmt.Errorf("%s: query %s overrides no query of queries/*.sql", dir, n)
		}
		q[n] = over[n]
	}
	return q, nil
}

// readQueryDir parses the .sql files directly in dir into q.
func readQueryDir(fsys fs.FS, dir string, q querySQL) error {
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return fmt.Errorf("read %s: %w", dir, err)
	}
	for _, e := range entries {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".sql") {
			continue
		}
		b, err := fs.ReadFile(fsys, dir+"/"+e.Name())
		if err != nil {
			return err
		}
		if err := parseQueries(q, dir+"/"+e.Name(), string(b)); err != nil {
			return err
		}
	}
	return nil
}
func parseQueries(q querySQL, file, text string) error {
	var name string
	var body strings.Builder
	flush := func() error {
		if name == "" {
			return nil
		}
		if _, dup := q[name]; dup {
			return fmt.Errorf("%s: query %s defined twice", file, name)
		}
		q[name] = strings.TrimSpace(body.String())
		body.Reset()
		return nil
	}
	sc := bufio.NewScanner(strings.NewReader(text))
	for line := 1; sc.Scan(); line++ {
		t := sc.Text()
		if n, ok := strings.CutPrefix(t, "-- name: "); ok {
			if err := flush(); err != nil {
				return err
			}
			name = strings.TrimSpace(n)
			continue
		}
		if name == "" || strings.HasPrefix(strings.TrimSpace(t), "--") {
			continue
		}
		body.WriteString(t + "\n")
	}
	return flush()
}

// names returns the query names, sorted.
func (q querySQL) names() []string {
	n := make([]string, 0, len(q))
	for k := range q {
		n = append(n, k)
	}
	sort.Strings(n)
	return n
}
