package store

import (
	"context"
	"time"

	"example.com/shop/platform/errs"
)

const orderColumns = "id, user_id, status, total_cents, currency, created_at"

const selectOrder = "SELECT " + orderColumns + " FROM orders"

// OrderRow is a row of orders.
type OrderRow struct {
	ID         int64
	UserID     int64
	Status     string
	TotalCents int64
	Currency   string
	CreatedAt  time.Time
}

// LineRow is a row of order_lines.
type LineRow struct {
	ProductID  int64
	Quantity   int
	PriceCents int64
}

// CreateOrder inserts an order with its lines and returns its id.
func (s *Store) CreateOrder(ctx context.Context, userID, totalCents int64, currency string, lines []LineRow) (int64, error) {
	var id int64
	err := s.q.QueryRowContext(ctx, `INSERT INTO orders (user_id, total_cents, currency)
		VALUES ($1, $2, $3) RETURNING id`, userID, totalCents, currency).Scan(&id)
	if err != nil {
		return 0, errs.E(errs.KindInternal, "ordering.CreateOrder", err)
	}
	for _, l := range lines {
		_, err := s.q.ExecContext(ctx, `INSERT INTO order_lines (order_id, product_id, quantity, price_cents)
			VALUES ($1, $2, $3, $4)`, id, l.ProductID, l.Quantity, l.PriceCents)
		if err != nil {
			return 0, errs.E(errs.KindInternal, "ordering.CreateOrder", err)
		}
	}
	return id, nil
}

// GetOrder loads one order.
func (s *Store) GetOrder(ctx context.Context, id int64) (*OrderRow, error) {
	var o OrderRow
	err := s.q.QueryRowContext(ctx, selectOrder+" WHERE id = $1", id).
		Scan(&o.ID, &o.UserID, &o.Status, &o.TotalCents, &o.Currency, &o.CreatedAt)
	if err != nil {
		return nil, errs.NotFound("ordering.GetOrder", "order %d: %v", id, err)
	}
	return &o, nil
}

// Lines loads the lines of an order.
func (s *Store) Lines(ctx context.Context, orderID int64) ([]LineRow, error) {
	rows, err := s.q.QueryContext(ctx, `SELECT product_id, quantity, price_cents
		FROM order_lines WHERE order_id = $1 ORDER BY product_id`, orderID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []LineRow
	for rows.Next() {
		var l LineRow
		if err := rows.Scan(&l.ProductID, &l.Quantity, &l.PriceCents); err != nil {
			return nil, err
		}
		out = append(out, l)
	}
	return out, rows.Err()
}

// SetStatus moves an order to a new state.
func (s *Store) SetStatus(ctx context.Context, id int64, status string) error {
	_, err := s.q.ExecContext(ctx, `UPDATE orders SET status = $2 WHERE id = $1`, id, status)
	return err
}
