// Package invoice issues and prints invoices.
package invoice

import (
	"context"
	"fmt"
	"time"

	"example.com/shop/billing/store"
	"example.com/shop/platform/log"
)

// Issuer creates invoices for orders.
type Issuer struct {
	store *store.Store
	log   *log.Logger
	now   func() time.Time
}

// NewIssuer returns an issuer.
func NewIssuer(st *store.Store, lg *log.Logger) *Issuer {
	return &Issuer{store: st, log: lg, now: time.Now}
}

// Number formats invoice numbers per year, as the tax office requires.
func Number(year int, orderID int64) string {
	return fmt.Sprintf("INV-%d-%06d", year, orderID)
}

// Issue creates the invoice of an order and books it as receivable.
func (is *Issuer) Issue(ctx context.Context, orderID int64) (int64, error) {
	o, err := is.store.BillableOrder(ctx, orderID)
	if err != nil {
		return 0, err
	}
	number := Number(is.now().Year(), orderID)
	id, err := is.store.CreateInvoice(ctx, orderID, number, o.TotalCents, o.Currency)
	if err != nil {
		return 0, err
	}
	if err := is.store.Post(ctx, id, store.AccountRevenue, store.AccountReceivable, o.TotalCents, number); err != nil {
		return 0, err
	}
	is.log.Info(ctx, "invoice issued", "number", number)
	return id, nil
}

// PrintForOrder renders the invoice of an order as plain text.
func (is *Issuer) PrintForOrder(ctx context.Context, orderID int64) (string, error) {
	inv, err := is.store.InvoiceForOrder(ctx, orderID)
	if err != nil {
		return "", err
	}
	o, err := is.store.BillableOrder(ctx, orderID)
	if err != nil {
		return "", err
	}
	return Render(inv, o)
}
