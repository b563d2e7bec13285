-- habeas: derived state unchanged
-- The members of the organizations, kept at write time like person_list
-- (which this migration fills them from): one row per membership and per
-- access level at which it, its person and its organization may be seen.
-- An organization's page reads its current or former members by name from
-- one index range, and the people list filtered by an organization reads
-- its page from one too: `lead` marks, per organization, person and access
-- level, the person's first visible membership, so that a person with two
-- memberships is listed once. The store rewrites a person's rows with
-- their person_list rows (see relist), an organization's when its
-- visibility changes.
CREATE TABLE member_list (
    access          SMALLINT NOT NULL CHECK (access BETWEEN 0 AND 2),
    membership_id   INTEGER  NOT NULL,
    organization_id INTEGER  NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    person_id       INTEGER  NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    former          SMALLINT NOT NULL,
    lead            SMALLINT NOT NULL,
    sort_name       TEXT     NOT NULL,
    last_news       TEXT     NOT NULL,
    arrest          TEXT     NOT NULL,
    status          TEXT     NOT NULL,
    held            INTEGER  NOT NULL,
    PRIMARY KEY (access, membership_id)
);

-- How many current and former members of each organization may be seen
-- at each access level, and how many current members are held now: an
-- organization's page reads one row instead of counting its members. In
-- the transaction of every write that rewrites a person's member_list
-- rows, the store takes what the old rows counted off and adds what the
-- new ones count (see relistRange). No row: no members.
CREATE TABLE member_counts (
    organization_id INTEGER  NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    access          SMALLINT NOT NULL CHECK (access BETWEEN 0 AND 2),
    current_members INTEGER  NOT NULL,
    former_members  INTEGER  NOT NULL,
    detained_now    INTEGER  NOT NULL,
    PRIMARY KEY (organization_id, access)
);

INSERT INTO member_list (access, membership_id, organization_id, person_id, former, lead,
                         sort_name, last_news, arrest, status, held)
SELECT l.access, m.id, m.organization_id, m.person_id, CASE WHEN m.until = '' THEN 0 ELSE 1 END,
       CASE WHEN m.id = (SELECT MIN(m2.id) FROM memberships m2 WHERE m2.person_id = m.person_id
                         AND m2.organization_id = m.organization_id AND m2.visibility <= l.access) THEN 1 ELSE 0 END,
       l.sort_name, l.last_news, l.arrest, l.status, l.held
FROM memberships m
JOIN person_list l ON l.person_id = m.person_id AND m.visibility <= l.access
JOIN organizations o ON o.id = m.organization_id AND o.visibility <= l.access;

-- Indexes made after the rows: sorting each once is far cheaper than
-- adding every row to each in turn.
CREATE INDEX member_list_page ON member_list (access, organization_id, former, sort_name, membership_id);
CREATE INDEX member_list_name ON member_list (access, organization_id, lead, sort_name, person_id);
CREATE INDEX member_list_news ON member_list (access, organization_id, lead, last_news, person_id);
CREATE INDEX member_list_arrest ON member_list (access, organization_id, lead, arrest, person_id);
CREATE INDEX member_list_status_name ON member_list (access, organization_id, lead, status, sort_name, person_id);
CREATE INDEX member_list_status_news ON member_list (access, organization_id, lead, status, last_news, person_id);
CREATE INDEX member_list_status_arrest ON member_list (access, organization_id, lead, status, arrest, person_id);
CREATE INDEX member_list_person ON member_list (person_id);

INSERT INTO member_counts (organization_id, access, current_members, former_members, detained_now)
SELECT organization_id, access, SUM(1 - former), SUM(former), SUM(CASE WHEN former = 0 AND held THEN 1 ELSE 0 END)
FROM member_list GROUP BY organization_id, access;
