-- name: AuditHead
-- Locked until the write commits: appends line up one after the other,
-- whichever process makes them.
SELECT last_id, hash FROM audit_head WHERE id = 1 FOR UPDATE;
