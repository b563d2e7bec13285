-- Evidence files (docs/media.md). The filename and the uploader are for
-- staff: blank for public readers. The original is never read at public
-- access.

-- name: InsertMedia
INSERT INTO media (sha256, content_type, size, filename, width, height, alt, caption, uploaded_by,
                   visibility, created_at, updated_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
RETURNING id;

-- name: UpdateMedia
UPDATE media SET filename = $2, alt = $3, caption = $4, visibility = $5, updated_at = $6 WHERE id = $1;

-- name: DeleteMedia
DELETE FROM media WHERE id = $1;

-- name: GetMedia
SELECT id, sha256, content_type, size, CASE WHEN $1 >= 1 THEN filename ELSE '' END, width, height, alt, caption,
       CASE WHEN $1 >= 1 THEN uploaded_by END, visibility, created_at, updated_at
FROM media WHERE id = $2 AND visibility <= $1;

-- name: ListMedia
-- $1 access, $2 cursor id, $3 limit.
SELECT id, sha256, content_type, size, CASE WHEN $1 >= 1 THEN filename ELSE '' END, width, height, alt, caption,
       CASE WHEN $1 >= 1 THEN uploaded_by END, visibility, created_at, updated_at
FROM media WHERE visibility <= $1 AND id > $2 ORDER BY id LIMIT $3;

-- name: MediaVisibility
SELECT visibility FROM media WHERE id = $1;

-- name: MediaText
-- What UpdateMedia keeps: the filename (as stored) and the content type.
SELECT filename, content_type FROM media WHERE id = $1;

-- name: PeopleShowingMedia
SELECT COUNT(*) FROM people WHERE photo_media_id = $1;

-- name: InsertMediaBlob
INSERT INTO media_blobs (media_id, variant, content_type, width, height, size, data, data_sealed)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8);

-- name: GetMediaBlob
-- One variant of a file the reader may see; the original only from
-- internal access up.
SELECT m.sha256, b.content_type, b.width, b.height, b.data, b.data_sealed
FROM media_blobs b JOIN media m ON m.id = b.media_id
WHERE b.media_id = $2 AND b.variant = $3 AND m.visibility <= $1 AND (b.variant <> 'original' OR $1 >= 1);

-- name: MediaBlobsOf
SELECT id, variant, data, data_sealed FROM media_blobs WHERE media_id = $1 ORDER BY id;

-- name: SetMediaBlob
UPDATE media_blobs SET data = $2, data_sealed = $3 WHERE id = $1;
