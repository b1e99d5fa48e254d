package api

import st "example.com/mod/store"

// Generic uses a generic type and function.
func Generic() int {
	l := st.List[int]{}
	l.Push(1)
	_ = st.Map[int, string](nil, nil)
	return l.Len()
}

// Param calls a method on a type parameter: not resolved.
func Param[T interface{ Name() string }](v T) string {
	return v.Name()
}

// Box is a generic type of this package.
type Box[T any] struct {
	Inner T
	store *st.Store
}

// Get calls through a field of a generic receiver.
func (b *Box[T]) Get() []st.User {
	return b.store.List()
}
