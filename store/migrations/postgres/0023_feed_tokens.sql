-- habeas: derived state unchanged
-- A staff account's private feed of alerts: the SHA-256 of the token its
-- address carries (the token itself is shown once, kept nowhere). One per
-- account; a new one replaces it.
CREATE TABLE feed_tokens (
    user_id    BIGINT NOT NULL PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    token_hash TEXT NOT NULL UNIQUE,
    created_at TIMESTAMPTZ NOT NULL
);
