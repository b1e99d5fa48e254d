package trap

/*
#cgo CFLAGS: -DX
#cgo pkg-config: seams-trap-marker
static int trap_x(void) { return X; }
*/
import "C"

// armed is only reachable through cgo, which is the point of this file.
func armed() bool {
	return C.trap_x() == 1
}
