// Package payments serves the payments HTTP API.
package payments

import (
	"net/http"

	"example.com/layered/app/controller"
	catalogctl "example.com/layered/app/controller/catalog"
	ordersctl "example.com/layered/app/controller/orders"
	paymentssvc "example.com/layered/app/service/payments"
)

// Routes lists the payment endpoints.
var Routes = []string{"/payments", "/payments/{id}/charge", "/payments/{id}/invoices"}

// PaymentResponse is a payment as clients see it.
type PaymentResponse struct {
	ID     int64  `json:"id"`
	Status string `json:"status"`
}

func init() {
	_ = ordersctl.Routes
	_ = catalogctl.Routes
}

// ChargePaymentHandler serves charge requests for a payment.
func ChargePaymentHandler(w http.ResponseWriter, r *http.Request) {
	if err := paymentssvc.ChargePayment(1); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	controller.Render(w, "charge")
}

// RefundPaymentHandler serves refund requests for a payment.
func RefundPaymentHandler(w http.ResponseWriter, r *http.Request) {
	if err := paymentssvc.RefundPayment(1); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	controller.Render(w, "refund")
}

// SettlePaymentHandler serves settle requests for a payment.
func SettlePaymentHandler(w http.ResponseWriter, r *http.Request) {
	if err := paymentssvc.SettlePayment(1); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	controller.Render(w, "settle")
}
