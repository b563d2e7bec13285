-- The people lists, kept at write time instead of computed per request.
-- One row per person and per access level (0 public, 1 internal,
-- 2 confidential) at which the person may be seen, describing their
-- current case at that level (see the query CurrentCaseID): lists page
-- through it by index, counters count it. The store rewrites a person's
-- rows in the transaction of every write that changes them (see relist).
CREATE TABLE person_list (
    access         SMALLINT NOT NULL CHECK (access BETWEEN 0 AND 2),
    person_id      INTEGER  NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    sort_name      TEXT    NOT NULL,
    country        TEXT    NOT NULL,
    case_id        INTEGER  NOT NULL,
    status         TEXT    NOT NULL,
    classification TEXT    NOT NULL,
    facility_id    INTEGER  NOT NULL,
    unknown        INTEGER NOT NULL,
    last_news      TEXT    NOT NULL,
    arrest         TEXT    NOT NULL,
    arrest_date    TEXT    NOT NULL,
    held           INTEGER NOT NULL,
    hunger         INTEGER NOT NULL,
    PRIMARY KEY (access, person_id)
);
CREATE INDEX person_list_name ON person_list (access, sort_name, person_id);
CREATE INDEX person_list_news ON person_list (access, last_news, person_id);
CREATE INDEX person_list_arrest ON person_list (access, arrest, person_id);
CREATE INDEX person_list_country ON person_list (access, country, sort_name, person_id);
CREATE INDEX person_list_status ON person_list (access, status, sort_name, person_id);
CREATE INDEX person_list_facility ON person_list (access, facility_id, sort_name, person_id);
CREATE INDEX person_list_held ON person_list (access, held, unknown, hunger);
CREATE INDEX person_list_person ON person_list (person_id);

-- The organization filter of the lists reads the members from the index.
CREATE INDEX memberships_organization_person ON memberships (organization_id, person_id);
