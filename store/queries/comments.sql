-- name: InsertComment
INSERT INTO comments (post_id, name, text, status, created_at, updated_at)
VALUES ($1, $2, $3, $4, $5, $6)
RETURNING id;

-- name: PostOpenForComments
-- The post with slug $1 if the public may read it now ($2): the only
-- posts a visitor may comment on.
SELECT id FROM posts WHERE slug = $1 AND visibility = 0 AND state = 'published' AND publish_at <= $2;

-- name: CommentAt
-- A comment a writer ($1 access) may see: staff see every comment of
-- every post they may see, in every state.
SELECT c.id FROM comments c JOIN posts p ON p.id = c.post_id WHERE p.visibility <= $1 AND c.id = $2;

-- name: GetComment
-- $1 access, $2 id, $3 now. The public sees only an approved comment of a
-- post it may read now.
SELECT c.id, c.post_id, c.name, c.text, c.status, c.created_at, c.updated_at
FROM comments c JOIN posts p ON p.id = c.post_id
WHERE c.id = $2 AND p.visibility <= $1
  AND ($1 > 0 OR (c.status = 'approved' AND p.state = 'published' AND p.publish_at <= $3));

-- name: ListComments
-- $1 access, $2 now, $3 post (0 every post), $4 status ('' any), after
-- $5 id, $6 limit; oldest first. The public sees only the approved
-- comments of the posts it may read now.
SELECT c.id, c.post_id, c.name, c.text, c.status, c.created_at, c.updated_at
FROM comments c JOIN posts p ON p.id = c.post_id
WHERE p.visibility <= $1
  AND ($1 > 0 OR (c.status = 'approved' AND p.state = 'published' AND p.publish_at <= $2))
  AND ($3 = 0 OR c.post_id = $3) AND ($4 = '' OR c.status = $4) AND c.id > $5
ORDER BY c.id LIMIT $6;

-- name: SetCommentStatus
UPDATE comments SET status = $2, updated_at = $3 WHERE id = $1;

-- name: DeleteComment
DELETE FROM comments WHERE id = $1;

-- name: CountInput
-- One more use of a form by a client in an hour ($1 slot, $2 when the
-- hour is over): the uses of the slot so far, this one included.
INSERT INTO input_limits (slot, expires, hits) VALUES ($1, $2, 1)
ON CONFLICT (slot) DO UPDATE SET hits = input_limits.hits + 1
RETURNING hits;

-- name: PruneInputLimits
DELETE FROM input_limits WHERE expires <= $1;
