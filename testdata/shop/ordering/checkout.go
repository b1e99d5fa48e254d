package ordering

import (
	"context"

	"example.com/shop/catalog"
	"example.com/shop/ordering/store"
	"example.com/shop/platform/errs"
)

// defaultWarehouse is the only warehouse until the second one opens.
const defaultWarehouse = "main"

// Checkout turns the user's basket into an order and reserves its stock.
func (s *Service) Checkout(ctx context.Context, userID int64) (*Order, error) {
	basket, err := s.carts.Basket(ctx, userID)
	if err != nil {
		return nil, err
	}
	if len(basket.Items) == 0 {
		return nil, errs.Invalid("ordering.Checkout", "basket is empty")
	}
	var total catalog.Money
	lines := make([]store.LineRow, 0, len(basket.Items))
	for _, it := range basket.Items {
		unit, err := s.pricing.ListPrice(ctx, it.ProductID)
		if err != nil {
			return nil, err
		}
		if total.Currency == "" {
			total.Currency = unit.Currency
		}
		total = total.Add(unit.Times(it.Quantity))
		lines = append(lines, store.LineRow{ProductID: it.ProductID, Quantity: it.Quantity, PriceCents: unit.Cents})
	}
	id, err := s.store.CreateOrder(ctx, userID, total.Cents, total.Currency, lines)
	if err != nil {
		return nil, err
	}
	if err := s.store.ReserveStock(ctx, id, defaultWarehouse); err != nil {
		return nil, err
	}
	if err := s.carts.Clear(ctx, userID); err != nil {
		s.log.Error(ctx, "basket not cleared after checkout", err, "order", id)
	}
	s.log.Info(ctx, "order placed", "order", id, "total", total.String())
	return s.Get(ctx, id)
}
