// Package store persists orders, carts and shipments in PostgreSQL.
package store

import (
	"context"

	"example.com/shop/platform/db"
	"example.com/shop/platform/errs"
)

// Store runs ordering queries on a connection or a transaction.
type Store struct {
	q db.Querier
}

// New returns a store using q.
func New(q db.Querier) *Store {
	return &Store{q: q}
}

// CustomerEmail reads the user's address for order confirmations. It reads
// the identity table directly because the mailer runs inside a transaction.
func (s *Store) CustomerEmail(ctx context.Context, userID int64) (string, error) {
	var email string
	err := s.q.QueryRowContext(ctx, `SELECT u.email FROM users u WHERE u.id = $1`, userID).Scan(&email)
	if err != nil {
		return "", errs.E(errs.KindNotFound, "ordering.CustomerEmail", err)
	}
	return email, nil
}

// PriceAt returns the unit price a product had when an order was placed,
// for disputes about old orders.
func (s *Store) PriceAt(ctx context.Context, orderID, productID int64) (int64, error) {
	var cents int64
	err := s.q.QueryRowContext(ctx, `SELECT pp.price_cents
		FROM product_prices pp
		JOIN orders o ON o.id = $1
		WHERE pp.product_id = $2 AND pp.valid_from <= o.created_at
		ORDER BY pp.valid_from DESC LIMIT 1`, orderID, productID).Scan(&cents)
	return cents, err
}
