-- name: InsertEvent
INSERT INTO events (case_id, kind, date, date_min, facility_id, summary, quote, speaker, visibility, created_at, updated_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
RETURNING id;

-- name: UpdateEvent
UPDATE events SET case_id = $2, kind = $3, date = $4, date_min = $5, facility_id = $6, summary = $7,
       quote = $8, speaker = $9, visibility = $10, updated_at = $11
WHERE id = $1;

-- name: DeleteEvent
DELETE FROM events WHERE id = $1;

-- name: GetEvent
SELECT e.id, e.case_id, e.kind, e.date,
       COALESCE((SELECT f.id FROM facilities f WHERE f.id = e.facility_id AND f.visibility <= $1), 0),
       e.summary, e.quote, e.speaker, e.visibility, e.created_at, e.updated_at
FROM events e
JOIN cases c ON c.id = e.case_id AND c.visibility <= $1
JOIN people p ON p.id = c.person_id AND p.visibility <= $1
WHERE e.id = $2 AND e.visibility <= $1;

-- name: ListEvents
-- A case's events in the order they were entered. $1 access, $2 case id,
-- $3 kind, $4 cursor id, $5 limit.
SELECT e.id, e.case_id, e.kind, e.date,
       COALESCE((SELECT f.id FROM facilities f WHERE f.id = e.facility_id AND f.visibility <= $1), 0),
       e.summary, e.quote, e.speaker, e.visibility, e.created_at, e.updated_at
FROM events e
JOIN cases c ON c.id = e.case_id AND c.visibility <= $1
JOIN people p ON p.id = c.person_id AND p.visibility <= $1
WHERE e.case_id = $2 AND e.visibility <= $1 AND ($3 = '' OR e.kind = $3) AND e.id > $4
ORDER BY e.id LIMIT $5;

-- name: CaseEventSources
-- The visible sources cited by a case's visible events, in citation order.
SELECT es.event_id, s.id
FROM event_sources es
JOIN events e ON e.id = es.event_id AND e.visibility <= $1
JOIN sources s ON s.id = es.source_id AND s.visibility <= $1
WHERE e.case_id = $2
ORDER BY es.event_id, es.position;

-- name: CaseEventsWithheldSources
-- How many sources each visible event cites that the reader may not see.
SELECT es.event_id, COUNT(*)
FROM event_sources es
JOIN events e ON e.id = es.event_id AND e.visibility <= $1
JOIN sources s ON s.id = es.source_id AND s.visibility > $1
WHERE e.case_id = $2
GROUP BY es.event_id;

-- name: DeleteEventSources
DELETE FROM event_sources WHERE event_id = $1;

-- name: InsertEventSource
INSERT INTO event_sources (event_id, source_id, position) VALUES ($1, $2, $3);

-- name: AllCaseEvents
-- Every event of a case regardless of visibility, with its visibility, for
-- refreshing the case's derived columns. In id order, as
-- EventsOfCasesForDerive: the rules and the derivation get the same input
-- on every path.
SELECT e.id, e.kind, e.date, COALESCE(e.facility_id, 0), e.visibility,
       COALESCE((SELECT f.visibility FROM facilities f WHERE f.id = e.facility_id), 0)
FROM events e WHERE e.case_id = $1 ORDER BY e.id;

-- name: GetCaseForDerive
SELECT id, person_id, status, arrest_date, sentence_years, sentence_months, sentence_days, sentence_date,
       pretrial_credited, expected_release, COALESCE(facility_id, 0),
       COALESCE((SELECT f.visibility FROM facilities f WHERE f.id = cases.facility_id), 0)
FROM cases WHERE id = $1;

-- name: CasesForDerive
-- GetCaseForDerive for the cases with ids from $1 to $2, with the derived
-- columns as they are (a sweep rewrites only those that change).
SELECT id, person_id, status, arrest_date, sentence_years, sentence_months, sentence_days, sentence_date,
       pretrial_credited, expected_release, COALESCE(facility_id, 0),
       COALESCE((SELECT f.visibility FROM facilities f WHERE f.id = cases.facility_id), 0),
       p_status, p_facility_id, p_unknown, p_last_news, p_arrest, p_hunger_since, p_held_from, p_held_until,
       p_news_vague
FROM cases WHERE id BETWEEN $1 AND $2 ORDER BY id;

-- name: EventsOfCasesForDerive
-- AllCaseEvents for the cases with ids from $1 to $2, by case.
SELECT e.case_id, e.id, e.kind, e.date, COALESCE(e.facility_id, 0), e.visibility,
       COALESCE((SELECT f.visibility FROM facilities f WHERE f.id = e.facility_id), 0)
FROM events e WHERE e.case_id BETWEEN $1 AND $2 ORDER BY e.case_id, e.id;
