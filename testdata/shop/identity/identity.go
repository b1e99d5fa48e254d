// Package identity is the identity domain: customer and staff accounts,
// their roles, login sessions and password resets.
package identity

import "time"

// User is an account.
type User struct {
	ID        int64
	Email     string
	FullName  string
	Roles     []string
	CreatedAt time.Time
}

// HasRole reports whether the user holds role.
func (u *User) HasRole(role string) bool {
	for _, r := range u.Roles {
		if r == role {
			return true
		}
	}
	return false
}

// Role names known to the shop.
const (
	RoleCustomer = "customer"
	RoleAdmin    = "admin"
)

// Credentials is what a user types into the login form.
type Credentials struct {
	Email    string
	Password string
}
