package api

import . "example.com/mod/util"

// Dots uses dot-imported names.
func Dots() string {
	var h Helper
	h.Do()
	return Upper("x")
}
