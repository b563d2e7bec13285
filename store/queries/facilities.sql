-- name: InsertFacility
INSERT INTO facilities (slug, name, kind, country, region, address, latitude, longitude, visibility, created_at, updated_at,
                        description, description_translations)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
RETURNING id;

-- name: UpdateFacility
UPDATE facilities SET slug = $2, name = $3, kind = $4, country = $5, region = $6, address = $7,
       latitude = $8, longitude = $9, visibility = $10, updated_at = $11, description = $12,
       description_translations = $13
WHERE id = $1;

-- name: DeleteFacility
DELETE FROM facilities WHERE id = $1;

-- name: GetFacility
SELECT id, slug, name, kind, country, region, address, latitude, longitude, visibility, created_at, updated_at,
       description, description_translations
FROM facilities WHERE id = $2 AND visibility <= $1;

-- name: GetFacilityBySlug
SELECT id, slug, name, kind, country, region, address, latitude, longitude, visibility, created_at, updated_at,
       description, description_translations
FROM facilities WHERE slug = $2 AND visibility <= $1;

-- name: ListFacilities
-- $1 access, $2 country, $3 kind, $4 cursor id, $5 limit.
SELECT id, slug, name, kind, country, region, address, latitude, longitude, visibility, created_at, updated_at,
       description, description_translations
FROM facilities
WHERE visibility <= $1 AND ($2 = '' OR country = $2) AND ($3 = '' OR kind = $3) AND id > $4
ORDER BY id LIMIT $5;

-- name: FacilitySlugTaken
SELECT COUNT(*) FROM facilities WHERE slug = $1 AND id <> $2;

-- name: FacilitySlugOf
-- The slug and visibility a record has now, before a write (see slugToWrite).
SELECT slug, visibility FROM facilities WHERE id = $1;
