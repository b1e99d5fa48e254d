package store

import "context"

// ItemRow is a row of cart_items.
type ItemRow struct {
	ProductID int64
	Quantity  int
}

// CartID returns the user's cart, creating it on first use.
func (s *Store) CartID(ctx context.Context, userID int64) (int64, error) {
	var id int64
	err := s.q.QueryRowContext(ctx, `INSERT INTO carts (user_id) VALUES ($1)
		ON CONFLICT (user_id) DO UPDATE SET updated_at = now()
		RETURNING id`, userID).Scan(&id)
	return id, err
}

// AddItem adds qty units, merging with a line for the same product.
func (s *Store) AddItem(ctx context.Context, cartID, productID int64, qty int) error {
	_, err := s.q.ExecContext(ctx, `INSERT INTO cart_items (cart_id, product_id, quantity)
		VALUES ($1, $2, $3)
		ON CONFLICT (cart_id, product_id)
		DO UPDATE SET quantity = cart_items.quantity + EXCLUDED.quantity`, cartID, productID, qty)
	return err
}

// Items lists the content of a cart.
func (s *Store) Items(ctx context.Context, cartID int64) ([]ItemRow, error) {
	rows, err := s.q.QueryContext(ctx, `SELECT product_id, quantity FROM cart_items WHERE cart_id = $1`, cartID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []ItemRow
	for rows.Next() {
		var it ItemRow
		if err := rows.Scan(&it.ProductID, &it.Quantity); err != nil {
			return nil, err
		}
		out = append(out, it)
	}
	return out, rows.Err()
}

// ClearCart empties a cart but keeps it, so the id stays stable.
func (s *Store) ClearCart(ctx context.Context, cartID int64) error {
	_, err := s.q.ExecContext(ctx, `DELETE FROM cart_items WHERE cart_id = $1`, cartID)
	return err
}
