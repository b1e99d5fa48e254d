package api

import (
	"net/http"
	"strconv"

	"example.com/shop/api/dto"
	"example.com/shop/internal/gen/apitypes"
	"example.com/shop/platform/httpx"
)

func (s *server) getProduct(w http.ResponseWriter, r *http.Request) {
	id, err := httpx.PathID(r, "id")
	if err != nil {
		httpx.Error(w, err)
		return
	}
	p, err := s.Catalog.Product(r.Context(), id)
	if err != nil {
		httpx.Error(w, err)
		return
	}
	httpx.JSON(w, http.StatusOK, dto.FromProduct(p))
}

func (s *server) search(w http.ResponseWriter, r *http.Request) {
	limit, _ := strconv.Atoi(r.URL.Query().Get("limit"))
	hits, err := s.Search.Search(r.Context(), r.URL.Query().Get("q"), limit)
	if err != nil {
		httpx.Error(w, err)
		return
	}
	out := make([]dto.Product, 0, len(hits))
	for _, h := range hits {
		out = append(out, dto.FromProduct(&h.Product))
	}
	httpx.JSON(w, http.StatusOK, out)
}

func (s *server) createProduct(w http.ResponseWriter, r *http.Request) {
	var req apitypes.CreateProductRequest
	if err := httpx.Decode(r, &req); err != nil {
		httpx.Error(w, err)
		return
	}
	id, err := s.Catalog.Create(r.Context(), req.SKU, req.Name, req.CategoryID)
	if err != nil {
		httpx.Error(w, err)
		return
	}
	httpx.JSON(w, http.StatusCreated, apitypes.IDResponse{ID: id})
}
