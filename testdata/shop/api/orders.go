package api

import (
	"net/http"

	"example.com/shop/api/dto"
	"example.com/shop/internal/gen/apitypes"
	"example.com/shop/platform/errs"
	"example.com/shop/platform/httpx"
)

func (s *server) addToCart(w http.ResponseWriter, r *http.Request) {
	var req apitypes.AddToCartRequest
	if err := httpx.Decode(r, &req); err != nil {
		httpx.Error(w, err)
		return
	}
	if err := s.Carts.Add(r.Context(), userID(r), req.ProductID, req.Quantity); err != nil {
		httpx.Error(w, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

func (s *server) checkout(w http.ResponseWriter, r *http.Request) {
	o, err := s.Orders.Checkout(r.Context(), userID(r))
	if err != nil {
		httpx.Error(w, err)
		return
	}
	httpx.JSON(w, http.StatusCreated, dto.FromOrder(o))
}

func (s *server) getOrder(w http.ResponseWriter, r *http.Request) {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		httpx.Error(w, err)
		return
	}
	o, err := s.Orders.Get(r.Context(), id)
	if err != nil {
		httpx.Error(w, err)
		return
	}
	// Answer "not found" rather than "forbidden" so order ids of other
	// customers cannot be enumerated.
	if o.UserID != userID(r) {
		httpx.Error(w, errs.NotFound("api.getOrder", "order %d", id))
		return
	}
	httpx.JSON(w, http.StatusOK, dto.FromOrder(o))
}
