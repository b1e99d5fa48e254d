package payment

import (
	"context"

	"example.com/shop/billing/store"
	"example.com/shop/platform/errs"
)

// Refund gives cents of a payment back. Partial refunds are allowed as
// long as the total stays within the original amount.
func (p *Processor) Refund(ctx context.Context, paymentID, cents int64, reason string) error {
	pay, err := p.store.Payment(ctx, paymentID)
	if err != nil {
		return err
	}
	if pay.Status != "settled" {
		return errs.Invalid("payment.Refund", "payment %d is %s", paymentID, pay.Status)
	}
	if cents <= 0 || pay.RefundedCents+cents > pay.AmountCents {
		return errs.Invalid("payment.Refund", "cannot refund %d of %d", cents, pay.AmountCents-pay.RefundedCents)
	}
	res, err := p.gateway.Refund(ctx, pay.GatewayRef, cents)
	if err != nil {
		return errs.E(errs.KindInternal, "payment.Refund", err)
	}
	if !res.Approved {
		return errs.E(errs.KindConflict, "payment.Refund", nil)
	}
	if _, err := p.store.CreateRefund(ctx, paymentID, cents, reason); err != nil {
		return err
	}
	return p.store.Post(ctx, pay.InvoiceID, store.AccountCash, store.AccountReceivable, cents, "refund "+res.Reference)
}
