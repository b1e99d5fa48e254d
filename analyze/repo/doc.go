// Package repo finds what seams is asked to analyze: the repository root
// (the top of the git work tree, whatever directory of it seams is given;
// outside git, the directory holding go.work or go.mod), every Go module
// below it, and the enclosing git work tree, if any.
//
// Locate only reads files. It never runs the go command or git, so it
// works on any checkout, including ones whose go.mod a local toolchain
// cannot read.
//
// A repository may be hostile, and everything that reads its work tree
// reads it through DirFS (Repo.Files): a symbolic link is followed only
// when it resolves inside the root, and only directories and regular
// files are opened, never a FIFO (which would block) or a device. The
// files refused that seams or the go command would read (Go and SQL
// files, go.mod, go.sum, go.work, .seams.yaml) are listed in
// Repo.Skipped, by path and reason, never by where a link points. Locate
// also warns of a go.work it will not use (one that does not parse, or
// that uses or replaces with a directory outside the root) and of
// directories whose names cannot be import paths, and Module.Outside
// names a go.mod replace directive that leads out of the root. Inside
// checks a path a repository file gives (.seams.yaml's out, baseline)
// the same way.
package repo
