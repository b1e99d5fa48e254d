// Package payments holds the payments business rules.
package payments

import (
	"example.com/layered/app/service"
	catalogsvc "example.com/layered/app/service/catalog"
	orderssvc "example.com/layered/app/service/orders"
	"example.com/layered/app/store"
	paymentsstore "example.com/layered/app/store/payments"
	"example.com/layered/platform/log"
)

// Known lists the payment statuses.
var Known = []string{"charge", "refund", "settle"}

// Invoice is one invoice of a payment.
type Invoice struct{ PaymentID int64 }

// Refund is a refund of a payment.
type Refund struct{ PaymentID int64 }

// CheckPayment refuses a payment without an id.
func CheckPayment(id int64) error {
	if id == 0 {
		log.Info("invalid payment")
		return service.ErrInvalid
	}
	_ = orderssvc.Known
	_ = catalogsvc.Known
	return nil
}

// ChargePayment charges a payment.
func ChargePayment(id int64) error {
	r, err := paymentsstore.FindPayment(id, store.Page{Limit: 1})
	if err != nil {
		return err
	}
	r.Status = "charge"
	return paymentsstore.InsertPayment(r)
}

// RefundPayment refunds a payment.
func RefundPayment(id int64) error {
	r, err := paymentsstore.FindPayment(id, store.Page{Limit: 1})
	if err != nil {
		return err
	}
	r.Status = "refund"
	return paymentsstore.InsertPayment(r)
}

// SettlePayment settles a payment.
func SettlePayment(id int64) error {
	r, err := paymentsstore.FindPayment(id, store.Page{Limit: 1})
	if err != nil {
		return err
	}
	r.Status = "settle"
	return paymentsstore.InsertPayment(r)
}
