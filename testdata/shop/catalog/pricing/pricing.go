// Package pricing computes what a customer pays for a product, applying
// the active discounts on top of the list price.
package pricing

import (
	"context"

	"example.com/shop/catalog"
	"example.com/shop/catalog/store"
	"example.com/shop/platform/errs"
)

// Engine prices products from the catalog store.
type Engine struct {
	store     *store.Store
	discounts []Discount
}

// NewEngine returns an engine applying discounts in order.
func NewEngine(st *store.Store, discounts ...Discount) *Engine {
	return &Engine{store: st, discounts: discounts}
}

// ListPrice returns the undiscounted unit price of a product.
func (e *Engine) ListPrice(ctx context.Context, productID int64) (catalog.Money, error) {
	cents, currency, err := e.store.CurrentPrice(ctx, productID)
	if err != nil {
		return catalog.Money{}, err
	}
	return catalog.Money{Cents: cents, Currency: currency}, nil
}

// Quote returns the price of qty units of p after discounts.
func (e *Engine) Quote(p catalog.Product, qty int) (catalog.Money, error) {
	if qty <= 0 {
		return catalog.Money{}, errs.Invalid("pricing.Quote", "quantity %d", qty)
	}
	return Apply(p.Price.Times(qty), qty, e.discounts), nil
}

// Apply runs discounts over total; a discount never makes a price negative.
func Apply(total catalog.Money, qty int, discounts []Discount) catalog.Money {
	for _, d := range discounts {
		total.Cents -= d.Off(total, qty)
		if total.Cents < 0 {
			total.Cents = 0
		}
	}
	return total
}
