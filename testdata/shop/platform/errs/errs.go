// Package errs defines the error kinds shared by every layer of the shop,
// so that a store failure deep inside a domain still becomes the right
// HTTP status at the edge.
package errs

import (
	"errors"
	"fmt"
)

// Kind classifies an error for callers that must react differently to it.
type Kind int

// Error kinds, from the least to the most specific.
const (
	KindInternal Kind = iota
	KindNotFound
	KindInvalid
	KindConflict
	KindUnauthorized
)

// Error records the failed operation together with its kind.
type Error struct {
	Kind Kind
	Op   string
	Err  error
}

func (e *Error) Error() string {
	if e.Err == nil {
		return e.Op
	}
	return e.Op + ": " + e.Err.Error()
}

func (e *Error) Unwrap() error { return e.Err }

// E wraps err with an operation name and a kind.
func E(kind Kind, op string, err error) error {
	return &Error{Kind: kind, Op: op, Err: err}
}

// NotFound reports that op looked for something that does not exist.
func NotFound(op, format string, args ...any) error {
	return &Error{Kind: KindNotFound, Op: op, Err: fmt.Errorf(format, args...)}
}

// Invalid reports that op was given input it cannot accept.
func Invalid(op, format string, args ...any) error {
	return &Error{Kind: KindInvalid, Op: op, Err: fmt.Errorf(format, args...)}
}

// Unauthorized reports a missing or rejected credential.
func Unauthorized(op string) error {
	return &Error{Kind: KindUnauthorized, Op: op}
}

// KindOf returns the kind of err, KindInternal when nothing in the chain
// carries one.
func KindOf(err error) Kind {
	var e *Error
	if errors.As(err, &e) {
		return e.Kind
	}
	return KindInternal
}
