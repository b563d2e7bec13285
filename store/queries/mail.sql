-- E-mail notices of alert changes (see store/mail.go).

-- name: GetMailSubscription
SELECT min_severity, country, organization_id, digest_hour, updated_at FROM mail_subscriptions WHERE user_id = $1;

-- name: PutMailSubscription
INSERT INTO mail_subscriptions (user_id, min_severity, country, organization_id, digest_hour, updated_at)
VALUES ($1, $2, $3, $4, $5, $6)
ON CONFLICT (user_id) DO UPDATE SET min_severity = excluded.min_severity, country = excluded.country,
       organization_id = excluded.organization_id, digest_hour = excluded.digest_hour, updated_at = excluded.updated_at;

-- name: DeleteMailSubscription
DELETE FROM mail_subscriptions WHERE user_id = $1;

-- name: DropWaitingMail
-- The notices waiting for an account's digest, when it stops its e-mails.
DELETE FROM mail_items WHERE user_id = $1 AND mail_id IS NULL;

-- name: RescheduleWaitingMail
-- The notices waiting for an account's digest wait for its new hour ($2).
UPDATE mail_items SET due_at = $2 WHERE user_id = $1 AND mail_id IS NULL;

-- name: CancelPendingMail
-- An account's mails not sent yet, when it stops its e-mails.
UPDATE mails SET state = 'gave_up', last_error = 'not sent: the e-mails were stopped'
WHERE user_id = $1 AND state = 'pending';

-- name: MailSubscribers
-- The subscriptions of accounts that are not disabled, with what the
-- account may read.
SELECT s.user_id, u.role, u.confidential, s.min_severity, s.country, s.organization_id, s.digest_hour
FROM mail_subscriptions s JOIN users u ON u.id = s.user_id
WHERE NOT u.disabled ORDER BY s.user_id;

-- name: IsAssigned
SELECT EXISTS (SELECT 1 FROM assignments WHERE user_id = $1 AND person_id = $2);

-- name: InsertMail
INSERT INTO mails (user_id, kind, state, next_at, created_at) VALUES ($1, $2, 'pending', $3, $3)
RETURNING id;

-- name: InsertMailItem
-- $4 the mail it goes out in, or NULL to wait for the digest.
INSERT INTO mail_items (outbox_id, user_id, due_at, mail_id) VALUES ($1, $2, $3, $4);

-- name: DigestsDue
-- The accounts with notices waiting whose digest hour has come.
SELECT DISTINCT user_id FROM mail_items WHERE mail_id IS NULL AND due_at <= $1 ORDER BY user_id;

-- name: GatherDigest
-- $1 the new digest, $2 its recipient, $3 now. A notice another process
-- gathered meanwhile is not taken twice: mail_id is no longer NULL.
UPDATE mail_items SET mail_id = $1 WHERE user_id = $2 AND mail_id IS NULL AND due_at <= $3;

-- name: DeleteMail
DELETE FROM mails WHERE id = $1;

-- name: AnyDueMail
SELECT EXISTS (SELECT 1 FROM mails WHERE state = 'pending' AND next_at <= $1)
    OR EXISTS (SELECT 1 FROM mail_items WHERE mail_id IS NULL AND due_at <= $1);

-- name: ClaimMails
-- Lease up to $3 due mails until $2 and count the attempt; a worker that
-- dies mid-send leaves them to be claimed again when the lease ends.
UPDATE mails SET next_at = $2, attempts = attempts + 1
WHERE id IN (SELECT id FROM mails WHERE state = 'pending' AND next_at <= $1 ORDER BY next_at, id LIMIT $3)
RETURNING id;

-- name: OutgoingMail
-- A mail with its account and the account's subscription as it is now
-- (min_severity '' when there is none any more).
SELECT m.id, m.kind, m.attempts, u.id, u.email, u.name, u.role, u.confidential, u.disabled,
       COALESCE(s.min_severity, ''), COALESCE(s.country, ''), COALESCE(s.organization_id, 0)
FROM mails m JOIN users u ON u.id = m.user_id LEFT JOIN mail_subscriptions s ON s.user_id = u.id
WHERE m.id = $1;

-- name: NoticesOfMail
-- The notices of a mail with the current visibility of their alerts, in
-- the order they happened.
SELECT o.payload, o.visibility, a.visibility
FROM mail_items i JOIN outbox o ON o.id = i.outbox_id JOIN alerts a ON a.id = o.alert_id
WHERE i.mail_id = $1 ORDER BY o.created_at, o.id;

-- name: MailSent
-- Only a mail still pending: one given up meanwhile (its account stopped
-- its e-mails) stays given up.
UPDATE mails SET state = 'sent', last_error = '', sent_at = $2 WHERE id = $1 AND state = 'pending';

-- name: MailFailed
-- $3 next attempt, or the state gave_up when $4; only a mail still
-- pending, so that a failed attempt never brings back one given up.
UPDATE mails SET state = CASE WHEN $4 THEN 'gave_up' ELSE 'pending' END, last_error = $2, next_at = $3
WHERE id = $1 AND state = 'pending';

-- name: MailsOfUser
-- An account's latest mails, newest first.
SELECT m.id, m.kind, m.state, m.attempts, m.next_at, m.last_error, m.created_at, m.sent_at,
       (SELECT COUNT(*) FROM mail_items i WHERE i.mail_id = m.id)
FROM mails m WHERE m.user_id = $1 ORDER BY m.id DESC LIMIT $2;

-- name: MailBacklog
SELECT (SELECT COUNT(*) FROM mails WHERE state = 'pending'),
       (SELECT COUNT(*) FROM mails WHERE state = 'gave_up');
