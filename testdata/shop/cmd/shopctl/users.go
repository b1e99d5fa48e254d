package main

import (
	"context"
	"database/sql"
	"fmt"

	catstore "example.com/shop/catalog/store"
	"example.com/shop/identity"
	"example.com/shop/identity/password"
	idstore "example.com/shop/identity/store"
	"example.com/shop/platform/db"
)

// createAdmin registers an account and grants it the admin role in one
// transaction, so a failure never leaves a half-privileged user behind.
func createAdmin(ctx context.Context, database *db.DB, email, name, plain string) error {
	if err := password.Check(plain); err != nil {
		return err
	}
	return database.WithTx(ctx, func(tx *sql.Tx) error {
		st := idstore.New(tx)
		id, err := st.CreateUser(ctx, email, name, password.Hash(plain))
		if err != nil {
			return err
		}
		if err := st.GrantRole(ctx, id, identity.RoleAdmin); err != nil {
			return err
		}
		fmt.Printf("admin %s created with id %d\n", email, id)
		return nil
	})
}

// stats prints row counts of the catalog tables.
func stats(ctx context.Context, database *db.DB) error {
	st := catstore.New(database)
	for _, table := range []string{"products", "categories"} {
		n, err := st.Count(ctx, table)
		if err != nil {
			return err
		}
		fmt.Printf("%-12s %d\n", table, n)
	}
	low, err := st.LowStock(ctx, 5)
	if err != nil {
		return err
	}
	fmt.Printf("%-12s %d\n", "low stock", len(low))
	return nil
}
