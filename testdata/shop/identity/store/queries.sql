-- Named queries of the identity store. Each block starts with a
-- "-- name: <name>" line and runs until the next one; named.go loads them.

-- name: get-user-by-email
SELECT id, email, full_name, password_hash, created_at
FROM users
WHERE lower(email) = lower($1);

-- name: create-user
INSERT INTO users (email, full_name, password_hash)
VALUES ($1, $2, $3)
RETURNING id;

-- name: create-password-reset
INSERT INTO password_resets (token_hash, user_id, expires_at)
VALUES ($1, $2, now() + interval '1 hour');

-- name: consume-password-reset
DELETE FROM password_resets
WHERE token_hash = $1 AND expires_at > now()
RETURNING user_id;

-- name: set-password
UPDATE users SET password_hash = $2 WHERE id = $1;

-- name: delete-expired-sessions
DELETE FROM sessions WHERE expires_at < now();
