// Package dto converts domain values into the JSON shapes of the API, so
// domain types can change without breaking clients.
package dto

import (
	"example.com/shop/billing"
	"example.com/shop/catalog"
	"example.com/shop/ordering"
)

// Product is a product as clients see it.
type Product struct {
	ID       int64  `json:"id"`
	SKU      string `json:"sku"`
	Name     string `json:"name"`
	Category string `json:"category"`
	Price    string `json:"price"`
	InStock  bool   `json:"in_stock"`
}

// FromProduct converts a catalog product.
func FromProduct(p *catalog.Product) Product {
	return Product{ID: p.ID, SKU: p.SKU, Name: p.Name, Category: p.Category.Name,
		Price: p.Price.String(), InStock: p.InStock > 0}
}

// OrderLine is one line of an order.
type OrderLine struct {
	ProductID int64  `json:"product_id"`
	Quantity  int    `json:"quantity"`
	Total     string `json:"total"`
}

// Order is an order as clients see it.
type Order struct {
	ID     int64       `json:"id"`
	Status string      `json:"status"`
	Total  string      `json:"total"`
	Lines  []OrderLine `json:"lines"`
}

// FromOrder converts an order.
func FromOrder(o *ordering.Order) Order {
	out := Order{ID: o.ID, Status: string(o.Status), Total: o.Total.String()}
	for _, l := range o.Lines {
		out.Lines = append(out.Lines, OrderLine{ProductID: l.ProductID, Quantity: l.Quantity, Total: l.Total().String()})
	}
	return out
}

// Statement is the billing view of an order.
type Statement struct {
	Order   Order  `json:"order"`
	Invoice string `json:"invoice,omitempty"`
	Balance int64  `json:"balance_cents"`
}

// FromStatement converts a billing statement.
func FromStatement(s *billing.Statement) Statement {
	out := Statement{Order: FromOrder(s.Order), Balance: s.Balance()}
	if s.Invoice != nil {
		out.Invoice = s.Invoice.Number
	}
	return out
}
