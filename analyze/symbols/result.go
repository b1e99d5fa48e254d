package symbols

// Kinds of declarations and uses.
const (
	Func   = "func"
	Method = "method" // of a named type, interface methods included
	Type   = "type"
	Var    = "var"
	Const  = "const"
	Field  = "field" // of a named struct type, embedded ones included
)

// Forms of declared types.
const (
	FormStruct    = "struct"
	FormInterface = "interface"
	FormAlias     = "alias" // type A = B
	FormOther     = "other" // a defined type of another underlying type: type ID string
)

// Result is what a repository's packages declare and use of each other.
type Result struct {
	// Decls are the exported declarations of every package, sorted by
	// package, then name, then position. Test files declare nothing
	// another package can use, so they are left out.
	Decls []Decl
	// Uses are the uses, by a package, of another repository package's
	// declarations, sorted by From, To, Symbol.
	Uses []Use
	// Homonyms are the exported type names declared in more than one
	// package, sorted by name.
	Homonyms []Homonym
	// Calls counts the method-like calls x.M() on values (x is not a
	// package) in hand-written files; GeneratedCalls those in generated
	// files. They say how much of the method traffic the syntax alone
	// could attribute.
	Calls, GeneratedCalls CallStats
	// Missing counts selector sites pkg.Name where pkg is a repository
	// package that declares no Name in the files seen (a file left out by
	// build constraints or scope rules, or a test-only helper).
	Missing int
	// Files and Packages count what was added.
	Files, Packages int
	// Skipped are the files left out, "path: why": syntax trees that are
	// not as the parser makes them (a nil where it always puts a node).
	Skipped []string
}

// Decl is an exported package-level declaration, or an exported method
// or field of a named type (whatever the type's own name).
type Decl struct {
	Pkg  string // the package directory, relative to the root
	Name string // "F", "T", "T.M" for a method or field M of T
	Kind string // Func, Method, Type, Var, Const or Field
	// Recv is the receiver type of a method, or the struct type of a
	// field; "" otherwise.
	Recv string
	// Form is the form of a type (FormStruct, FormInterface, FormAlias,
	// FormOther); "" for other kinds.
	Form      string
	Pos       string // "file:line", the file relative to the root
	Generated bool   // declared in a generated file
}

// Use is how often code of one package uses one declaration of another.
type Use struct {
	From, To string // package directories
	Symbol   string // the used declaration's Decl.Name
	Kind     string // its Decl.Kind
	// Sites counts the places that name the symbol; Generated and Test
	// say how many of them are in generated files and in test files.
	Sites, Generated, Test int
	// First is the first site, "file:line", in file then line order.
	First string
}

// Homonym is an exported type name several packages declare.
type Homonym struct {
	Name string
	Pkgs []string // package directories, sorted
}

// CallStats counts method-like calls x.M() on values, by what the syntax
// told of x's type. OnValues is the sum of the other four.
type CallStats struct {
	OnValues int
	// Resolved calls have a receiver whose type is a repository type
	// that declares M, as a method or a field, itself or one embedded
	// level down.
	Resolved int
	// External calls have a receiver of a known type declared outside
	// the repository (the standard library, a dependency, error).
	External int
	// NoMember calls have a receiver of a known repository type that
	// has no M within one embedded level (promoted from deeper, or from
	// a file not seen).
	NoMember int
	// Unresolved calls have a receiver whose type the syntax does not
	// tell: the result of an unknown call, a type parameter, a map or
	// channel of unknown element, an identifier declared nowhere seen.
	Unresolved int
}

// UnresolvedShare is the share of calls on values whose receiver type or
// member was not found: (NoMember+Unresolved)/OnValues, 0 without calls.
func (s CallStats) UnresolvedShare() float64 {
	if s.OnValues == 0 {
		return 0
	}
	return float64(s.NoMember+s.Unresolved) / float64(s.OnValues)
}
