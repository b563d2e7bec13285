-- PostgreSQL versions of ../search.sql: $2 is a to_tsquery text (simple
-- configuration), matched against the GIN-indexed tsvector of each record.

-- name: SearchCases
SELECT c.id, c.court, COALESCE((SELECT string_agg(ch.article || ' ' || ch.text, '; ') FROM charges ch WHERE ch.case_id = c.id), ''),
       p.id, p.slug
FROM search_cases f JOIN cases c ON c.id = f.id JOIN people p ON p.id = c.person_id
WHERE f.sounds @@ to_tsquery('simple', $2) AND c.visibility <= $1 AND p.visibility <= $1
ORDER BY f.id DESC LIMIT $3;

-- name: SearchEvents
SELECT e.id, e.kind, e.date, e.summary, e.quote, e.speaker, p.id, p.slug
FROM search_events f JOIN events e ON e.id = f.id JOIN cases c ON c.id = e.case_id JOIN people p ON p.id = c.person_id
WHERE f.sounds @@ to_tsquery('simple', $2) AND e.visibility <= $1 AND c.visibility <= $1 AND p.visibility <= $1
ORDER BY f.id DESC LIMIT $3;

-- name: SearchPosts
SELECT po.id, po.slug, po.title, po.summary, po.body
FROM search_posts f JOIN posts po ON po.id = f.id
WHERE f.sounds @@ to_tsquery('simple', $2) AND po.visibility <= $1 AND ($1 > 0 OR (po.state = 'published' AND po.publish_at <= $4))
ORDER BY f.id DESC LIMIT $3;
