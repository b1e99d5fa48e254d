// Package store persists the catalog in PostgreSQL.
package store

import (
	"context"
	"fmt"

	"example.com/shop/platform/db"
	"example.com/shop/platform/errs"
)

// Store runs catalog queries on a connection or a transaction.
type Store struct {
	q db.Querier
}

// New returns a store using q.
func New(q db.Querier) *Store {
	return &Store{q: q}
}

// countable lists the tables Count accepts. The name is spliced into the
// SQL text, so it must never come from a request.
var countable = map[string]bool{"products": true, "categories": true}

// Count returns the number of live rows of a catalog table.
func (s *Store) Count(ctx context.Context, table string) (int, error) {
	if !countable[table] {
		return 0, errs.Invalid("catalog.Count", "table %q is not countable", table)
	}
	var n int
	query := fmt.Sprintf("SELECT count(*) FROM %s WHERE archived_at IS NULL", table)
	if err := s.q.QueryRowContext(ctx, query).Scan(&n); err != nil {
		return 0, errs.E(errs.KindInternal, "catalog.Count", err)
	}
	return n, nil
}
