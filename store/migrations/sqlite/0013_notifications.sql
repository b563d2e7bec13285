-- Notifications of alert changes through a transactional outbox: the change
-- of an alert and the notices it causes are written in one transaction, so
-- a crash neither loses nor doubles one. Each notice is fanned out, in the
-- same transaction, into one delivery per webhook whose subscription it
-- matches; a worker claims due deliveries, sends them, and records the
-- outcome (the delivery log).

CREATE TABLE webhooks (
    id             INTEGER PRIMARY KEY,
    url            TEXT    NOT NULL,
    secret         BLOB    NOT NULL,           -- sealed: signs every body
    -- The most a webhook may receive: internal (1) or confidential (2).
    access         INTEGER NOT NULL CHECK (access BETWEEN 1 AND 2),
    min_severity   TEXT    NOT NULL DEFAULT 'info',
    country        TEXT    NOT NULL DEFAULT '',
    organization_id INTEGER NOT NULL DEFAULT 0,
    active         INTEGER NOT NULL DEFAULT 1,
    allow_private  INTEGER NOT NULL DEFAULT 0, -- an admin allowed a loopback or private address
    created_at     TEXT    NOT NULL,
    updated_at     TEXT    NOT NULL
);

CREATE TABLE outbox (
    id          INTEGER PRIMARY KEY,
    alert_id    INTEGER NOT NULL REFERENCES alerts (id) ON DELETE CASCADE,
    change      TEXT    NOT NULL,
    visibility  INTEGER NOT NULL,
    severity    TEXT    NOT NULL,
    payload     TEXT    NOT NULL,              -- habeas.AlertNotice as JSON, sealed when confidential
    created_at  TEXT    NOT NULL
);
CREATE INDEX outbox_alert ON outbox (alert_id);

CREATE TABLE deliveries (
    id            INTEGER PRIMARY KEY,
    outbox_id     INTEGER NOT NULL REFERENCES outbox (id) ON DELETE CASCADE,
    webhook_id    INTEGER NOT NULL REFERENCES webhooks (id) ON DELETE CASCADE,
    state         TEXT    NOT NULL CHECK (state IN ('pending', 'sent', 'gave_up')),
    attempts      INTEGER NOT NULL DEFAULT 0,
    next_at       TEXT    NOT NULL,            -- due, or leased until, by a worker
    last_status   INTEGER NOT NULL DEFAULT 0,
    last_error    TEXT    NOT NULL DEFAULT '',
    sent_at       TEXT,
    UNIQUE (outbox_id, webhook_id)
);
CREATE INDEX deliveries_due ON deliveries (state, next_at);
CREATE INDEX deliveries_webhook ON deliveries (webhook_id, id);
