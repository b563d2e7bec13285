-- name: EventCitations
SELECT x.event_id, x.source_id, CASE WHEN s.visibility <= $1 THEN 1 ELSE 0 END
FROM event_sources x JOIN sources s ON s.id = x.source_id
WHERE x.event_id IN (SELECT jsonb_array_elements_text($2::jsonb)::bigint)
ORDER BY x.event_id, x.position;
