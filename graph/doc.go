// Package graph is seams' coupling model: the fused graph over a
// repository's packages, one weighted layer per kind of evidence (imports,
// shared tables, co-change, vocabulary), each normalized to the same total weight and
// then scaled by the layer weights, so that no layer dominates by its
// scale.
//
// The packages below work on it: cochange aggregates commits to packages
// and package pairs (the co-change layer's input), cluster partitions the
// graph into candidate contexts and the shared kernel, rank describes and
// orders the contexts, metrics measures a partition, baseline freezes
// a partition for CI and checks later states against it, and filegroups
// proposes how to cut a package too large to place whole by its files.
//
// Everything here works on plain inputs (package paths, import edges,
// table accesses, commits as lists of files) and knows nothing of how
// they were extracted or how they are written out: data flows analyze ->
// graph -> report, and no package of graph imports report.
package graph
