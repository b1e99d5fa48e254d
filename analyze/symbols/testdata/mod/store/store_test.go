package store_test

import (
	"testing"

	"example.com/mod/store"
)

// Helper is declared in a test file: not part of the package's API.
func Helper() {}

func TestStore(t *testing.T) {
	_ = store.NewStore() // the package's own test: not a use by another package
}
