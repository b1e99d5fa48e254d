// Package store persists accounts, roles, sessions and password resets.
package store

import (
	"context"

	"example.com/shop/platform/db"
	"example.com/shop/platform/errs"
)

// Store runs identity queries on a connection or a transaction.
type Store struct {
	q db.Querier
}

// New returns a store using q.
func New(q db.Querier) *Store {
	return &Store{q: q}
}

// PurgeExpired deletes sessions that can no longer be used.
func (s *Store) PurgeExpired(ctx context.Context) (int64, error) {
	res, err := s.q.ExecContext(ctx, query("delete-expired-sessions"))
	if err != nil {
		return 0, errs.E(errs.KindInternal, "identity.PurgeExpired", err)
	}
	return res.RowsAffected()
}
