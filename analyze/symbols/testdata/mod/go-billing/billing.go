// Package billing lives in go-billing: its import name is guessed.
package billing

import "example.com/mod/store"

// Invoice refers to store.User in a field.
type Invoice struct {
	Total int
	Owner *store.User
}

// New takes a store.User parameter.
func New(u store.User) *Invoice { return &Invoice{Owner: &u} }

// Pay pays.
func (i *Invoice) Pay() error { return nil }

type ledger struct{}

// Post is an exported method of an unexported type.
func (l *ledger) Post(amount int) {}

// Ledger returns the unexported type.
func Ledger() *ledger { return &ledger{} }
