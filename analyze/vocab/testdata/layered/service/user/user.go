package user

import (
	"context"

	"example.com/layered/events"
	"example.com/layered/types"
)

// Service reacts to account events: sign-ups, logins, admin changes.
type Service struct {
	publisher events.Publisher
	hasher    PasswordHasher
}

// PasswordHasher hashes and checks user passwords.
type PasswordHasher interface {
	Hash(password string) (string, error)
	Compare(hash, password string) bool
}

const (
	eventUserCreated  = "user.created"
	eventUserLoggedIn = "user.logged_in"
	eventAdminGranted = "user.admin_granted"
)

func (s *Service) handleLogin(ctx context.Context, u *types.User, email string) error {
	return s.publisher.Publish(ctx, eventUserLoggedIn, u)
}

func (s *Service) GrantAdmin(ctx context.Context, u *types.User) error {
	return s.publisher.Publish(ctx, eventAdminGranted, u)
}
