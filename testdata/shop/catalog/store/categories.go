package store

import (
	"context"

	"example.com/shop/platform/errs"
)

// CategoryRow is one node of the category tree.
type CategoryRow struct {
	ID       int64
	ParentID int64
	Name     string
}

// Subtree returns root and all its descendants, parents before children.
func (s *Store) Subtree(ctx context.Context, root int64) ([]CategoryRow, error) {
	rows, err := s.q.QueryContext(ctx, `WITH RECURSIVE tree AS (
			SELECT id, coalesce(parent_id, 0) AS parent_id, name, 0 AS depth
			FROM categories WHERE id = $1
			UNION ALL
			SELECT c.id, c.parent_id, c.name, t.depth + 1
			FROM categories c JOIN tree t ON c.parent_id = t.id
			WHERE c.archived_at IS NULL
		)
		SELECT id, parent_id, name FROM tree ORDER BY depth, name`, root)
	if err != nil {
		return nil, errs.E(errs.KindInternal, "catalog.Subtree", err)
	}
	defer rows.Close()
	var out []CategoryRow
	for rows.Next() {
		var c CategoryRow
		if err := rows.Scan(&c.ID, &c.ParentID, &c.Name); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// CreateCategory adds a category under parent, or at the top when parent
// is zero.
func (s *Store) CreateCategory(ctx context.Context, parent int64, name string) (int64, error) {
	var id int64
	err := s.q.QueryRowContext(ctx,
		`INSERT INTO categories (parent_id, name) VALUES (nullif($1, 0), $2) RETURNING id`,
		parent, name).Scan(&id)
	return id, err
}
