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

// dropPages lets the kernel take back the pages of a read-only mapping
// that were read so far. They stay in the page cache: a later read of
// them faults them back in without going to the disk. Without it every
// page of a packfile a long walk touched counts in the process's
// resident memory until the walk ends (235 MB of a 433 MB pack on a
// 24k-commit repository).
func dropPages(b []byte) { _ = syscall.Madvise(b, syscall.MADV_DONTNEED) }
