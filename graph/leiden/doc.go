// Package leiden finds communities in an undirected weighted graph by
// maximising modularity with the Leiden algorithm.
package leiden
