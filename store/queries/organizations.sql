-- name: InsertOrganization
INSERT INTO organizations (slug, name, other_names, kind, country, founded, description, visibility, created_at, updated_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
RETURNING id;

-- name: UpdateOrganization
UPDATE organizations SET slug = $2, name = $3, other_names = $4, kind = $5, country = $6,
       founded = $7, description = $8, visibility = $9, updated_at = $10
WHERE id = $1;

-- name: DeleteOrganization
DELETE FROM organizations WHERE id = $1;

-- name: GetOrganization
SELECT id, slug, name, other_names, kind, country, founded, description, visibility, created_at, updated_at
FROM organizations WHERE id = $2 AND visibility <= $1;

-- name: GetOrganizationBySlug
SELECT id, slug, name, other_names, kind, country, founded, description, visibility, created_at, updated_at
FROM organizations WHERE slug = $2 AND visibility <= $1;

-- name: ListOrganizations
-- $1 access, $2 country, $3 kind, $4 cursor id, $5 limit.
SELECT id, slug, name, other_names, kind, country, founded, description, visibility, created_at, updated_at
FROM organizations
WHERE visibility <= $1 AND ($2 = '' OR country = $2) AND ($3 = '' OR kind = $3) AND id > $4
ORDER BY id LIMIT $5;

-- name: InsertMembership
INSERT INTO memberships (person_id, organization_id, role, since, until, visibility)
VALUES ($1, $2, $3, $4, $5, $6)
RETURNING id;

-- name: UpdateMembership
UPDATE memberships SET person_id = $2, organization_id = $3, role = $4, since = $5, until = $6, visibility = $7
WHERE id = $1;

-- name: DeleteMembership
DELETE FROM memberships WHERE id = $1;

-- name: GetMembership
SELECT m.id, m.person_id, m.organization_id, m.role, m.since, m.until, m.visibility
FROM memberships m
JOIN people p ON p.id = m.person_id AND p.visibility <= $1
JOIN organizations o ON o.id = m.organization_id AND o.visibility <= $1
WHERE m.id = $2 AND m.visibility <= $1;

-- name: ListMemberships
-- $1 access, $2 person id, $3 organization id, $4 cursor id, $5 limit.
SELECT m.id, m.person_id, m.organization_id, m.role, m.since, m.until, m.visibility
FROM memberships m
JOIN people p ON p.id = m.person_id AND p.visibility <= $1
JOIN organizations o ON o.id = m.organization_id AND o.visibility <= $1
WHERE m.visibility <= $1 AND ($2 = 0 OR m.person_id = $2) AND ($3 = 0 OR m.organization_id = $3) AND m.id > $4
ORDER BY m.id LIMIT $5;

-- name: MembershipsOfPerson
-- The organizations a person belongs to, for the person page. A
-- confidential organization's name is sealed: those come first.
SELECT m.id, m.role, m.since, m.until, o.id, o.slug, o.name
FROM memberships m
JOIN organizations o ON o.id = m.organization_id AND o.visibility <= $1
WHERE m.person_id = $2 AND m.visibility <= $1
ORDER BY CASE WHEN o.visibility = 2 THEN 0 ELSE 1 END, o.name, m.id;

-- name: MembersOfOrganization
-- A page of the current ($3 = 0) or former ($3 = 1) members of an
-- organization, by name, with what their current visible case's public
-- timeline says (person_list). $4/$5 cursor sort key and membership id, $6 limit.
-- The members are read first (CROSS JOIN fixes the order in SQLite), then
-- sorted: SQLite would otherwise walk everyone in name order.
SELECT m.id, m.role, m.since, m.until, p.id, p.slug, p.name, l.status, l.unknown, l.sort_name
FROM memberships m
CROSS JOIN person_list l
JOIN people p ON p.id = m.person_id
WHERE m.organization_id = $2 AND m.visibility <= $1 AND l.access = $1 AND l.person_id = m.person_id
  AND (CASE WHEN m.until = '' THEN 0 ELSE 1 END) = $3
  AND (l.sort_name > $4 OR (l.sort_name = $4 AND m.id > $5))
ORDER BY l.sort_name, m.id
LIMIT $6;

-- name: CountMemberships
-- How many memberships an organization has, of any visibility: only to
-- choose how the people list reads its members.
SELECT COUNT(*) FROM memberships WHERE organization_id = $1;

-- name: MemberCounts
-- How many current and former members of an organization the reader may
-- see, and how many current members are held now.
SELECT COALESCE(SUM(CASE WHEN m.until = '' THEN 1 ELSE 0 END), 0),
       COALESCE(SUM(CASE WHEN m.until <> '' THEN 1 ELSE 0 END), 0),
       COALESCE(SUM(CASE WHEN m.until = '' AND l.held THEN 1 ELSE 0 END), 0)
FROM memberships m
JOIN person_list l ON l.access = $1 AND l.person_id = m.person_id
WHERE m.organization_id = $2 AND m.visibility <= $1;

-- name: OrganizationSlugTaken
SELECT COUNT(*) FROM organizations WHERE slug = $1 AND id <> $2;

-- name: OrganizationSlugOf
-- The slug and visibility a record has now, before a write (see slugToWrite).
SELECT slug, visibility FROM organizations WHERE id = $1;
