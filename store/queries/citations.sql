-- The sources of a record's own facts (see migration 0010). For each kind of
-- record: insert one, delete a record's, those an update keeps (hidden from the
-- writer, $2 access), and the citations of the records of a JSON array of ids
-- with whether the reader ($1 access) may see each source.

-- name: InsertPersonSource
INSERT INTO person_sources (person_id, source_id, position) VALUES ($1, $2, $3);

-- name: DeletePersonSources
DELETE FROM person_sources WHERE person_id = $1;

-- name: HiddenCitationsOfPerson
SELECT x.source_id FROM person_sources x JOIN sources s ON s.id = x.source_id
WHERE x.person_id = $1 AND s.visibility > $2 ORDER BY x.position;

-- name: PersonCitations
SELECT x.person_id, x.source_id, CASE WHEN s.visibility <= $1 THEN 1 ELSE 0 END
FROM person_sources x JOIN sources s ON s.id = x.source_id
WHERE x.person_id IN (SELECT value FROM json_each($2))
ORDER BY x.person_id, x.position;

-- name: InsertCaseSource
INSERT INTO case_sources (case_id, source_id, position) VALUES ($1, $2, $3);

-- name: DeleteCaseSources
DELETE FROM case_sources WHERE case_id = $1;

-- name: HiddenCitationsOfCase
SELECT x.source_id FROM case_sources x JOIN sources s ON s.id = x.source_id
WHERE x.case_id = $1 AND s.visibility > $2 ORDER BY x.position;

-- name: CaseCitations
SELECT x.case_id, x.source_id, CASE WHEN s.visibility <= $1 THEN 1 ELSE 0 END
FROM case_sources x JOIN sources s ON s.id = x.source_id
WHERE x.case_id IN (SELECT value FROM json_each($2))
ORDER BY x.case_id, x.position;

-- name: InsertMembershipSource
INSERT INTO membership_sources (membership_id, source_id, position) VALUES ($1, $2, $3);

-- name: DeleteMembershipSources
DELETE FROM membership_sources WHERE membership_id = $1;

-- name: HiddenCitationsOfMembership
SELECT x.source_id FROM membership_sources x JOIN sources s ON s.id = x.source_id
WHERE x.membership_id = $1 AND s.visibility > $2 ORDER BY x.position;

-- name: MembershipCitations
SELECT x.membership_id, x.source_id, CASE WHEN s.visibility <= $1 THEN 1 ELSE 0 END
FROM membership_sources x JOIN sources s ON s.id = x.source_id
WHERE x.membership_id IN (SELECT value FROM json_each($2))
ORDER BY x.membership_id, x.position;

-- name: InsertOrganizationSource
INSERT INTO organization_sources (organization_id, source_id, position) VALUES ($1, $2, $3);

-- name: DeleteOrganizationSources
DELETE FROM organization_sources WHERE organization_id = $1;

-- name: HiddenCitationsOfOrganization
SELECT x.source_id FROM organization_sources x JOIN sources s ON s.id = x.source_id
WHERE x.organization_id = $1 AND s.visibility > $2 ORDER BY x.position;

-- name: OrganizationCitations
SELECT x.organization_id, x.source_id, CASE WHEN s.visibility <= $1 THEN 1 ELSE 0 END
FROM organization_sources x JOIN sources s ON s.id = x.source_id
WHERE x.organization_id IN (SELECT value FROM json_each($2))
ORDER BY x.organization_id, x.position;

-- name: InsertFacilitySource
INSERT INTO facility_sources (facility_id, source_id, position) VALUES ($1, $2, $3);

-- name: DeleteFacilitySources
DELETE FROM facility_sources WHERE facility_id = $1;

-- name: HiddenCitationsOfFacility
SELECT x.source_id FROM facility_sources x JOIN sources s ON s.id = x.source_id
WHERE x.facility_id = $1 AND s.visibility > $2 ORDER BY x.position;

-- name: FacilityCitations
SELECT x.facility_id, x.source_id, CASE WHEN s.visibility <= $1 THEN 1 ELSE 0 END
FROM facility_sources x JOIN sources s ON s.id = x.source_id
WHERE x.facility_id IN (SELECT value FROM json_each($2))
ORDER BY x.facility_id, x.position;
