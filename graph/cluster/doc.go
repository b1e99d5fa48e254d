// Package cluster partitions the fused coupling graph into candidate
// bounded contexts.
//
// Before clustering, the shared kernel (platform) is taken out: packages
// that many contexts import, that the kernel and many contexts import,
// that define the tables many contexts use, or that lie below the kernel
// (see kernelRule). Each layer is then normalized again over the packages
// left. The Leiden engine (package graph/leiden: Louvain with Leiden's
// refinement, so every community is connected) runs Options.Restarts
// times from Options.Seed; the best modularity wins, and the share of
// restarts that agree with it is each package's confidence. A context
// holding too large a share of the packages is clustered again on its own
// (splitLarge); contexts that lie in one directory, the parts of one
// subsystem, are joined while the join holds at a coarser resolution
// (joinAreas, Partition.Joined), in the first clustering that the kernel
// rule reads as in the last. Contexts smaller than Options.MinSize merge
// into their strongest neighbour, packages with no coupling at all are
// left unplaced, and the delivery layer (packages that import most
// contexts and that only commands import) is gathered into one context.
// Declared contexts are contracted into one node each, so they stay
// whole.
//
// A node may be a part of a package (graph.Node.Whole set): a group of the
// files of a package too large to place whole. Parts cluster as packages
// do, except that none joins the kernel by its rule, and Partition.Gather
// then places each package where most of its parts' lines went, keeping in
// Partition.Parts where each part went.
//
// The result is deterministic: the same graph and options give the same
// partition, whatever the order of the input and GOMAXPROCS.
package cluster
