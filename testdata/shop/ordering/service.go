package ordering

import (
	"context"

	"example.com/shop/catalog"
	"example.com/shop/catalog/pricing"
	"example.com/shop/ordering/cart"
	"example.com/shop/ordering/store"
	"example.com/shop/platform/errs"
	"example.com/shop/platform/log"
)

// Service is the entry point of the ordering domain.
type Service struct {
	store   *store.Store
	carts   *cart.Service
	pricing *pricing.Engine
	log     *log.Logger
}

// NewService wires the ordering domain.
func NewService(st *store.Store, carts *cart.Service, pe *pricing.Engine, lg *log.Logger) *Service {
	return &Service{store: st, carts: carts, pricing: pe, log: lg.With("domain", "ordering")}
}

// Get loads an order with its lines.
func (s *Service) Get(ctx context.Context, id int64) (*Order, error) {
	row, err := s.store.GetOrder(ctx, id)
	if err != nil {
		return nil, err
	}
	lines, err := s.store.Lines(ctx, id)
	if err != nil {
		return nil, err
	}
	o := &Order{
		ID:        row.ID,
		UserID:    row.UserID,
		Status:    Status(row.Status),
		Total:     catalog.Money{Cents: row.TotalCents, Currency: row.Currency},
		CreatedAt: row.CreatedAt,
	}
	for _, l := range lines {
		o.Lines = append(o.Lines, Line{
			ProductID: l.ProductID,
			Quantity:  l.Quantity,
			UnitPrice: catalog.Money{Cents: l.PriceCents, Currency: row.Currency},
		})
	}
	return o, nil
}

// Cancel cancels an order and gives its reserved stock back.
func (s *Service) Cancel(ctx context.Context, id int64) error {
	o, err := s.Get(ctx, id)
	if err != nil {
		return err
	}
	if !o.Cancellable() {
		return errs.E(errs.KindConflict, "ordering.Cancel", nil)
	}
	if err := s.store.ReleaseStock(ctx, id, defaultWarehouse); err != nil {
		return err
	}
	return s.store.SetStatus(ctx, id, string(StatusCancelled))
}

// MarkPaid is called by billing once the invoice of the order is settled.
func (s *Service) MarkPaid(ctx context.Context, id int64) error {
	return s.store.SetStatus(ctx, id, string(StatusPaid))
}
