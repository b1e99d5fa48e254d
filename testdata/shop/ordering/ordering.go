// Package ordering is the ordering domain: carts turn into orders, orders
// reserve stock and are shipped.
package ordering

import (
	"time"

	"example.com/shop/catalog"
)

// Status is the lifecycle state of an order.
type Status string

// Order states, in the order they are normally reached.
const (
	StatusPlaced    Status = "placed"
	StatusPaid      Status = "paid"
	StatusShipped   Status = "shipped"
	StatusCancelled Status = "cancelled"
)

// Line is one product of an order at the price it was sold for.
type Line struct {
	ProductID int64
	Quantity  int
	UnitPrice catalog.Money
}

// Total returns the price of the line.
func (l Line) Total() catalog.Money {
	return l.UnitPrice.Times(l.Quantity)
}

// Order is a placed order.
type Order struct {
	ID        int64
	UserID    int64
	Status    Status
	Lines     []Line
	Total     catalog.Money
	CreatedAt time.Time
}

// Cancellable reports whether the order can still be cancelled; shipped
// goods go through returns instead.
func (o *Order) Cancellable() bool {
	return o.Status == StatusPlaced || o.Status == StatusPaid
}
