package store

import (
	"context"

	"example.com/shop/platform/errs"
)

// ReserveStock moves the ordered quantities from sellable to reserved.
// Catalog owns stock_levels, but reserving in the checkout transaction is
// the only way to avoid overselling.
func (s *Store) ReserveStock(ctx context.Context, orderID int64, warehouse string) error {
	_, err := s.q.ExecContext(ctx, `UPDATE stock_levels s
		SET reserved = s.reserved + l.quantity
		FROM order_lines l
		WHERE l.order_id = $1 AND s.product_id = l.product_id AND s.warehouse = $2`,
		orderID, warehouse)
	if err != nil {
		return errs.E(errs.KindInternal, "ordering.ReserveStock", err)
	}
	return nil
}

// ReleaseStock undoes ReserveStock for a cancelled order.
func (s *Store) ReleaseStock(ctx context.Context, orderID int64, warehouse string) error {
	_, err := s.q.ExecContext(ctx, `UPDATE stock_levels s
		SET reserved = greatest(s.reserved - l.quantity, 0)
		FROM order_lines l
		WHERE l.order_id = $1 AND s.product_id = l.product_id AND s.warehouse = $2`,
		orderID, warehouse)
	return err
}

// ConsumeStock removes shipped units from both counters.
func (s *Store) ConsumeStock(ctx context.Context, orderID int64, warehouse string) error {
	_, err := s.q.ExecContext(ctx, `UPDATE stock_levels s
		SET on_hand = s.on_hand - l.quantity, reserved = s.reserved - l.quantity
		FROM order_lines l
		WHERE l.order_id = $1 AND s.product_id = l.product_id AND s.warehouse = $2`,
		orderID, warehouse)
	return err
}
