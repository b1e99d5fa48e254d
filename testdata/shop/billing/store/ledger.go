package store

import (
	"context"

	"example.com/shop/platform/errs"
)

// Ledger accounts. Every posting has a counter-posting so the ledger
// always sums to zero.
const (
	AccountReceivable = "receivable"
	AccountRevenue    = "revenue"
	AccountCash       = "cash"
)

const postEntry = `INSERT INTO billing.ledger_entries (account, invoice_id, amount_cents, memo)
	VALUES ($1, $2, $3, $4)`

// Post books amount from one account to another for an invoice.
func (s *Store) Post(ctx context.Context, invoiceID int64, from, to string, cents int64, memo string) error {
	if _, err := s.q.ExecContext(ctx, postEntry, from, invoiceID, -cents, memo); err != nil {
		return errs.E(errs.KindInternal, "billing.Post", err)
	}
	if _, err := s.q.ExecContext(ctx, postEntry, to, invoiceID, cents, memo); err != nil {
		return errs.E(errs.KindInternal, "billing.Post", err)
	}
	return nil
}

// Balance returns the balance of an account.
func (s *Store) Balance(ctx context.Context, account string) (int64, error) {
	var cents int64
	err := s.q.QueryRowContext(ctx, `SELECT coalesce(sum(amount_cents), 0)
		FROM billing.ledger_entries WHERE account = $1`, account).Scan(&cents)
	return cents, err
}
