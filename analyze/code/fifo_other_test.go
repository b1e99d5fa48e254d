//go:build !unix

package code

import "errors"

// mkfifo cannot make FIFOs here: the tests that need one skip.
func mkfifo(path string) error { return errors.ErrUnsupported }
