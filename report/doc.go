// Package report defines what seams found, the seams/v1 model, and writes
// it out for people and machines.
//
// The Model type is the JSON schema: every other output (HTML, DOT,
// Markdown) is rendered from a Model, and later runs (seams check, seams
// trend) read Models back. The package imports nothing else of seams:
// data flows analyze -> graph -> report, never back.
//
// Every file is written atomically (a temporary file in the same directory,
// then a rename), so a crash or a concurrent reader never sees half a file.
package report
