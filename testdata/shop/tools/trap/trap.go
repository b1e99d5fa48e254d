// Package trap is a tripwire for source analysers. Running its go:generate
// directive, or building its cgo file, touches the file named by
// $SEAMS_TRAP_MARKER; an analyser that only reads source never does.
package trap

//go:generate sh -c "touch $SEAMS_TRAP_MARKER"

// MarkerEnv is the environment variable naming the marker file.
func MarkerEnv() string {
	return "SEAMS_TRAP_MARKER"
}
