package user

import (
	"context"

	"example.com/layered/auth"
	"example.com/layered/store/user"
	"example.com/layered/types"
)

// Controller serves the user endpoints.
type Controller struct {
	authorizer auth.Authorizer
	userStore  user.Store
	hasher     user.PasswordHasher
}

type CreateInput struct {
	Email       string `json:"email"`
	DisplayName string `json:"display_name"`
	Password    string `json:"password"`
	Admin       bool   `json:"admin"`
}

func (in *CreateInput) Sanitize() error { return nil }

type LoginInput struct {
	Email    string `json:"email"`
	Password string `json:"password"`
}

func (c *Controller) Create(ctx context.Context, session *auth.Session, in *CreateInput) (*types.User, error) {
	if err := c.authorizer.Check(ctx, session, "user_admin"); err != nil {
		return nil, err
	}
	return nil, nil
}

func (c *Controller) Login(ctx context.Context, in *LoginInput) (*types.TokenResponse, error) {
	return nil, nil
}
