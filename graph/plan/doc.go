// Package plan writes a strangler plan for each candidate context: what
// extracting it as a service takes, in the order the strangler-fig
// migration goes.
//
// A plan lists the context's API (the exported functions, types, methods,
// variables and constants that code of other contexts uses, with the
// using packages and the use sites: what the anti-corruption layer in
// front of the new service must offer) and its uses of other contexts
// (what the service would call back into the monolith for); the tables
// it writes that other contexts read (candidate domain events to
// publish) and the tables it reads that others write (its read model,
// fed by their events); the tables it writes together with other
// contexts (a dual write with reconciliation, and the context to give
// write ownership to); its owners over the pressure window (how
// concentrated the ownership is); the type names it shares with other
// contexts (the translation points of the anti-corruption layer); and the
// steps, in words, with the numbers behind each.
//
// Everything comes from the fused graph's evidence (symbol uses, table
// accesses with their statements' verbs) and the history: nothing runs.
package plan
