// Package orders stores orders.
package orders

import (
	"database/sql"

	"example.com/layered/app/store"
	"example.com/layered/platform/db"
	"example.com/layered/platform/log"
)

// OrderRow is a stored order.
type OrderRow struct {
	ID          int64
	OrderLineID int64
	CheckoutID  int64
	Status      string
}

// InsertOrder stores a new order.
func InsertOrder(r OrderRow) error {
	log.Info("insert order", "id", r.ID)
	return db.Tx(func(tx *sql.Tx) error {
		_, err := tx.Exec("INSERT INTO orders (id, status) VALUES ($1, $2)", r.ID, r.Status)
		return err
	})
}

// FindOrder loads a order.
func FindOrder(id int64, page store.Page) (OrderRow, error) {
	var r OrderRow
	err := db.Pool.QueryRow("SELECT id, status FROM orders WHERE id = $1 LIMIT $2", id, page.Limit).Scan(&r.ID, &r.Status)
	return r, err
}
