-- Notifications of alert changes (see store/notify.go).

-- name: InsertWebhook
INSERT INTO webhooks (url, secret, access, min_severity, country, organization_id, active, allow_private, created_at, updated_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9)
RETURNING id;

-- name: UpdateWebhook
UPDATE webhooks SET url = $2, secret = COALESCE($3, secret), access = $4, min_severity = $5, country = $6,
       organization_id = $7, active = $8, allow_private = $9, updated_at = $10
WHERE id = $1;

-- name: DeleteWebhook
DELETE FROM webhooks WHERE id = $1;

-- name: GetWebhook
-- $1 access, $2 id: a webhook told confidential alerts is for admins with
-- the grant only.
SELECT id, url, access, min_severity, country, organization_id, active, allow_private, created_at, updated_at
FROM webhooks WHERE access <= $1 AND id = $2;

-- name: ListWebhooks
SELECT id, url, access, min_severity, country, organization_id, active, allow_private, created_at, updated_at
FROM webhooks WHERE access <= $1 ORDER BY id;

-- name: ActiveWebhooks
SELECT id, access, min_severity, country, organization_id FROM webhooks WHERE active = TRUE;

-- name: InsertOutbox
INSERT INTO outbox (alert_id, change, visibility, severity, payload, created_at) VALUES ($1, $2, $3, $4, $5, $6)
RETURNING id;

-- name: InsertDelivery
INSERT INTO deliveries (outbox_id, webhook_id, state, next_at) VALUES ($1, $2, 'pending', $3);

-- name: NoticeContext
-- What a notice says of a case: its person's name and id, and its country.
SELECT c.person_id, p.name, c.country FROM cases c JOIN people p ON p.id = c.person_id WHERE c.id = $1;

-- name: OrganizationsOfPersonAt
SELECT organization_id FROM memberships WHERE person_id = $1 AND visibility <= $2 ORDER BY organization_id;

-- name: ClaimDeliveries
-- Lease up to $3 due deliveries until $2 and count the attempt; a worker
-- that dies mid-send leaves them to be claimed again when the lease ends.
UPDATE deliveries SET next_at = $2, attempts = attempts + 1
WHERE id IN (SELECT id FROM deliveries WHERE state = 'pending' AND next_at <= $1 ORDER BY next_at, id LIMIT $3)
RETURNING id;

-- name: OutgoingDelivery
SELECT d.id, w.url, w.secret, w.allow_private, o.payload, d.attempts
FROM deliveries d JOIN webhooks w ON w.id = d.webhook_id JOIN outbox o ON o.id = d.outbox_id
WHERE d.id = $1;

-- name: DeliverySent
UPDATE deliveries SET state = 'sent', last_status = $2, last_error = '', sent_at = $3 WHERE id = $1;

-- name: DeliveryFailed
-- $4 next attempt, or the state gave_up when $5.
UPDATE deliveries SET state = CASE WHEN $5 THEN 'gave_up' ELSE 'pending' END, last_status = $2, last_error = $3,
       next_at = $4
WHERE id = $1;

-- name: ListDeliveries
-- $1 webhook id, $2 cursor id (0: newest), $3 limit. Newest first.
SELECT d.id, d.webhook_id, o.alert_id, o.change, d.state, d.attempts, d.next_at, d.last_status, d.last_error, d.sent_at
FROM deliveries d JOIN outbox o ON o.id = d.outbox_id
WHERE d.webhook_id = $1 AND ($2 = 0 OR d.id < $2)
ORDER BY d.id DESC LIMIT $3;

-- name: OutboxBacklog
SELECT (SELECT COUNT(*) FROM deliveries WHERE state = 'pending'),
       (SELECT COUNT(*) FROM deliveries WHERE state = 'gave_up');

-- name: AnyDueDelivery
SELECT EXISTS (SELECT 1 FROM deliveries WHERE state = 'pending' AND next_at <= $1);
