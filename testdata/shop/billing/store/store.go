// Package store persists invoices, payments, refunds and the ledger.
package store

import (
	"context"
	"database/sql"
	"errors"

	"example.com/shop/platform/db"
	"example.com/shop/platform/errs"
)

// Store runs billing queries on a connection or a transaction.
type Store struct {
	q db.Querier
}

// New returns a store using q.
func New(q db.Querier) *Store {
	return &Store{q: q}
}

// notFound turns sql.ErrNoRows into a not-found error so the service can
// tell "no invoice yet" apart from a broken database.
func notFound(op string, err error) error {
	if errors.Is(err, sql.ErrNoRows) {
		return errs.NotFound(op, "no rows")
	}
	return errs.E(errs.KindInternal, op, err)
}

// PaidAndRefunded sums the settled payments and refunds of an invoice.
func (s *Store) PaidAndRefunded(ctx context.Context, invoiceID int64) (paid, refunded int64, err error) {
	err = s.q.QueryRowContext(ctx, `SELECT coalesce(sum(amount_cents), 0), coalesce(sum(refunded_cents), 0)
		FROM payments WHERE invoice_id = $1 AND status = 'settled'`, invoiceID).Scan(&paid, &refunded)
	return paid, refunded, err
}
