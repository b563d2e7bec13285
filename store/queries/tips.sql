-- name: InsertTip
INSERT INTO tips (person_id, name, contact, text, status, created_at, updated_at)
VALUES ($1, $2, $3, $4, $5, $6, $7)
RETURNING id;

-- name: PersonOpenForTips
-- The person with slug $1 if the public may see them: the only people a
-- visitor may send a tip about.
SELECT id FROM people WHERE slug = $1 AND visibility = 0;

-- name: TipAt
-- A tip a writer ($1 access) may see: tips are confidential.
SELECT id FROM tips WHERE $1 >= 2 AND id = $2;

-- name: GetTip
-- $1 access, $2 id: only a reader with confidential access reads a tip.
SELECT id, COALESCE(person_id, 0), name, contact, text, status, created_at, updated_at
FROM tips WHERE $1 >= 2 AND id = $2;

-- name: ListTips
-- $1 access, $2 person (0 every person), $3 status ('' any), before $4 id,
-- $5 limit; newest first.
SELECT id, COALESCE(person_id, 0), name, contact, text, status, created_at, updated_at
FROM tips
WHERE $1 >= 2 AND ($2 = 0 OR person_id = $2) AND ($3 = '' OR status = $3) AND id < $4
ORDER BY id DESC LIMIT $5;

-- name: SetTipStatus
UPDATE tips SET status = $2, updated_at = $3 WHERE id = $1;

-- name: MoveTips
-- A merge: the tips about the duplicate ($1) are about the survivor ($2).
UPDATE tips SET person_id = $2 WHERE person_id = $1;
