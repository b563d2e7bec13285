-- PostgreSQL forms of queries of ../people.sql that SQLite and PostgreSQL cannot share:
-- a JSON array of ids or keys is expanded with jsonb_array_elements_text
-- here, with json_each in SQLite (the base query).

-- name: PeopleOfCandidates
-- The slug and name of the visible people of a JSON array of ids.
SELECT id, slug, name FROM people WHERE visibility <= $1 AND id IN (SELECT jsonb_array_elements_text($2::jsonb)::bigint);

-- name: WordsOfPeople
-- The sounds of the visible words of the people of a JSON array of ids.
SELECT person_id, word FROM name_words WHERE visibility <= $1 AND person_id IN (SELECT jsonb_array_elements_text($2::jsonb)::bigint);

-- name: NamesInLanguages
-- The visible names, other than aliases, that say their language, of the
-- visible people of a JSON array of ids: a list names each person as the
-- page's language writes them.
SELECT n.person_id, n.name, n.lang FROM person_names n JOIN people p ON p.id = n.person_id
WHERE p.visibility <= $1 AND n.visibility <= $1 AND n.kind <> 'alias' AND n.lang <> ''
  AND n.person_id IN (SELECT jsonb_array_elements_text($2::jsonb)::bigint)
ORDER BY n.person_id, n.position;
