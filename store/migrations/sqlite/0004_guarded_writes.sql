-- habeas: foreign-keys-off
-- Ids are never reused: a deleted record's id stays retired, so an old
-- link never leads to someone else and an undone merge gets its id back.
-- SQLite reuses the largest rowid after a delete unless a table is
-- AUTOINCREMENT, which needs the table rebuilt (the documented way: foreign
-- keys off for this migration, checked before it commits). Also: the old
-- address of a merged person is as restricted as that person was, and a
-- merge records the access its undo needs.

CREATE TABLE people_new (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    slug           TEXT    NOT NULL UNIQUE,
    name           TEXT    NOT NULL,
    sort_name      TEXT    NOT NULL,
    birth_year     INTEGER NOT NULL DEFAULT 0,
    gender         TEXT    NOT NULL DEFAULT '',
    occupation     TEXT    NOT NULL DEFAULT '',
    bio            TEXT    NOT NULL DEFAULT '',
    country        TEXT    NOT NULL,
    photo_url      TEXT    NOT NULL DEFAULT '',
    photo_alt      TEXT    NOT NULL DEFAULT '',
    internal_notes TEXT    NOT NULL DEFAULT '',
    visibility     INTEGER NOT NULL CHECK (visibility BETWEEN 0 AND 2),
    created_at     TEXT    NOT NULL,
    updated_at     TEXT    NOT NULL
);
INSERT INTO people_new (id, slug, name, sort_name, birth_year, gender, occupation, bio, country, photo_url, photo_alt, internal_notes, visibility, created_at, updated_at) SELECT id, slug, name, sort_name, birth_year, gender, occupation, bio, country, photo_url, photo_alt, internal_notes, visibility, created_at, updated_at FROM people;
DROP TABLE people;
ALTER TABLE people_new RENAME TO people;
CREATE INDEX people_sort_name ON people (sort_name, id);

CREATE TABLE organizations_new (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    slug        TEXT    NOT NULL UNIQUE,
    name        TEXT    NOT NULL,
    other_names TEXT    NOT NULL DEFAULT '[]',
    kind        TEXT    NOT NULL,
    country     TEXT    NOT NULL,
    founded     TEXT    NOT NULL DEFAULT '',
    description TEXT    NOT NULL DEFAULT '',
    visibility  INTEGER NOT NULL CHECK (visibility BETWEEN 0 AND 2),
    created_at  TEXT    NOT NULL,
    updated_at  TEXT    NOT NULL
);
INSERT INTO organizations_new (id, slug, name, other_names, kind, country, founded, description, visibility, created_at, updated_at) SELECT id, slug, name, other_names, kind, country, founded, description, visibility, created_at, updated_at FROM organizations;
DROP TABLE organizations;
ALTER TABLE organizations_new RENAME TO organizations;

CREATE TABLE memberships_new (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    person_id       INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    organization_id INTEGER NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    role            TEXT    NOT NULL DEFAULT '',
    since           TEXT    NOT NULL DEFAULT '',
    until           TEXT    NOT NULL DEFAULT '',
    visibility      INTEGER NOT NULL CHECK (visibility BETWEEN 0 AND 2)
);
INSERT INTO memberships_new (id, person_id, organization_id, role, since, until, visibility) SELECT id, person_id, organization_id, role, since, until, visibility FROM memberships;
DROP TABLE memberships;
ALTER TABLE memberships_new RENAME TO memberships;
CREATE INDEX memberships_person ON memberships (person_id);
CREATE INDEX memberships_organization ON memberships (organization_id);

CREATE TABLE facilities_new (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    slug       TEXT    NOT NULL UNIQUE,
    name       TEXT    NOT NULL,
    kind       TEXT    NOT NULL,
    country    TEXT    NOT NULL,
    region     TEXT    NOT NULL DEFAULT '',
    address    TEXT    NOT NULL DEFAULT '',
    latitude   REAL,
    longitude  REAL,
    visibility INTEGER NOT NULL CHECK (visibility BETWEEN 0 AND 2),
    created_at TEXT    NOT NULL,
    updated_at TEXT    NOT NULL
);
INSERT INTO facilities_new (id, slug, name, kind, country, region, address, latitude, longitude, visibility, created_at, updated_at) SELECT id, slug, name, kind, country, region, address, latitude, longitude, visibility, created_at, updated_at FROM facilities;
DROP TABLE facilities;
ALTER TABLE facilities_new RENAME TO facilities;

CREATE TABLE cases_new (
    id                INTEGER PRIMARY KEY AUTOINCREMENT,
    person_id         INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    country           TEXT    NOT NULL,
    status            TEXT    NOT NULL,
    arrest_date       TEXT    NOT NULL DEFAULT '',
    court             TEXT    NOT NULL DEFAULT '',
    sentence_years    INTEGER NOT NULL DEFAULT 0,
    sentence_months   INTEGER NOT NULL DEFAULT 0,
    sentence_days     INTEGER NOT NULL DEFAULT 0,
    sentence_date     TEXT    NOT NULL DEFAULT '',
    pretrial_credited INTEGER NOT NULL DEFAULT 0,
    expected_release  TEXT    NOT NULL DEFAULT '',
    facility_id       INTEGER REFERENCES facilities (id) ON DELETE RESTRICT,
    classification    TEXT    NOT NULL,
    classified_by     TEXT    NOT NULL DEFAULT '',
    classified_on     TEXT    NOT NULL DEFAULT '',
    position          TEXT    NOT NULL,
    position_note     TEXT    NOT NULL DEFAULT '',
    summary           TEXT    NOT NULL DEFAULT '',
    internal_notes    TEXT    NOT NULL DEFAULT '',
    visibility        INTEGER NOT NULL CHECK (visibility BETWEEN 0 AND 2),
    created_at        TEXT    NOT NULL,
    updated_at        TEXT    NOT NULL,
    p_status          TEXT    NOT NULL DEFAULT '',
    p_facility_id     INTEGER NOT NULL DEFAULT 0,
    p_unknown         INTEGER NOT NULL DEFAULT 0,
    p_last_news       TEXT    NOT NULL DEFAULT '9999-12-31',
    p_arrest          TEXT    NOT NULL DEFAULT '9999-12-31',
    p_hunger_since    TEXT    NOT NULL DEFAULT ''
);
INSERT INTO cases_new (id, person_id, country, status, arrest_date, court, sentence_years, sentence_months, sentence_days, sentence_date, pretrial_credited, expected_release, facility_id, classification, classified_by, classified_on, position, position_note, summary, internal_notes, visibility, created_at, updated_at, p_status, p_facility_id, p_unknown, p_last_news, p_arrest, p_hunger_since) SELECT id, person_id, country, status, arrest_date, court, sentence_years, sentence_months, sentence_days, sentence_date, pretrial_credited, expected_release, facility_id, classification, classified_by, classified_on, position, position_note, summary, internal_notes, visibility, created_at, updated_at, p_status, p_facility_id, p_unknown, p_last_news, p_arrest, p_hunger_since FROM cases;
DROP TABLE cases;
ALTER TABLE cases_new RENAME TO cases;
CREATE INDEX cases_person ON cases (person_id);
CREATE INDEX cases_facility ON cases (p_facility_id);

CREATE TABLE events_new (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    case_id     INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    kind        TEXT    NOT NULL,
    date        TEXT    NOT NULL,
    date_min    TEXT    NOT NULL,
    facility_id INTEGER REFERENCES facilities (id) ON DELETE RESTRICT,
    summary     TEXT    NOT NULL DEFAULT '',
    quote       TEXT    NOT NULL DEFAULT '',
    speaker     TEXT    NOT NULL DEFAULT '',
    visibility  INTEGER NOT NULL CHECK (visibility BETWEEN 0 AND 2),
    created_at  TEXT    NOT NULL,
    updated_at  TEXT    NOT NULL
);
INSERT INTO events_new (id, case_id, kind, date, date_min, facility_id, summary, quote, speaker, visibility, created_at, updated_at) SELECT id, case_id, kind, date, date_min, facility_id, summary, quote, speaker, visibility, created_at, updated_at FROM events;
DROP TABLE events;
ALTER TABLE events_new RENAME TO events;
CREATE INDEX events_case ON events (case_id, date_min, id);

CREATE TABLE sources_new (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    kind            TEXT    NOT NULL,
    title           TEXT    NOT NULL,
    url             TEXT    NOT NULL DEFAULT '',
    publisher       TEXT    NOT NULL DEFAULT '',
    published_on    TEXT    NOT NULL DEFAULT '',
    reliability     TEXT    NOT NULL,
    identity_sealed BLOB,
    visibility      INTEGER NOT NULL CHECK (visibility BETWEEN 0 AND 2),
    created_at      TEXT    NOT NULL,
    updated_at      TEXT    NOT NULL
);
INSERT INTO sources_new (id, kind, title, url, publisher, published_on, reliability, identity_sealed, visibility, created_at, updated_at) SELECT id, kind, title, url, publisher, published_on, reliability, identity_sealed, visibility, created_at, updated_at FROM sources;
DROP TABLE sources;
ALTER TABLE sources_new RENAME TO sources;

CREATE TABLE interventions_new (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    case_id       INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    kind          TEXT    NOT NULL,
    sender        TEXT    NOT NULL,
    recipient     TEXT    NOT NULL,
    sent_on       TEXT    NOT NULL DEFAULT '',
    due_on        TEXT    NOT NULL DEFAULT '',
    answer_status TEXT    NOT NULL,
    answered_on   TEXT    NOT NULL DEFAULT '',
    summary       TEXT    NOT NULL DEFAULT '',
    visibility    INTEGER NOT NULL CHECK (visibility BETWEEN 0 AND 2),
    created_at    TEXT    NOT NULL,
    updated_at    TEXT    NOT NULL
);
INSERT INTO interventions_new (id, case_id, kind, sender, recipient, sent_on, due_on, answer_status, answered_on, summary, visibility, created_at, updated_at) SELECT id, case_id, kind, sender, recipient, sent_on, due_on, answer_status, answered_on, summary, visibility, created_at, updated_at FROM interventions;
DROP TABLE interventions;
ALTER TABLE interventions_new RENAME TO interventions;
CREATE INDEX interventions_case ON interventions (case_id);

CREATE TABLE users_new (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    email        TEXT    NOT NULL UNIQUE,
    name         TEXT    NOT NULL DEFAULT '',
    role         TEXT    NOT NULL,
    confidential INTEGER NOT NULL DEFAULT 0,
    created_at   TEXT    NOT NULL
);
INSERT INTO users_new (id, email, name, role, confidential, created_at) SELECT id, email, name, role, confidential, created_at FROM users;
DROP TABLE users;
ALTER TABLE users_new RENAME TO users;

CREATE TABLE api_tokens_new (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    token_hash TEXT    NOT NULL UNIQUE,
    created_at TEXT    NOT NULL
);
INSERT INTO api_tokens_new (id, user_id, token_hash, created_at) SELECT id, user_id, token_hash, created_at FROM api_tokens;
DROP TABLE api_tokens;
ALTER TABLE api_tokens_new RENAME TO api_tokens;

CREATE TABLE person_merges_new (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    survivor_id  INTEGER NOT NULL,
    duplicate_id INTEGER NOT NULL,
    record       TEXT    NOT NULL, -- JSON: the duplicate as it was and what moved
    merged_at    TEXT    NOT NULL,
    undone_at    TEXT,
    needs        INTEGER NOT NULL DEFAULT 2 CHECK (needs BETWEEN 0 AND 2)
);
INSERT INTO person_merges_new (id, survivor_id, duplicate_id, record, merged_at, undone_at) SELECT id, survivor_id, duplicate_id, record, merged_at, undone_at FROM person_merges;
DROP TABLE person_merges;
ALTER TABLE person_merges_new RENAME TO person_merges;
CREATE INDEX person_merges_survivor ON person_merges (survivor_id);

ALTER TABLE slug_redirects ADD COLUMN visibility INTEGER NOT NULL DEFAULT 2 CHECK (visibility BETWEEN 0 AND 2);
-- Redirects made before this migration: as visible as the person they lead to.
UPDATE slug_redirects SET visibility = (SELECT p.visibility FROM people p WHERE p.id = slug_redirects.person_id);
