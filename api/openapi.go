package api

import (
	"encoding/json"
	"fmt"
	"net/http"
	"reflect"
	"strings"
	"sync"
	"time"

	"codeberg.org/habeas/habeas"
	"codeberg.org/habeas/habeas/alerts"
	"codeberg.org/habeas/habeas/importer"
	"codeberg.org/habeas/habeas/internal/reply"
)

// op describes one documented operation. The document is built from this
// table; the routes are registered by hand in resources.go, and a test
// checks that the two agree.
type op struct {
	method, path, id, summary, tag string
	params                         []param
	body                           reflect.Type // request body, nil for none
	resp                           reflect.Type // 200/201 body, nil for 204
	page                           bool         // resp is the item type of a page
	write                          bool
}

type param struct{ name, in, kind, desc string }

func t[T any]() reflect.Type { return reflect.TypeFor[T]() }

var (
	pageParams = []param{
		{"limit", "query", "integer", "Page size, 1 to 500 (default 50)."},
		{"cursor", "query", "string", "The next_cursor of the previous page."},
	}
	idParam = param{"id", "path", "integer", "The record's id."}
	// idOrSlug names a person, organization or facility on GET.
	idOrSlug = param{"id", "path", "id-or-slug", "The record's id, or its slug as in the site's address (elvin-mustafayev). A record the reader may not see answers 404, as a missing one does."}
)

// withSlug lets an operation list's GET of one record take a slug.
func withSlug(ops []op) []op {
	for i := range ops {
		if ops[i].method == "GET" && strings.HasSuffix(ops[i].path, "/{id}") {
			ops[i].params = []param{idOrSlug}
			ops[i].summary += " by id or slug"
		}
	}
	return ops
}

func crudOps(path, tag, singular, plural string, typ reflect.Type, filters []param) []op {
	name := camel(singular)
	return []op{
		{"GET", path, "list" + camel(plural), "List " + plural, tag, append(filters, pageParams...), nil, typ, true, false},
		{"POST", path, "create" + name, "Create a " + singular, tag, nil, typ, typ, false, true},
		{"GET", path + "/{id}", "get" + name, "Get a " + singular, tag, []param{idParam}, nil, typ, false, false},
		{"PUT", path + "/{id}", "update" + name, "Replace a " + singular, tag, []param{idParam}, typ, typ, false, true},
		{"DELETE", path + "/{id}", "delete" + name, "Delete a " + singular, tag, []param{idParam}, nil, nil, false, true},
	}
}

// camel turns "some words" into "SomeWords" for operation ids.
func camel(s string) string {
	var b strings.Builder
	for _, w := range strings.Fields(s) {
		b.WriteString(strings.ToUpper(w[:1]) + w[1:])
	}
	return b.String()
}

func operations() []op {
	country := param{"country", "query", "string", "ISO 3166-1 alpha-2 code."}
	var ops []op
	people := withSlug(crudOps("/api/v1/people", "people", "person", "people", t[habeas.Person](), nil))
	people[0].resp = t[PersonSummary]()
	people[0].summary = "List people, each with their current case's public state"
	people[0].params = append([]param{country,
		{"status", "query", "string", "Case status as the public timeline derives it: " + strings.Join(habeas.Statuses, ", ") + "."},
		{"classification", "query", "string", strings.Join(habeas.Classifications, ", ") + "."},
		{"facility_id", "query", "integer", "Held at this facility now."},
		{"organization_id", "query", "integer", "Member of this organization."},
		{"charge", "query", "string", "A legal article, or words of a charge."},
		{"sort", "query", "string", "name (default), news (longest without news first) or detention (longest detained first)."},
		{"q", "query", "string", "A name in any script or spelling: people whose names score at least 0.7 against it, and people with a name whose words begin as its words do, in any script (Mustafa, Мустаф: Mustafayev); at most 200 people."},
		{"match", "query", "string", "Instead of the list: the people whose names may be this one, best first, each with its score (items are Candidate)."},
		{"min_score", "query", "number", "With match: the least score, from 0 to 1 (default 0.7; 0.85 and above means probably the same person)."},
	}, pageParams...)
	people[1].resp = t[CreatedPerson]()
	people[1].summary = "Create a person; the answer lists probable duplicates"
	ops = append(ops, people...)
	ops = append(ops,
		op{"POST", "/api/v1/people/{id}/merge", "mergePerson", "Fold a duplicate into this person", "people",
			[]param{idParam}, t[MergeRequest](), t[habeas.Merge](), false, true},
		op{"POST", "/api/v1/merges/{id}/undo", "undoMerge", "Undo a merge", "people",
			[]param{{"id", "path", "integer", "The merge's id."}}, nil, nil, false, true},
		op{"GET", "/api/v1/people/{id}/assignees", "listAssignees", "List the volunteers a person's case file is assigned to (editors and admins)", "people",
			[]param{idParam}, nil, t[Assignees](), false, false},
		op{"POST", "/api/v1/people/{id}/assignees", "assignPerson", "Give a person's case file to a volunteer, who then reads and edits it (editors and admins); giving it twice is once", "people",
			[]param{idParam}, t[AssignRequest](), t[Assignees](), false, true},
		op{"DELETE", "/api/v1/people/{id}/assignees/{user_id}", "unassignPerson", "Take a person's case file back from a volunteer (editors and admins)", "people",
			[]param{idParam, {"user_id", "path", "integer", "The volunteer's account id."}}, nil, nil, false, true},
	)
	ops = append(ops, withSlug(crudOps("/api/v1/organizations", "organizations", "organization", "organizations", t[habeas.Organization](),
		[]param{country, {"kind", "query", "string", strings.Join(habeas.OrganizationKinds, ", ") + "."}}))...)
	ops = append(ops, crudOps("/api/v1/memberships", "organizations", "membership", "memberships", t[habeas.Membership](),
		[]param{{"person_id", "query", "integer", "Memberships of this person."}, {"organization_id", "query", "integer", "Memberships in this organization."}})...)
	ops = append(ops, withSlug(crudOps("/api/v1/facilities", "facilities", "facility", "facilities", t[habeas.Facility](),
		[]param{country, {"kind", "query", "string", strings.Join(habeas.FacilityKinds, ", ") + "."}}))...)
	ops = append(ops, crudOps("/api/v1/cases", "cases", "case", "cases", t[habeas.Case](),
		[]param{{"person_id", "query", "integer", "Cases of this person."}, country,
			{"status", "query", "string", "Status as the public timeline derives it."},
			{"classification", "query", "string", strings.Join(habeas.Classifications, ", ") + "."}})...)
	ops = append(ops, crudOps("/api/v1/events", "cases", "event", "events", t[habeas.Event](),
		[]param{{"case_id", "query", "integer", "Required: the case whose events to list."}, {"kind", "query", "string", "Event kind."}})...)
	ops = append(ops,
		op{"GET", "/api/v1/cases/{id}/events", "listCaseEvents", "List a case's timeline events", "cases",
			append([]param{idParam, {"kind", "query", "string", "Event kind."}}, pageParams...), nil, t[habeas.Event](), true, false},
		op{"POST", "/api/v1/cases/{id}/events", "createCaseEvent", "Add an event to a case's timeline", "cases",
			[]param{idParam}, t[habeas.Event](), t[habeas.Event](), false, true},
		op{"GET", "/api/v1/cases/{id}/state", "getCaseState", "What a case's timeline means today", "cases",
			[]param{idParam}, nil, t[CaseState](), false, false},
	)
	ops = append(ops, withSlug(crudOps("/api/v1/posts", "news", "post", "posts", t[habeas.Post](),
		[]param{{"lang", "query", "string", strings.Join(habeas.PostLanguages, ", ") + "."}, {"tag", "query", "string", "Posts with this tag."},
			{"person_id", "query", "integer", "Posts about this person."}, {"organization_id", "query", "integer", "Posts about this organization."},
			{"originals", "query", "boolean", "true: leave translations out."},
			{"state", "query", "string", strings.Join(habeas.PostStates, ", ") + " (staff; the public sees published posts whose time has come)."}}))...)
	ops = append(ops, op{"GET", "/api/v1/stats", "getStats", "Counts of the people held, by country, status, classification, organization, charge, facility and region, detentions by month, and the estimates others published", "stats",
		[]param{{"on", "query", "string", "A day, YYYY-MM-DD: also count the detentions ongoing on it (held_on)."}}, nil, t[habeas.Stats](), false, false})
	ops = append(ops, op{"GET", "/api/v1/search", "search", "Find people by their names in any script, and cases, events and posts by their words in any spelling, each kind newest first, with snippets", "search",
		[]param{{"q", "query", "string", "Required: words (each may begin a word), \"a phrase\", a closing * for a prefix in a phrase; at most 200 characters and 8 terms."},
			{"kind", "query", "string", "person, case, event or post: only this kind."},
			{"limit", "query", "integer", "At most this many of each kind, 1 to 50 (default 10)."}}, nil, t[SearchAnswer](), false, false})
	ops = append(ops,
		op{"GET", "/api/v1/settings", "getSettings", "The site's own settings: its name, tagline, logo, about and contact pages, default country and languages", "settings",
			nil, nil, t[habeas.SiteSettings](), false, false},
		op{"PUT", "/api/v1/settings", "updateSettings", "Replace the site's settings (admins only)", "settings",
			nil, t[habeas.SiteSettings](), t[habeas.SiteSettings](), false, true})
	ops = append(ops, crudOps("/api/v1/estimates", "stats", "estimate", "estimates", t[habeas.Estimate](), []param{country})...)
	commentID := param{"id", "path", "integer", "The comment's id."}
	ops = append(ops,
		op{"GET", "/api/v1/posts/{id}/comments", "listPostComments", "List a post's comments, oldest first: the approved ones for the public, the moderation queue for staff", "comments",
			append([]param{{"id", "path", "integer", "The post's id."},
				{"status", "query", "string", strings.Join(habeas.CommentStates, ", ") + " (staff; the public reads approved comments alone, and asking for another status answers 401)."}},
				pageParams...), nil, t[habeas.Comment](), true, false},
		op{"GET", "/api/v1/comments/{id}", "getComment", "Get a comment (the public: an approved one on a post it may read)", "comments",
			[]param{commentID}, nil, t[habeas.Comment](), false, false},
		op{"PATCH", "/api/v1/comments/{id}", "moderateComment", "Set a comment's status: approved shows it under its post; pending, spam and removed keep it from the public (editors and admins)", "comments",
			[]param{commentID}, t[StatusChange](), t[habeas.Comment](), false, true},
		op{"DELETE", "/api/v1/comments/{id}", "deleteComment", "Delete a comment (editors and admins)", "comments",
			[]param{commentID}, nil, nil, false, true},
	)
	tipID := param{"id", "path", "integer", "The tip's id."}
	ops = append(ops,
		op{"GET", "/api/v1/tips", "listTips", "List the tips sent through the site's \"send us information\" form, newest first (staff with confidential access; other staff are answered 403)", "tips",
			append([]param{{"person_id", "query", "integer", "Tips about this person."},
				{"status", "query", "string", strings.Join(habeas.TipStates, ", ") + "."}}, pageParams...), nil, t[habeas.Tip](), true, false},
		op{"GET", "/api/v1/tips/{id}", "getTip", "Get a tip (staff with confidential access; to other staff it answers 404, as a missing one)", "tips",
			[]param{tipID}, nil, t[habeas.Tip](), false, false},
		op{"PATCH", "/api/v1/tips/{id}", "setTipStatus", "Mark a tip handled, archived or new again (editors and admins with confidential access)", "tips",
			[]param{tipID}, t[StatusChange](), t[habeas.Tip](), false, true},
	)
	ops = append(ops, crudOps("/api/v1/sources", "sources", "source", "sources", t[habeas.Source](),
		[]param{{"kind", "query", "string", strings.Join(habeas.SourceKinds, ", ") + "."}})...)
	ops = append(ops, crudOps("/api/v1/interventions", "cases", "intervention", "interventions", t[habeas.Intervention](),
		[]param{{"case_id", "query", "integer", "Interventions about this case."},
			{"answer_status", "query", "string", strings.Join(habeas.AnswerStatuses, ", ") + "."}})...)
	media := crudOps("/api/v1/media", "media", "media file", "media files", t[habeas.Media](), nil)
	media[1].id, media[1].summary = "uploadMedia", "Upload an evidence file (multipart/form-data): answers its id and SHA-256"
	media[1].body = nil
	media[3].summary = "Change a file's alt text, caption and visibility (its bytes never change)"
	ops = append(ops, media...)
	ops = append(ops, op{"GET", "/api/v1/media/{id}/{variant}", "getMediaVariant", "Get the bytes of one variant of a file", "media",
		[]param{idParam, {"variant", "path", "string", "original (staff only, as an attachment), working, large or small (images only: re-encoded without metadata)."}},
		nil, nil, false, false})
	ops = append(ops, op{"POST", "/api/v1/imports", "importList", "Preview, then import, a list of people in the flat CSV layout", "import",
		[]param{{"dry_run", "query", "string", "true: check everything, change nothing, and answer what the import would do, with a confirm token."},
			{"confirm", "query", "string", "The confirm token of the preview of the same list: import it, in one transaction, if it still does exactly what the preview said (else 409, nothing imported)."},
			{"encoding", "query", "string", strings.Join(importer.Encodings, ", ") + " (default auto: UTF-8 with or without BOM, UTF-16 by its BOM, else Windows-1251)."}},
		nil, t[ImportReport](), false, true})
	alertID := param{"id", "path", "integer", "The alert's id."}
	ops = append(ops,
		op{"GET", "/api/v1/alerts", "listAlerts", "List the silence clock's alerts, newest first (staff only)", "alerts",
			append([]param{{"state", "query", "string", "open, acknowledged, resolved or all (default: every state but resolved)."},
				{"severity", "query", "string", "At least this severity: " + strings.Join(habeas.AlertSeverities, ", ") + "."},
				{"rule", "query", "string", strings.Join(alerts.Rules, ", ") + "."}, country,
				{"organization_id", "query", "integer", "Alerts on members of this organization."},
				{"case_id", "query", "integer", "Alerts on this case."}}, pageParams...), nil, t[habeas.Alert](), true, false},
		op{"GET", "/api/v1/alerts/public", "listPublicAlerts", "The alerts staff published, as the public timeline shows them, most severe first", "alerts",
			[]param{{"person_id", "query", "integer", "Alerts on this person."}}, nil, t[PublicAlerts](), false, false},
		op{"GET", "/api/v1/alerts/{id}", "getAlert", "Get an alert with its history (staff only)", "alerts", []param{alertID}, nil, t[habeas.Alert](), false, false},
		op{"POST", "/api/v1/alerts/{id}/acknowledge", "acknowledgeAlert", "Acknowledge an open alert, with a note", "alerts",
			[]param{alertID}, t[AlertChangeRequest](), t[habeas.Alert](), false, true},
		op{"POST", "/api/v1/alerts/{id}/resolve", "resolveAlert", "Resolve an alert by hand, with a reason (the rules open a new one if the condition still holds)", "alerts",
			[]param{alertID}, t[AlertChangeRequest](), t[habeas.Alert](), false, true},
		op{"POST", "/api/v1/alerts/{id}/publish", "publishAlert", "Show an alert on the public site (public: true) or stop (false); only an alert the public timeline supports", "alerts",
			[]param{alertID}, t[AlertChangeRequest](), t[habeas.Alert](), false, true},
		op{"GET", "/api/v1/cases/{id}/alert-thresholds", "getCaseAlertThresholds", "A case's own alert thresholds over the instance's (staff only)", "alerts",
			[]param{idParam}, nil, t[alerts.Thresholds](), false, false},
		op{"PUT", "/api/v1/cases/{id}/alert-thresholds", "setCaseAlertThresholds", "Replace a case's own alert thresholds ({} removes them) and run the rules on it", "alerts",
			[]param{idParam}, t[alerts.Thresholds](), t[alerts.Thresholds](), false, true},
		op{"GET", "/api/v1/alert-thresholds", "getAlertThresholds", "The instance's alert thresholds over the built-in defaults (staff only; {}: the defaults)", "alerts",
			nil, nil, t[alerts.Thresholds](), false, false},
		op{"PUT", "/api/v1/alert-thresholds", "setAlertThresholds", "Replace the instance's alert thresholds ({} returns to the defaults; admins only); the next sweep runs the rules on every case", "alerts",
			nil, t[alerts.Thresholds](), t[alerts.Thresholds](), false, true},
	)
	hookID := param{"id", "path", "integer", "The webhook's id."}
	ops = append(ops,
		op{"GET", "/api/v1/webhooks", "listWebhooks", "List the webhooks told of alert changes (admins only; secrets never shown)", "alerts",
			nil, nil, t[Webhooks](), false, false},
		op{"POST", "/api/v1/webhooks", "createWebhook", "Add a webhook; without a secret one is made, and this answer is the only one that shows it", "alerts",
			nil, t[habeas.Webhook](), t[habeas.Webhook](), false, true},
		op{"GET", "/api/v1/webhooks/{id}", "getWebhook", "Get a webhook", "alerts", []param{hookID}, nil, t[habeas.Webhook](), false, false},
		op{"PUT", "/api/v1/webhooks/{id}", "updateWebhook", "Replace a webhook (an empty secret keeps it)", "alerts",
			[]param{hookID}, t[habeas.Webhook](), t[habeas.Webhook](), false, true},
		op{"DELETE", "/api/v1/webhooks/{id}", "deleteWebhook", "Delete a webhook and its delivery log", "alerts",
			[]param{hookID}, nil, nil, false, true},
		op{"GET", "/api/v1/webhooks/{id}/deliveries", "listWebhookDeliveries", "A webhook's delivery log, newest first", "alerts",
			append([]param{hookID}, pageParams...), nil, t[habeas.Delivery](), true, false},
	)
	ops = append(ops, op{"GET", "/api/v1/audit", "listAudit", "The audit log, newest first: every change, login, export and key rotation, chained by hash (admins only; entries above the admin's access come withheld)", "audit",
		append([]param{{"actor", "query", "string", "The actor's e-mail address, or operator, visitor, anonymous."},
			{"action", "query", "string", "create, update, delete, merge, undo_merge, import, login, login_failed, export, role_change, key_rotation."},
			{"kind", "query", "string", "The kind of record: person, case, event, …"},
			{"record_id", "query", "integer", "With kind: entries of this record."},
			{"since", "query", "string", "At or after this time (RFC 3339) or day (YYYY-MM-DD, from its start in UTC)."},
			{"until", "query", "string", "Before this time or day."}}, pageParams...), nil, t[habeas.AuditEntry](), true, false})
	for _, hk := range historyKinds {
		for _, o := range ops {
			if o.method == "GET" && o.path == "/api/v1/"+hk.collection+"/{id}" {
				ops = append(ops, op{"GET", o.path + "/history", "get" + camel(hk.kind) + "History",
					"The " + hk.kind + "'s history from the audit log, oldest first: who changed it, when, and what it was before and after (staff; entries above the reader's access come withheld, and a record none of whose entries the reader may read answers 404)",
					"audit", []param{idParam}, nil, t[History](), false, false})
				break
			}
		}
	}
	ops = append(ops, op{"GET", "/api/openapi.json", "getOpenAPI", "This document", "meta", nil, nil, nil, false, false})
	return ops
}

// enums lists the allowed values of string fields, by "Type.json_name".
var enums = map[string][]string{
	"PersonName.kind":               {"primary", "alias", "transliteration"},
	"Person.gender":                 habeas.Genders,
	"Person.bio_lang":               habeas.PostLanguages,
	"Organization.description_lang": habeas.PostLanguages,
	"Facility.description_lang":     habeas.PostLanguages,
	"Organization.kind":             habeas.OrganizationKinds,
	"Facility.kind":                 habeas.FacilityKinds,
	"Case.status":                   habeas.Statuses,
	"Case.classification":           habeas.Classifications,
	"Case.position":                 habeas.Positions,
	"Event.kind":                    habeas.EventKinds,
	"Source.kind":                   habeas.SourceKinds,
	"Source.reliability":            habeas.Reliabilities,
	"Intervention.kind":             habeas.InterventionKinds,
	"Intervention.answer_status":    habeas.AnswerStatuses,
	"Alert.state":                   habeas.AlertStates,
	"Alert.severity":                habeas.AlertSeverities,
	"Alert.public_severity":         habeas.AlertSeverities,
	"Alert.rule":                    alerts.Rules,
	"PublicAlert.severity":          habeas.AlertSeverities,
	"PublicAlert.rule":              alerts.Rules,
	"Webhook.min_severity":          habeas.AlertSeverities,
	"Delivery.state":                {"pending", "sent", "gave_up"},
	"Post.lang":                     habeas.PostLanguages,
	"Post.state":                    habeas.PostStates,
	"Estimate.qualifier":            habeas.EstimateQualifiers,
	"SearchHit.kind":                {habeas.HitPerson, habeas.HitCase, habeas.HitEvent, habeas.HitPost},
	"Estimate.of":                   {"political_prisoner", "prisoner_of_conscience", "at_risk"},
	"Comment.status":                habeas.CommentStates,
	"Tip.status":                    habeas.TipStates,
	"StatusChange.status":           append(append([]string{}, habeas.CommentStates...), habeas.TipStates...),
}

// dateFields hold EDTF dates.
var dateFields = map[string]bool{"arrest_date": true, "sentence_date": true, "expected_release": true,
	"classified_on": true, "date": true, "founded": true, "since": true, "until": true, "published_on": true,
	"sent_on": true, "due_on": true, "answered_on": true, "last_news": true, "unknown_since": true,
	"hunger_strike_since": true, "detained_since": true, "as_of": true}

// nullable describes the fields that are null when not known, by
// "Type.json_name" (the API's types: counters.go).
var nullable = map[string]string{
	"PersonSummary.days_without_news": "Whole days since the last news (or the arrest); null when not known or not detained.",
	"PersonSummary.days_detained":     "Whole days in detention; null when not known or not detained.",
	"CaseState.days_without_news":     "Whole days since the last news, or the arrest when later; null when there is neither, or the person is free.",
	"CaseState.days_detained":         "Whole days from the arrest to today or to the release; null without an arrest date, or when free without an end event.",
	"CaseState.hunger_strike_days":    "Whole days since the ongoing hunger strike began, 0 on its first day; null when none is ongoing.",
	"CaseState.days_to_release":       "Whole days to the expected release, 0 when due or overdue; null when not known or not detained.",
}

var readOnly = map[string]bool{"id": true, "created_at": true, "updated_at": true, "withheld_sources": true}

type doc = map[string]any

// schemas builds JSON Schemas of Go types into components.
type schemas map[string]doc

func (sc schemas) ref(t reflect.Type) doc {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch {
	case t == reflect.TypeFor[time.Time]():
		return doc{"type": "string", "format": "date-time"}
	case t == reflect.TypeFor[habeas.Visibility]():
		return doc{"type": "string", "enum": []string{"public", "internal", "confidential"}}
	case t == reflect.TypeFor[json.RawMessage]():
		return doc{"description": "Any JSON value: a record as it was stored."}
	case t == reflect.TypeFor[habeas.Translations]():
		return doc{"type": "object", "propertyNames": doc{"enum": habeas.PostLanguages}, "additionalProperties": doc{"type": "string"},
			"description": "The text in other languages than the one it is written in (its *_lang, else the site's main language), " +
				"by language: {\"ru\": \"…\"}. A page in a language without one shows the text as written, marked \"not yet translated\"."}
	}
	switch t.Kind() {
	case reflect.String:
		return doc{"type": "string"}
	case reflect.Bool:
		return doc{"type": "boolean"}
	case reflect.Int, reflect.Int64:
		return doc{"type": "integer"}
	case reflect.Float64:
		return doc{"type": "number"}
	case reflect.Slice:
		return doc{"type": "array", "items": sc.ref(t.Elem())}
	case reflect.Map:
		return doc{"type": "object", "additionalProperties": sc.ref(t.Elem())}
	case reflect.Struct:
		if _, ok := sc[t.Name()]; !ok {
			sc[t.Name()] = doc{} // placeholder against recursion
			sc[t.Name()] = sc.object(t)
		}
		return doc{"$ref": "#/components/schemas/" + t.Name()}
	}
	return doc{}
}

func (sc schemas) object(t reflect.Type) doc {
	props := doc{}
	sc.fields(t, t.Name(), props)
	if _, ok := props["visibility"]; ok {
		// Required in bodies at every level (a person's names too), never null.
		return doc{"type": "object", "properties": props, "required": []string{"visibility"}}
	}
	return doc{"type": "object", "properties": props}
}

func (sc schemas) fields(t reflect.Type, typeName string, props doc) {
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		name, opts, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == "-" {
			continue
		}
		if f.Anonymous && name == "" {
			ft := f.Type
			if ft.Kind() == reflect.Pointer {
				ft = ft.Elem()
			}
			sc.fields(ft, ft.Name(), props)
			continue
		}
		if name == "" {
			name = f.Name
		}
		s := sc.ref(f.Type)
		if note, ok := nullable[typeName+"."+name]; ok && f.Type.Kind() == reflect.Pointer && !strings.Contains(opts, "omitempty") {
			s = doc{"type": []string{s["type"].(string), "null"}, "description": note}
		}
		if e, ok := enums[typeName+"."+name]; ok {
			s = doc{"type": "string", "enum": e}
		}
		if dateFields[name] && f.Type.Kind() == reflect.String {
			s = doc{"type": "string", "description": "An EDTF date: 2023-08, 2024-01-31, 2025-05-06~ (approximate), 2023? (uncertain), 2023-08-XX, 2023-21 (spring 2023), 2025-05-14T09:30+04:00 (a time of day), 2025-05-06/2025-05-14 (some day in an interval), 2025-05/.. (open end), /2025 (unknown start)."}
		}
		if readOnly[name] {
			s = doc{"allOf": []any{s}, "readOnly": true}
		}
		props[name] = s
	}
}

var (
	docOnce sync.Once
	docJSON doc
)

// Document returns the OpenAPI 3.1 document of the API.
func Document() doc {
	docOnce.Do(func() { docJSON = buildDocument() })
	return docJSON
}

func buildDocument() doc {
	sc := schemas{}
	sc["Error"] = doc{"type": "object", "required": []string{"error"}, "properties": doc{
		"error": doc{"type": "object", "required": []string{"code", "message"}, "properties": doc{
			"code":    doc{"type": "string", "description": "Stable: invalid, bad_request, not_found, conflict, unauthorized, forbidden, too_large, unsupported_media_type, method_not_allowed, internal."},
			"message": doc{"type": "string"},
			"fields":  doc{"type": "object", "additionalProperties": doc{"type": "string"}, "description": "The reason for each bad field or parameter."},
		}}}}
	errResp := func(desc string) doc {
		return doc{"description": desc, "content": doc{"application/json": doc{"schema": doc{"$ref": "#/components/schemas/Error"}}}}
	}
	paths := doc{}
	for _, o := range operations() {
		item, _ := paths[o.path].(doc)
		if item == nil {
			item = doc{}
			paths[o.path] = item
		}
		var params []any
		for _, p := range o.params {
			schema := doc{"type": p.kind}
			if p.kind == "id-or-slug" {
				schema = doc{"oneOf": []any{doc{"type": "integer", "minimum": 1}, doc{"type": "string", "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$"}}}
			}
			params = append(params, doc{"name": p.name, "in": p.in, "required": p.in == "path", "description": p.desc,
				"schema": schema})
		}
		resps := doc{
			"400": errResp("Malformed request: bad parameter, body or cursor."),
			"401": errResp("Missing or invalid token."),
		}
		okBody := doc{"description": "OK"}
		switch {
		case o.path == "/api/openapi.json":
			okBody["content"] = doc{"application/json": doc{"schema": doc{"type": "object"}}}
		case o.page:
			items := sc.ref(o.resp)
			if o.id == "listPeople" {
				items = doc{"anyOf": []any{items, sc.ref(t[habeas.Candidate]())}}
			}
			okBody["content"] = doc{"application/json": doc{"schema": doc{"type": "object", "required": []string{"items"}, "properties": doc{
				"items":       doc{"type": "array", "items": items},
				"next_cursor": doc{"type": "string", "description": "Absent on the last page."},
			}}}}
		case o.resp != nil:
			okBody["content"] = doc{"application/json": doc{"schema": sc.ref(o.resp)}}
		}
		switch {
		case o.resp == nil && o.method == "DELETE":
			resps["204"] = doc{"description": "Deleted."}
		case o.resp == nil:
			resps["204"] = doc{"description": "Done."}
		case o.id == "assignPerson":
			resps["201"] = okBody
			resps["200"] = doc{"description": "Already assigned: nothing changed.", "content": okBody["content"]}
		case o.method == "POST" && o.id != "mergePerson" && !strings.HasSuffix(o.id, "Alert"):
			resps["201"] = okBody
		default:
			resps["200"] = okBody
		}
		if len(o.params) > 0 && o.params[0].in == "path" {
			resps["404"] = errResp("No such record, or not visible to the reader.")
		}
		operation := doc{"operationId": o.id, "summary": o.summary, "tags": []string{o.tag}, "responses": resps,
			"security": []any{doc{}, doc{"bearerAuth": []string{}}}}
		if params != nil {
			operation["parameters"] = params
		}
		if o.write {
			operation["security"] = []any{doc{"bearerAuth": []string{}}}
			resps["403"] = errResp("The token's role may not write, or the write would leave data above what the writer may read.")
			resps["409"] = errResp("Conflicts with existing data (a taken slug, records that refer to this one, or records the writer may not see that a delete or merge would take along).")
		}
		if o.id == "listAssignees" {
			resps["403"] = errResp("The token's role may not assign case files.")
		}
		if o.body != nil {
			operation["requestBody"] = doc{"required": true, "content": doc{"application/json": doc{"schema": sc.ref(o.body)}}}
			resps["413"] = errResp("Body over 1 MiB.")
			resps["422"] = errResp("A field breaks a rule, or names a record that does not exist or that the writer may not see (in the same words); fields names each.")
		}
		if o.id == "uploadMedia" {
			operation["description"] = "Parts: file (the file: JPEG, PNG, WebP or PDF, read from its bytes, at most 20 MB), visibility (required: " +
				"public, internal or confidential; a PDF is never public), alt and caption. The original is kept byte for byte; an image also " +
				"gets working, large and small copies without any metadata. See docs/media.md."
			operation["requestBody"] = doc{"required": true, "content": doc{"multipart/form-data": doc{"schema": doc{
				"type": "object", "required": []string{"file", "visibility"}, "properties": doc{
					"file":       doc{"type": "string", "contentMediaType": "application/octet-stream"},
					"visibility": doc{"type": "string", "enum": []string{"public", "internal", "confidential"}},
					"alt":        doc{"type": "string"},
					"caption":    doc{"type": "string"},
				}}}}}
			resps["413"] = errResp("The file is over 20 MB.")
			resps["415"] = errResp("The body is not multipart/form-data.")
			resps["422"] = errResp("The file is not a whole JPEG, PNG, WebP or PDF, or declares too many pixels; or a field breaks a rule. fields names each.")
		}
		if o.id == "getMediaVariant" {
			delete(resps, "204")
			bin := doc{"schema": doc{"type": "string", "contentMediaType": "application/octet-stream"}}
			resps["200"] = doc{"description": "The bytes, with their content type.", "content": doc{
				"image/jpeg": bin, "image/png": bin, "image/webp": bin, "application/pdf": bin}}
		}
		if o.id == "importList" {
			operation["description"] = "The body is the list itself (text/csv), as docs/import.md describes the flat layout: a header row, " +
				"then one row per person; every row is checked as a single write is. First send it with dry_run=true: the answer (200) says what " +
				"would be created, left unchanged or suspected as a duplicate, and carries a confirm token; nothing is kept on the server. " +
				"Then send the same list with confirm=TOKEN: 201 when imported."
			operation["requestBody"] = doc{"required": true, "content": doc{"text/csv": doc{"schema": doc{"type": "string"}}}}
			resps["200"] = okBody
			resps["413"] = errResp("The list is over 32 MB.")
			resps["415"] = errResp("The body is not text/csv.")
			resps["409"] = errResp("The import would not do what its preview said (the list or the data changed since): nothing was imported.")
			resps["422"] = doc{"description": "Rows that break a rule, each as file:line: column: reason; nothing was imported.",
				"content": doc{"application/json": doc{"schema": sc.ref(t[ImportProblems]())}}}
		}
		item[strings.ToLower(o.method)] = operation
	}
	return doc{
		"openapi": "3.1.0",
		"info": doc{"title": "habeas API", "version": "1",
			"license": doc{"name": "GNU Affero General Public License v3.0 or later", "identifier": "AGPL-3.0-or-later"},
			"description": "The case files of people detained for political reasons. Anonymous reads return public data only; " +
				"writes and internal reads need `Authorization: Bearer <token>` (create one with `habeas user add`). " +
				"What a token may write is its role's (viewer, volunteer, researcher, editor, admin: see the workspace documentation): " +
				"a researcher or volunteer writes no public data (403); a volunteer's token lists, reads and writes only the people assigned to them, " +
				"others answering as missing ones. " +
				"Request bodies must carry `visibility` (never null), on the record and on each name of a person, so that nothing becomes public by omission; " +
				"unknown fields are refused at every depth, and so are strings holding a lone UTF-16 surrogate escape. PUT replaces a record whole. " +
				"Unknown query parameters, and query pairs that do not parse (a `;` or a stray `%`), are refused with 400 naming the parameter."},
		"servers": []any{doc{"url": "http://127.0.0.1:8080", "description": "A local habeas serve"}},
		"tags": []any{
			doc{"name": "people", "description": "Detained people."},
			doc{"name": "organizations", "description": "Organizations and memberships."},
			doc{"name": "facilities", "description": "Places of detention."},
			doc{"name": "cases", "description": "Detentions, their timelines and interventions."},
			doc{"name": "sources", "description": "Where facts come from."},
			doc{"name": "media", "description": "Evidence files: originals kept byte for byte with their SHA-256, images' copies without metadata."},
			doc{"name": "import", "description": "Lists brought in from elsewhere."},
			doc{"name": "news", "description": "News posts: drafts, scheduled and published, with translations."},
			doc{"name": "settings", "description": "The group's own site: its name and pages."},
			doc{"name": "search", "description": "Search across names, timelines, charges and news."},
			doc{"name": "stats", "description": "Statistics counted from the public timelines, and estimates others published, with their sources and counter-statements."},
			doc{"name": "comments", "description": "Readers' comments on posts: sent through the site's form, pending until an editor approves them."},
			doc{"name": "tips", "description": "What visitors send about a person through the site's form: confidential, sealed at rest."},
			doc{"name": "alerts", "description": "The silence clock: days without news, hunger strikes, unanswered inquiries."},
			doc{"name": "audit", "description": "The audit log: who changed what, when, before and after, in a hash chain that habeas verify checks."},
			doc{"name": "meta", "description": "About the API."},
		},
		"paths": paths,
		"components": doc{
			"schemas":         sc,
			"securitySchemes": doc{"bearerAuth": doc{"type": "http", "scheme": "bearer"}},
		},
	}
}

var (
	docBytesOnce sync.Once
	docBytes     []byte
	docErr       error
)

// openAPI answers the document, encoded once; package reply compresses it
// (66 KB of JSON is about 7 KB gzipped) and answers 304 to a reader who
// holds it.
func (s *Server) openAPI(w http.ResponseWriter, r *http.Request) {
	docBytesOnce.Do(func() { docBytes, docErr = json.Marshal(Document()) })
	if docErr != nil {
		s.error(w, r, fmt.Errorf("encode the OpenAPI document: %w", docErr))
		return
	}
	w.Header().Set("Cache-Control", "public, max-age=3600")
	reply.Write(w, r, http.StatusOK, "application/json; charset=utf-8", docBytes)
}
