// Package analyze runs seams on a repository: it locates the repository,
// extracts each coupling signal (code imports, SQL table access, git
// co-change), hands them to graph for clustering and ranking, and
// assembles everything into a report.Model. Trend replays the same
// pipeline over commits of the history, read from git's object store.
//
// Each signal degrades on its own. A signal that cannot be computed is
// marked "unavailable" or "partial" in the model, with the reason, and the
// run goes on with the others; Run fails only when there is nothing to
// analyze at all.
//
// A package too large to place whole (5,000 lines or more and a tenth of
// the code or more) is clustered as its file groups (parts.go): each group
// gets the share of the package's edges that its files hold, and the
// package goes where most of its lines went.
//
// The subpackages do the extraction: scope (which files count), repo
// (where the repository and its modules are), code (the import graph),
// tables (SQL table access), history (git history), snapshot (a commit's
// tree as a file system), config (.seams.yaml), and gitscript (test
// repositories built from a script).
package analyze
