//go:build !unix

package repo

// openNonblock is not needed where there are no FIFOs to block on.
const openNonblock = 0
