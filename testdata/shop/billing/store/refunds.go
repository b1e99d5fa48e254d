package store

import (
	"context"

	"example.com/shop/platform/errs"
)

// CreateRefund records a refund and raises the payment's refunded total.
// Both statements must run in one transaction; the caller provides it.
func (s *Store) CreateRefund(ctx context.Context, paymentID, cents int64, reason string) (int64, error) {
	var id int64
	err := s.q.QueryRowContext(ctx, `INSERT INTO refunds (payment_id, amount_cents, reason)
		VALUES ($1, $2, $3) RETURNING id`, paymentID, cents, reason).Scan(&id)
	if err != nil {
		return 0, errs.E(errs.KindInternal, "billing.CreateRefund", err)
	}
	_, err = s.q.ExecContext(ctx, `UPDATE payments SET refunded_cents = refunded_cents + $2
		WHERE id = $1`, paymentID, cents)
	return id, err
}

// RefundsFor lists the refund amounts of a payment.
func (s *Store) RefundsFor(ctx context.Context, paymentID int64) ([]int64, error) {
	rows, err := s.q.QueryContext(ctx, `SELECT r.amount_cents FROM refunds r
		WHERE r.payment_id = $1 ORDER BY r.created_at`, paymentID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var c int64
		if err := rows.Scan(&c); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}
