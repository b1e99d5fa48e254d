package password

import (
	"context"

	"example.com/shop/identity/session"
	"example.com/shop/identity/store"
)

// Mailer sends the reset link; the shop's mail integration implements it.
type Mailer interface {
	SendReset(ctx context.Context, email, token string) error
}

// Resetter runs the forgotten-password flow.
type Resetter struct {
	store  *store.Store
	mailer Mailer
}

// NewResetter returns a resetter.
func NewResetter(st *store.Store, m Mailer) *Resetter {
	return &Resetter{store: st, mailer: m}
}

// Request mails a reset token. Unknown emails succeed silently so that
// the form cannot be used to probe for accounts.
func (r *Resetter) Request(ctx context.Context, email string) error {
	u, err := r.store.UserByEmail(ctx, email)
	if err != nil {
		return nil
	}
	tok, err := session.NewToken()
	if err != nil {
		return err
	}
	if err := r.store.CreateReset(ctx, u.ID, session.HashToken(tok)); err != nil {
		return err
	}
	return r.mailer.SendReset(ctx, u.Email, tok)
}

// Complete sets a new password with a token from Request.
func (r *Resetter) Complete(ctx context.Context, token, plain string) error {
	if err := Check(plain); err != nil {
		return err
	}
	userID, err := r.store.ConsumeReset(ctx, session.HashToken(token))
	if err != nil {
		return err
	}
	return r.store.SetPassword(ctx, userID, Hash(plain))
}
