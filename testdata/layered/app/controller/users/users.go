// Package users serves the users HTTP API.
package users

import (
	"net/http"

	"example.com/layered/app/controller"
	userssvc "example.com/layered/app/service/users"
)

// Routes lists the user endpoints.
var Routes = []string{"/users", "/users/{id}/register", "/users/{id}/accounts"}

// UserResponse is a user as clients see it.
type UserResponse struct {
	ID     int64  `json:"id"`
	Status string `json:"status"`
}

func init() {
}

// RegisterUserHandler serves register requests for a user.
func RegisterUserHandler(w http.ResponseWriter, r *http.Request) {
	if err := userssvc.RegisterUser(1); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	controller.Render(w, "register")
}

// LoginUserHandler serves login requests for a user.
func LoginUserHandler(w http.ResponseWriter, r *http.Request) {
	if err := userssvc.LoginUser(1); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	controller.Render(w, "login")
}

// SuspendUserHandler serves suspend requests for a user.
func SuspendUserHandler(w http.ResponseWriter, r *http.Request) {
	if err := userssvc.SuspendUser(1); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	controller.Render(w, "suspend")
}
