// Package session manages login sessions. Only token hashes are stored,
// so a database dump cannot be replayed as logins.
package session

import (
	"context"
	"time"

	"example.com/shop/identity/store"
	"example.com/shop/platform/config"
	"example.com/shop/platform/errs"
)

// Manager starts, resolves and ends sessions.
type Manager struct {
	store *store.Store
	ttl   time.Duration
	now   func() time.Time
}

// NewManager returns a manager whose sessions last cfg.SessionTTL.
func NewManager(st *store.Store, cfg *config.Config) *Manager {
	return &Manager{store: st, ttl: cfg.SessionTTL, now: time.Now}
}

// Start opens a session and returns the token to hand to the client.
func (m *Manager) Start(ctx context.Context, userID int64) (string, error) {
	tok, err := NewToken()
	if err != nil {
		return "", errs.E(errs.KindInternal, "session.Start", err)
	}
	if err := m.store.SaveSession(ctx, HashToken(tok), userID, m.now().Add(m.ttl)); err != nil {
		return "", err
	}
	return tok, nil
}

// Resolve returns the user of a token and slides its expiry forward.
func (m *Manager) Resolve(ctx context.Context, token string) (int64, error) {
	h := HashToken(token)
	userID, err := m.store.SessionUser(ctx, h)
	if err != nil {
		return 0, err
	}
	return userID, m.store.SaveSession(ctx, h, userID, m.now().Add(m.ttl))
}

// End logs the token out.
func (m *Manager) End(ctx context.Context, token string) error {
	return m.store.DeleteSession(ctx, HashToken(token))
}
