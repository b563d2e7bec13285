-- The case file: people, organizations, facilities, cases, timelines,
-- sources, interventions, staff accounts and API tokens.
-- visibility: 0 public, 1 internal, 2 confidential.

CREATE TABLE people (
    id             INTEGER PRIMARY KEY,
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
CREATE INDEX people_sort_name ON people (sort_name, id);

CREATE TABLE person_names (
    person_id INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    position  INTEGER NOT NULL,
    name      TEXT    NOT NULL,
    kind      TEXT    NOT NULL,
    script    TEXT    NOT NULL DEFAULT '',
    lang      TEXT    NOT NULL DEFAULT '',
    PRIMARY KEY (person_id, position)
);

CREATE TABLE organizations (
    id          INTEGER PRIMARY KEY,
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

CREATE TABLE memberships (
    id              INTEGER PRIMARY KEY,
    person_id       INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    organization_id INTEGER NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    role            TEXT    NOT NULL DEFAULT '',
    since           TEXT    NOT NULL DEFAULT '',
    until           TEXT    NOT NULL DEFAULT '',
    visibility      INTEGER NOT NULL CHECK (visibility BETWEEN 0 AND 2)
);
CREATE INDEX memberships_person ON memberships (person_id);
CREATE INDEX memberships_organization ON memberships (organization_id);

CREATE TABLE facilities (
    id         INTEGER PRIMARY KEY,
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

-- The p_* columns hold what the public timeline means (casefile.Compute
-- over public events only), refreshed in the transaction of every change
-- to the case or its events; lists filter and sort on them.
CREATE TABLE cases (
    id                INTEGER PRIMARY KEY,
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
    p_arrest          TEXT    NOT NULL DEFAULT '9999-12-31'
);
CREATE INDEX cases_person ON cases (person_id);
CREATE INDEX cases_facility ON cases (p_facility_id);

CREATE TABLE charges (
    case_id  INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    article  TEXT    NOT NULL DEFAULT '',
    text     TEXT    NOT NULL,
    PRIMARY KEY (case_id, position)
);

CREATE TABLE events (
    id          INTEGER PRIMARY KEY,
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
CREATE INDEX events_case ON events (case_id, date_min, id);

CREATE TABLE sources (
    id              INTEGER PRIMARY KEY,
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

CREATE TABLE event_sources (
    event_id  INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    source_id INTEGER NOT NULL REFERENCES sources (id) ON DELETE RESTRICT,
    position  INTEGER NOT NULL,
    PRIMARY KEY (event_id, source_id)
);
CREATE INDEX event_sources_source ON event_sources (source_id);

CREATE TABLE interventions (
    id            INTEGER PRIMARY KEY,
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
CREATE INDEX interventions_case ON interventions (case_id);

CREATE TABLE intervention_sources (
    intervention_id INTEGER NOT NULL REFERENCES interventions (id) ON DELETE CASCADE,
    source_id       INTEGER NOT NULL REFERENCES sources (id) ON DELETE RESTRICT,
    position        INTEGER NOT NULL,
    PRIMARY KEY (intervention_id, source_id)
);

CREATE TABLE users (
    id           INTEGER PRIMARY KEY,
    email        TEXT    NOT NULL UNIQUE,
    name         TEXT    NOT NULL DEFAULT '',
    role         TEXT    NOT NULL,
    confidential INTEGER NOT NULL DEFAULT 0,
    created_at   TEXT    NOT NULL
);

CREATE TABLE api_tokens (
    id         INTEGER PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    token_hash TEXT    NOT NULL UNIQUE,
    created_at TEXT    NOT NULL
);
