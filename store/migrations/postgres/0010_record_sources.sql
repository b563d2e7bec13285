-- The sources a record's own facts cite: a person's occupation and biography,
-- a case's charges, court, sentence and the person's position, a membership's
-- role, an organization's description, a facility's kind and address. None
-- means unsourced, and the public pages say so.

CREATE TABLE person_sources (
    person_id   BIGINT NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    source_id BIGINT NOT NULL REFERENCES sources (id) ON DELETE RESTRICT,
    position  INTEGER NOT NULL,
    PRIMARY KEY (person_id, source_id)
);
CREATE INDEX person_sources_source ON person_sources (source_id);

CREATE TABLE case_sources (
    case_id   BIGINT NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    source_id BIGINT NOT NULL REFERENCES sources (id) ON DELETE RESTRICT,
    position  INTEGER NOT NULL,
    PRIMARY KEY (case_id, source_id)
);
CREATE INDEX case_sources_source ON case_sources (source_id);

CREATE TABLE membership_sources (
    membership_id   BIGINT NOT NULL REFERENCES memberships (id) ON DELETE CASCADE,
    source_id BIGINT NOT NULL REFERENCES sources (id) ON DELETE RESTRICT,
    position  INTEGER NOT NULL,
    PRIMARY KEY (membership_id, source_id)
);
CREATE INDEX membership_sources_source ON membership_sources (source_id);

CREATE TABLE organization_sources (
    organization_id   BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    source_id BIGINT NOT NULL REFERENCES sources (id) ON DELETE RESTRICT,
    position  INTEGER NOT NULL,
    PRIMARY KEY (organization_id, source_id)
);
CREATE INDEX organization_sources_source ON organization_sources (source_id);

CREATE TABLE facility_sources (
    facility_id   BIGINT NOT NULL REFERENCES facilities (id) ON DELETE CASCADE,
    source_id BIGINT NOT NULL REFERENCES sources (id) ON DELETE RESTRICT,
    position  INTEGER NOT NULL,
    PRIMARY KEY (facility_id, source_id)
);
CREATE INDEX facility_sources_source ON facility_sources (source_id);

-- A facility's page lists who was held there before, from the events of
-- their timelines at the facility.
CREATE INDEX events_facility ON events (facility_id, case_id, date_min, visibility);
