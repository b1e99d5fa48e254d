package api

import (
	"net/http"

	"example.com/shop/identity"
	"example.com/shop/internal/gen/apitypes"
	"example.com/shop/platform/httpx"
)

func (s *server) register(w http.ResponseWriter, r *http.Request) {
	var req apitypes.RegisterRequest
	if err := httpx.Decode(r, &req); err != nil {
		httpx.Error(w, err)
		return
	}
	id, err := s.Identity.Register(r.Context(), req.Email, req.Name, req.Password)
	if err != nil {
		httpx.Error(w, err)
		return
	}
	httpx.JSON(w, http.StatusCreated, apitypes.IDResponse{ID: id})
}

func (s *server) login(w http.ResponseWriter, r *http.Request) {
	var req apitypes.LoginRequest
	if err := httpx.Decode(r, &req); err != nil {
		httpx.Error(w, err)
		return
	}
	tok, err := s.Identity.Login(r.Context(), identity.Credentials{Email: req.Email, Password: req.Password})
	if err != nil {
		httpx.Error(w, err)
		return
	}
	http.SetCookie(w, &http.Cookie{Name: "shop_session", Value: tok, HttpOnly: true, Secure: true, Path: "/"})
	httpx.JSON(w, http.StatusOK, apitypes.LoginResponse{Token: tok})
}
