-- habeas: derived state unchanged
-- The audit log: one entry per change and per event of the installation,
-- each chained to the one before by its hash (see docs/audit.md). Ids are
-- given by the store, one after the other, so a missing id is a deleted
-- entry. body holds the entry's before and after, sealed with a key of
-- its own (body_key, which is sealed with the installation's key): the
-- hash covers body, never body_key, so a key rotation re-seals body_key
-- and leaves every hash as it was.
CREATE TABLE audit (
    id          INTEGER PRIMARY KEY,
    at          TEXT NOT NULL,
    actor_id    INTEGER NOT NULL DEFAULT 0,
    actor       TEXT NOT NULL,
    action      TEXT NOT NULL,
    kind        TEXT NOT NULL DEFAULT '',
    record_id   INTEGER NOT NULL DEFAULT 0,
    visibility  INTEGER NOT NULL,
    body        TEXT NOT NULL,
    body_key    BLOB NOT NULL,
    prev_hash   TEXT NOT NULL,
    hash        TEXT NOT NULL
);
CREATE INDEX audit_record ON audit (kind, record_id, id);

-- The chain's head: the last entry's id and hash, one row, read and
-- written in the transaction of every append.
CREATE TABLE audit_head (
    id      INTEGER PRIMARY KEY CHECK (id = 1),
    last_id INTEGER NOT NULL,
    hash    TEXT NOT NULL
);
INSERT INTO audit_head (id, last_id, hash) VALUES (1, 0, '');

-- Append-only: no entry is changed (but for its sealed key, which a key
-- rotation re-seals) or deleted through habeas. Someone with the database
-- file can drop these; the chain is what shows they did.
CREATE TRIGGER audit_no_update BEFORE UPDATE OF id, at, actor_id, actor, action, kind, record_id, visibility, body, prev_hash, hash ON audit
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;
