package store

import (
	"context"
	"time"

	"example.com/shop/platform/db"
	"example.com/shop/platform/errs"
)

// UserRow is a row of users.
type UserRow struct {
	ID           int64
	Email        string
	FullName     string
	PasswordHash string
	CreatedAt    time.Time
}

// CreateUser inserts an account; a taken email is a conflict, not a crash.
func (s *Store) CreateUser(ctx context.Context, email, name, hash string) (int64, error) {
	var id int64
	err := s.q.QueryRowContext(ctx, query("create-user"), email, name, hash).Scan(&id)
	if db.IsUniqueViolation(err) {
		return 0, errs.E(errs.KindConflict, "identity.CreateUser", err)
	}
	return id, err
}

// UserByEmail looks an account up case-insensitively.
func (s *Store) UserByEmail(ctx context.Context, email string) (*UserRow, error) {
	var u UserRow
	err := s.q.QueryRowContext(ctx, query("get-user-by-email"), email).
		Scan(&u.ID, &u.Email, &u.FullName, &u.PasswordHash, &u.CreatedAt)
	if err != nil {
		return nil, errs.NotFound("identity.UserByEmail", "%v", err)
	}
	return &u, nil
}

// UserByID loads one account.
func (s *Store) UserByID(ctx context.Context, id int64) (*UserRow, error) {
	var u UserRow
	err := s.q.QueryRowContext(ctx, `SELECT id, email, full_name, password_hash, created_at
		FROM users WHERE id = $1`, id).
		Scan(&u.ID, &u.Email, &u.FullName, &u.PasswordHash, &u.CreatedAt)
	if err != nil {
		return nil, errs.NotFound("identity.UserByID", "user %d", id)
	}
	return &u, nil
}

// SetPassword replaces a password hash.
func (s *Store) SetPassword(ctx context.Context, userID int64, hash string) error {
	_, err := s.q.ExecContext(ctx, query("set-password"), userID, hash)
	return err
}

// CreateReset stores the hash of a reset token.
func (s *Store) CreateReset(ctx context.Context, userID int64, tokenHash string) error {
	_, err := s.q.ExecContext(ctx, query("create-password-reset"), tokenHash, userID)
	return err
}

// ConsumeReset deletes a valid reset token and returns its user, so a token
// works exactly once.
func (s *Store) ConsumeReset(ctx context.Context, tokenHash string) (int64, error) {
	var userID int64
	if err := s.q.QueryRowContext(ctx, query("consume-password-reset"), tokenHash).Scan(&userID); err != nil {
		return 0, errs.Unauthorized("identity.ConsumeReset")
	}
	return userID, nil
}
