// Package repo finds what seams is asked to analyze: the repository root
// (the top of the git work tree, whatever directory of it seams is given;
// outside git, the directory holding go.work or go.mod), every Go module
// below it, and the enclosing git work tree, if any.
//
// Locate only reads files. It never runs the go command or git, so it
// works on any checkout, including ones whose go.mod a local toolchain
// cannot read.
package repo
