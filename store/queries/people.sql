-- name: InsertPerson
INSERT INTO people (slug, name, sort_name, birth_year, gender, occupation, bio, country,
                    photo_url, photo_alt, internal_notes, visibility, created_at, updated_at, bio_translations)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
RETURNING id;

-- name: UpdatePerson
UPDATE people SET slug = $2, name = $3, sort_name = $4, birth_year = $5, gender = $6,
       occupation = $7, bio = $8, country = $9, photo_url = $10, photo_alt = $11,
       internal_notes = $12, visibility = $13, updated_at = $14, bio_translations = $15
WHERE id = $1;

-- name: DeletePerson
DELETE FROM people WHERE id = $1;

-- name: DeletePersonNames
DELETE FROM person_names WHERE person_id = $1;

-- name: InsertPersonName
INSERT INTO person_names (person_id, position, name, kind, script, lang, visibility)
VALUES ($1, $2, $3, $4, $5, $6, $7);

-- name: PersonNames
SELECT name, kind, script, lang, visibility FROM person_names
WHERE person_id = $1 AND visibility <= $2 ORDER BY position;

-- name: HiddenPersonNames
-- The names of a person above an access level, kept when a writer who
-- cannot see them replaces the person.
SELECT name, kind, script, lang, visibility FROM person_names
WHERE person_id = $1 AND visibility > $2 ORDER BY position;

-- name: GetPerson
SELECT id, slug, birth_year, gender, occupation, bio, country, photo_url, photo_alt,
       CASE WHEN $1 >= 1 THEN internal_notes ELSE '' END, visibility, created_at, updated_at,
       CASE WHEN (SELECT m.visibility FROM media m WHERE m.id = people.photo_media_id) <= $1 THEN photo_media_id END,
       bio_translations
FROM people WHERE id = $2 AND visibility <= $1;

-- name: GetPersonBySlug
SELECT id, slug, birth_year, gender, occupation, bio, country, photo_url, photo_alt,
       CASE WHEN $1 >= 1 THEN internal_notes ELSE '' END, visibility, created_at, updated_at,
       CASE WHEN (SELECT m.visibility FROM media m WHERE m.id = people.photo_media_id) <= $1 THEN photo_media_id END,
       bio_translations
FROM people WHERE slug = $2 AND visibility <= $1;

-- name: PersonIDs
SELECT id FROM people WHERE visibility <= $1 AND id > $2 ORDER BY id LIMIT $3;

-- name: PersonSlugTaken
-- A slug is taken by another person, or as the old address of a merged one.
SELECT (SELECT COUNT(*) FROM people WHERE slug = $1 AND id <> $2)
     + (SELECT COUNT(*) FROM slug_redirects WHERE slug = $1);

-- name: DeleteNameKeys
DELETE FROM name_keys WHERE person_id = $1;

-- name: InsertNameKey
INSERT INTO name_keys (key, person_id, visibility) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING;

-- name: DeleteNameWords
DELETE FROM name_words WHERE person_id = $1;

-- name: InsertNameWord
INSERT INTO name_words (word, person_id, visibility) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING;

-- name: PeopleByWordPrefix
-- The people with a word whose sounds begin with $2 (from $2 to $3, see
-- names.Prefix), read from at most $4 rows of name_words.
SELECT DISTINCT person_id FROM (SELECT person_id FROM name_words
    WHERE word >= $2 AND word < $3 AND visibility <= $1 LIMIT $4) AS w;

-- name: PeopleOfCandidates
-- The slug and name of the visible people of a JSON array of ids.
SELECT id, slug, name FROM people WHERE visibility <= $1 AND id IN (SELECT value FROM json_each($2));

-- name: InsertPersonWithID
-- Restores a person removed by a merge, under their old id.
INSERT INTO people (id, slug, name, sort_name, birth_year, gender, occupation, bio, country,
                    photo_url, photo_alt, internal_notes, visibility, created_at, updated_at, bio_translations)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16);

-- name: SetPersonNotes
UPDATE people SET internal_notes = $2 WHERE id = $1;

-- name: MoveSlugRedirects
UPDATE slug_redirects SET person_id = $2 WHERE person_id = $1;

-- name: DeleteSlugRedirect
DELETE FROM slug_redirects WHERE slug = $1;

-- name: MarkMergeUndone
UPDATE person_merges SET undone_at = $2 WHERE id = $1;

-- name: PersonSlugOf
-- The slug and visibility a record has now, before a write (see slugToWrite).
SELECT slug, visibility FROM people WHERE id = $1;

-- name: UnlistPeople
-- Removes the person_list rows of the people with ids from $1 to $2.
DELETE FROM person_list WHERE person_id BETWEEN $1 AND $2;

-- name: RelistPeople
-- The person_list rows (see the migration) of the people with ids from $1
-- to $2: one per access level at which a person may be seen, each with
-- their current case at that level (the order of CurrentCaseID).
INSERT INTO person_list (access, person_id, sort_name, country, case_id, status, classification,
                         facility_id, unknown, last_news, arrest, arrest_date, held, hunger, news_vague)
SELECT lv.a, p.id, p.sort_name, COALESCE(c.country, p.country), COALESCE(c.id, 0),
       COALESCE(c.p_status, ''), COALESCE(c.classification, ''), COALESCE(c.p_facility_id, 0),
       COALESCE(c.p_unknown, FALSE), COALESCE(c.p_last_news, '9999-12-31'), COALESCE(c.p_arrest, '9999-12-31'),
       COALESCE(c.arrest_date, ''), COALESCE(c.p_status IN ('detained', 'pre_trial', 'sentenced'), FALSE),
       COALESCE(c.p_hunger_since <> '', FALSE), COALESCE(c.p_news_vague, FALSE)
FROM people p
JOIN (SELECT 0 AS a UNION ALL SELECT 1 UNION ALL SELECT 2) lv ON p.visibility <= lv.a
LEFT JOIN cases c ON c.id = (SELECT c2.id FROM cases c2 WHERE c2.person_id = p.id AND c2.visibility <= lv.a
                             ORDER BY CASE WHEN c2.p_status IN ('detained', 'pre_trial', 'sentenced') THEN 0 ELSE 1 END,
                                      c2.arrest_date DESC, c2.id DESC LIMIT 1)
WHERE p.id BETWEEN $1 AND $2;

-- name: WordsOfPeople
-- The sounds of the visible words of the people of a JSON array of ids.
SELECT person_id, word FROM name_words WHERE visibility <= $1 AND person_id IN (SELECT value FROM json_each($2));

-- name: SetPersonPhoto
UPDATE people SET photo_media_id = $2 WHERE id = $1;

-- name: RestorePersonPhoto
-- A photo given back to a person whose merge is undone, if it is still there.
UPDATE people SET photo_media_id = $2 WHERE id = $1 AND EXISTS (SELECT 1 FROM media WHERE id = $2);

-- name: HiddenPersonPhoto
-- The photo of a person above an access level, kept when a writer who
-- cannot see it replaces the person.
SELECT p.photo_media_id FROM people p JOIN media m ON m.id = p.photo_media_id WHERE p.id = $1 AND m.visibility > $2;

-- name: NamesInLanguages
-- The visible names, other than aliases, that say their language, of the
-- visible people of a JSON array of ids: a list names each person as the
-- page's language writes them.
SELECT n.person_id, n.name, n.lang FROM person_names n JOIN people p ON p.id = n.person_id
WHERE p.visibility <= $1 AND n.visibility <= $1 AND n.kind <> 'alias' AND n.lang <> ''
  AND n.person_id IN (SELECT value FROM json_each($2))
ORDER BY n.person_id, n.position;
