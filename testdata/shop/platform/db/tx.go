package db

import (
	"context"
	"database/sql"

	"example.com/shop/platform/errs"
)

// WithTx runs fn in a transaction and commits only if fn succeeds. Stores
// take a Querier, so fn usually builds stores on top of tx.
func (d *DB) WithTx(ctx context.Context, fn func(tx *sql.Tx) error) error {
	tx, err := d.BeginTx(ctx, &sql.TxOptions{Isolation: sql.LevelReadCommitted})
	if err != nil {
		return errs.E(errs.KindInternal, "db.WithTx", err)
	}
	if err := fn(tx); err != nil {
		if rbErr := tx.Rollback(); rbErr != nil {
			d.log.Error(ctx, "rollback failed", rbErr)
		}
		return err
	}
	if err := tx.Commit(); err != nil {
		return errs.E(errs.KindInternal, "db.WithTx", err)
	}
	return nil
}

// IsUniqueViolation reports whether err is PostgreSQL error 23505. The
// driver is not imported here, so the check relies on the SQLSTATE text.
func IsUniqueViolation(err error) bool {
	type sqlState interface{ SQLState() string }
	if s, ok := err.(sqlState); ok {
		return s.SQLState() == "23505"
	}
	return false
}
