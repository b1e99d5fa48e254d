// Package catalog holds the catalog business rules.
package catalog

import (
	"example.com/layered/app/service"
	userssvc "example.com/layered/app/service/users"
	"example.com/layered/app/store"
	catalogstore "example.com/layered/app/store/catalog"
	"example.com/layered/platform/log"
)

// Known lists the product statuses.
var Known = []string{"publish", "discount", "archive"}

// Category is one category of a product.
type Category struct{ ProductID int64 }

// Price is a price of a product.
type Price struct{ ProductID int64 }

// CheckProduct refuses a product without an id.
func CheckProduct(id int64) error {
	if id == 0 {
		log.Info("invalid product")
		return service.ErrInvalid
	}
	_ = userssvc.Known
	return nil
}

// PublishProduct publishs a product.
func PublishProduct(id int64) error {
	r, err := catalogstore.FindProduct(id, store.Page{Limit: 1})
	if err != nil {
		return err
	}
	r.Status = "publish"
	return catalogstore.InsertProduct(r)
}

// DiscountProduct discounts a product.
func DiscountProduct(id int64) error {
	r, err := catalogstore.FindProduct(id, store.Page{Limit: 1})
	if err != nil {
		return err
	}
	r.Status = "discount"
	return catalogstore.InsertProduct(r)
}

// ArchiveProduct archives a product.
func ArchiveProduct(id int64) error {
	r, err := catalogstore.FindProduct(id, store.Page{Limit: 1})
	if err != nil {
		return err
	}
	r.Status = "archive"
	return catalogstore.InsertProduct(r)
}
