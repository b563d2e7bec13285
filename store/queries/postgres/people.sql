-- PostgreSQL forms of queries of ../people.sql that SQLite and PostgreSQL cannot share:
-- a JSON array of ids or keys is expanded with jsonb_array_elements_text
-- here, with json_each in SQLite (the base query).

-- name: CandidateNames
-- The visible names of the people sharing most blocking keys with a name,
-- at most $3 people, in one statement: $1 access, $2 JSON array of keys.
WITH c AS (
    SELECT person_id, COUNT(DISTINCT key) AS shared FROM name_keys
    WHERE visibility <= $1 AND key IN (SELECT jsonb_array_elements_text($2::jsonb))
    GROUP BY person_id ORDER BY shared DESC, person_id LIMIT $3
)
SELECT n.person_id, n.name
FROM c JOIN person_names n ON n.person_id = c.person_id AND n.visibility <= $1
JOIN people p ON p.id = c.person_id AND p.visibility <= $1;

-- name: PeopleOfCandidates
-- The slug and name of the visible people of a JSON array of ids.
SELECT id, slug, name FROM people WHERE visibility <= $1 AND id IN (SELECT jsonb_array_elements_text($2::jsonb)::bigint);
