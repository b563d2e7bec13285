-- name: TranslationsOfPosts
-- The translations into $3 of the posts of a JSON array of ids ($2), as
-- the reader ($1 access, $4 now) may see them.
SELECT id, slug, lang, COALESCE(translation_of, 0), title, summary, body, author, cover_url,
       CASE WHEN (SELECT m.visibility FROM media m WHERE m.id = posts.cover_media_id) > $1 THEN '' ELSE cover_alt END,
       CASE WHEN (SELECT m.visibility FROM media m WHERE m.id = posts.cover_media_id) > $1 THEN '' ELSE cover_caption END,
       quotes, COALESCE(fact_person_id, 0), state, publish_at, visibility, created_at, updated_at,
       COALESCE(CASE WHEN (SELECT m.visibility FROM media m WHERE m.id = posts.cover_media_id) <= $1 THEN posts.cover_media_id END, 0)
FROM posts
WHERE translation_of IN (SELECT jsonb_array_elements_text($2::jsonb)::bigint) AND ($3 = '' OR lang = $3)
  AND visibility <= $1 AND ($1 > 0 OR (state = 'published' AND publish_at <= $4))
ORDER BY translation_of, lang;

-- name: TagsOfPosts
SELECT post_id, tag FROM post_tags WHERE post_id IN (SELECT jsonb_array_elements_text($1::jsonb)::bigint) ORDER BY post_id, tag;

-- name: LinksOfPosts
-- What the posts of a JSON array of ids ($2) are about, as far as the
-- reader ($1 access) may see: kind, post, record, in the writer's order.
SELECT 'person', x.post_id, x.person_id, x.position FROM post_people x JOIN people r ON r.id = x.person_id
WHERE x.post_id IN (SELECT jsonb_array_elements_text($2::jsonb)::bigint) AND r.visibility <= $1
UNION ALL
SELECT 'organization', x.post_id, x.organization_id, x.position FROM post_organizations x JOIN organizations r ON r.id = x.organization_id
WHERE x.post_id IN (SELECT jsonb_array_elements_text($2::jsonb)::bigint) AND r.visibility <= $1
UNION ALL
SELECT 'case', x.post_id, x.case_id, x.position FROM post_cases x JOIN cases r ON r.id = x.case_id
WHERE x.post_id IN (SELECT jsonb_array_elements_text($2::jsonb)::bigint) AND r.visibility <= $1
ORDER BY 2, 1, 4;

-- name: PostCitations
SELECT x.post_id, x.source_id, CASE WHEN s.visibility <= $1 THEN 1 ELSE 0 END
FROM post_sources x JOIN sources s ON s.id = x.source_id
WHERE x.post_id IN (SELECT jsonb_array_elements_text($2::jsonb)::bigint)
ORDER BY x.post_id, x.position;


-- name: VisiblePeopleIDs
-- The people of a JSON array of ids ($2) the reader ($1 access) may see.
SELECT id FROM people WHERE visibility <= $1 AND id IN (SELECT jsonb_array_elements_text($2::jsonb)::bigint);
