// Package fulfilment ships paid orders and asks billing for the invoice
// that goes into the parcel.
package fulfilment

import (
	"context"

	"example.com/shop/billing/invoice"
	"example.com/shop/ordering"
	"example.com/shop/ordering/store"
	"example.com/shop/platform/errs"
	"example.com/shop/platform/log"
)

// Fulfiller ships orders.
type Fulfiller struct {
	orders   *ordering.Service
	store    *store.Store
	invoices *invoice.Issuer
	carrier  Carrier
	log      *log.Logger
}

// New returns a fulfiller using carrier for labels.
func New(orders *ordering.Service, st *store.Store, inv *invoice.Issuer, c Carrier, lg *log.Logger) *Fulfiller {
	return &Fulfiller{orders: orders, store: st, invoices: inv, carrier: c, log: lg}
}

// Ship books a parcel for a paid order and prints its invoice.
func (f *Fulfiller) Ship(ctx context.Context, orderID int64) (string, error) {
	o, err := f.orders.Get(ctx, orderID)
	if err != nil {
		return "", err
	}
	if o.Status != ordering.StatusPaid {
		return "", errs.Invalid("fulfilment.Ship", "order %d is %s", orderID, o.Status)
	}
	shipmentID, err := f.store.CreateShipment(ctx, orderID, f.carrier.Name())
	if err != nil {
		return "", err
	}
	tracking, err := f.carrier.Book(ctx, Parcel{OrderID: orderID, Items: len(o.Lines)})
	if err != nil {
		return "", err
	}
	if _, err := f.invoices.PrintForOrder(ctx, orderID); err != nil {
		f.log.Error(ctx, "invoice not printed", err, "order", orderID)
	}
	if err := f.store.ConsumeStock(ctx, orderID, "main"); err != nil {
		return "", err
	}
	return tracking, f.store.MarkShipped(ctx, shipmentID, tracking)
}
