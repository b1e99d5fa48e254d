package identity

import (
	"context"
	"strings"

	"example.com/shop/identity/password"
	"example.com/shop/identity/session"
	"example.com/shop/identity/store"
	"example.com/shop/platform/errs"
	"example.com/shop/platform/log"
)

// Service is the entry point of the identity domain.
type Service struct {
	store    *store.Store
	sessions *session.Manager
	log      *log.Logger
}

// NewService wires the identity domain.
func NewService(st *store.Store, sm *session.Manager, lg *log.Logger) *Service {
	return &Service{store: st, sessions: sm, log: lg.With("domain", "identity")}
}

// Register creates a customer account.
func (s *Service) Register(ctx context.Context, email, name, plain string) (int64, error) {
	email = strings.TrimSpace(email)
	if !strings.Contains(email, "@") {
		return 0, errs.Invalid("identity.Register", "bad email %q", email)
	}
	if err := password.Check(plain); err != nil {
		return 0, err
	}
	id, err := s.store.CreateUser(ctx, email, name, password.Hash(plain))
	if err != nil {
		return 0, err
	}
	return id, s.store.GrantRole(ctx, id, RoleCustomer)
}

// Login checks credentials and starts a session. The error does not say
// which part was wrong, to avoid leaking which emails have accounts.
func (s *Service) Login(ctx context.Context, c Credentials) (string, error) {
	u, err := s.store.UserByEmail(ctx, c.Email)
	if err != nil || !password.Verify(u.PasswordHash, c.Password) {
		return "", errs.Unauthorized("identity.Login")
	}
	return s.sessions.Start(ctx, u.ID)
}

// User loads an account with its roles.
func (s *Service) User(ctx context.Context, id int64) (*User, error) {
	row, err := s.store.UserByID(ctx, id)
	if err != nil {
		return nil, err
	}
	roles, err := s.store.Roles(ctx, id)
	if err != nil {
		return nil, err
	}
	return &User{ID: row.ID, Email: row.Email, FullName: row.FullName, Roles: roles, CreatedAt: row.CreatedAt}, nil
}
