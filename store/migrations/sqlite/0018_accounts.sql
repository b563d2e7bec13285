-- habeas: derived state unchanged
-- Staff accounts that log in to the workspace: a password hashed with
-- argon2id, an optional TOTP second factor (its secret sealed with the
-- instance key) with one-use recovery codes, server-side sessions, the
-- login back-off, one-time links (first set-up, password reset), and the
-- roles whose members must use a second factor.
ALTER TABLE users ADD COLUMN password_hash TEXT NOT NULL DEFAULT '';
ALTER TABLE users ADD COLUMN totp_secret TEXT NOT NULL DEFAULT '';
ALTER TABLE users ADD COLUMN totp_enabled INTEGER NOT NULL DEFAULT 0;
-- The last TOTP time step accepted, so that a code is used only once.
ALTER TABLE users ADD COLUMN totp_step BIGINT NOT NULL DEFAULT 0;
ALTER TABLE users ADD COLUMN disabled INTEGER NOT NULL DEFAULT 0;

-- A session is known by the SHA-256 of its cookie's value. second_factor
-- says the login completed its second step (or needed none); a session
-- without it may only finish the login.
CREATE TABLE sessions (
    id            INTEGER PRIMARY KEY,
    token_hash    TEXT    NOT NULL UNIQUE,
    user_id       INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    second_factor INTEGER NOT NULL DEFAULT 0,
    created_at    TEXT NOT NULL,
    seen_at       TEXT NOT NULL,
    expires_at    TEXT NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE recovery_codes (
    user_id   INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    code_hash TEXT    NOT NULL,
    PRIMARY KEY (user_id, code_hash)
);

-- Failed logins, per account and per keyed hash of a client address:
-- the count since the last success and when the next try is allowed.
CREATE TABLE login_failures (
    subject    TEXT    PRIMARY KEY,
    failures   INTEGER NOT NULL,
    last_at    TEXT NOT NULL,
    next_at    TEXT NOT NULL
);

-- One-time links: purpose 'setup' (a new account chooses its password)
-- or 'reset' (an admin let the user choose a new one).
CREATE TABLE account_links (
    token_hash TEXT    PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    purpose    TEXT    NOT NULL,
    expires_at TEXT NOT NULL
);
CREATE INDEX account_links_user ON account_links (user_id);

-- Roles whose members must set up and use a second factor.
CREATE TABLE second_factor_roles (
    role TEXT PRIMARY KEY
);
