-- name: FormerAtFacility
-- The cases whose visible timeline places them at facility $2 ($1 access)
-- but whose person is not held there now, latest case first, before case
-- $3, at most $4: the first event there, and the first event after the last
-- one there that took them away (a transfer elsewhere, a release, a pardon
-- or a death). The page of cases is chosen first, from the covering index
-- events_facility, so the dates are read for that page only.
SELECT c.id, p.id, p.slug, p.name,
       f.id, f.date,
       COALESCE(u.id, 0), COALESCE(u.kind, ''), COALESCE(u.date, ''), COALESCE(u.facility_id, 0)
FROM (SELECT e.case_id, MAX(e.date_min) AS last_day
      FROM events e
      JOIN cases c ON c.id = e.case_id AND c.visibility <= $1
      JOIN people p ON p.id = c.person_id AND p.visibility <= $1
      WHERE e.facility_id = $2 AND e.visibility <= $1 AND e.case_id < $3
        AND NOT EXISTS (SELECT 1 FROM person_list l
                        WHERE l.access = $1 AND l.person_id = p.id AND l.case_id = c.id AND l.facility_id = $2
                          AND l.status IN ('detained', 'pre_trial', 'sentenced'))
      GROUP BY e.case_id
      ORDER BY e.case_id DESC
      LIMIT $4) at
JOIN cases c ON c.id = at.case_id
JOIN people p ON p.id = c.person_id
JOIN events f ON f.id = (SELECT e.id FROM events e
                         WHERE e.case_id = at.case_id AND e.facility_id = $2 AND e.visibility <= $1
                         ORDER BY e.date_min, e.id LIMIT 1)
LEFT JOIN events u ON u.id = (SELECT e.id FROM events e
                              WHERE e.case_id = at.case_id AND e.visibility <= $1 AND e.date_min >= at.last_day
                                AND e.kind IN ('transfer', 'release', 'pardon', 'death')
                                AND (e.facility_id IS NULL OR e.facility_id <> $2)
                              ORDER BY e.date_min, e.id LIMIT 1)
ORDER BY at.case_id DESC;

-- name: EventCitations
-- The sources the events of a JSON array of ids cite, with whether the
-- reader ($1 access) may see each.
SELECT x.event_id, x.source_id, CASE WHEN s.visibility <= $1 THEN 1 ELSE 0 END
FROM event_sources x JOIN sources s ON s.id = x.source_id
WHERE x.event_id IN (SELECT value FROM json_each($2))
ORDER BY x.event_id, x.position;
