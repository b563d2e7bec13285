-- PostgreSQL forms of queries of ../sources.sql that SQLite and PostgreSQL cannot share:
-- a JSON array of ids or keys is expanded with jsonb_array_elements_text
-- here, with json_each in SQLite (the base query).

-- name: SourcesByIDs
-- The visible sources among the ids of a JSON array.
SELECT id, kind, title, url, publisher, published_on, reliability,
       CASE WHEN $1 >= 2 THEN identity_sealed END, visibility, created_at, updated_at
FROM sources WHERE visibility <= $1 AND id IN (SELECT jsonb_array_elements_text($2::jsonb)::bigint);
