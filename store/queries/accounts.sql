-- name: AuthOfUser
SELECT password_hash, totp_secret, totp_enabled, totp_step, disabled FROM users WHERE id = $1;

-- name: SetPasswordHash
UPDATE users SET password_hash = $2 WHERE id = $1;

-- name: SetPendingTOTP
UPDATE users SET totp_secret = $2, totp_enabled = $3 WHERE id = $1;

-- name: EnableTOTP
UPDATE users SET totp_enabled = $2, totp_step = $3 WHERE id = $1;

-- name: SetTOTPStep
UPDATE users SET totp_step = $2 WHERE id = $1 AND totp_step < $2;

-- name: SetUserDisabled
UPDATE users SET disabled = $2 WHERE id = $1;

-- name: GetUserByID
SELECT id, email, name, role, confidential, created_at FROM users WHERE id = $1;

-- name: ListUsers
SELECT id, email, name, role, confidential, created_at, totp_enabled, disabled,
       password_hash <> '' AS has_password
FROM users ORDER BY email;

-- name: InsertSession
INSERT INTO sessions (token_hash, user_id, second_factor, created_at, seen_at, expires_at)
VALUES ($1, $2, $3, $4, $4, $5);

-- name: GetSession
SELECT s.id, s.user_id, s.second_factor, s.created_at, s.seen_at, s.expires_at, u.disabled
FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = $1;

-- name: TouchSession
UPDATE sessions SET seen_at = $2 WHERE id = $1;

-- name: RenewSession
UPDATE sessions SET token_hash = $2, second_factor = $3 WHERE id = $1;

-- name: DeleteSession
DELETE FROM sessions WHERE token_hash = $1;

-- name: DeleteSessionsOfUser
DELETE FROM sessions WHERE user_id = $1 AND token_hash <> $2;

-- name: SessionsOfUser
SELECT id, second_factor, created_at, seen_at, expires_at FROM sessions WHERE user_id = $1 ORDER BY seen_at DESC;

-- name: PruneSessions
DELETE FROM sessions WHERE expires_at < $1 OR seen_at < $2;

-- name: DeleteRecoveryCodes
DELETE FROM recovery_codes WHERE user_id = $1;

-- name: InsertRecoveryCode
INSERT INTO recovery_codes (user_id, code_hash) VALUES ($1, $2);

-- name: UseRecoveryCode
DELETE FROM recovery_codes WHERE user_id = $1 AND code_hash = $2;

-- name: CountRecoveryCodes
SELECT COUNT(*) FROM recovery_codes WHERE user_id = $1;

-- name: GetLoginFailure
SELECT failures, next_at FROM login_failures WHERE subject = $1;

-- name: CountLoginFailure
INSERT INTO login_failures (subject, failures, last_at, next_at) VALUES ($1, 1, $2, $3)
ON CONFLICT (subject) DO UPDATE SET failures = login_failures.failures + 1, last_at = $2
RETURNING failures;

-- name: SetLoginWait
UPDATE login_failures SET next_at = $2 WHERE subject = $1;

-- name: ClearLoginFailure
DELETE FROM login_failures WHERE subject = $1;

-- name: PruneLoginFailures
DELETE FROM login_failures WHERE last_at < $1;

-- name: InsertAccountLink
INSERT INTO account_links (token_hash, user_id, purpose, expires_at) VALUES ($1, $2, $3, $4);

-- name: GetAccountLink
SELECT user_id, purpose, expires_at FROM account_links WHERE token_hash = $1;

-- name: DeleteAccountLinks
DELETE FROM account_links WHERE user_id = $1;

-- name: SecondFactorRoles
SELECT role FROM second_factor_roles ORDER BY role;

-- name: ClearSecondFactorRoles
DELETE FROM second_factor_roles;

-- name: InsertSecondFactorRole
INSERT INTO second_factor_roles (role) VALUES ($1);

-- name: GetAccount
SELECT id, email, name, role, confidential, created_at, totp_enabled, disabled,
       password_hash <> '' AS has_password
FROM users WHERE id = $1;
