// Package code builds a repository's internal import graph without
// running any of its code.
//
// Nodes are the repository's own packages, one per directory; an edge
// A -> B says files of A import B, weighted by how many files do. The
// standard library and third-party modules are not nodes: each package
// only counts how many distinct ones it imports.
//
// There are two loaders that yield the same internal graph:
//
//   - "go/packages": golang.org/x/tools/go/packages lists the packages in
//     graph mode (names and files, no type checking), so build constraints,
//     workspaces and vendoring are applied exactly as the go command would.
//     The go command runs sealed off: GOPROXY=off, GOTOOLCHAIN=local,
//     GOFLAGS=-mod=readonly (or -mod=vendor), CGO_ENABLED=0, GOVCS=*:off,
//     so it neither reaches the network nor runs cgo, and a missing
//     dependency costs a warning, not the graph.
//   - "syntax": where the go command cannot run at all (no toolchain, a
//     broken go.mod, a go line newer than the local toolchain), the files
//     are found by walking the tree and matched against build constraints
//     with go/build, and each module's path comes from its go.mod.
//
// Either way every file is parsed with go/parser in ImportsOnly mode to
// weight the edges, and read once to count its lines of code.
//
// The go command runs once per workspace or module; one that cannot list
// (a dependency missing from the module cache, a broken go.mod) costs
// its own modules the go/packages listing, which the syntax loader then
// makes, and the others nothing. The go command does not run at all on a
// tree holding a file seams refuses to read (a FIFO would hang it, a
// link out of the repository would put what lies there into its errors;
// see repo.DirFS) or whose go.mod replaces a module with a directory
// outside it. It stops when Options.Context is done. What it says loses
// the machine's paths: the root, the module cache and GOROOT.
package code
