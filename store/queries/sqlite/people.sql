-- name: InsertPerson
INSERT INTO people (slug, name, sort_name, birth_year, gender, occupation, bio, country,
                    photo_url, photo_alt, internal_notes, visibility, created_at, updated_at)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?13)
RETURNING id;

-- name: UpdatePerson
UPDATE people SET slug = ?2, name = ?3, sort_name = ?4, birth_year = ?5, gender = ?6,
       occupation = ?7, bio = ?8, country = ?9, photo_url = ?10, photo_alt = ?11,
       internal_notes = ?12, visibility = ?13, updated_at = ?14
WHERE id = ?1;

-- name: DeletePerson
DELETE FROM people WHERE id = ?1;

-- name: DeletePersonNames
DELETE FROM person_names WHERE person_id = ?1;

-- name: InsertPersonName
INSERT INTO person_names (person_id, position, name, kind, script, lang)
VALUES (?1, ?2, ?3, ?4, ?5, ?6);

-- name: PersonNames
SELECT person_id, name, kind, script, lang FROM person_names
WHERE person_id = ?1 ORDER BY position;

-- name: GetPerson
SELECT id, slug, birth_year, gender, occupation, bio, country, photo_url, photo_alt,
       CASE WHEN ?1 >= 1 THEN internal_notes ELSE '' END, visibility, created_at, updated_at
FROM people WHERE id = ?2 AND visibility <= ?1;

-- name: GetPersonBySlug
SELECT id, slug, birth_year, gender, occupation, bio, country, photo_url, photo_alt,
       CASE WHEN ?1 >= 1 THEN internal_notes ELSE '' END, visibility, created_at, updated_at
FROM people WHERE slug = ?2 AND visibility <= ?1;

-- name: PersonIDs
SELECT id FROM people WHERE visibility <= ?1 AND id > ?2 ORDER BY id LIMIT ?3;

-- name: ListPeople
-- One row per visible person with their latest visible case.
-- ?1 access, ?2 country, ?3 status, ?4 classification, ?5 facility id,
-- ?6 organization id, ?7 charge (article or words), ?8/?9 cursor key and id,
-- ?10 limit, ?11 sort: name, news (longest without news first) or
-- detention (longest detained first).
SELECT * FROM (
    SELECT p.id, p.slug, p.name, p.country, p.occupation, p.photo_url, p.photo_alt,
           COALESCE(c.id, 0) AS case_id, COALESCE(c.p_status, '') AS status,
           COALESCE(c.classification, '') AS classification,
           COALESCE(c.p_facility_id, 0) AS facility_id, COALESCE(f.name, '') AS facility_name,
           COALESCE(f.slug, '') AS facility_slug, COALESCE(c.p_unknown, 0) AS unknown,
           COALESCE(c.p_last_news, '9999-12-31') AS last_news, COALESCE(c.p_arrest, '9999-12-31') AS arrest,
           COALESCE(c.arrest_date, '') AS arrest_date,
           CASE ?11 WHEN 'news' THEN COALESCE(c.p_last_news, '9999-12-31')
                    WHEN 'detention' THEN COALESCE(c.p_arrest, '9999-12-31')
                    ELSE p.sort_name END AS sort_key
    FROM people p
    LEFT JOIN cases c ON c.id = (SELECT c2.id FROM cases c2
                                 WHERE c2.person_id = p.id AND c2.visibility <= ?1
                                 ORDER BY c2.id DESC LIMIT 1)
    LEFT JOIN facilities f ON f.id = c.p_facility_id AND f.visibility <= ?1
    WHERE p.visibility <= ?1
      AND (?2 = '' OR COALESCE(c.country, p.country) = ?2)
      AND (?3 = '' OR c.p_status = ?3)
      AND (?4 = '' OR c.classification = ?4)
      AND (?5 = 0 OR c.p_facility_id = ?5)
      AND (?6 = 0 OR EXISTS (SELECT 1 FROM memberships m JOIN organizations o ON o.id = m.organization_id
                             WHERE m.person_id = p.id AND m.organization_id = ?6
                               AND m.visibility <= ?1 AND o.visibility <= ?1))
      AND (?7 = '' OR EXISTS (SELECT 1 FROM charges ch WHERE ch.case_id = c.id
                              AND (ch.article = ?7 OR lower(ch.text) LIKE '%' || lower(?7) || '%')))
) AS listed
WHERE sort_key > ?8 OR (sort_key = ?8 AND id > ?9)
ORDER BY sort_key, id
LIMIT ?10;

-- name: PersonSlugTaken
SELECT COUNT(*) FROM people WHERE slug = ?1 AND id <> ?2;
