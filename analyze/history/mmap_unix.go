//go:build unix

package history

import (
	"errors"
	"os"
	"syscall"
)

// openNonblock keeps opening a FIFO from waiting for a writer.
const openNonblock = syscall.O_NONBLOCK

// mappingSupported says whether packfiles can be mapped here; where they
// cannot, go-git reads them.
const mappingSupported = true

// mapReadOnly maps a whole file read-only.
func mapReadOnly(f *os.File) ([]byte, func(), error) {
	st, err := f.Stat()
	if err != nil {
		return nil, nil, err
	}
	size := st.Size()
	if size <= 0 || int64(int(size)) != size {
		return nil, nil, errors.New("cannot map a file of this size")
	}
	b, err := syscall.Mmap(int(f.Fd()), 0, int(size), syscall.PROT_READ, syscall.MAP_SHARED)
	if err != nil {
		return nil, nil, err
	}
	return b, func() { _ = syscall.Munmap(b) }, nil
}
