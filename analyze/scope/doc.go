// Package scope decides which files of a repository seams reads.
//
// The go command's own rules come first: directories named vendor or
// testdata, and those whose name starts with "." or "_", hold no packages
// of the repository. Test files (_test.go) are left out unless asked for.
// On top of those, users exclude more with .gitignore-style patterns
// (from --exclude or the config file): "docs/", "*_mock.go",
// "internal/legacy/**", "!keep.go" re-includes, and a leading "/" anchors
// a pattern at the repository root.
//
// Generated files, those whose header carries the standard
// "// Code generated ... DO NOT EDIT." line, are recognised by Generated;
// callers leave them out and count them, because generated code couples
// everything it touches without anyone having chosen to.
package scope
