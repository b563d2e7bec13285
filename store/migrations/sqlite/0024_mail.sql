-- habeas: derived state unchanged
-- E-mail notices of alert changes, through the outbox of 0013: a staff
-- account subscribes (one subscription each) by minimum severity, country
-- and organization; each notice it matches becomes a mail item in the
-- transaction of the alert's change. A critical alert opened or raised goes
-- into a mail of its own at once; the rest wait for the account's daily
-- digest, gathered into one mail at digest_hour (UTC). A worker claims due
-- mails, sends them over SMTP and records the outcome.
CREATE TABLE mail_subscriptions (
    user_id         INTEGER NOT NULL PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    min_severity    TEXT    NOT NULL,
    country         TEXT    NOT NULL DEFAULT '',
    organization_id INTEGER NOT NULL DEFAULT 0,
    digest_hour     INTEGER NOT NULL DEFAULT 6 CHECK (digest_hour BETWEEN 0 AND 23),
    updated_at      TEXT    NOT NULL
);

CREATE TABLE mails (
    id          INTEGER PRIMARY KEY,
    user_id     INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind        TEXT    NOT NULL CHECK (kind IN ('alert', 'digest')),
    state       TEXT    NOT NULL CHECK (state IN ('pending', 'sent', 'gave_up')),
    attempts    INTEGER NOT NULL DEFAULT 0,
    next_at     TEXT    NOT NULL,              -- due, or leased until, by a worker
    last_error  TEXT    NOT NULL DEFAULT '',
    created_at  TEXT    NOT NULL,
    sent_at     TEXT
);
CREATE INDEX mails_due ON mails (state, next_at);
CREATE INDEX mails_user ON mails (user_id, id);

CREATE TABLE mail_items (
    id         INTEGER PRIMARY KEY,
    outbox_id  INTEGER NOT NULL REFERENCES outbox (id) ON DELETE CASCADE,
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    mail_id    INTEGER REFERENCES mails (id) ON DELETE CASCADE, -- NULL: waiting for the digest
    due_at     TEXT    NOT NULL,                                -- when the digest may take it
    UNIQUE (outbox_id, user_id)
);
CREATE INDEX mail_items_mail ON mail_items (mail_id, due_at);
CREATE INDEX mail_items_user ON mail_items (user_id);
