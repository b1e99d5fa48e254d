// Command server serves every domain's API.
package main

import (
	"net/http"

	"example.com/layered/app/controller/catalog"
	"example.com/layered/app/controller/orders"
	"example.com/layered/app/controller/payments"
	"example.com/layered/app/controller/users"
)

func main() {
	http.HandleFunc("/orders", orders.PlaceOrderHandler)
	http.HandleFunc("/payments", payments.ChargePaymentHandler)
	http.HandleFunc("/users", users.RegisterUserHandler)
	http.HandleFunc("/products", catalog.PublishProductHandler)
	http.ListenAndServe(":8080", nil)
}
