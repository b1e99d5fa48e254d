package db

import (
	"context"
	"database/sql"
	"io/fs"
	"sort"
	"strings"

	"example.com/shop/migrations"
	"example.com/shop/platform/errs"
)

const createVersionTable = `CREATE TABLE IF NOT EXISTS schema_migrations (
	version    text PRIMARY KEY,
	applied_at timestamptz NOT NULL DEFAULT now()
)`

const selectAppliedVersions = `SELECT version FROM schema_migrations`

// Migrate applies the embedded migrations that are not yet recorded. Each
// file records its own version, so a half-applied file is retried whole.
func (d *DB) Migrate(ctx context.Context) error {
	if _, err := d.ExecContext(ctx, createVersionTable); err != nil {
		return errs.E(errs.KindInternal, "db.Migrate", err)
	}
	applied, err := d.appliedVersions(ctx)
	if err != nil {
		return err
	}
	names, err := fs.Glob(migrations.FS, "*.sql")
	if err != nil {
		return err
	}
	sort.Strings(names)
	for _, name := range names {
		version := strings.TrimSuffix(name, ".sql")
		if applied[version] {
			continue
		}
		body, err := migrations.FS.ReadFile(name)
		if err != nil {
			return err
		}
		err = d.WithTx(ctx, func(tx *sql.Tx) error {
			_, err := tx.ExecContext(ctx, string(body))
			return err
		})
		if err != nil {
			return errs.E(errs.KindInternal, "db.Migrate "+name, err)
		}
		d.log.Info(ctx, "migration applied", "version", version)
	}
	return nil
}

func (d *DB) appliedVersions(ctx context.Context) (map[string]bool, error) {
	rows, err := d.QueryContext(ctx, selectAppliedVersions)
	if err != nil {
		return nil, errs.E(errs.KindInternal, "db.Migrate", err)
	}
	defer rows.Close()
	applied := make(map[string]bool)
	for rows.Next() {
		var v string
		if err := rows.Scan(&v); err != nil {
			return nil, err
		}
		applied[v] = true
	}
	return applied, rows.Err()
}
