// Package users holds the users business rules.
package users

import (
	"example.com/layered/app/service"
	"example.com/layered/app/store"
	usersstore "example.com/layered/app/store/users"
	"example.com/layered/platform/log"
)

// Known lists the user statuses.
var Known = []string{"register", "login", "suspend"}

// Account is one account of a user.
type Account struct{ UserID int64 }

// Session is a session of a user.
type Session struct{ UserID int64 }

// CheckUser refuses a user without an id.
func CheckUser(id int64) error {
	if id == 0 {
		log.Info("invalid user")
		return service.ErrInvalid
	}
	return nil
}

// RegisterUser registers a user.
func RegisterUser(id int64) error {
	r, err := usersstore.FindUser(id, store.Page{Limit: 1})
	if err != nil {
		return err
	}
	r.Status = "register"
	return usersstore.InsertUser(r)
}

// LoginUser logins a user.
func LoginUser(id int64) error {
	r, err := usersstore.FindUser(id, store.Page{Limit: 1})
	if err != nil {
		return err
	}
	r.Status = "login"
	return usersstore.InsertUser(r)
}

// SuspendUser suspends a user.
func SuspendUser(id int64) error {
	r, err := usersstore.FindUser(id, store.Page{Limit: 1})
	if err != nil {
		return err
	}
	r.Status = "suspend"
	return usersstore.InsertUser(r)
}
