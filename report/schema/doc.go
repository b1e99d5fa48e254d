// Package schema defines the files seams writes and reads back: the
// seams/v1 model (seams.json), the baseline (.seams/baseline.json), the
// trend (trend.json) and the result of seams check, together with the
// vocabularies they use (signals, layers, accesses, metrics, finding
// kinds), each with one canonical list.
//
// These types are the JSON form only, as encoding/json sees it. The
// analysis that produces them keeps its own in-memory types (package
// graph and its subpackages, package analyze), and the model is assembled
// from them once, at the edge, by package analyze; renderers in package
// report read it. Nothing here computes a figure.
//
// The package imports nothing of seams, so that every other package may
// use its vocabularies.
//
// Encode writes a file in the one style seams uses: indented, ending in a
// newline, every list present ([] rather than null) and no NaN or
// infinity anywhere (encoding/json cannot write them; Encode says which
// field holds one).
package schema
