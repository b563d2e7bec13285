-- PostgreSQL forms of queries of ../people.sql that SQLite and PostgreSQL cannot share:
-- a JSON array of ids or keys is expanded with jsonb_array_elements_text
-- here, with json_each in SQLite (the base query).

-- name: ListPeople
-- One row per visible person with their current visible case (see CurrentCaseID).
-- $1 access, $2 country, $3 status, $4 classification, $5 facility id,
-- $6 organization id, $7 charge (article or words), $14 the charge with the LIKE
-- wildcards escaped (see likeEscape), $8/$9 cursor key and id,
-- $10 limit, $12 1 to keep only the ids of the JSON array $13, $11 sort: name, news (longest without news first) or
-- detention (longest detained first).
SELECT * FROM (
    SELECT p.id, p.slug, p.name, p.country, p.occupation, p.photo_url, p.photo_alt,
           COALESCE(c.id, 0) AS case_id, COALESCE(c.p_status, '') AS status,
           COALESCE(c.classification, '') AS classification,
           COALESCE(c.p_facility_id, 0) AS facility_id, COALESCE(f.name, '') AS facility_name,
           COALESCE(f.slug, '') AS facility_slug, COALESCE(c.p_unknown, FALSE) AS unknown,
           COALESCE(c.p_last_news, '9999-12-31') AS last_news, COALESCE(c.p_arrest, '9999-12-31') AS arrest,
           COALESCE(c.arrest_date, '') AS arrest_date,
           CASE $11 WHEN 'news' THEN COALESCE(c.p_last_news, '9999-12-31')
                    WHEN 'detention' THEN COALESCE(c.p_arrest, '9999-12-31')
                    ELSE p.sort_name END AS sort_key
    FROM people p
    LEFT JOIN cases c ON c.id = (SELECT c2.id FROM cases c2
                                 WHERE c2.person_id = p.id AND c2.visibility <= $1
                                 ORDER BY CASE WHEN c2.p_status IN ('detained', 'pre_trial', 'sentenced') THEN 0 ELSE 1 END,
                                          c2.arrest_date DESC, c2.id DESC LIMIT 1)
    LEFT JOIN facilities f ON f.id = c.p_facility_id AND f.visibility <= $1
    WHERE p.visibility <= $1
      AND ($2 = '' OR COALESCE(c.country, p.country) = $2)
      AND ($3 = '' OR c.p_status = $3)
      AND ($4 = '' OR c.classification = $4)
      AND ($5 = 0 OR c.p_facility_id = $5)
      AND ($6 = 0 OR EXISTS (SELECT 1 FROM memberships m JOIN organizations o ON o.id = m.organization_id
                             WHERE m.person_id = p.id AND m.organization_id = $6
                               AND m.visibility <= $1 AND o.visibility <= $1))
      AND ($12 = 0 OR p.id IN (SELECT jsonb_array_elements_text($13::jsonb)::bigint))
      AND ($7 = '' OR EXISTS (SELECT 1 FROM charges ch WHERE ch.case_id = c.id
                              AND (ch.article = $7 OR lower(ch.text) LIKE '%' || lower($14) || '%' ESCAPE '\')))
) AS listed
WHERE sort_key > $8 OR (sort_key = $8 AND id > $9)
ORDER BY sort_key, id
LIMIT $10;

-- name: CandidateIDs
-- People sharing blocking keys with a name, those sharing most first.
-- $1 access, $2 JSON array of keys, $3 limit.
SELECT person_id, COUNT(DISTINCT key) AS shared FROM name_keys
WHERE visibility <= $1 AND key IN (SELECT jsonb_array_elements_text($2::jsonb))
GROUP BY person_id ORDER BY shared DESC, person_id LIMIT $3;

-- name: NamesOfPeople
-- The visible names of the people of a JSON array of ids.
SELECT n.person_id, p.slug, p.name, n.name
FROM person_names n JOIN people p ON p.id = n.person_id AND p.visibility <= $1
WHERE n.visibility <= $1 AND n.person_id IN (SELECT jsonb_array_elements_text($2::jsonb)::bigint);
