// Package cochange aggregates a repository's commits to its packages: how
// often each package changed, by whom and when, and which package pairs
// change together.
//
// It follows code-maat's definitions where they exist, so figures can be
// compared with that tool: a package's revisions are the commits that
// touch it; the coupling degree of two packages is
// 100 * shared / mean(revisions); commits that touch more than
// MaxCommitFiles files are dropped before counting, because bulk edits
// (formatting, renames, dependency bumps) couple everything with
// everything. On top, each pair gets a p-value: the chance of seeing at
// least that many shared commits if the two packages changed
// independently (a one-sided Fisher exact test, i.e. the hypergeometric
// upper tail), so that two busy packages that share commits by chance are
// not mistaken for coupled ones.
//
// The input is plain (commits as lists of files, a function mapping a
// file to its package); mining git is package analyze/history's job.
package cochange
