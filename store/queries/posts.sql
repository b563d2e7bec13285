-- name: InsertPost
INSERT INTO posts (slug, lang, translation_of, title, summary, body, author, cover_url, cover_alt, cover_caption,
                   quotes, fact_person_id, state, publish_at, visibility, created_at, updated_at, cover_media_id)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)
RETURNING id;

-- name: UpdatePost
UPDATE posts SET slug = $2, lang = $3, translation_of = $4, title = $5, summary = $6, body = $7, author = $8,
       cover_url = $9, cover_alt = $10, cover_caption = $11, quotes = $12, fact_person_id = $13, state = $14,
       publish_at = $15, visibility = $16, updated_at = $17, cover_media_id = $18
WHERE id = $1;

-- name: DeletePost
DELETE FROM posts WHERE id = $1;

-- name: PostAt
-- A post a writer ($1 access) may see, whatever its state: staff see drafts.
SELECT id FROM posts WHERE visibility <= $1 AND id = $2;

-- name: PostForWrite
-- What a write needs of a post as it is: its original, language, state and time.
SELECT COALESCE(translation_of, 0), lang, state, publish_at FROM posts WHERE id = $1;

-- name: TranslationCount
SELECT COUNT(*) FROM posts WHERE translation_of = $1;

-- name: PostSlugTaken
SELECT COUNT(*) FROM posts WHERE slug = $1 AND id <> $2;

-- name: GetPost
-- $1 access, $2 id, $3 now. The public ($1 = 0) sees only published posts
-- whose time has come.
SELECT id, slug, lang, COALESCE(translation_of, 0), title, summary, body, author, cover_url,
       CASE WHEN (SELECT m.visibility FROM media m WHERE m.id = posts.cover_media_id) > $1 THEN '' ELSE cover_alt END,
       CASE WHEN (SELECT m.visibility FROM media m WHERE m.id = posts.cover_media_id) > $1 THEN '' ELSE cover_caption END,
       quotes, COALESCE(fact_person_id, 0), state, publish_at, visibility, created_at, updated_at,
       COALESCE(CASE WHEN (SELECT m.visibility FROM media m WHERE m.id = posts.cover_media_id) <= $1 THEN posts.cover_media_id END, 0)
FROM posts WHERE id = $2 AND visibility <= $1 AND ($1 > 0 OR (state = 'published' AND publish_at <= $3));

-- name: GetPostBySlug
SELECT id, slug, lang, COALESCE(translation_of, 0), title, summary, body, author, cover_url,
       CASE WHEN (SELECT m.visibility FROM media m WHERE m.id = posts.cover_media_id) > $1 THEN '' ELSE cover_alt END,
       CASE WHEN (SELECT m.visibility FROM media m WHERE m.id = posts.cover_media_id) > $1 THEN '' ELSE cover_caption END,
       quotes, COALESCE(fact_person_id, 0), state, publish_at, visibility, created_at, updated_at,
       COALESCE(CASE WHEN (SELECT m.visibility FROM media m WHERE m.id = posts.cover_media_id) <= $1 THEN posts.cover_media_id END, 0)
FROM posts WHERE slug = $2 AND visibility <= $1 AND ($1 > 0 OR (state = 'published' AND publish_at <= $3));

-- name: ListPosts
-- $1 access, $2 now, $3 lang, $4 tag, $5 person, $6 organization,
-- $7 originals only (1), $8 state ('' any, 'draft', 'published'), after
-- ($9 publish_at, $10 id), $11 limit. Newest first.
SELECT id, slug, lang, COALESCE(translation_of, 0), title, summary, body, author, cover_url,
       CASE WHEN (SELECT m.visibility FROM media m WHERE m.id = p.cover_media_id) > $1 THEN '' ELSE cover_alt END,
       CASE WHEN (SELECT m.visibility FROM media m WHERE m.id = p.cover_media_id) > $1 THEN '' ELSE cover_caption END,
       quotes, COALESCE(fact_person_id, 0), state, publish_at, visibility, created_at, updated_at,
       COALESCE(CASE WHEN (SELECT m.visibility FROM media m WHERE m.id = p.cover_media_id) <= $1 THEN p.cover_media_id END, 0)
FROM posts p
WHERE visibility <= $1 AND ($1 > 0 OR (state = 'published' AND publish_at <= $2))
  AND ($3 = '' OR lang = $3)
  AND ($4 = '' OR EXISTS (SELECT 1 FROM post_tags t WHERE t.post_id = p.id AND t.tag = $4))
  AND ($5 = 0 OR EXISTS (SELECT 1 FROM post_people x WHERE x.post_id = p.id AND x.person_id = $5))
  AND ($6 = 0 OR EXISTS (SELECT 1 FROM post_organizations x WHERE x.post_id = p.id AND x.organization_id = $6))
  AND ($7 = 0 OR translation_of IS NULL)
  AND ($8 = '' OR state = $8)
  AND (publish_at < $9 OR (publish_at = $9 AND id < $10))
ORDER BY publish_at DESC, id DESC LIMIT $11;

-- name: TranslationsOfPosts
-- The translations into $3 of the posts of a JSON array of ids ($2), as
-- the reader ($1 access, $4 now) may see them.
SELECT id, slug, lang, COALESCE(translation_of, 0), title, summary, body, author, cover_url,
       CASE WHEN (SELECT m.visibility FROM media m WHERE m.id = posts.cover_media_id) > $1 THEN '' ELSE cover_alt END,
       CASE WHEN (SELECT m.visibility FROM media m WHERE m.id = posts.cover_media_id) > $1 THEN '' ELSE cover_caption END,
       quotes, COALESCE(fact_person_id, 0), state, publish_at, visibility, created_at, updated_at,
       COALESCE(CASE WHEN (SELECT m.visibility FROM media m WHERE m.id = posts.cover_media_id) <= $1 THEN posts.cover_media_id END, 0)
FROM posts
WHERE translation_of IN (SELECT value FROM json_each($2)) AND ($3 = '' OR lang = $3)
  AND visibility <= $1 AND ($1 > 0 OR (state = 'published' AND publish_at <= $4))
ORDER BY translation_of, lang;

-- name: InsertPostTag
INSERT INTO post_tags (post_id, tag) VALUES ($1, $2);

-- name: DeletePostTags
DELETE FROM post_tags WHERE post_id = $1;

-- name: TagsOfPosts
SELECT post_id, tag FROM post_tags WHERE post_id IN (SELECT value FROM json_each($1)) ORDER BY post_id, tag;

-- name: InsertPostPerson
INSERT INTO post_people (post_id, person_id, position) VALUES ($1, $2, $3);

-- name: InsertPostOrganization
INSERT INTO post_organizations (post_id, organization_id, position) VALUES ($1, $2, $3);

-- name: InsertPostCase
INSERT INTO post_cases (post_id, case_id, position) VALUES ($1, $2, $3);

-- name: DeletePostPeople
DELETE FROM post_people WHERE post_id = $1;

-- name: DeletePostOrganizations
DELETE FROM post_organizations WHERE post_id = $1;

-- name: DeletePostCases
DELETE FROM post_cases WHERE post_id = $1;

-- name: LinksOfPosts
-- What the posts of a JSON array of ids ($2) are about, as far as the
-- reader ($1 access) may see: kind, post, record, in the writer's order.
SELECT 'person', x.post_id, x.person_id, x.position FROM post_people x JOIN people r ON r.id = x.person_id
WHERE x.post_id IN (SELECT value FROM json_each($2)) AND r.visibility <= $1
UNION ALL
SELECT 'organization', x.post_id, x.organization_id, x.position FROM post_organizations x JOIN organizations r ON r.id = x.organization_id
WHERE x.post_id IN (SELECT value FROM json_each($2)) AND r.visibility <= $1
UNION ALL
SELECT 'case', x.post_id, x.case_id, x.position FROM post_cases x JOIN cases r ON r.id = x.case_id
WHERE x.post_id IN (SELECT value FROM json_each($2)) AND r.visibility <= $1
ORDER BY 2, 1, 4;

-- name: MovePostPeople
-- A merge: the duplicate's posts are about the survivor ($2) now.
UPDATE post_people SET person_id = $2
WHERE person_id = $1 AND post_id NOT IN (SELECT post_id FROM post_people WHERE person_id = $2);

-- name: MovePostFacts
UPDATE posts SET fact_person_id = $2 WHERE fact_person_id = $1;

-- name: InsertPostSource
INSERT INTO post_sources (post_id, source_id, position) VALUES ($1, $2, $3);

-- name: DeletePostSources
DELETE FROM post_sources WHERE post_id = $1;

-- name: HiddenCitationsOfPost
SELECT x.source_id FROM post_sources x JOIN sources s ON s.id = x.source_id
WHERE x.post_id = $1 AND s.visibility > $2 ORDER BY x.position;

-- name: PostCitations
SELECT x.post_id, x.source_id, CASE WHEN s.visibility <= $1 THEN 1 ELSE 0 END
FROM post_sources x JOIN sources s ON s.id = x.source_id
WHERE x.post_id IN (SELECT value FROM json_each($2))
ORDER BY x.post_id, x.position;

-- name: VisiblePeopleIDs
-- The people of a JSON array of ids ($2) the reader ($1 access) may see.
SELECT id FROM people WHERE visibility <= $1 AND id IN (SELECT value FROM json_each($2));

-- name: HiddenPostCover
-- The cover of a post above an access level, with its words, kept when a
-- writer who cannot see it replaces the post.
SELECT p.cover_media_id, p.cover_alt, p.cover_caption FROM posts p JOIN media m ON m.id = p.cover_media_id WHERE p.id = $1 AND m.visibility > $2;
