//go:build !unix

package history

import (
	"errors"
	"os"
)

// mapReadOnly is not available here: every object is read through go-git.
func mapReadOnly(*os.File) ([]byte, func(), error) {
	return nil, nil, errors.New("memory mapping not supported")
}
