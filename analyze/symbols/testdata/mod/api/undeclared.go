//go:build never

package api

// Undeclared calls a method on a value of a type declared nowhere seen.
func Undeclared() {
	var w unknownType
	w.Do()
}
