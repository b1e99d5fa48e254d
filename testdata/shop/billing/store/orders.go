package store

import "context"

// BillableOrder is what an invoice needs to know about an order and its
// customer.
type BillableOrder struct {
	OrderID      int64
	TotalCents   int64
	Currency     string
	CustomerName string
	Email        string
}

// BillableOrder reads the order and its customer straight from the
// ordering and identity tables. Billing must be able to issue invoices
// even when those services are down for maintenance.
func (s *Store) BillableOrder(ctx context.Context, orderID int64) (*BillableOrder, error) {
	var b BillableOrder
	err := s.q.QueryRowContext(ctx, `SELECT o.id, o.total_cents, o.currency, u.full_name, u.email
		FROM orders o
		JOIN users u ON u.id = o.user_id
		WHERE o.id = $1`, orderID).
		Scan(&b.OrderID, &b.TotalCents, &b.Currency, &b.CustomerName, &b.Email)
	if err != nil {
		return nil, notFound("billing.BillableOrder", err)
	}
	return &b, nil
}

// UnbilledOrders lists paid-for orders that have no invoice yet, for the
// nightly reconciliation.
func (s *Store) UnbilledOrders(ctx context.Context) ([]int64, error) {
	rows, err := s.q.QueryContext(ctx, `SELECT o.id FROM orders o
		LEFT JOIN invoices i ON i.order_id = o.id
		WHERE i.id IS NULL AND o.status IN ('paid', 'shipped')`)
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
