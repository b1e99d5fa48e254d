package store

import (
	"context"

	"example.com/shop/platform/errs"
)

// CreateShipment records that an order was handed to a carrier.
func (s *Store) CreateShipment(ctx context.Context, orderID int64, carrier string) (int64, error) {
	var id int64
	err := s.q.QueryRowContext(ctx, `INSERT INTO shipments (order_id, carrier)
		VALUES ($1, $2) RETURNING id`, orderID, carrier).Scan(&id)
	if err != nil {
		return 0, errs.E(errs.KindInternal, "ordering.CreateShipment", err)
	}
	return id, nil
}

// MarkShipped stores the tracking number and moves the order along in the
// same statement pair, so both agree on the shipping time.
func (s *Store) MarkShipped(ctx context.Context, shipmentID int64, tracking string) error {
	_, err := s.q.ExecContext(ctx, `UPDATE shipments SET tracking = $2, shipped_at = now()
		WHERE id = $1`, shipmentID, tracking)
	if err != nil {
		return err
	}
	_, err = s.q.ExecContext(ctx, `UPDATE orders o SET status = 'shipped'
		FROM shipments sh
		WHERE sh.id = $1 AND o.id = sh.order_id`, shipmentID)
	return err
}
