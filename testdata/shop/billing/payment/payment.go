// Package payment charges cards through the payment gateway and records
// the outcome.
package payment

import (
	"context"

	"example.com/shop/billing/store"
	"example.com/shop/platform/errs"
	"example.com/shop/platform/log"
)

// Processor charges and refunds payments.
type Processor struct {
	store   *store.Store
	gateway Gateway
	log     *log.Logger
}

// NewProcessor returns a processor.
func NewProcessor(st *store.Store, gw Gateway, lg *log.Logger) *Processor {
	return &Processor{store: st, gateway: gw, log: lg}
}

// Charge charges a card for an invoice. A declined card is recorded too,
// because support needs to see failed attempts.
func (p *Processor) Charge(ctx context.Context, invoiceID, cents int64, cardToken string) error {
	if cents <= 0 {
		return errs.Invalid("payment.Charge", "amount %d", cents)
	}
	res, err := p.gateway.Charge(ctx, cardToken, cents)
	if err != nil {
		return errs.E(errs.KindInternal, "payment.Charge", err)
	}
	status := "settled"
	if !res.Approved {
		status = "declined"
	}
	if _, err := p.store.RecordPayment(ctx, invoiceID, cents, res.Reference, status); err != nil {
		return err
	}
	if !res.Approved {
		return errs.E(errs.KindConflict, "payment.Charge", nil)
	}
	if err := p.store.Post(ctx, invoiceID, store.AccountReceivable, store.AccountCash, cents, res.Reference); err != nil {
		return err
	}
	return p.store.MarkPaid(ctx, invoiceID)
}
