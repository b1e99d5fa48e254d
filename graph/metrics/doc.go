// Package metrics measures a partition of the fused graph as the
// literature on decomposing monoliths does: Newman's modularity on the
// fused graph and on each layer, and on the import layer structural
// modularity (SM), inter-partition call percentage (ICP), interface
// number (IFN), non-extreme distribution (NED) and MQ, besides the counts
// of cross-context imports and shared-write tables.
//
// Shared-kernel and unplaced packages are left out of every figure.
package metrics
