-- Names across scripts: each written name has its own visibility (an alias
-- can be sensitive), blocking keys for finding candidates without scanning
-- every row, and merges of duplicate people with what is needed to undo them.

ALTER TABLE person_names ADD COLUMN visibility INTEGER NOT NULL DEFAULT 0 CHECK (visibility BETWEEN 0 AND 2);

-- visibility: the stricter of the person's and the name's, so a key of an
-- internal alias never finds a public person for a public reader.
CREATE TABLE name_keys (
    key        TEXT    NOT NULL,
    person_id  INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    visibility INTEGER NOT NULL,
    PRIMARY KEY (key, visibility, person_id)
);
CREATE INDEX name_keys_person ON name_keys (person_id);

CREATE TABLE slug_redirects (
    slug      TEXT    PRIMARY KEY,
    person_id INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE
);

CREATE TABLE person_merges (
    id           INTEGER PRIMARY KEY,
    survivor_id  INTEGER NOT NULL,
    duplicate_id INTEGER NOT NULL,
    record       TEXT    NOT NULL, -- JSON: the duplicate as it was and what moved
    merged_at    TEXT    NOT NULL,
    undone_at    TEXT
);
CREATE INDEX person_merges_survivor ON person_merges (survivor_id);
