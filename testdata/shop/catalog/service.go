package catalog

import (
	"context"

	"example.com/shop/catalog/store"
	"example.com/shop/platform/errs"
	"example.com/shop/platform/log"
)

// Service is the entry point of the catalog domain.
type Service struct {
	store *store.Store
	log   *log.Logger
}

// NewService returns a catalog service backed by st.
func NewService(st *store.Store, lg *log.Logger) *Service {
	return &Service{store: st, log: lg.With("domain", "catalog")}
}

// Product assembles a product from its row, current price and stock.
func (s *Service) Product(ctx context.Context, id int64) (*Product, error) {
	row, err := s.store.GetProduct(ctx, id)
	if err != nil {
		return nil, err
	}
	cents, currency, err := s.store.CurrentPrice(ctx, id)
	if err != nil {
		return nil, err
	}
	stock, err := s.store.Available(ctx, id)
	if err != nil {
		return nil, err
	}
	return &Product{
		ID:       row.ID,
		SKU:      row.SKU,
		Name:     row.Name,
		Category: Category{ID: row.CategoryID, Name: row.CategoryName},
		Price:    Money{Cents: cents, Currency: currency},
		InStock:  stock,
	}, nil
}

// Create adds a product to a category.
func (s *Service) Create(ctx context.Context, sku, name string, categoryID int64) (int64, error) {
	if sku == "" || name == "" {
		return 0, errs.Invalid("catalog.Create", "sku and name are required")
	}
	id, err := s.store.CreateProduct(ctx, sku, name, categoryID)
	if err != nil {
		return 0, err
	}
	s.log.Info(ctx, "product created", "id", id, "sku", sku)
	return id, nil
}

// Archive hides a product from listings.
func (s *Service) Archive(ctx context.Context, id int64) error {
	return s.store.ArchiveProduct(ctx, id)
}

// Categories returns the category tree below root.
func (s *Service) Categories(ctx context.Context, root int64) ([]Category, error) {
	rows, err := s.store.Subtree(ctx, root)
	if err != nil {
		return nil, err
	}
	out := make([]Category, 0, len(rows))
	for _, r := range rows {
		out = append(out, Category{ID: r.ID, ParentID: r.ParentID, Name: r.Name})
	}
	return out, nil
}
