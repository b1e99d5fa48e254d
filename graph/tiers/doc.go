// Package tiers finds the technical layers of a layered monolith: the
// directories whose children are slices of the same kind, one per
// business domain, as app/api/controller/<domain>, app/api/handler/<domain>
// and app/services/<domain> are in many Go monoliths.
//
// A layer is recognized by structure, not by a list of names: a directory
// with at least MinSlices child slices is a layer when another directory,
// neither above nor below it, has slices of the same names (at least
// MinShared of them, and MinOverlap of the smaller of the two) that import
// each other: the pull-request controller imports the pull-request
// service. Names that recur without such imports are technical ones
// inside each domain (the datastore, service and store of every domain of
// a domain-first layout), and make no layer. The slices two layers share
// name the domains that cut across them.
//
// Layers matter to clustering because the import graph joins each layer
// to the next: the controllers of every domain import the services of
// every domain, so imports alone find the layers, not the domains. The
// slices of one domain in several layers belong together (Aligned), and
// evidence between two slices of the same layer (an import, a commit that
// touches both, shared words) says little about either's domain
// (SameLayer).
package tiers
