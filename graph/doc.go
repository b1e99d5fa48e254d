// Package graph is seams' coupling model: it turns what the signals found
// into weighted relations between packages, and later clusters and ranks
// them.
//
// It works on plain inputs (package paths, commits as lists of files) and
// knows nothing of how they were extracted: data flows analyze -> graph ->
// report, and graph only imports report, for the model's types.
//
// Co-change (CoChange) follows code-maat's definitions where they exist,
// so figures can be compared with that tool: a package's revisions are the
// commits that touch it; the coupling degree of two packages is
// 100 * shared / mean(revisions); commits that touch more than
// MaxCommitFiles files are dropped before counting, because bulk edits
// (formatting, renames, dependency bumps) couple everything with
// everything. On top, each pair gets a p-value: the chance of seeing at
// least that many shared commits if the two packages changed independently
// (a one-sided Fisher exact test, i.e. the hypergeometric upper tail), so
// that two busy packages that share commits by chance are not mistaken for
// coupled ones.
package graph
