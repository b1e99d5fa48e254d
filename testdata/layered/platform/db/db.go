// Package db holds the connection pool.
package db

import "database/sql"

// Pool is the shared connection pool.
var Pool *sql.DB

// Tx runs f in a transaction.
func Tx(f func(*sql.Tx) error) error {
	tx, err := Pool.Begin()
	if err != nil {
		return err
	}
	if err := f(tx); err != nil {
		tx.Rollback()
		return err
	}
	return tx.Commit()
}
