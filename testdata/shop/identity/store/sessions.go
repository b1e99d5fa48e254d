package store

import (
	"context"
	"time"

	"example.com/shop/platform/errs"
)

// SaveSession stores a session; saving the same token again extends it.
func (s *Store) SaveSession(ctx context.Context, tokenHash string, userID int64, expires time.Time) error {
	_, err := s.q.ExecContext(ctx, `INSERT INTO sessions (token_hash, user_id, expires_at)
		VALUES ($1, $2, $3)
		ON CONFLICT (token_hash) DO UPDATE SET expires_at = EXCLUDED.expires_at`,
		tokenHash, userID, expires)
	if err != nil {
		return errs.E(errs.KindInternal, "identity.SaveSession", err)
	}
	return nil
}

// SessionUser returns the user of a live session.
func (s *Store) SessionUser(ctx context.Context, tokenHash string) (int64, error) {
	var userID int64
	err := s.q.QueryRowContext(ctx, `SELECT s.user_id FROM sessions s
		WHERE s.token_hash = $1 AND s.expires_at > now()`, tokenHash).Scan(&userID)
	if err != nil {
		return 0, errs.Unauthorized("identity.SessionUser")
	}
	return userID, nil
}

// DeleteSession ends a session.
func (s *Store) DeleteSession(ctx context.Context, tokenHash string) error {
	_, err := s.q.ExecContext(ctx, `DELETE FROM sessions WHERE token_hash = $1`, tokenHash)
	return err
}
