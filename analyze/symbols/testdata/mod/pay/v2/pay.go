// Package pay is at a versioned path.
package pay

import (
	billing "example.com/mod/go-billing"
	"example.com/mod/util"
)

// Charge takes a billing.Invoice.
func Charge(i *billing.Invoice) error { return i.Pay() }

// Shout uses package helpers, imported without a name from directory util.
func Shout() string { return helpers.Upper("x") }
