-- name: InsertCase
INSERT INTO cases (person_id, country, status, arrest_date, court, sentence_years, sentence_months,
                   sentence_days, sentence_date, pretrial_credited, expected_release, facility_id,
                   classification, classified_by, classified_on, position, position_note, summary,
                   internal_notes, visibility, created_at, updated_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22)
RETURNING id;

-- name: UpdateCase
UPDATE cases SET person_id = $2, country = $3, status = $4, arrest_date = $5, court = $6,
       sentence_years = $7, sentence_months = $8, sentence_days = $9, sentence_date = $10,
       pretrial_credited = $11, expected_release = $12, facility_id = $13, classification = $14,
       classified_by = $15, classified_on = $16, position = $17, position_note = $18, summary = $19,
       internal_notes = $20, visibility = $21, updated_at = $22
WHERE id = $1;

-- name: UpdateCaseDerived
-- What the public timeline means, for lists: see the migration.
UPDATE cases SET p_status = $2, p_facility_id = $3, p_unknown = $4, p_last_news = $5, p_arrest = $6,
       p_hunger_since = $7, p_held_from = $8, p_held_until = $9, p_news_vague = $10
WHERE id = $1;

-- name: DeleteCase
DELETE FROM cases WHERE id = $1;

-- name: GetCase
SELECT c.id, c.person_id, c.country, c.status, c.arrest_date, c.court, c.sentence_years, c.sentence_months,
       c.sentence_days, c.sentence_date, c.pretrial_credited, c.expected_release,
       COALESCE((SELECT f.id FROM facilities f WHERE f.id = c.facility_id AND f.visibility <= $1), 0),
       c.classification, c.classified_by, c.classified_on, c.position, c.position_note, c.summary,
       CASE WHEN $1 >= 1 THEN c.internal_notes ELSE '' END, c.visibility, c.created_at, c.updated_at
FROM cases c JOIN people p ON p.id = c.person_id AND p.visibility <= $1
WHERE c.id = $2 AND c.visibility <= $1;

-- name: ListCases
-- $1 access, $2 person id, $3 country, $4 status (as derived from the public timeline),
-- $5 classification, $6 cursor id, $7 limit.
SELECT c.id, c.person_id, c.country, c.status, c.arrest_date, c.court, c.sentence_years, c.sentence_months,
       c.sentence_days, c.sentence_date, c.pretrial_credited, c.expected_release,
       COALESCE((SELECT f.id FROM facilities f WHERE f.id = c.facility_id AND f.visibility <= $1), 0),
       c.classification, c.classified_by, c.classified_on, c.position, c.position_note, c.summary,
       CASE WHEN $1 >= 1 THEN c.internal_notes ELSE '' END, c.visibility, c.created_at, c.updated_at
FROM cases c JOIN people p ON p.id = c.person_id AND p.visibility <= $1
WHERE c.visibility <= $1 AND ($2 = 0 OR c.person_id = $2) AND ($3 = '' OR c.country = $3)
  AND ($4 = '' OR c.p_status = $4) AND ($5 = '' OR c.classification = $5) AND c.id > $6
ORDER BY c.id LIMIT $7;

-- name: ListCasesOfPerson
-- ListCases for one person ($2), read through the index of their cases: a
-- condition "($2 = 0 OR c.person_id = $2)" would scan every case.
-- $1 access, $2 person id, $3 country, $4 status (as derived from the public timeline),
-- $5 classification, $6 cursor id, $7 limit.
SELECT c.id, c.person_id, c.country, c.status, c.arrest_date, c.court, c.sentence_years, c.sentence_months,
       c.sentence_days, c.sentence_date, c.pretrial_credited, c.expected_release,
       COALESCE((SELECT f.id FROM facilities f WHERE f.id = c.facility_id AND f.visibility <= $1), 0),
       c.classification, c.classified_by, c.classified_on, c.position, c.position_note, c.summary,
       CASE WHEN $1 >= 1 THEN c.internal_notes ELSE '' END, c.visibility, c.created_at, c.updated_at
FROM cases c JOIN people p ON p.id = c.person_id AND p.visibility <= $1
WHERE c.visibility <= $1 AND c.person_id = $2 AND ($3 = '' OR c.country = $3)
  AND ($4 = '' OR c.p_status = $4) AND ($5 = '' OR c.classification = $5) AND c.id > $6
ORDER BY c.id LIMIT $7;

-- name: DeleteCharges
DELETE FROM charges WHERE case_id = $1;

-- name: InsertCharge
INSERT INTO charges (case_id, position, article, text) VALUES ($1, $2, $3, $4);

-- name: PersonOfCase
SELECT person_id FROM cases WHERE id = $1;

-- name: CasesOfPerson
SELECT id FROM cases WHERE person_id = $1;

-- name: CasesAtFacility
SELECT id FROM cases WHERE facility_id = $1
UNION
SELECT case_id FROM events WHERE facility_id = $1;

-- name: PeopleCounts
-- Over each visible person's current visible case (see person_list), as its
-- public timeline has it: how many are held, with whereabouts unknown, on
-- hunger strike. Read from an index alone.
SELECT COUNT(*), COALESCE(SUM(CASE WHEN unknown THEN 1 ELSE 0 END), 0),
       COALESCE(SUM(CASE WHEN hunger THEN 1 ELSE 0 END), 0)
FROM person_list WHERE access = $1 AND held = TRUE;

-- name: CasesToSweep
-- The next cases the sweep has not brought up to date with its mark $2
-- (the day, the rules and thresholds: store.sweepMark).
SELECT id FROM cases WHERE id > $1 AND swept_day <> $2 ORDER BY id LIMIT 500;

-- name: MarkSwept
-- $1 the sweep's mark; the cases from $2 to $3 it has brought up to date.
UPDATE cases SET swept_day = $1 WHERE id >= $2 AND id <= $3 AND swept_day <> $1;

-- name: UnsweepCase
-- The case is to be swept again (an alert of it was resolved by hand).
UPDATE cases SET swept_day = '' WHERE id = $1;

-- name: AllCaseIDs
SELECT id FROM cases WHERE id > $1 ORDER BY id LIMIT 500;

-- name: CurrentCaseID
-- A person's current case: one in which they are held now (by the public
-- timeline), else the one with the latest arrest; the lists use the same
-- order.
SELECT c2.id FROM cases c2 WHERE c2.person_id = $2 AND c2.visibility <= $1
ORDER BY CASE WHEN c2.p_status IN ('detained', 'pre_trial', 'sentenced') THEN 0 ELSE 1 END,
         c2.arrest_date DESC, c2.id DESC LIMIT 1;

-- name: ChargesOfCases
-- The charges of the cases of a JSON array of ids, in order.
SELECT case_id, article, text FROM charges WHERE case_id IN (SELECT value FROM json_each($1)) ORDER BY case_id, position;
