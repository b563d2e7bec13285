-- PostgreSQL forms of queries of ../interventions.sql that SQLite and PostgreSQL cannot share:
-- a JSON array of ids or keys is expanded with jsonb_array_elements_text
-- here, with json_each in SQLite (the base query).

-- name: SourcesOfInterventions
-- The visible sources cited by the interventions of a JSON array of ids.
SELECT x.intervention_id, s.id FROM intervention_sources x
JOIN sources s ON s.id = x.source_id AND s.visibility <= $1
WHERE x.intervention_id IN (SELECT jsonb_array_elements_text($2::jsonb)::bigint) ORDER BY x.intervention_id, x.position;
