// Package store is the fixture's data layer.
package store

import "database/sql"

// Base is embedded in User.
type Base struct {
	Created int
}

// Touch is promoted to User.
func (b *Base) Touch() {}

// User is embedded in api.Admin: Base's members are two levels down there.
type User struct {
	Base
	ID   int
	Name string
}

// Store is reached through constructors, fields and variables.
type Store struct {
	db *sql.DB
}

// NewStore declares its result type: its callers' values are Stores.
func NewStore() *Store { return &Store{} }

// Get returns a User.
func (s *Store) Get(id int) (*User, error) { return nil, nil }

// List returns Users.
func (s *Store) List() []User { return nil }

func (s *Store) internal() {}

// Default is a package-level variable of a constructor's result.
var Default = NewStore()

// Lister is embedded in Finder.
type Lister interface {
	List() []User
}

// Finder embeds Lister.
type Finder interface {
	Lister
	Find(name string) (*User, error)
}

// ID is an alias.
type ID = int

// Kind is a defined type with a method.
type Kind string

// The kinds.
const (
	KindA Kind = "a"
	KindB Kind = "b"
)

func (k Kind) String() string { return string(k) }

// Users is a named slice: its elements are Users.
type Users []User

// List is generic.
type List[T any] struct {
	items []T
}

// Push adds v.
func (l *List[T]) Push(v T) { l.items = append(l.items, v) }

// Len is the length.
func (l *List[T]) Len() int { return len(l.items) }

// Map is a generic function.
func Map[T, U any](in []T, f func(T) U) []U { return nil }
