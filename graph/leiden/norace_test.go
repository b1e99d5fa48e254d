//go:build !race

package leiden

const raceEnabled = false
