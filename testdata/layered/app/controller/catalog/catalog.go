// Package catalog serves the catalog HTTP API.
package catalog

import (
	"net/http"

	"example.com/layered/app/controller"
	usersctl "example.com/layered/app/controller/users"
	catalogsvc "example.com/layered/app/service/catalog"
)

// Routes lists the product endpoints.
var Routes = []string{"/catalog", "/catalog/{id}/publish", "/catalog/{id}/categorys"}

// ProductResponse is a product as clients see it.
type ProductResponse struct {
	ID     int64  `json:"id"`
	Status string `json:"status"`
}

func init() {
	_ = usersctl.Routes
}

// PublishProductHandler serves publish requests for a product.
func PublishProductHandler(w http.ResponseWriter, r *http.Request) {
	if err := catalogsvc.PublishProduct(1); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	controller.Render(w, "publish")
}

// DiscountProductHandler serves discount requests for a product.
func DiscountProductHandler(w http.ResponseWriter, r *http.Request) {
	if err := catalogsvc.DiscountProduct(1); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	controller.Render(w, "discount")
}

// ArchiveProductHandler serves archive requests for a product.
func ArchiveProductHandler(w http.ResponseWriter, r *http.Request) {
	if err := catalogsvc.ArchiveProduct(1); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	controller.Render(w, "archive")
}
