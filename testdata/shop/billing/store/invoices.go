package store

import (
	"context"
	"time"
)

// InvoiceRow is a row of invoices.
type InvoiceRow struct {
	ID         int64
	Number     string
	TotalCents int64
	Currency   string
	Status     string
	IssuedAt   time.Time
}

// CreateInvoice inserts an invoice; a second call for the same order
// returns the existing one, so retries of a payment are harmless.
func (s *Store) CreateInvoice(ctx context.Context, orderID int64, number string, totalCents int64, currency string) (int64, error) {
	var id int64
	err := s.q.QueryRowContext(ctx, `INSERT INTO invoices (order_id, number, total_cents, currency)
		VALUES ($1, $2, $3, $4)
		ON CONFLICT (order_id) DO UPDATE SET number = invoices.number
		RETURNING id`, orderID, number, totalCents, currency).Scan(&id)
	return id, err
}

// InvoiceForOrder loads the invoice of an order.
func (s *Store) InvoiceForOrder(ctx context.Context, orderID int64) (*InvoiceRow, error) {
	var r InvoiceRow
	err := s.q.QueryRowContext(ctx, `SELECT id, number, total_cents, currency, status, issued_at
		FROM invoices WHERE order_id = $1`, orderID).
		Scan(&r.ID, &r.Number, &r.TotalCents, &r.Currency, &r.Status, &r.IssuedAt)
	if err != nil {
		return nil, notFound("billing.InvoiceForOrder", err)
	}
	return &r, nil
}

// Outstanding lists open invoices with what is still owed on each.
func (s *Store) Outstanding(ctx context.Context) (map[int64]int64, error) {
	rows, err := s.q.QueryContext(ctx, `WITH paid AS (
			SELECT invoice_id, sum(amount_cents - refunded_cents) AS paid_cents
			FROM payments
			WHERE status = 'settled'
			GROUP BY invoice_id
		)
		SELECT i.id, i.total_cents - coalesce(p.paid_cents, 0)
		FROM invoices i
		LEFT JOIN paid p ON p.invoice_id = i.id
		WHERE i.status = 'open'`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := make(map[int64]int64)
	for rows.Next() {
		var id, owed int64
		if err := rows.Scan(&id, &owed); err != nil {
			return nil, err
		}
		out[id] = owed
	}
	return out, rows.Err()
}

// MarkPaid closes an invoice.
func (s *Store) MarkPaid(ctx context.Context, invoiceID int64) error {
	_, err := s.q.ExecContext(ctx, `UPDATE invoices SET status = 'paid' WHERE id = $1`, invoiceID)
	return err
}
