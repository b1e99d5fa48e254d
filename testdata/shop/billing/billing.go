// Package billing is the billing domain: invoices for orders, payments
// against invoices, refunds and the ledger behind them.
package billing

import (
	"time"

	"example.com/shop/ordering"
)

// InvoiceStatus is the state of an invoice.
type InvoiceStatus string

// Invoice states.
const (
	InvoiceOpen InvoiceStatus = "open"
	InvoicePaid InvoiceStatus = "paid"
	InvoiceVoid InvoiceStatus = "void"
)

// Invoice is the bill for one order.
type Invoice struct {
	ID         int64
	Number     string
	OrderID    int64
	TotalCents int64
	Currency   string
	Status     InvoiceStatus
	IssuedAt   time.Time
}

// Statement is what the customer sees on the account page: the order next
// to what was billed and paid for it.
type Statement struct {
	Order       *ordering.Order
	Invoice     *Invoice
	PaidCents   int64
	RefundCents int64
}

// Balance returns what the customer still owes.
func (s Statement) Balance() int64 {
	if s.Invoice == nil {
		return 0
	}
	return s.Invoice.TotalCents - s.PaidCents + s.RefundCents
}
