package user

import (
	"context"

	"github.com/jmoiron/sqlx"

	"example.com/layered/types"
)

// Store keeps users in the users table.
type Store struct {
	db *sqlx.DB
}

type userRow struct {
	ID           int64  `db:"user_id"`
	Email        string `db:"user_email"`
	DisplayName  string `db:"user_display_name"`
	PasswordHash string `db:"user_password_hash"`
	Admin        bool   `db:"user_admin"`
}

const userColumns = `user_id, user_email, user_display_name, user_admin`

func (s *Store) FindByEmail(ctx context.Context, email string) (*types.User, error) {
	row := &userRow{}
	err := s.db.GetContext(ctx, row, "SELECT "+userColumns+" FROM users WHERE user_email = $1", email)
	return mapUser(row), err
}

func (s *Store) Update(ctx context.Context, u *types.User) error {
	_, err := s.db.ExecContext(ctx, "UPDATE users SET user_admin = $1 WHERE user_id = $2", u.Admin, u.ID)
	return err
}

func mapUser(row *userRow) *types.User { return nil }
