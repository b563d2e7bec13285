-- name: InsertSource
INSERT INTO sources (kind, title, url, publisher, published_on, reliability, identity_sealed, visibility, created_at, updated_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
RETURNING id;

-- name: UpdateSource
UPDATE sources SET kind = $2, title = $3, url = $4, publisher = $5, published_on = $6, reliability = $7,
       identity_sealed = $8, visibility = $9, updated_at = $10
WHERE id = $1;

-- name: DeleteSource
DELETE FROM sources WHERE id = $1;

-- name: GetSource
SELECT id, kind, title, url, publisher, published_on, reliability,
       CASE WHEN $1 >= 2 THEN identity_sealed END, visibility, created_at, updated_at
FROM sources WHERE id = $2 AND visibility <= $1;

-- name: ListSources
-- $1 access, $2 kind, $3 cursor id, $4 limit.
SELECT id, kind, title, url, publisher, published_on, reliability,
       CASE WHEN $1 >= 2 THEN identity_sealed END, visibility, created_at, updated_at
FROM sources WHERE visibility <= $1 AND ($2 = '' OR kind = $2) AND id > $3
ORDER BY id LIMIT $4;

-- name: SourcesByIDs
-- The visible sources among the ids of a JSON array.
SELECT id, kind, title, url, publisher, published_on, reliability,
       CASE WHEN $1 >= 2 THEN identity_sealed END, visibility, created_at, updated_at
FROM sources WHERE visibility <= $1 AND id IN (SELECT value FROM json_each($2));
