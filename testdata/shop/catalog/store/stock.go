package store

import (
	"context"

	"example.com/shop/platform/errs"
)

// upsertStock sets the on-hand count; reserved units are left alone
// because ordering owns reservations.
const upsertStock = `INSERT INTO stock_levels (product_id, warehouse, on_hand)
	VALUES ($1, $2, $3)
	ON CONFLICT (product_id, warehouse) DO UPDATE SET on_hand = EXCLUDED.on_hand`

// SetStock records a stock count from a warehouse.
func (s *Store) SetStock(ctx context.Context, productID int64, warehouse string, onHand int) error {
	if onHand < 0 {
		return errs.Invalid("catalog.SetStock", "negative stock %d", onHand)
	}
	_, err := s.q.ExecContext(ctx, upsertStock, productID, warehouse, onHand)
	return err
}

// Available returns the units that can still be sold over all warehouses.
func (s *Store) Available(ctx context.Context, productID int64) (int, error) {
	var n int
	err := s.q.QueryRowContext(ctx, `SELECT coalesce(sum(on_hand - reserved), 0)
		FROM stock_levels WHERE product_id = $1`, productID).Scan(&n)
	if err != nil {
		return 0, errs.E(errs.KindInternal, "catalog.Available", err)
	}
	return n, nil
}

// LowStock lists products with fewer than threshold sellable units.
func (s *Store) LowStock(ctx context.Context, threshold int) ([]int64, error) {
	rows, err := s.q.QueryContext(ctx, `SELECT product_id FROM stock_levels
		GROUP BY product_id HAVING sum(on_hand - reserved) < $1`, threshold)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}
