-- Statistics. Each case keeps, with its other derived columns, the span of
-- its detention as its public timeline has it, so that the number of
-- people held on any day, and its monthly series, is two grouped counts
-- instead of a pass over every timeline:
-- p_held_from is the latest day the arrest may be, p_held_until the
-- earliest day of the release, pardon or death that ended it;
-- '9999-12-31' for an open end, and in both for a span not known (no
-- arrest date, or free without an end event). Without the "derived state
-- unchanged" mark, the store derives every case again after this migration.
ALTER TABLE cases ADD COLUMN p_held_from TEXT NOT NULL DEFAULT '9999-12-31';
ALTER TABLE cases ADD COLUMN p_held_until TEXT NOT NULL DEFAULT '9999-12-31';

-- Estimates others published, shown beside the group's own count: reported
-- as the sources word them, with any counter-statement.
CREATE TABLE estimates (
    id          INTEGER PRIMARY KEY,
    country     TEXT    NOT NULL,
    number      INTEGER NOT NULL CHECK (number >= 0),
    qualifier   TEXT    NOT NULL,
    counts_of   TEXT    NOT NULL,
    by_whom     TEXT    NOT NULL,
    as_of       TEXT    NOT NULL,
    as_of_sort  TEXT    NOT NULL, -- the earliest day of as_of, for order
    counter     TEXT    NOT NULL DEFAULT '',
    counter_by  TEXT    NOT NULL DEFAULT '',
    visibility  SMALLINT NOT NULL CHECK (visibility BETWEEN 0 AND 1),
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);
CREATE INDEX estimates_shown ON estimates (visibility, as_of_sort);

CREATE TABLE estimate_sources (
    estimate_id INTEGER NOT NULL REFERENCES estimates (id) ON DELETE CASCADE,
    source_id   INTEGER NOT NULL REFERENCES sources (id) ON DELETE RESTRICT,
    position    INTEGER NOT NULL,
    PRIMARY KEY (estimate_id, source_id)
);
CREATE INDEX estimate_sources_source ON estimate_sources (source_id);
