//go:build !unix

package history

import (
	"errors"
	"os"
)

// openNonblock is not needed where there are no FIFOs to block on.
const openNonblock = 0

// mappingSupported says whether packfiles can be mapped here; where they
// cannot, go-git reads them.
const mappingSupported = false

// mapReadOnly is not available here: every packed object is read
// through go-git.
func mapReadOnly(*os.File) ([]byte, func(), error) {
	return nil, nil, errors.New("memory mapping not supported")
}

// dropPages has nothing to drop where nothing is mapped.
func dropPages([]byte) {}
