-- name: AuditHead
SELECT last_id, hash FROM audit_head WHERE id = 1;

-- name: SetAuditHead
UPDATE audit_head SET last_id = $1, hash = $2 WHERE id = 1;

-- name: InsertAudit
INSERT INTO audit (id, at, actor_id, actor, action, kind, record_id, visibility, body, body_key, prev_hash, hash)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12);

-- name: AuditOfRecord
SELECT id, at, actor_id, actor, action, kind, record_id, visibility, body, body_key, prev_hash, hash
FROM audit WHERE kind = $1 AND record_id = $2 ORDER BY id;

-- name: ListAudit
SELECT id, at, actor_id, actor, action, kind, record_id, visibility, body, body_key, prev_hash, hash
FROM audit
WHERE id < $1 AND ($2 = '' OR actor = $2) AND ($3 = '' OR action = $3) AND ($4 = '' OR kind = $4)
    AND ($5 = 0 OR record_id = $5) AND ($6 = '' OR at >= $6) AND ($7 = '' OR at < $7)
ORDER BY id DESC LIMIT $8;

-- name: RecentChanges
-- $1 access, $2 limit: the newest changes of records, that the reader may read.
SELECT id, at, actor_id, actor, action, kind, record_id, visibility, body, body_key, prev_hash, hash
FROM audit
WHERE kind <> '' AND visibility <= $1
ORDER BY id DESC LIMIT $2;

-- name: UserForAudit
-- A staff account as the audit log keeps it before a change.
SELECT id, email, name, role, confidential, created_at FROM users WHERE id = $1;
