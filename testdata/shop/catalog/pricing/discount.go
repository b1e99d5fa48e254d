package pricing

import (
	"time"

	"example.com/shop/catalog"
)

// Discount reduces a line total.
type Discount interface {
	// Off returns the cents to subtract from total for qty units.
	Off(total catalog.Money, qty int) int64
}

// Percent takes a percentage off while it is valid.
type Percent struct {
	Rate  int
	Until time.Time
}

// Off implements Discount.
func (p Percent) Off(total catalog.Money, _ int) int64 {
	if !p.Until.IsZero() && time.Now().After(p.Until) {
		return 0
	}
	return total.Cents * int64(p.Rate) / 100
}

// Bulk takes a fixed amount per unit from MinQty units on, the usual deal
// for business customers.
type Bulk struct {
	MinQty  int
	PerUnit int64
}

// Off implements Discount.
func (b Bulk) Off(_ catalog.Money, qty int) int64 {
	if qty < b.MinQty {
		return 0
	}
	return b.PerUnit * int64(qty)
}
