// Package orders serves the orders HTTP API.
package orders

import (
	"net/http"

	"example.com/layered/app/controller"
	catalogctl "example.com/layered/app/controller/catalog"
	usersctl "example.com/layered/app/controller/users"
	orderssvc "example.com/layered/app/service/orders"
)

// Routes lists the order endpoints.
var Routes = []string{"/orders", "/orders/{id}/place", "/orders/{id}/orderlines"}

// OrderResponse is a order as clients see it.
type OrderResponse struct {
	ID     int64  `json:"id"`
	Status string `json:"status"`
}

func init() {
	_ = catalogctl.Routes
	_ = usersctl.Routes
}

// PlaceOrderHandler serves place requests for a order.
func PlaceOrderHandler(w http.ResponseWriter, r *http.Request) {
	if err := orderssvc.PlaceOrder(1); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	controller.Render(w, "place")
}

// CancelOrderHandler serves cancel requests for a order.
func CancelOrderHandler(w http.ResponseWriter, r *http.Request) {
	if err := orderssvc.CancelOrder(1); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	controller.Render(w, "cancel")
}

// ShipOrderHandler serves ship requests for a order.
func ShipOrderHandler(w http.ResponseWriter, r *http.Request) {
	if err := orderssvc.ShipOrder(1); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	controller.Render(w, "ship")
}
