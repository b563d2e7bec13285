-- name: ClaimDeliveries
-- Several serve processes claim at once: each skips the rows another has
-- locked, so no delivery is claimed twice.
UPDATE deliveries SET next_at = $2, attempts = attempts + 1
WHERE id IN (SELECT id FROM deliveries WHERE state = 'pending' AND next_at <= $1 ORDER BY next_at, id LIMIT $3
             FOR UPDATE SKIP LOCKED)
RETURNING id;

-- name: ClaimMails
-- Several serve processes claim at once: each skips the rows another has
-- locked, so no mail is claimed twice.
UPDATE mails SET next_at = $2, attempts = attempts + 1
WHERE id IN (SELECT id FROM mails WHERE state = 'pending' AND next_at <= $1 ORDER BY next_at, id LIMIT $3
             FOR UPDATE SKIP LOCKED)
RETURNING id;
