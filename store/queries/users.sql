-- name: InsertUser
INSERT INTO users (email, name, role, confidential, created_at) VALUES ($1, $2, $3, $4, $5)
RETURNING id;

-- name: GetUserByEmail
SELECT id, email, name, role, confidential, created_at FROM users WHERE lower(email) = lower($1);

-- name: UpdateUserRole
UPDATE users SET role = $2, confidential = $3 WHERE id = $1;

-- name: CountUsers
SELECT COUNT(*) FROM users;

-- name: InsertToken
INSERT INTO api_tokens (user_id, token_hash, created_at) VALUES ($1, $2, $3);

-- name: UserByToken
-- A disabled account's token opens nothing.
SELECT u.id, u.email, u.name, u.role, u.confidential, u.created_at
FROM api_tokens t JOIN users u ON u.id = t.user_id WHERE t.token_hash = $1 AND NOT u.disabled;

-- name: SetFeedToken
INSERT INTO feed_tokens (user_id, token_hash, created_at) VALUES ($1, $2, $3)
ON CONFLICT (user_id) DO UPDATE SET token_hash = excluded.token_hash, created_at = excluded.created_at;

-- name: DeleteFeedToken
DELETE FROM feed_tokens WHERE user_id = $1;

-- name: FeedTokenMade
SELECT created_at FROM feed_tokens WHERE user_id = $1;

-- name: UserByFeedToken
-- A disabled account's feed shows nothing.
SELECT u.id, u.email, u.name, u.role, u.confidential, u.created_at
FROM feed_tokens t JOIN users u ON u.id = t.user_id WHERE t.token_hash = $1 AND NOT u.disabled;
