package billing

import (
	"context"

	"example.com/shop/billing/invoice"
	"example.com/shop/billing/payment"
	"example.com/shop/billing/store"
	"example.com/shop/ordering"
	"example.com/shop/platform/errs"
	"example.com/shop/platform/log"
)

// Service is the entry point of the billing domain.
type Service struct {
	orders   *ordering.Service
	store    *store.Store
	issuer   *invoice.Issuer
	payments *payment.Processor
	log      *log.Logger
}

// NewService wires the billing domain.
func NewService(orders *ordering.Service, st *store.Store, is *invoice.Issuer, pp *payment.Processor, lg *log.Logger) *Service {
	return &Service{orders: orders, store: st, issuer: is, payments: pp, log: lg.With("domain", "billing")}
}

// Statement loads an order with its invoice and payments.
func (s *Service) Statement(ctx context.Context, orderID int64) (*Statement, error) {
	o, err := s.orders.Get(ctx, orderID)
	if err != nil {
		return nil, err
	}
	st := &Statement{Order: o}
	row, err := s.store.InvoiceForOrder(ctx, orderID)
	if errs.KindOf(err) == errs.KindNotFound {
		return st, nil
	}
	if err != nil {
		return nil, err
	}
	st.Invoice = &Invoice{ID: row.ID, Number: row.Number, OrderID: orderID, TotalCents: row.TotalCents,
		Currency: row.Currency, Status: InvoiceStatus(row.Status), IssuedAt: row.IssuedAt}
	st.PaidCents, st.RefundCents, err = s.store.PaidAndRefunded(ctx, row.ID)
	return st, err
}

// Pay charges the customer for an order and marks it paid when the
// gateway accepts.
func (s *Service) Pay(ctx context.Context, orderID int64, cardToken string) error {
	o, err := s.orders.Get(ctx, orderID)
	if err != nil {
		return err
	}
	if o.Status != ordering.StatusPlaced {
		return errs.Invalid("billing.Pay", "order %d is %s", orderID, o.Status)
	}
	invoiceID, err := s.issuer.Issue(ctx, orderID)
	if err != nil {
		return err
	}
	if err := s.payments.Charge(ctx, invoiceID, o.Total.Cents, cardToken); err != nil {
		return err
	}
	s.log.Info(ctx, "order paid", "order", orderID, "invoice", invoiceID)
	return s.orders.MarkPaid(ctx, orderID)
}
