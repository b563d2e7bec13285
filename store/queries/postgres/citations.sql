-- PostgreSQL expands a JSON array of ids with jsonb_array_elements_text.

-- name: PersonCitations
SELECT x.person_id, x.source_id, CASE WHEN s.visibility <= $1 THEN 1 ELSE 0 END
FROM person_sources x JOIN sources s ON s.id = x.source_id
WHERE x.person_id IN (SELECT jsonb_array_elements_text($2::jsonb)::bigint)
ORDER BY x.person_id, x.position;

-- name: CaseCitations
SELECT x.case_id, x.source_id, CASE WHEN s.visibility <= $1 THEN 1 ELSE 0 END
FROM case_sources x JOIN sources s ON s.id = x.source_id
WHERE x.case_id IN (SELECT jsonb_array_elements_text($2::jsonb)::bigint)
ORDER BY x.case_id, x.position;

-- name: MembershipCitations
SELECT x.membership_id, x.source_id, CASE WHEN s.visibility <= $1 THEN 1 ELSE 0 END
FROM membership_sources x JOIN sources s ON s.id = x.source_id
WHERE x.membership_id IN (SELECT jsonb_array_elements_text($2::jsonb)::bigint)
ORDER BY x.membership_id, x.position;

-- name: OrganizationCitations
SELECT x.organization_id, x.source_id, CASE WHEN s.visibility <= $1 THEN 1 ELSE 0 END
FROM organization_sources x JOIN sources s ON s.id = x.source_id
WHERE x.organization_id IN (SELECT jsonb_array_elements_text($2::jsonb)::bigint)
ORDER BY x.organization_id, x.position;

-- name: FacilityCitations
SELECT x.facility_id, x.source_id, CASE WHEN s.visibility <= $1 THEN 1 ELSE 0 END
FROM facility_sources x JOIN sources s ON s.id = x.source_id
WHERE x.facility_id IN (SELECT jsonb_array_elements_text($2::jsonb)::bigint)
ORDER BY x.facility_id, x.position;
