-- name: InsertOrganization
INSERT INTO organizations (slug, name, other_names, kind, country, founded, description, visibility, created_at, updated_at,
                           description_translations)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
RETURNING id;

-- name: UpdateOrganization
UPDATE organizations SET slug = $2, name = $3, other_names = $4, kind = $5, country = $6,
       founded = $7, description = $8, visibility = $9, updated_at = $10, description_translations = $11
WHERE id = $1;

-- name: DeleteOrganization
DELETE FROM organizations WHERE id = $1;

-- name: GetOrganization
SELECT id, slug, name, other_names, kind, country, founded, description, visibility, created_at, updated_at,
       description_translations
FROM organizations WHERE id = $2 AND visibility <= $1;

-- name: GetOrganizationBySlug
SELECT id, slug, name, other_names, kind, country, founded, description, visibility, created_at, updated_at,
       description_translations
FROM organizations WHERE slug = $2 AND visibility <= $1;

-- name: ListOrganizations
-- $1 access, $2 country, $3 kind, $4 cursor id, $5 limit.
SELECT id, slug, name, other_names, kind, country, founded, description, visibility, created_at, updated_at,
       description_translations
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
-- timeline says (person_list), read from one range of member_list_page.
-- $4/$5 cursor sort key and membership id, $6 limit.
SELECT ml.membership_id, m.role, m.since, m.until, p.id, p.slug, p.name, l.status, l.unknown, ml.sort_name
FROM member_list ml
JOIN memberships m ON m.id = ml.membership_id
JOIN people p ON p.id = ml.person_id
JOIN person_list l ON l.access = ml.access AND l.person_id = ml.person_id
WHERE ml.access = $1 AND ml.organization_id = $2 AND ml.former = $3
  AND (ml.sort_name > $4 OR (ml.sort_name = $4 AND ml.membership_id > $5))
ORDER BY ml.sort_name, ml.membership_id
LIMIT $6;

-- name: MemberCounts
-- How many current and former members of an organization the reader may
-- see, and how many current members are held now, as the writes kept them.
SELECT current_members, former_members, detained_now FROM member_counts
WHERE organization_id = $2 AND access = $1;

-- name: MembershipPersonOf
-- The person a membership belongs to now, before a write changes it.
SELECT person_id FROM memberships WHERE id = $1;

-- name: UnlistMembers
-- Removes the member_list rows of the people with ids from $1 to $2.
DELETE FROM member_list WHERE person_id BETWEEN $1 AND $2;

-- name: RelistMembers
-- The member_list rows (see the migration) of the people with ids from $1
-- to $2, from their memberships and their person_list rows, which must be
-- current: one per access level at which the membership, its person and
-- its organization may be seen.
INSERT INTO member_list (access, membership_id, organization_id, person_id, former, lead,
                         sort_name, last_news, arrest, status, held)
SELECT l.access, m.id, m.organization_id, m.person_id, CASE WHEN m.until = '' THEN 0 ELSE 1 END,
       CASE WHEN m.id = (SELECT MIN(m2.id) FROM memberships m2 WHERE m2.person_id = m.person_id
                         AND m2.organization_id = m.organization_id AND m2.visibility <= l.access) THEN 1 ELSE 0 END,
       l.sort_name, l.last_news, l.arrest, l.status, l.held
FROM memberships m
JOIN person_list l ON l.person_id = m.person_id AND m.visibility <= l.access
JOIN organizations o ON o.id = m.organization_id AND o.visibility <= l.access
WHERE m.person_id BETWEEN $1 AND $2;

-- name: UnlistMembersOfOrganization
-- Removes the member_list rows of organization $1 (access spelt out so
-- that the index member_list_page serves the delete).
DELETE FROM member_list WHERE access IN (0, 1, 2) AND organization_id = $1;

-- name: RelistMembersOfOrganization
-- The member_list rows of organization $1 (see RelistMembers).
INSERT INTO member_list (access, membership_id, organization_id, person_id, former, lead,
                         sort_name, last_news, arrest, status, held)
SELECT l.access, m.id, m.organization_id, m.person_id, CASE WHEN m.until = '' THEN 0 ELSE 1 END,
       CASE WHEN m.id = (SELECT MIN(m2.id) FROM memberships m2 WHERE m2.person_id = m.person_id
                         AND m2.organization_id = m.organization_id AND m2.visibility <= l.access) THEN 1 ELSE 0 END,
       l.sort_name, l.last_news, l.arrest, l.status, l.held
FROM memberships m
JOIN person_list l ON l.person_id = m.person_id AND m.visibility <= l.access
JOIN organizations o ON o.id = m.organization_id AND o.visibility <= l.access
WHERE m.organization_id = $1;

-- name: AddMemberCounts
-- Adds $3 (1 or -1) times what the member_list rows of the people with ids
-- from $1 to $2 count to member_counts: -1 before their rows are
-- rewritten, 1 after.
INSERT INTO member_counts (organization_id, access, current_members, former_members, detained_now)
SELECT organization_id, access, $3 * SUM(1 - former), $3 * SUM(former),
       $3 * SUM(CASE WHEN former = 0 AND held THEN 1 ELSE 0 END)
FROM member_list
WHERE person_id BETWEEN $1 AND $2
GROUP BY organization_id, access
ON CONFLICT (organization_id, access) DO UPDATE SET
    current_members = member_counts.current_members + excluded.current_members,
    former_members = member_counts.former_members + excluded.former_members,
    detained_now = member_counts.detained_now + excluded.detained_now;

-- name: PruneMemberCounts
-- Removes the counts of no members (an organization without members has no row).
DELETE FROM member_counts WHERE current_members = 0 AND former_members = 0 AND detained_now = 0;

-- name: UncountOrganization
DELETE FROM member_counts WHERE organization_id = $1;

-- name: CountOrganization
-- The member_counts rows of organization $1, counted from member_list.
INSERT INTO member_counts (organization_id, access, current_members, former_members, detained_now)
SELECT organization_id, access, SUM(1 - former), SUM(former), SUM(CASE WHEN former = 0 AND held THEN 1 ELSE 0 END)
FROM member_list WHERE access IN (0, 1, 2) AND organization_id = $1
GROUP BY organization_id, access;

-- name: UncountEveryone
DELETE FROM member_counts;

-- name: CountEveryone
-- Every member_counts row, counted from member_list.
INSERT INTO member_counts (organization_id, access, current_members, former_members, detained_now)
SELECT organization_id, access, SUM(1 - former), SUM(former), SUM(CASE WHEN former = 0 AND held THEN 1 ELSE 0 END)
FROM member_list GROUP BY organization_id, access;

-- name: OrganizationSlugTaken
SELECT COUNT(*) FROM organizations WHERE slug = $1 AND id <> $2;

-- name: OrganizationSlugOf
-- The slug and visibility a record has now, before a write (see slugToWrite).
SELECT slug, visibility FROM organizations WHERE id = $1;
