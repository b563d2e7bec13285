-- name: InsertIntervention
INSERT INTO interventions (case_id, kind, sender, recipient, sent_on, due_on, answer_status, answered_on,
                           summary, visibility, created_at, updated_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
RETURNING id;

-- name: UpdateIntervention
UPDATE interventions SET case_id = $2, kind = $3, sender = $4, recipient = $5, sent_on = $6, due_on = $7,
       answer_status = $8, answered_on = $9, summary = $10, visibility = $11, updated_at = $12
WHERE id = $1;

-- name: DeleteIntervention
DELETE FROM interventions WHERE id = $1;

-- name: GetIntervention
SELECT i.id, i.case_id, i.kind, i.sender, i.recipient, i.sent_on, i.due_on, i.answer_status, i.answered_on,
       i.summary, i.visibility, i.created_at, i.updated_at
FROM interventions i
JOIN cases c ON c.id = i.case_id AND c.visibility <= $1
JOIN people p ON p.id = c.person_id AND p.visibility <= $1
WHERE i.id = $2 AND i.visibility <= $1;

-- name: ListInterventions
-- $1 access, $2 case id, $3 answer status, $4 cursor id, $5 limit.
SELECT i.id, i.case_id, i.kind, i.sender, i.recipient, i.sent_on, i.due_on, i.answer_status, i.answered_on,
       i.summary, i.visibility, i.created_at, i.updated_at
FROM interventions i
JOIN cases c ON c.id = i.case_id AND c.visibility <= $1
JOIN people p ON p.id = c.person_id AND p.visibility <= $1
WHERE i.visibility <= $1 AND ($2 = 0 OR i.case_id = $2) AND ($3 = '' OR i.answer_status = $3) AND i.id > $4
ORDER BY i.id LIMIT $5;

-- name: ListInterventionsOfCase
-- ListInterventions for one case ($2), read through the index of its
-- interventions (see ListCasesOfPerson).
-- $1 access, $2 case id, $3 answer status, $4 cursor id, $5 limit.
SELECT i.id, i.case_id, i.kind, i.sender, i.recipient, i.sent_on, i.due_on, i.answer_status, i.answered_on,
       i.summary, i.visibility, i.created_at, i.updated_at
FROM interventions i
JOIN cases c ON c.id = i.case_id AND c.visibility <= $1
JOIN people p ON p.id = c.person_id AND p.visibility <= $1
WHERE i.visibility <= $1 AND i.case_id = $2 AND ($3 = '' OR i.answer_status = $3) AND i.id > $4
ORDER BY i.id LIMIT $5;

-- name: DeleteInterventionSources
DELETE FROM intervention_sources WHERE intervention_id = $1;

-- name: InsertInterventionSource
INSERT INTO intervention_sources (intervention_id, source_id, position) VALUES ($1, $2, $3);

-- name: SourcesOfInterventions
-- The visible sources cited by the interventions of a JSON array of ids.
SELECT x.intervention_id, s.id FROM intervention_sources x
JOIN sources s ON s.id = x.source_id AND s.visibility <= $1
WHERE x.intervention_id IN (SELECT value FROM json_each($2)) ORDER BY x.intervention_id, x.position;

-- name: InterventionsDue
-- The interventions at access $1 whose answer is due from day $2 to day $3
-- (ISO dates), of the people assigned to user $4 unless it is 0; soonest
-- first, $5 at most.
SELECT i.id, i.case_id, c.person_id, i.kind, i.sender, i.recipient, i.sent_on, i.due_on, i.due_day, i.visibility
FROM interventions i
JOIN cases c ON c.id = i.case_id AND c.visibility <= $1
JOIN people p ON p.id = c.person_id AND p.visibility <= $1
WHERE i.due_day BETWEEN $2 AND $3 AND i.visibility <= $1
  AND ($4 = 0 OR EXISTS (SELECT 1 FROM assignments a WHERE a.user_id = $4 AND a.person_id = c.person_id))
ORDER BY i.due_day, i.id LIMIT $5;
