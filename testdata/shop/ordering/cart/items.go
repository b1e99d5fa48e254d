package cart

// Item is one product in a basket with its current unit price.
type Item struct {
	ProductID int64
	Quantity  int
	UnitCents int64
	Currency  string
}

// Basket is the content of a user's cart.
type Basket struct {
	ID     int64
	UserID int64
	Items  []Item
}

// TotalCents sums the basket. Mixed currencies cannot happen because the
// shop sells in one currency per market.
func (b *Basket) TotalCents() int64 {
	var sum int64
	for _, it := range b.Items {
		sum += it.UnitCents * int64(it.Quantity)
	}
	return sum
}

// Count returns the number of units in the basket.
func (b *Basket) Count() int {
	n := 0
	for _, it := range b.Items {
		n += it.Quantity
	}
	return n
}
