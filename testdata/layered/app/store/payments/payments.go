// Package payments stores payments.
package payments

import (
	"database/sql"

	"example.com/layered/app/store"
	"example.com/layered/platform/db"
	"example.com/layered/platform/log"
)

// PaymentRow is a stored payment.
type PaymentRow struct {
	ID        int64
	InvoiceID int64
	RefundID  int64
	Status    string
}

// InsertPayment stores a new payment.
func InsertPayment(r PaymentRow) error {
	log.Info("insert payment", "id", r.ID)
	return db.Tx(func(tx *sql.Tx) error {
		_, err := tx.Exec("INSERT INTO payments (id, status) VALUES ($1, $2)", r.ID, r.Status)
		return err
	})
}

// FindPayment loads a payment.
func FindPayment(id int64, page store.Page) (PaymentRow, error) {
	var r PaymentRow
	err := db.Pool.QueryRow("SELECT id, status FROM payments WHERE id = $1 LIMIT $2", id, page.Limit).Scan(&r.ID, &r.Status)
	return r, err
}
