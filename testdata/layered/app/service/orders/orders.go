// Package orders holds the orders business rules.
package orders

import (
	"example.com/layered/app/service"
	catalogsvc "example.com/layered/app/service/catalog"
	userssvc "example.com/layered/app/service/users"
	"example.com/layered/app/store"
	ordersstore "example.com/layered/app/store/orders"
	"example.com/layered/platform/log"
)

// Known lists the order statuses.
var Known = []string{"place", "cancel", "ship"}

// OrderLine is one orderline of a order.
type OrderLine struct{ OrderID int64 }

// Checkout is a checkout of a order.
type Checkout struct{ OrderID int64 }

// CheckOrder refuses a order without an id.
func CheckOrder(id int64) error {
	if id == 0 {
		log.Info("invalid order")
		return service.ErrInvalid
	}
	_ = catalogsvc.Known
	_ = userssvc.Known
	return nil
}

// PlaceOrder places a order.
func PlaceOrder(id int64) error {
	r, err := ordersstore.FindOrder(id, store.Page{Limit: 1})
	if err != nil {
		return err
	}
	r.Status = "place"
	return ordersstore.InsertOrder(r)
}

// CancelOrder cancels a order.
func CancelOrder(id int64) error {
	r, err := ordersstore.FindOrder(id, store.Page{Limit: 1})
	if err != nil {
		return err
	}
	r.Status = "cancel"
	return ordersstore.InsertOrder(r)
}

// ShipOrder ships a order.
func ShipOrder(id int64) error {
	r, err := ordersstore.FindOrder(id, store.Page{Limit: 1})
	if err != nil {
		return err
	}
	r.Status = "ship"
	return ordersstore.InsertOrder(r)
}
