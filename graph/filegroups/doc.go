// Package filegroups proposes how to cut a package that is too large to
// place whole into groups of its files.
//
// Candidate contexts are sets of whole packages. A package that holds a
// fifth of a monolith's code (mattermost's app, gogs' internal/database)
// mixes every domain, and no clustering of packages can take them apart:
// the team has to split it by its files first. Groups tells which files
// go together, from two kinds of evidence about the files themselves:
//
//   - their history: files changed by the same commits belong together
//     (each commit counts 1/(k-1) for each pair of the k files of the
//     package it touches, so a commit that edits forty files says little
//     about any two of them); a test file counts as the file it tests;
//   - their names: Go files are named after what they hold, and
//     channel.go, channel_bookmark.go and channels_test.go speak of one
//     thing. Files whose names begin with the same word are linked, each
//     word counting like one commit over its files.
//
// Each kind is scaled to the same total weight, as the layers of the
// fused graph are, and the files are clustered by modularity (package
// graph/leiden) from a fixed seed. A group is named by the leading word
// that holds most of its lines.
package filegroups
