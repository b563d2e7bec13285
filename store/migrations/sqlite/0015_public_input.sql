-- Public input, never trusted: readers' comments on news posts, the tips
-- visitors send about people, and the rate limits of the forms both come
-- through.
-- habeas: derived state unchanged

-- A comment is as visible as its post once approved, and internal (staff
-- only) in every other state. Name and text are plain text.
CREATE TABLE comments (
    id         INTEGER PRIMARY KEY,
    post_id    INTEGER NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
    name       TEXT    NOT NULL DEFAULT '',
    text       TEXT    NOT NULL,
    status     TEXT    NOT NULL CHECK (status IN ('pending', 'approved', 'spam', 'removed')),
    created_at TEXT    NOT NULL,
    updated_at TEXT    NOT NULL
);
CREATE INDEX comments_post ON comments (post_id, status, id);
CREATE INDEX comments_status ON comments (status, id);

-- A tip is confidential: its name, contact and text are sealed with the
-- instance key (sealed text, see seal_text.go); only its ids, status and
-- times are in clear. A merge moves a duplicate's tips to the survivor.
CREATE TABLE tips (
    id         INTEGER PRIMARY KEY,
    person_id  INTEGER REFERENCES people (id) ON DELETE SET NULL,
    name       TEXT    NOT NULL DEFAULT '',
    contact    TEXT    NOT NULL DEFAULT '',
    text       TEXT    NOT NULL,
    status     TEXT    NOT NULL CHECK (status IN ('new', 'handled', 'archived')),
    created_at TEXT    NOT NULL,
    updated_at TEXT    NOT NULL
);
CREATE INDEX tips_person ON tips (person_id, id);
CREATE INDEX tips_status ON tips (status, id);

-- How many times one client used one form in one hour. slot is the form,
-- a keyed hash (HMAC-SHA256) of the client's address and the hour: never
-- the address itself. The first use of a form after a row's hour is over
-- deletes the row.
CREATE TABLE input_limits (
    slot    TEXT    PRIMARY KEY,
    expires TEXT    NOT NULL,
    hits    INTEGER NOT NULL
);
CREATE INDEX input_limits_expires ON input_limits (expires);
