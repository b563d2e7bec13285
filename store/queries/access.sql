-- Queries of the guarded write path (store/access.go): what a writer may
-- not see that a write would touch. $N placeholders work on both dialects.

-- name: HiddenDependantsOfPerson
-- $1 person id, $2 the writer's access: how many records that deleting or
-- folding away the person would take along are above that access.
SELECT (SELECT COUNT(*) FROM person_names WHERE person_id = $1 AND visibility > $2)
     + (SELECT COUNT(*) FROM cases WHERE person_id = $1 AND visibility > $2)
     + (SELECT COUNT(*) FROM memberships m JOIN organizations o ON o.id = m.organization_id
        WHERE m.person_id = $1 AND (m.visibility > $2 OR o.visibility > $2))
     + (SELECT COUNT(*) FROM events e JOIN cases c ON c.id = e.case_id
        WHERE c.person_id = $1 AND e.visibility > $2)
     + (SELECT COUNT(*) FROM interventions i JOIN cases c ON c.id = i.case_id
        WHERE c.person_id = $1 AND i.visibility > $2)
     + (SELECT COUNT(*) FROM slug_redirects WHERE person_id = $1 AND visibility > $2);

-- name: HiddenDependantsOfCase
SELECT (SELECT COUNT(*) FROM events WHERE case_id = $1 AND visibility > $2)
     + (SELECT COUNT(*) FROM interventions WHERE case_id = $1 AND visibility > $2);

-- name: HiddenDependantsOfOrganization
SELECT COUNT(*) FROM memberships m JOIN people p ON p.id = m.person_id
WHERE m.organization_id = $1 AND (m.visibility > $2 OR p.visibility > $2);

-- name: HiddenCitationsOfEvent
-- Sources an event cites that the writer ($2 access) may not see: an
-- update keeps them.
SELECT es.source_id FROM event_sources es JOIN sources s ON s.id = es.source_id
WHERE es.event_id = $1 AND s.visibility > $2 ORDER BY es.position;

-- name: HiddenCitationsOfIntervention
SELECT x.source_id FROM intervention_sources x JOIN sources s ON s.id = x.source_id
WHERE x.intervention_id = $1 AND s.visibility > $2 ORDER BY x.position;

-- name: SourceIdentitySealed
SELECT identity_sealed FROM sources WHERE id = $1;

-- name: CaseArrest
-- The arrest date of a case, and its events' kinds and dates, for the date rules.
SELECT arrest_date FROM cases WHERE id = $1;

-- name: CaseEventDates
SELECT kind, date FROM events WHERE case_id = $1 ORDER BY date_min, id;

-- name: CapCasesOfPerson
-- A child is never less restricted than its parent: raise to $2.
UPDATE cases SET visibility = $2 WHERE person_id = $1 AND visibility < $2;

-- name: CapMembershipsOfPerson
UPDATE memberships SET visibility = $2 WHERE person_id = $1 AND visibility < $2;

-- name: CapMembershipsOfOrganization
UPDATE memberships SET visibility = $2 WHERE organization_id = $1 AND visibility < $2;

-- name: CapEventsOfCase
UPDATE events SET visibility = $2 WHERE case_id = $1 AND visibility < $2;

-- name: CapInterventionsOfCase
UPDATE interventions SET visibility = $2 WHERE case_id = $1 AND visibility < $2;

-- name: CaseVisibility
-- The visibility a child of the case must at least have: the stricter of
-- the case's and its person's.
SELECT CASE WHEN c.visibility > p.visibility THEN c.visibility ELSE p.visibility END
FROM cases c JOIN people p ON p.id = c.person_id WHERE c.id = $1;

-- name: PersonVisibility
SELECT visibility FROM people WHERE id = $1;

-- name: OrganizationVisibility
SELECT visibility FROM organizations WHERE id = $1;

-- name: MoveCaseTo
-- $1 case, $2 person, $3 visibility.
UPDATE cases SET person_id = $2, visibility = $3 WHERE id = $1;

-- name: MoveMembershipTo
UPDATE memberships SET person_id = $2, visibility = $3 WHERE id = $1;

-- name: CaseVisibilitiesOfPerson
SELECT id, visibility FROM cases WHERE person_id = $1 ORDER BY id;

-- name: MembershipVisibilitiesOfPerson
SELECT id, visibility FROM memberships WHERE person_id = $1 ORDER BY id;

-- name: SlugRedirectAt
-- Where the old address of a merged person leads, for a reader ($1 access)
-- who may see both the old record and the person it leads to.
SELECT p.slug FROM slug_redirects r JOIN people p ON p.id = r.person_id AND p.visibility <= $1
WHERE r.slug = $2 AND r.visibility <= $1;

-- name: InsertSlugRedirectAt
INSERT INTO slug_redirects (slug, person_id, visibility) VALUES ($1, $2, $3);

-- name: InsertMergeAt
INSERT INTO person_merges (survivor_id, duplicate_id, record, merged_at, needs) VALUES ($1, $2, $3, $4, $5)
RETURNING id;

-- name: GetMergeAt
SELECT id, record, merged_at, undone_at, needs FROM person_merges WHERE id = $1;

-- name: VisibleSourceIDsAt
-- The sources of a JSON array of ids that a writer ($1 access) may see.
SELECT id FROM sources WHERE visibility <= $1 AND id IN (SELECT value FROM json_each($2));

-- Re-sealing: a record raised to confidential with its parent has its
-- text sealed in the same transaction (store/seal_text.go).

-- name: ConfidentialEventsOfCase
SELECT id, summary, quote, speaker FROM events WHERE case_id = $1 AND visibility = 2;

-- name: SetEventText
UPDATE events SET summary = $2, quote = $3, speaker = $4 WHERE id = $1;

-- name: ConfidentialInterventionsOfCase
SELECT id, sender, recipient, summary FROM interventions WHERE case_id = $1 AND visibility = 2;

-- name: SetInterventionText
UPDATE interventions SET sender = $2, recipient = $3, summary = $4 WHERE id = $1;

-- name: ConfidentialCaseText
SELECT id, court, classified_by, position_note, summary, internal_notes FROM cases WHERE id = $1 AND visibility = 2;

-- name: SetCaseText
UPDATE cases SET court = $2, classified_by = $3, position_note = $4, summary = $5, internal_notes = $6 WHERE id = $1;

-- name: ConfidentialChargesOfCase
SELECT ch.case_id, ch.position, ch.article, ch.text
FROM charges ch JOIN cases c ON c.id = ch.case_id AND c.visibility = 2
WHERE ch.case_id = $1;

-- name: SetChargeText
UPDATE charges SET article = $3, text = $4 WHERE case_id = $1 AND position = $2;

-- name: ConfidentialMembershipsOfPerson
SELECT id, role FROM memberships WHERE person_id = $1 AND visibility = 2;

-- name: ConfidentialMembershipsOfOrganization
SELECT id, role FROM memberships WHERE organization_id = $1 AND visibility = 2;

-- name: SetMembershipRole
UPDATE memberships SET role = $2 WHERE id = $1;
