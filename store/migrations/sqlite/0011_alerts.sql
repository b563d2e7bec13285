-- The silence clock's alerts: one row per condition a rule found on a case,
-- from the day it opened until the event that ended it (or a person) resolved
-- it, with every change of state and severity in alert_changes.
--
-- message is the rule's sentence as staff read it, from the case's facts up
-- to internal ones (sealed when the case is confidential); public_* is the
-- same condition as the public timeline alone shows it, empty when the public
-- cannot see it (then the alert cannot be published, whatever public says).

CREATE TABLE alerts (
    id               INTEGER PRIMARY KEY,
    case_id          INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    rule             TEXT    NOT NULL,
    key              TEXT    NOT NULL,
    state            TEXT    NOT NULL CHECK (state IN ('open', 'acknowledged', 'resolved')),
    severity         TEXT    NOT NULL,
    since            TEXT    NOT NULL DEFAULT '',
    days             INTEGER NOT NULL DEFAULT 0,
    at_least         INTEGER NOT NULL DEFAULT 0,
    message          TEXT    NOT NULL,
    event_id         INTEGER NOT NULL DEFAULT 0,
    intervention_id  INTEGER NOT NULL DEFAULT 0,
    visibility       INTEGER NOT NULL CHECK (visibility BETWEEN 1 AND 2),
    public           INTEGER NOT NULL DEFAULT 0,
    public_severity  TEXT    NOT NULL DEFAULT '',
    public_days      INTEGER NOT NULL DEFAULT 0,
    public_at_least  INTEGER NOT NULL DEFAULT 0,
    public_message   TEXT    NOT NULL DEFAULT '',
    opened_at        TEXT    NOT NULL,
    updated_at       TEXT    NOT NULL,
    acknowledged_at  TEXT,
    acknowledged_by  TEXT    NOT NULL DEFAULT '',
    ack_note         TEXT    NOT NULL DEFAULT '',
    resolved_at      TEXT,
    resolved_by      TEXT    NOT NULL DEFAULT '',
    resolution       TEXT    NOT NULL DEFAULT '',
    ended_by_event   INTEGER NOT NULL DEFAULT 0
);
-- Evaluating twice opens nothing twice: one unresolved alert per condition.
CREATE UNIQUE INDEX alerts_open_key ON alerts (key) WHERE state <> 'resolved';
CREATE INDEX alerts_case ON alerts (case_id, state);
CREATE INDEX alerts_state ON alerts (state, id);

CREATE TABLE alert_changes (
    id        INTEGER PRIMARY KEY,
    alert_id  INTEGER NOT NULL REFERENCES alerts (id) ON DELETE CASCADE,
    at        TEXT    NOT NULL,
    change    TEXT    NOT NULL CHECK (change IN ('opened', 'severity', 'acknowledged', 'resolved', 'published', 'unpublished')),
    severity  TEXT    NOT NULL,
    by_user   TEXT    NOT NULL DEFAULT '',
    note      TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX alert_changes_alert ON alert_changes (alert_id, id);

-- A case's own thresholds over the instance's (alerts.Thresholds as JSON).
CREATE TABLE alert_thresholds (
    case_id    INTEGER PRIMARY KEY REFERENCES cases (id) ON DELETE CASCADE,
    thresholds TEXT    NOT NULL
);
