// Package api is the HTTP layer of the shop: it decodes requests, calls
// the domains and encodes their answers.
package api

import (
	"context"
	"net/http"

	"example.com/shop/billing"
	"example.com/shop/catalog"
	"example.com/shop/catalog/search"
	"example.com/shop/identity"
	"example.com/shop/identity/session"
	"example.com/shop/ordering"
	"example.com/shop/ordering/cart"
	"example.com/shop/platform/httpx"
	"example.com/shop/platform/log"
)

// Deps are the domain services the handlers call.
type Deps struct {
	Catalog  *catalog.Service
	Search   *search.Searcher
	Carts    *cart.Service
	Orders   *ordering.Service
	Billing  *billing.Service
	Identity *identity.Service
	Sessions *session.Manager
}

type server struct {
	Deps
	log *log.Logger
}

type userKey struct{}

// New returns the shop's HTTP handler.
func New(d Deps, lg *log.Logger) http.Handler {
	s := &server{Deps: d, log: lg}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /products/{id}", s.getProduct)
	mux.HandleFunc("GET /search", s.search)
	mux.HandleFunc("POST /admin/products", s.requireUser(s.createProduct))
	mux.HandleFunc("POST /cart/items", s.requireUser(s.addToCart))
	mux.HandleFunc("POST /orders", s.requireUser(s.checkout))
	mux.HandleFunc("GET /orders/{id}", s.requireUser(s.getOrder))
	mux.HandleFunc("POST /orders/{id}/payment", s.requireUser(s.pay))
	mux.HandleFunc("GET /orders/{id}/statement", s.requireUser(s.statement))
	mux.HandleFunc("POST /users", s.register)
	mux.HandleFunc("POST /login", s.login)
	return httpx.Chain(mux, httpx.RequestID(), httpx.AccessLog(lg), httpx.Recover(lg))
}

// requireUser resolves the session before the handler runs, so handlers
// can rely on userID.
func (s *server) requireUser(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		id, err := s.Sessions.Resolve(r.Context(), session.FromRequest(r))
		if err != nil {
			httpx.Error(w, err)
			return
		}
		h(w, r.WithContext(context.WithValue(r.Context(), userKey{}, id)))
	}
}

func userID(r *http.Request) int64 {
	id, _ := r.Context().Value(userKey{}).(int64)
	return id
}
