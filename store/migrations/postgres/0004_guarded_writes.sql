-- The old address of a merged person is as restricted as that person was,
-- and a merge records the access its undo needs. (PostgreSQL identities
-- never reuse an id; SQLite needed its tables rebuilt for that.)
ALTER TABLE slug_redirects ADD COLUMN visibility SMALLINT NOT NULL DEFAULT 2 CHECK (visibility BETWEEN 0 AND 2);
-- Redirects made before this migration: as visible as the person they lead to.
UPDATE slug_redirects r SET visibility = p.visibility FROM people p WHERE p.id = r.person_id;
ALTER TABLE person_merges ADD COLUMN needs SMALLINT NOT NULL DEFAULT 2 CHECK (needs BETWEEN 0 AND 2);
