// Package service holds what every service shares: validation errors.
package service

import "errors"

// ErrInvalid reports a request the domain refuses.
var ErrInvalid = errors.New("invalid")
