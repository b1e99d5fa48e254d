// Package symbols finds, from the syntax alone, which exported
// declarations each package of a repository offers and which other
// packages use them, and how often. A strangler plan for a candidate
// context reads its anti-corruption layer off this: the functions,
// methods, types, variables and constants of the context that code in
// other contexts uses (Result.Uses with To in the context), what the
// context uses of others (From in it), and the type names several
// contexts declare (Result.Homonyms: User, Account, Order).
//
// # Use
//
// seams parses every Go file once and hands each syntax tree to its
// collectors; this one keeps a small summary per file (Add, safe for
// concurrent use) and resolves them all in Finish, when every package's
// declarations are known:
//
//	c := symbols.NewCollector()
//	for _, f := range files { c.Add(f.Dir, f.ImportPath, f.Path, f.Fset, f.AST) }
//	res := c.Finish()
//
// # Declarations
//
// Every package-level function, type, variable and constant, every
// method (interface methods included) and every field of a named struct
// type is recorded; those with exported names are reported, with their
// kind, position, and for types their form (struct, interface, alias,
// other). Declarations of generated files count, marked; test files
// declare nothing another package could use.
//
// # Uses
//
// A use is a selector pkg.Name whose pkg is an import of the file, a
// dot-imported name, or a method or field reached through a value whose
// type syntax tells. Import names are settled in Finish: an explicit
// name; else the package clause of the repository package at that path
// (every repository package is added too); else, for packages outside
// the repository, guesses from the path (the last element without a
// /v2 or .v2 version suffix, a go- prefix or a -go suffix; see
// importNames). Identifiers of the file's scopes shadow imports: in
// func(user *user.User) the body's user is the parameter.
//
// A value's type is known when it is a parameter, receiver, named
// result or variable declared with a type; a composite literal
// (pkg.T{}, &pkg.T{}); a conversion or new(pkg.T); the result of a
// function or method whose result type is declared (pkg.NewT() *T);
// a field of a value of known struct type (s.store, of type
// *pkg.Store); an element of a slice, array, map or channel of known
// element type (range, index, receive); a type-switch variable in a
// single-type clause; or a package-level variable with a type or such
// a value. Pointers are not told apart from what they point to. A
// method or field is looked up on the type itself and one embedded
// level down, not further; a type defined as another (type X pkg.I)
// has the interface's methods or the struct's fields. Each step of a chain is resolved in turn:
// s.store.Get(ctx).Owner is a use of Store.Get and of the Owner field
// of Get's result type.
//
// Types in declarations (parameter, result, field and variable types)
// are selectors too, so they count as uses of the type.
//
// Every method-like call x.M() whose x is a value, not a package, is
// counted in Result.Calls (hand-written files) or Result.GeneratedCalls
// by how it resolved: to a repository type's member, to a type outside
// the repository (any value got from another module's API is of such a
// type), to a repository type without that member within one embedded
// level, or not at all (a type parameter, the result of an unresolved
// call, an identifier declared nowhere seen).
//
// # Limits
//
// Without type checking some uses are missed: fields and methods
// promoted from two or more embedded levels down (most of the misses
// against go/types, see TestOracle), values whose type comes from a type
// inference the syntax does not show (generic results, closures'
// results, multiple assignment from anything but one call), method
// values passed around, interface satisfaction (a call through an
// interface is a use of the interface's method, not of the
// implementations'). Build constraints are not read: a package's
// declarations are those of every file added, the first of two
// same-named ones (per GOOS files) wins.
//
// # Cost
//
// Add walks every function body once and keeps, per file, its imports,
// declarations and a trie of its selector chains (see node): some 17 MB
// for stackrox's 5,400 files. Finish resolves each distinct chain once,
// memoized. On stackrox the two cost about half the parse of the same
// files (BenchmarkSymbols: Add 0.3, Finish 0.2-0.3 of the parse), some
// 4% of the CPU time of a cold seams analysis; Add runs in the parallel
// parse, Finish after it.
package symbols
