// Package users stores users.
package users

import (
	"database/sql"

	"example.com/layered/app/store"
	"example.com/layered/platform/db"
	"example.com/layered/platform/log"
)

// UserRow is a stored user.
type UserRow struct {
	ID        int64
	AccountID int64
	SessionID int64
	Status    string
}

// InsertUser stores a new user.
func InsertUser(r UserRow) error {
	log.Info("insert user", "id", r.ID)
	return db.Tx(func(tx *sql.Tx) error {
		_, err := tx.Exec("INSERT INTO users (id, status) VALUES ($1, $2)", r.ID, r.Status)
		return err
	})
}

// FindUser loads a user.
func FindUser(id int64, page store.Page) (UserRow, error) {
	var r UserRow
	err := db.Pool.QueryRow("SELECT id, status FROM users WHERE id = $1 LIMIT $2", id, page.Limit).Scan(&r.ID, &r.Status)
	return r, err
}
