-- Full-text search (see migration 0016 and package search). $1 is the
-- reader's access, $2 the query (an FTS5 match expression here, a
-- tsquery text in PostgreSQL's versions), $3 the most hits. Newest
-- records first; what they belong to is checked at the reader's access.

-- name: SearchCases
SELECT c.id, c.court, COALESCE((SELECT group_concat(ch.article || ' ' || ch.text, '; ') FROM charges ch WHERE ch.case_id = c.id), ''),
       p.id, p.slug
FROM search_cases f JOIN cases c ON c.id = f.rowid JOIN people p ON p.id = c.person_id
WHERE search_cases MATCH $2 AND c.visibility <= $1 AND p.visibility <= $1
ORDER BY f.rowid DESC LIMIT $3;

-- name: SearchEvents
SELECT e.id, e.kind, e.date, e.summary, e.quote, e.speaker, p.id, p.slug
FROM search_events f JOIN events e ON e.id = f.rowid JOIN cases c ON c.id = e.case_id JOIN people p ON p.id = c.person_id
WHERE search_events MATCH $2 AND e.visibility <= $1 AND c.visibility <= $1 AND p.visibility <= $1
ORDER BY f.rowid DESC LIMIT $3;

-- name: SearchPosts
-- $4 now: the public finds a post once it shows.
SELECT po.id, po.slug, po.title, po.summary, po.body
FROM search_posts f JOIN posts po ON po.id = f.rowid
WHERE search_posts MATCH $2 AND po.visibility <= $1 AND ($1 > 0 OR (po.state = 'published' AND po.publish_at <= $4))
ORDER BY f.rowid DESC LIMIT $3;
