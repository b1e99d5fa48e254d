package store

import (
	"context"
	"time"

	"example.com/shop/platform/errs"
)

// PaymentRow is a row of payments.
type PaymentRow struct {
	ID            int64
	InvoiceID     int64
	AmountCents   int64
	RefundedCents int64
	GatewayRef    string
	Status        string
	CreatedAt     time.Time
}

const insertPayment = `INSERT INTO payments (invoice_id, amount_cents, gateway_ref, status)
	VALUES ($1, $2, $3, $4) RETURNING id`

// RecordPayment stores the gateway's answer for a charge.
func (s *Store) RecordPayment(ctx context.Context, invoiceID, cents int64, ref, status string) (int64, error) {
	var id int64
	if err := s.q.QueryRowContext(ctx, insertPayment, invoiceID, cents, ref, status).Scan(&id); err != nil {
		return 0, errs.E(errs.KindInternal, "billing.RecordPayment", err)
	}
	return id, nil
}

// Payment loads one payment.
func (s *Store) Payment(ctx context.Context, id int64) (*PaymentRow, error) {
	var p PaymentRow
	err := s.q.QueryRowContext(ctx, `SELECT id, invoice_id, amount_cents, refunded_cents, gateway_ref, status, created_at
		FROM payments WHERE id = $1`, id).
		Scan(&p.ID, &p.InvoiceID, &p.AmountCents, &p.RefundedCents, &p.GatewayRef, &p.Status, &p.CreatedAt)
	if err != nil {
		return nil, notFound("billing.Payment", err)
	}
	return &p, nil
}
