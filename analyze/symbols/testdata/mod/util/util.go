// Package helpers is in directory util: only its package clause tells its name.
package helpers

import "strings"

// Upper is dot-imported by api.
func Upper(s string) string { return strings.ToUpper(s) }

// Helper has a method.
type Helper struct{}

// Do does.
func (Helper) Do() {}

// User is a homonym of store.User.
type User struct {
	Email string
}
