// Package rank describes the contexts of a partition for a decision: an
// id that survives small changes, a name from the paths that hold most of
// the code, the tables they touch, a change pressure and an extraction
// risk in 0..1 with every input shown, a cut list (the imports, tables and
// co-change that cross the boundary), and an extraction order: high
// pressure and low risk first.
package rank
