package api

import "example.com/mod/store"

// Shadow has a parameter named like the package: its selectors are the
// parameter's.
func Shadow(store *store.Store) {
	store.List()
}

// Local declares a local variable named like the package.
func Local() {
	store := store.NewStore()
	_ = store.List()
}
