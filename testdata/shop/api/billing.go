package api

import (
	"net/http"

	"example.com/shop/api/dto"
	"example.com/shop/internal/gen/apitypes"
	"example.com/shop/platform/httpx"
)

func (s *server) pay(w http.ResponseWriter, r *http.Request) {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		httpx.Error(w, err)
		return
	}
	var req apitypes.PayRequest
	if err := httpx.Decode(r, &req); err != nil {
		httpx.Error(w, err)
		return
	}
	if err := s.Billing.Pay(r.Context(), id, req.CardToken); err != nil {
		httpx.Error(w, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

func (s *server) statement(w http.ResponseWriter, r *http.Request) {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		httpx.Error(w, err)
		return
	}
	st, err := s.Billing.Statement(r.Context(), id)
	if err != nil {
		httpx.Error(w, err)
		return
	}
	httpx.JSON(w, http.StatusOK, dto.FromStatement(st))
}
