// Package catalog is the product catalog domain: products, categories,
// prices and stock levels as the rest of the shop sees them.
package catalog

import "fmt"

// Money is an amount in the smallest unit of its currency, so that sums
// never suffer from floating point rounding.
type Money struct {
	Cents    int64
	Currency string
}

// String formats m as "12.50 EUR".
func (m Money) String() string {
	return fmt.Sprintf("%d.%02d %s", m.Cents/100, m.Cents%100, m.Currency)
}

// Add returns m+o; the caller guarantees equal currencies.
func (m Money) Add(o Money) Money {
	return Money{Cents: m.Cents + o.Cents, Currency: m.Currency}
}

// Times returns m multiplied by a quantity.
func (m Money) Times(qty int) Money {
	return Money{Cents: m.Cents * int64(qty), Currency: m.Currency}
}

// Category groups products; categories form a tree through ParentID.
type Category struct {
	ID       int64
	ParentID int64
	Name     string
}

// Product is a sellable item with its current price and stock.
type Product struct {
	ID       int64
	SKU      string
	Name     string
	Category Category
	Price    Money
	InStock  int
}

// Available reports whether qty units can be sold right now.
func (p Product) Available(qty int) bool {
	return qty > 0 && qty <= p.InStock
}
