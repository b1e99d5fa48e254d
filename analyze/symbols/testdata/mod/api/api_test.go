package api

import (
	"testing"

	"example.com/mod/store"
)

// testHelper is declared in a test file.
func TestAPI(t *testing.T) {
	s := store.NewStore()
	_ = s.List()
}
