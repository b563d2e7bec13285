-- The check value of the key that seals confidential fields: an HMAC of a
-- fixed text under the key, never the key itself. One row: one key per
-- installation (see docs/keys.md).
CREATE TABLE key_check (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    check_value TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);
