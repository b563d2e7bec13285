-- News posts: articles like the seed, public once published and their time
-- has come, with their tags, the sources they cite and the people,
-- organizations and cases they are about. A post is public or internal
-- (a draft shared among staff); confidential facts belong on the case file.

CREATE TABLE posts (
    id             INTEGER PRIMARY KEY,
    slug           TEXT    NOT NULL UNIQUE,
    lang           TEXT    NOT NULL,
    -- The original this post translates; one translation per language.
    translation_of INTEGER REFERENCES posts (id) ON DELETE RESTRICT,
    title          TEXT    NOT NULL,
    summary        TEXT    NOT NULL DEFAULT '',
    body           TEXT    NOT NULL,              -- Markdown
    author         TEXT    NOT NULL DEFAULT '',
    cover_url      TEXT    NOT NULL DEFAULT '',
    cover_alt      TEXT    NOT NULL DEFAULT '',
    cover_caption  TEXT    NOT NULL DEFAULT '',
    quotes         TEXT    NOT NULL DEFAULT '[]', -- habeas.PullQuote list as JSON
    fact_person_id INTEGER REFERENCES people (id) ON DELETE SET NULL,
    state          TEXT    NOT NULL CHECK (state IN ('draft', 'published')),
    publish_at     TEXT    NOT NULL,              -- whole seconds, so that text order is time order
    visibility     INTEGER NOT NULL CHECK (visibility BETWEEN 0 AND 1),
    created_at     TEXT    NOT NULL,
    updated_at     TEXT    NOT NULL,
    UNIQUE (translation_of, lang)
);
CREATE INDEX posts_shown ON posts (state, visibility, publish_at);
CREATE INDEX posts_fact_person ON posts (fact_person_id);

CREATE TABLE post_tags (
    post_id INTEGER NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
    tag     TEXT    NOT NULL,
    PRIMARY KEY (post_id, tag)
);
CREATE INDEX post_tags_tag ON post_tags (tag, post_id);

CREATE TABLE post_sources (
    post_id   INTEGER NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
    source_id INTEGER NOT NULL REFERENCES sources (id) ON DELETE RESTRICT,
    position  INTEGER NOT NULL,
    PRIMARY KEY (post_id, source_id)
);
CREATE INDEX post_sources_source ON post_sources (source_id);

-- What a post is about. A reader sees a link only to a record they may see.
CREATE TABLE post_people (
    post_id   INTEGER NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
    person_id INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    position  INTEGER NOT NULL,
    PRIMARY KEY (post_id, person_id)
);
CREATE INDEX post_people_person ON post_people (person_id, post_id);

CREATE TABLE post_organizations (
    post_id         INTEGER NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
    organization_id INTEGER NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    position        INTEGER NOT NULL,
    PRIMARY KEY (post_id, organization_id)
);
CREATE INDEX post_organizations_organization ON post_organizations (organization_id, post_id);

CREATE TABLE post_cases (
    post_id  INTEGER NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
    case_id  INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    PRIMARY KEY (post_id, case_id)
);
CREATE INDEX post_cases_case ON post_cases (case_id, post_id);
