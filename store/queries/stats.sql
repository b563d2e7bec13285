-- Statistics (see the migration 0014_stats) and estimates. $1 is always
-- the reader's access. The counts read person_list: one row per person
-- seen at that access, describing their current case.

-- name: StatsByStatus
SELECT status, COUNT(*) FROM person_list WHERE access = $1 AND case_id <> 0 GROUP BY status ORDER BY 2 DESC, 1;

-- name: StatsByCountry
SELECT country, COUNT(*) FROM person_list WHERE access = $1 AND held GROUP BY country ORDER BY 2 DESC, 1;

-- name: StatsByClassification
SELECT classification, COUNT(*) FROM person_list WHERE access = $1 AND held GROUP BY classification ORDER BY 2 DESC, 1;

-- name: StatsByFacility
SELECT f.slug, f.name, COUNT(*) FROM person_list l JOIN facilities f ON f.id = l.facility_id
WHERE l.access = $1 AND l.held AND f.visibility <= $1
GROUP BY f.slug, f.name ORDER BY 3 DESC, 2, 1;

-- name: StatsByRegion
SELECT f.country, f.region, COUNT(*) FROM person_list l JOIN facilities f ON f.id = l.facility_id
WHERE l.access = $1 AND l.held AND f.visibility <= $1 AND f.region <> ''
GROUP BY f.country, f.region ORDER BY 3 DESC, 1, 2;

-- name: StatsByOrganization
-- Members held today (member_counts, kept by every write).
SELECT o.slug, o.name, m.detained_now FROM member_counts m JOIN organizations o ON o.id = m.organization_id
WHERE m.access = $1 AND o.visibility <= $1 AND m.detained_now > 0 ORDER BY 3 DESC, 2, 1;

-- name: StatsByCharge
-- People held today by the legal article of a charge of their current
-- case (a charge without an article by its words); one person once per
-- article.
SELECT CASE WHEN ch.article <> '' THEN ch.article ELSE ch.text END, MIN(ch.text), COUNT(DISTINCT l.person_id)
FROM person_list l JOIN charges ch ON ch.case_id = l.case_id
WHERE l.access = $1 AND l.held
GROUP BY 1 ORDER BY 3 DESC, 1;

-- name: StatsStarts
-- Detentions by the day they began: known spans of cases the reader may
-- see, of people they may see.
SELECT c.p_held_from, COUNT(*) FROM cases c JOIN people p ON p.id = c.person_id
WHERE c.visibility <= $1 AND p.visibility <= $1 AND c.p_held_from <> '9999-12-31' AND c.p_held_until > c.p_held_from
GROUP BY 1 ORDER BY 1;

-- name: StatsEnds
-- Detentions by the day they ended, as StatsStarts.
SELECT c.p_held_until, COUNT(*) FROM cases c JOIN people p ON p.id = c.person_id
WHERE c.visibility <= $1 AND p.visibility <= $1 AND c.p_held_from <> '9999-12-31'
  AND c.p_held_until <> '9999-12-31' AND c.p_held_until > c.p_held_from
GROUP BY 1 ORDER BY 1;

-- name: InsertEstimate
INSERT INTO estimates (country, number, qualifier, counts_of, by_whom, as_of, as_of_sort, counter, counter_by,
                       visibility, created_at, updated_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id;

-- name: UpdateEstimate
UPDATE estimates SET country = $2, number = $3, qualifier = $4, counts_of = $5, by_whom = $6, as_of = $7,
       as_of_sort = $8, counter = $9, counter_by = $10, visibility = $11, updated_at = $12
WHERE id = $1;

-- name: DeleteEstimate
DELETE FROM estimates WHERE id = $1;

-- name: EstimateAt
-- An estimate a writer ($1 access) may see.
SELECT id FROM estimates WHERE visibility <= $1 AND id = $2;

-- name: GetEstimate
SELECT id, country, number, qualifier, counts_of, by_whom, as_of, counter, counter_by, visibility, created_at, updated_at
FROM estimates WHERE visibility <= $1 AND id = $2;

-- name: ListEstimates
-- $2 country ('' any), newest first.
SELECT id, country, number, qualifier, counts_of, by_whom, as_of, counter, counter_by, visibility, created_at, updated_at
FROM estimates WHERE visibility <= $1 AND ($2 = '' OR country = $2)
ORDER BY as_of_sort DESC, id DESC LIMIT 200;

-- name: InsertEstimateSource
INSERT INTO estimate_sources (estimate_id, source_id, position) VALUES ($1, $2, $3);

-- name: DeleteEstimateSources
DELETE FROM estimate_sources WHERE estimate_id = $1;

-- name: HiddenCitationsOfEstimate
SELECT x.source_id FROM estimate_sources x JOIN sources s ON s.id = x.source_id
WHERE x.estimate_id = $1 AND s.visibility > $2 ORDER BY x.position;

-- name: EstimateCitations
SELECT x.estimate_id, x.source_id, CASE WHEN s.visibility <= $1 THEN 1 ELSE 0 END
FROM estimate_sources x JOIN sources s ON s.id = x.source_id
WHERE x.estimate_id IN (SELECT value FROM json_each($2))
ORDER BY x.estimate_id, x.position;
