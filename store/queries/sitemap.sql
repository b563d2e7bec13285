-- The records a sitemap lists: only what the public may see ($1 is always
-- public access in use; kept as a parameter like every read), in chunks
-- of ids ($2 the chunk size): SitemapChunks* name the chunks that hold
-- any, Sitemap* list one chunk's ids from $3 to $4. Only posts say when
-- they changed: a person's updated_at moves with internal edits too.

-- name: SitemapChunksPeople
SELECT DISTINCT id / $2 FROM people WHERE visibility <= $1 ORDER BY 1;

-- name: SitemapChunksOrganizations
SELECT DISTINCT id / $2 FROM organizations WHERE visibility <= $1 ORDER BY 1;

-- name: SitemapChunksFacilities
SELECT DISTINCT id / $2 FROM facilities WHERE visibility <= $1 ORDER BY 1;

-- name: SitemapChunksPosts
-- $3 now: scheduled posts are not out yet.
SELECT DISTINCT id / $2 FROM posts
WHERE visibility <= $1 AND state = 'published' AND publish_at <= $3 ORDER BY 1;

-- name: SitemapPeople
SELECT id, slug FROM people WHERE visibility <= $1 AND id BETWEEN $2 AND $3 ORDER BY id;

-- name: SitemapOrganizations
SELECT id, slug FROM organizations WHERE visibility <= $1 AND id BETWEEN $2 AND $3 ORDER BY id;

-- name: SitemapFacilities
SELECT id, slug FROM facilities WHERE visibility <= $1 AND id BETWEEN $2 AND $3 ORDER BY id;

-- name: SitemapPosts
-- $4 now.
SELECT id, slug, updated_at FROM posts
WHERE visibility <= $1 AND state = 'published' AND publish_at <= $4 AND id BETWEEN $2 AND $3 ORDER BY id;
