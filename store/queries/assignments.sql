-- The people assigned to volunteers (docs/workspace.md, "Roles").

-- name: InsertAssignment
-- $1 user, $2 person, $3 by, $4 at.
INSERT INTO assignments (user_id, person_id, assigned_by, created_at) VALUES ($1, $2, $3, $4)
ON CONFLICT (user_id, person_id) DO NOTHING;

-- name: DeleteAssignment
DELETE FROM assignments WHERE user_id = $1 AND person_id = $2;

-- name: AssigneesOfPerson
-- The volunteers a person is assigned to.
SELECT u.id, u.email, u.name, u.role, u.confidential, u.created_at
FROM assignments a JOIN users u ON u.id = a.user_id
WHERE a.person_id = $1
ORDER BY u.email;

-- name: Volunteers
SELECT id, email, name, role, confidential, created_at FROM users WHERE role = 'volunteer' ORDER BY email;

-- The records a volunteer ($1) may write: those of a person assigned to
-- them. Each answers a row when record $2 is theirs.

-- name: AssignedPerson
SELECT 1 FROM assignments WHERE user_id = $1 AND person_id = $2;

-- name: AssignedCase
SELECT 1 FROM assignments a JOIN cases c ON c.person_id = a.person_id WHERE a.user_id = $1 AND c.id = $2;

-- name: AssignedEvent
SELECT 1 FROM assignments a JOIN cases c ON c.person_id = a.person_id JOIN events e ON e.case_id = c.id
WHERE a.user_id = $1 AND e.id = $2;

-- name: AssignedIntervention
SELECT 1 FROM assignments a JOIN cases c ON c.person_id = a.person_id JOIN interventions i ON i.case_id = c.id
WHERE a.user_id = $1 AND i.id = $2;

-- name: AssignedMembership
SELECT 1 FROM assignments a JOIN memberships m ON m.person_id = a.person_id WHERE a.user_id = $1 AND m.id = $2;

-- name: AssignedAlert
SELECT 1 FROM assignments a JOIN cases c ON c.person_id = a.person_id JOIN alerts al ON al.case_id = c.id
WHERE a.user_id = $1 AND al.id = $2;

-- name: AssigneeIDsOfPerson
SELECT user_id FROM assignments WHERE person_id = $1 ORDER BY user_id;

-- name: RestoreAssignment
-- InsertAssignment for an undone merge: only while the account is still a
-- volunteer's. $1 user, $2 person, $3 by, $4 at.
INSERT INTO assignments (user_id, person_id, assigned_by, created_at)
SELECT $1, $2, $3, $4 WHERE EXISTS (SELECT 1 FROM users u WHERE u.id = $1 AND u.role = 'volunteer')
ON CONFLICT (user_id, person_id) DO NOTHING;
