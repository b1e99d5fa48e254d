package store

import (
	"context"

	"example.com/shop/platform/errs"
)

// Roles lists the role names of a user. "name" is quoted because it was a
// reserved word in the database the schema was first written for.
func (s *Store) Roles(ctx context.Context, userID int64) ([]string, error) {
	rows, err := s.q.QueryContext(ctx, `SELECT r."name"
		FROM roles r
		JOIN "user_roles" ur ON ur.role_id = r.id
		WHERE ur.user_id = $1
		ORDER BY r."name"`, userID)
	if err != nil {
		return nil, errs.E(errs.KindInternal, "identity.Roles", err)
	}
	defer rows.Close()
	var names []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			return nil, err
		}
		names = append(names, n)
	}
	return names, rows.Err()
}

// GrantRole gives a user a role; granting twice is harmless.
func (s *Store) GrantRole(ctx context.Context, userID int64, role string) error {
	_, err := s.q.ExecContext(ctx, `INSERT INTO "user_roles" (user_id, role_id)
		SELECT $1, r.id FROM roles r WHERE r."name" = $2
		ON CONFLICT DO NOTHING`, userID, role)
	return err
}

// RevokeRole removes a role from a user.
func (s *Store) RevokeRole(ctx context.Context, userID int64, role string) error {
	_, err := s.q.ExecContext(ctx, `DELETE FROM "user_roles" ur
		USING roles r
		WHERE ur.role_id = r.id AND ur.user_id = $1 AND r."name" = $2`, userID, role)
	return err
}
