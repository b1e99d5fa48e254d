// Package analyze runs seams on a repository: it locates the repository,
// extracts each coupling signal (code imports now; SQL table access and
// git co-change later), and assembles what they found into a report.Model.
//
// Each signal degrades on its own. A signal that cannot be computed is
// marked "unavailable" or "partial" in the model, with the reason, and the
// run goes on with the others; Run fails only when there is nothing to
// analyze at all.
//
// The subpackages do the extraction: scope (which files count), repo
// (where the repository and its modules are), code (the import graph),
// config (.seams.yaml), gitscript (test repositories from a script).
package analyze
