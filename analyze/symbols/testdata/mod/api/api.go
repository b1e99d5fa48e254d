// Package api uses the others in every way the collector follows.
package api

import (
	"math/rand/v2"
	"strings"

	billing "example.com/mod/go-billing"
	"example.com/mod/pay/v2"
	st "example.com/mod/store"
)

// Handler holds dependencies as fields.
type Handler struct {
	store  *st.Store
	finder st.Finder
}

// Serve calls through the fields.
func (h *Handler) Serve() error {
	u, err := h.store.Get(1)
	if err != nil {
		return err
	}
	_ = u.Name
	u.Touch()
	_ = u.Created
	_, _ = h.finder.Find("x")
	_ = h.finder.List()
	return nil
}

// Construct calls through constructor results.
func Construct() {
	s := st.NewStore()
	for _, x := range s.List() {
		_ = x.ID
	}
	inv := &billing.Invoice{Total: 1}
	_ = inv.Pay()
	_ = pay.Charge(inv)
	_ = billing.New(st.User{Name: "n"}).Pay()
}

// Params calls through parameters.
func Params(u *st.User, k st.Kind, us st.Users) string {
	_ = us[0].Name
	return k.String() + u.Name
}

// Vars calls through package variables and constants.
func Vars() {
	_, _ = st.Default.Get(3)
	_ = st.KindA.String()
	var id st.ID
	_ = id
}

// Switch calls through a type switch.
func Switch(x any) {
	switch v := x.(type) {
	case *billing.Invoice:
		_ = v.Pay()
	case st.Kind, *st.User:
		_ = v
	}
}

// External calls methods of types outside the repository.
func External() string {
	var b strings.Builder
	b.WriteString("x")
	r := rand.New(rand.NewPCG(1, 2))
	_ = r.IntN(rand.IntN(3) + 1)
	billing.Ledger().Post(1)
	return b.String()
}

// Admin embeds a User: Touch is two levels down.
type Admin struct {
	st.User
}

// Deep calls a method promoted from two levels down: not found.
func Deep(a Admin) {
	a.Touch()
	_ = a.Name
}

// Values uses a method value and a method expression.
func Values(inv *billing.Invoice) {
	f := inv.Pay
	g := (*billing.Invoice).Pay
	_, _ = f, g
}
