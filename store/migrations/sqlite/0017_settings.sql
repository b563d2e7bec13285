-- habeas: derived state unchanged
-- The site's own settings: one row, written by admins. Languages is a JSON
-- array of language codes.
CREATE TABLE site_settings (
    id              INTEGER PRIMARY KEY CHECK (id = 1),
    name            TEXT NOT NULL,
    tagline         TEXT NOT NULL DEFAULT '',
    logo_url        TEXT NOT NULL DEFAULT '',
    about           TEXT NOT NULL DEFAULT '',
    contact         TEXT NOT NULL DEFAULT '',
    default_country TEXT NOT NULL DEFAULT '',
    languages       TEXT NOT NULL,
    updated_at      TEXT NOT NULL
);
