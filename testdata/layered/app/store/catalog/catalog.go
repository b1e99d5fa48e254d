// Package catalog stores catalog.
package catalog

import (
	"database/sql"

	"example.com/layered/app/store"
	"example.com/layered/platform/db"
	"example.com/layered/platform/log"
)

// ProductRow is a stored product.
type ProductRow struct {
	ID         int64
	CategoryID int64
	PriceID    int64
	Status     string
}

// InsertProduct stores a new product.
func InsertProduct(r ProductRow) error {
	log.Info("insert product", "id", r.ID)
	return db.Tx(func(tx *sql.Tx) error {
		_, err := tx.Exec("INSERT INTO products (id, status) VALUES ($1, $2)", r.ID, r.Status)
		return err
	})
}

// FindProduct loads a product.
func FindProduct(id int64, page store.Page) (ProductRow, error) {
	var r ProductRow
	err := db.Pool.QueryRow("SELECT id, status FROM products WHERE id = $1 LIMIT $2", id, page.Limit).Scan(&r.ID, &r.Status)
	return r, err
}
