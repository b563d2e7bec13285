-- habeas: derived state unchanged
-- Full-text search (see package search): each public or internal case,
-- event and post keeps its words as their sounds, so spelling, script and
-- diacritics do not matter. Confidential records are never indexed: their
-- text is sealed. A search checks the visibility of the record and of what
-- it belongs to against the live rows, so the index holds no visibility of
-- its own. The migration fills the index (see fillSearchIndex) and every
-- write keeps it, in its own transaction.
CREATE TABLE search_cases (
    id     BIGINT PRIMARY KEY REFERENCES cases (id) ON DELETE CASCADE,
    sounds TSVECTOR NOT NULL
);
CREATE INDEX search_cases_sounds ON search_cases USING GIN (sounds);
CREATE TABLE search_events (
    id     BIGINT PRIMARY KEY REFERENCES events (id) ON DELETE CASCADE,
    sounds TSVECTOR NOT NULL
);
CREATE INDEX search_events_sounds ON search_events USING GIN (sounds);
CREATE TABLE search_posts (
    id     BIGINT PRIMARY KEY REFERENCES posts (id) ON DELETE CASCADE,
    sounds TSVECTOR NOT NULL
);
CREATE INDEX search_posts_sounds ON search_posts USING GIN (sounds);
