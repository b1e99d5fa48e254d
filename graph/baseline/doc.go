// Package baseline is seams' CI policy: it freezes a repository's
// accepted partition into contexts, with the imports, shared-write tables
// and cycles that cross between them today (Freeze), and checks a later
// state of the repository against it (Check), so that only what is new
// fails a build, as ArchUnit's frozen rules do.
//
// A package the baseline does not know is placed with the context it is
// most coupled to. Metrics are measured under the baseline's partition on
// the graph given, so a baseline and the checks against it must use the
// same layer weights; package analyze records them in the baseline file.
// KeepIdentity carries contexts' ids and names across re-clustering.
package baseline
