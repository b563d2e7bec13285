-- habeas: derived state unchanged
-- The case files a volunteer works on: a volunteer reads and edits the
-- records of a person only while that person is assigned to them.
CREATE TABLE assignments (
    user_id     BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    person_id   BIGINT NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    assigned_by TEXT   NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (user_id, person_id)
);
CREATE INDEX assignments_person ON assignments (person_id);
