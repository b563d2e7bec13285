-- PostgreSQL forms of queries of ../people.sql that SQLite and PostgreSQL cannot share:
-- a JSON array of ids or keys is expanded with jsonb_array_elements_text
-- here, with json_each in SQLite (the base query).

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
