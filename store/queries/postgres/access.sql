-- PostgreSQL expands JSON arrays with jsonb_array_elements_text.

-- name: VisibleSourceIDsAt
-- The sources of a JSON array of ids that a writer ($1 access) may see.
SELECT id FROM sources WHERE visibility <= $1 AND id IN (SELECT jsonb_array_elements_text($2::jsonb)::bigint);
