// Package gitscript builds real git repositories from small text scripts,
// so that the co-change analysis can be tested against a history whose
// domain structure is known in advance.
//
// A script is a plain text file of lines. Blank lines and lines whose
// first non-blank character is # are ignored. Everything else is one of:
//
//	commit 2024-01-08T09:30:00Z | Alice Martin <alice@shop.test> | catalog: add product listing
//	  A catalog/product.go
//	  M catalog/store/store.go +12
//	  D old/file.go
//	  R catalog/old.go -> catalog/new.go
//	branch feature-x        # create feature-x at HEAD and switch to it
//	switch main             # switch to an existing branch
//	merge feature-x 2024-02-01T10:00:00Z | Bob Chen <bob@shop.test> | Merge branch 'feature-x'
//
// A commit line gives the author date in RFC 3339, the author as
// "Name <email>" and the message (the rest of the line, '#' included). It
// is followed by one or more indented change lines. The author is also the
// committer, and dates must strictly increase so that date order and
// script order agree.
//
// Change lines name paths relative to the fixture directory, with '/'
// separators and no spaces. Their operations are:
//
//	A path [+K]          add a file that does not exist yet
//	M path [+K]          modify an existing file
//	D path               delete an existing file
//	R old -> new [+K]    rename a file, keeping its content
//
// Content comes from the fixture directory so that the final tree can be
// analysed like the fixture itself. A writes the fixture file of the same
// path. When there is none, it writes the fixture file of the path that the
// script later renames it to (so git sees the rename as a rename), or
// else a generated placeholder (a bare package clause for .go files).
// Every write appends a trailer of K comment lines (K defaults to 1)
// reading "history: rev N", where N is the number of the commit in the
// script counting commits and merges from 1, behind "//" for .go, go.mod and go.work, "--" for
// .sql and "#" for other files. M and R keep the body and replace the
// trailer, which is what makes each commit change something and lets
// tests vary churn. Trailers are comments, so they change neither imports
// nor SQL.
//
// Change, branch and switch lines may end in a "# comment"; commit and
// merge lines may not, because their message runs to the end of the line.
// The repository starts on branch main. "branch" needs at least one commit
// before it. "merge" records a commit with two parents, the current HEAD
// first: go-git cannot merge, so the builder applies to the current tree
// every file the merged branch changed since the merge base, and fails on
// a path that both sides changed.
package gitscript
