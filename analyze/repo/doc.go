// Package repo finds what seams is asked to analyze: the repository root
// (the directory holding go.work or go.mod), the Go modules below it, and
// the enclosing git work tree, if any.
//
// Locate only reads files. It never runs the go command or git, so it
// works on any checkout, including ones whose go.mod a local toolchain
// cannot read.
package repo
