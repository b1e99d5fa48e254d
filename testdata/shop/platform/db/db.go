// Package db opens the PostgreSQL database shared by all domains and gives
// stores a common query interface.
package db

import (
	"context"
	"database/sql"
	"time"

	"example.com/shop/platform/config"
	"example.com/shop/platform/errs"
	"example.com/shop/platform/log"
)

// Querier is implemented by both *sql.DB and *sql.Tx, so a store can run
// unchanged inside or outside a transaction.
type Querier interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// DB is the shared connection pool.
type DB struct {
	*sql.DB
	log *log.Logger
}

// Open connects with the postgres driver, which shopd registers by a blank
// import so this package stays driver-agnostic.
func Open(ctx context.Context, cfg *config.Config, lg *log.Logger) (*DB, error) {
	sqldb, err := sql.Open("postgres", cfg.DatabaseURL)
	if err != nil {
		return nil, errs.E(errs.KindInternal, "db.Open", err)
	}
	sqldb.SetMaxOpenConns(20)
	sqldb.SetConnMaxIdleTime(5 * time.Minute)

	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	if err := sqldb.PingContext(ctx); err != nil {
		sqldb.Close()
		return nil, errs.E(errs.KindInternal, "db.Open", err)
	}
	lg.Info(ctx, "database ready")
	return &DB{DB: sqldb, log: lg}, nil
}

// Healthy reports whether the database answers within a second.
func (d *DB) Healthy(ctx context.Context) bool {
	ctx, cancel := context.WithTimeout(ctx, time.Second)
	defer cancel()
	return d.PingContext(ctx) == nil
}
