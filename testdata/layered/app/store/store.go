// Package store holds what every store shares: paging.
package store

import "example.com/layered/platform/db"

// Page is a window of rows.
type Page struct{ Offset, Limit int }

// Ready reports whether the pool is open.
func Ready() bool { return db.Pool != nil }
