-- PostgreSQL versions of queries of ../stats.sql: JSON arrays are read
-- here with jsonb_array_elements_text, with json_each in SQLite (the base
-- query).

-- name: EstimateCitations
SELECT x.estimate_id, x.source_id, CASE WHEN s.visibility <= $1 THEN 1 ELSE 0 END
FROM estimate_sources x JOIN sources s ON s.id = x.source_id
WHERE x.estimate_id IN (SELECT jsonb_array_elements_text($2::jsonb)::bigint)
ORDER BY x.estimate_id, x.position;
