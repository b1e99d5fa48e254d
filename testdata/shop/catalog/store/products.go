package store

import (
	"context"
	"database/sql"
	"errors"

	"example.com/shop/platform/errs"
)

// ProductRow is a product joined with its category name.
type ProductRow struct {
	ID           int64
	SKU          string
	Name         string
	CategoryID   int64
	CategoryName string
}

// GetProduct loads one live product.
func (s *Store) GetProduct(ctx context.Context, id int64) (*ProductRow, error) {
	rows, err := s.q.QueryContext(ctx, `SELECT p.id, p.sku, p.name, c.id, c.name
		FROM products p
		JOIN categories c ON c.id = p.category_id
		WHERE p.id = $1 AND p.archived_at IS NULL`, id)
	if err != nil {
		return nil, errs.E(errs.KindInternal, "catalog.GetProduct", err)
	}
	defer rows.Close()
	if !rows.Next() {
		return nil, errs.NotFound("catalog.GetProduct", "product %d", id)
	}
	var r ProductRow
	if err := rows.Scan(&r.ID, &r.SKU, &r.Name, &r.CategoryID, &r.CategoryName); err != nil {
		return nil, err
	}
	return &r, rows.Err()
}

// CreateProduct inserts a product and returns its id.
func (s *Store) CreateProduct(ctx context.Context, sku, name string, categoryID int64) (int64, error) {
	var id int64
	err := s.q.QueryRowContext(ctx,
		`INSERT INTO products (sku, name, category_id) VALUES ($1, $2, $3) RETURNING id`,
		sku, name, categoryID).Scan(&id)
	return id, err
}

// CurrentPrice returns the latest price that is already valid. Ordering
// calls this too when it fills a basket.
func (s *Store) CurrentPrice(ctx context.Context, productID int64) (int64, string, error) {
	var cents int64
	var currency string
	err := s.q.QueryRowContext(ctx, `SELECT price_cents, currency
		FROM product_prices
		WHERE product_id = $1 AND valid_from <= now()
		ORDER BY valid_from DESC LIMIT 1`, productID).Scan(&cents, &currency)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, "", errs.NotFound("catalog.CurrentPrice", "no price for product %d", productID)
	}
	return cents, currency, err
}

// SetPrice records a new price valid from now on.
func (s *Store) SetPrice(ctx context.Context, productID, cents int64, currency string) error {
	_, err := s.q.ExecContext(ctx,
		`INSERT INTO product_prices (product_id, price_cents, currency) VALUES ($1, $2, $3)`,
		productID, cents, currency)
	return err
}
