// Package cart keeps the customer's basket until checkout.
package cart

import (
	"context"

	catstore "example.com/shop/catalog/store"
	"example.com/shop/ordering/store"
	"example.com/shop/platform/errs"
)

// Service manages baskets. It reads stock and prices straight from the
// catalog store: going through the catalog service cost two extra queries
// per item when this was written.
type Service struct {
	orders   *store.Store
	products *catstore.Store
}

// NewService returns a basket service.
func NewService(orders *store.Store, products *catstore.Store) *Service {
	return &Service{orders: orders, products: products}
}

// Add puts qty units of a product into the user's basket.
func (s *Service) Add(ctx context.Context, userID, productID int64, qty int) error {
	if qty <= 0 {
		return errs.Invalid("cart.Add", "quantity %d", qty)
	}
	avail, err := s.products.Available(ctx, productID)
	if err != nil {
		return err
	}
	if avail < qty {
		return errs.E(errs.KindConflict, "cart.Add", nil)
	}
	cartID, err := s.orders.CartID(ctx, userID)
	if err != nil {
		return err
	}
	return s.orders.AddItem(ctx, cartID, productID, qty)
}

// Basket returns the user's basket with current prices.
func (s *Service) Basket(ctx context.Context, userID int64) (*Basket, error) {
	cartID, err := s.orders.CartID(ctx, userID)
	if err != nil {
		return nil, err
	}
	rows, err := s.orders.Items(ctx, cartID)
	if err != nil {
		return nil, err
	}
	b := &Basket{ID: cartID, UserID: userID}
	for _, r := range rows {
		cents, currency, err := s.products.CurrentPrice(ctx, r.ProductID)
		if err != nil {
			return nil, err
		}
		b.Items = append(b.Items, Item{ProductID: r.ProductID, Quantity: r.Quantity, UnitCents: cents, Currency: currency})
	}
	return b, nil
}

// Clear empties the user's basket after checkout.
func (s *Service) Clear(ctx context.Context, userID int64) error {
	cartID, err := s.orders.CartID(ctx, userID)
	if err != nil {
		return err
	}
	return s.orders.ClearCart(ctx, cartID)
}
