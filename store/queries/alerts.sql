-- The silence clock's alerts (see store/alerts.go).

-- name: CasesForAlerts
-- The cases with ids from $1 to $2 as the rules read them, with the
-- visibility of the case and of its person.
SELECT c.id, c.person_id, c.status, c.arrest_date, c.sentence_years, c.sentence_months, c.sentence_days,
       c.sentence_date, c.pretrial_credited, c.expected_release, COALESCE(c.facility_id, 0),
       COALESCE((SELECT f.visibility FROM facilities f WHERE f.id = c.facility_id), 0),
       c.visibility, p.visibility,
       COALESCE((SELECT t.thresholds FROM alert_thresholds t WHERE t.case_id = c.id), '')
FROM cases c JOIN people p ON p.id = c.person_id
WHERE c.id BETWEEN $1 AND $2 ORDER BY c.id;

-- name: InterventionsForAlerts
SELECT i.case_id, i.id, i.kind, i.recipient, i.sent_on, i.due_on, i.answer_status, i.visibility, i.due_day
FROM interventions i WHERE i.case_id BETWEEN $1 AND $2 ORDER BY i.case_id, i.id;

-- name: SetDueDay
UPDATE interventions SET due_day = $2 WHERE id = $1;

-- name: InterventionsAwaiting
-- Every intervention that may await an answer, with its case's own
-- thresholds, $2 at most after id $1 (to fill due_day).
SELECT i.id, i.kind, i.recipient, i.sent_on, i.due_on, i.answer_status,
       COALESCE((SELECT t.thresholds FROM alert_thresholds t WHERE t.case_id = i.case_id), '')
FROM interventions i
WHERE i.answer_status IN ('none', '') AND i.kind <> 'statement' AND i.id > $1 ORDER BY i.id LIMIT $2;

-- name: FacilitiesForAlerts
-- The facilities the cases with ids from $1 to $2 and their events name.
SELECT f.id, f.name, f.visibility FROM facilities f
WHERE f.id IN (SELECT e.facility_id FROM events e WHERE e.case_id BETWEEN $1 AND $2 AND e.facility_id IS NOT NULL)
   OR f.id IN (SELECT c.facility_id FROM cases c WHERE c.id BETWEEN $1 AND $2 AND c.facility_id IS NOT NULL);

-- name: UnresolvedAlertsOfCases
SELECT id, case_id, key, severity, since, days, at_least, message, event_id, intervention_id, visibility,
       public_severity, public_days, public_at_least, public_message
FROM alerts WHERE case_id BETWEEN $1 AND $2 AND state <> 'resolved';

-- name: InsertAlert
INSERT INTO alerts (case_id, rule, key, state, severity, since, days, at_least, message, event_id, intervention_id,
                    visibility, public_severity, public_days, public_at_least, public_message, opened_at, updated_at)
VALUES ($1, $2, $3, 'open', $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $16)
RETURNING id;

-- name: UpdateAlertFinding
UPDATE alerts SET severity = $2, since = $3, days = $4, at_least = $5, message = $6, event_id = $7,
       intervention_id = $8, visibility = $9, public_severity = $10, public_days = $11, public_at_least = $12,
       public_message = $13, updated_at = $14
WHERE id = $1;

-- name: ResolveAlert
-- $1 id, $2 when, $3 by (empty: the rules), $4 reason, $5 the event that ended it.
UPDATE alerts SET state = 'resolved', resolved_at = $2, resolved_by = $3, resolution = $4, ended_by_event = $5,
       updated_at = $2
WHERE id = $1 AND state <> 'resolved';

-- name: AcknowledgeAlert
UPDATE alerts SET state = 'acknowledged', acknowledged_at = $2, acknowledged_by = $3, ack_note = $4, updated_at = $2
WHERE id = $1 AND state = 'open';

-- name: SetAlertPublic
UPDATE alerts SET public = $2, updated_at = $3 WHERE id = $1;

-- name: InsertAlertChange
INSERT INTO alert_changes (alert_id, at, change, severity, by_user, note) VALUES ($1, $2, $3, $4, $5, $6);

-- name: GetAlert
-- $1 access, $2 id: an alert of a case and person the reader may see.
SELECT a.id, a.case_id, c.person_id, a.rule, a.state, a.severity, a.since, a.days, a.at_least, a.message,
       a.event_id, a.intervention_id, a.public, a.public_severity, a.public_days, a.public_at_least, a.public_message,
       a.visibility, a.opened_at, a.updated_at, a.acknowledged_at, a.acknowledged_by, a.ack_note,
       a.resolved_at, a.resolved_by, a.resolution, a.ended_by_event
FROM alerts a
JOIN cases c ON c.id = a.case_id AND c.visibility <= $1
JOIN people p ON p.id = c.person_id AND p.visibility <= $1
WHERE a.id = $2 AND a.visibility <= $1;

-- name: ListAlerts
-- $1 access, $2 state ('' unresolved, 'all' every state), $3 least severity
-- rank (0 any), $4 rule, $5 country, $6 organization id, $7 case id,
-- $8 cursor id (0: from the newest), $9 limit, $10 a volunteer's id (0:
-- anyone's; else only the people assigned to them). Newest first.
SELECT a.id, a.case_id, c.person_id, a.rule, a.state, a.severity, a.since, a.days, a.at_least, a.message,
       a.event_id, a.intervention_id, a.public, a.public_severity, a.public_days, a.public_at_least, a.public_message,
       a.visibility, a.opened_at, a.updated_at, a.acknowledged_at, a.acknowledged_by, a.ack_note,
       a.resolved_at, a.resolved_by, a.resolution, a.ended_by_event
FROM alerts a
JOIN cases c ON c.id = a.case_id AND c.visibility <= $1
JOIN people p ON p.id = c.person_id AND p.visibility <= $1
WHERE a.visibility <= $1
  AND (($2 = '' AND a.state <> 'resolved') OR $2 = 'all' OR a.state = $2)
  AND (CASE a.severity WHEN 'info' THEN 1 WHEN 'warning' THEN 2 WHEN 'high' THEN 3 ELSE 4 END) >= $3
  AND ($4 = '' OR a.rule = $4)
  AND ($5 = '' OR c.country = $5)
  AND ($6 = 0 OR EXISTS (SELECT 1 FROM memberships m WHERE m.person_id = c.person_id AND m.organization_id = $6
                          AND m.visibility <= $1))
  AND ($7 = 0 OR a.case_id = $7)
  AND ($8 = 0 OR a.id < $8)
  AND ($10 = 0 OR c.person_id IN (SELECT s.person_id FROM assignments s WHERE s.user_id = $10))
ORDER BY a.id DESC LIMIT $9;

-- name: AlertChanges
SELECT at, change, severity, by_user, note FROM alert_changes WHERE alert_id = $1 ORDER BY id;

-- name: PublicAlerts
-- The published alerts the public may see, as the public timeline shows
-- them; $1 person id (0 every person), $2 limit. Most severe first.
SELECT a.id, a.case_id, c.person_id, p.name, p.slug, a.rule, a.public_severity, a.public_days, a.public_at_least,
       a.public_message, a.opened_at, a.updated_at
FROM alerts a
JOIN cases c ON c.id = a.case_id AND c.visibility = 0
JOIN people p ON p.id = c.person_id AND p.visibility = 0
WHERE a.public = TRUE AND a.state <> 'resolved' AND a.public_message <> ''
  AND ($1 = 0 OR c.person_id = $1)
ORDER BY CASE a.public_severity WHEN 'critical' THEN 0 WHEN 'high' THEN 1 WHEN 'warning' THEN 2 ELSE 3 END, a.id DESC
LIMIT $2;

-- name: CaseThresholds
SELECT t.thresholds FROM alert_thresholds t
JOIN cases c ON c.id = t.case_id AND c.visibility <= $1
JOIN people p ON p.id = c.person_id AND p.visibility <= $1
WHERE t.case_id = $2;

-- name: SetCaseThresholds
INSERT INTO alert_thresholds (case_id, thresholds) VALUES ($1, $2)
ON CONFLICT (case_id) DO UPDATE SET thresholds = excluded.thresholds;

-- name: DeleteCaseThresholds
DELETE FROM alert_thresholds WHERE case_id = $1;

-- name: CountUnresolvedAlerts
SELECT COUNT(*) FROM alerts WHERE state <> 'resolved';

-- name: UnresolvedAlertCounts
SELECT rule, severity, COUNT(*) FROM alerts WHERE state <> 'resolved' GROUP BY rule, severity ORDER BY rule, severity;

-- name: CaseOfIntervention
SELECT case_id FROM interventions WHERE id = $1;

-- name: PublishedAlertsOfCase
-- The unresolved alerts of case $1 shown on the public site.
SELECT id FROM alerts WHERE case_id = $1 AND public AND state <> 'resolved';

-- name: InstanceThresholds
SELECT thresholds FROM instance_thresholds WHERE id = 1;

-- name: PutInstanceThresholds
INSERT INTO instance_thresholds (id, thresholds, updated_at) VALUES (1, $1, $2)
ON CONFLICT (id) DO UPDATE SET thresholds = excluded.thresholds, updated_at = excluded.updated_at;
