-- PostgreSQL forms of queries of ../cases.sql that SQLite and PostgreSQL cannot share:
-- a JSON array of ids or keys is expanded with jsonb_array_elements_text
-- here, with json_each in SQLite (the base query).

-- name: ChargesOfCases
-- The charges of the cases of a JSON array of ids, in order.
SELECT case_id, article, text FROM charges WHERE case_id IN (SELECT jsonb_array_elements_text($1::jsonb)::bigint) ORDER BY case_id, position;
