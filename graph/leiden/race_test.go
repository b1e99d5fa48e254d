//go:build race

package leiden

// raceEnabled skips the quality comparisons with gonum, which test no
// concurrency and take minutes under the race detector.
const raceEnabled = true
