package report

// Schema names the version of the JSON model. A change that removes or
// renames a field, or changes its meaning, needs a new version.
const Schema = "seams/v1"

// Model is everything one run of seams found about a repository. It is
// written as seams.json and read back by later runs (check, trend), so
// every slice in it is sorted and every field is deterministic.
type Model struct {
	Schema   string    `json:"schema"`
	Repo     Repo      `json:"repo"`
	Tool     Tool      `json:"tool"`
	Signals  Signals   `json:"signals"`
	Packages []Package `json:"packages"`
	Imports  []Import  `json:"imports"`
	Warnings []Warning `json:"warnings"`
}

// Repo identifies the analyzed repository.
type Repo struct {
	// Root is the absolute directory that holds go.mod or go.work.
	Root string `json:"root"`
	// GitRoot is the absolute work tree of the enclosing git repository,
	// empty when there is none.
	GitRoot string `json:"gitRoot,omitempty"`
	// Modules lists the Go modules found under Root.
	Modules []Module `json:"modules"`
	// Head is the commit hash HEAD pointed at, empty without git history.
	Head string `json:"head,omitempty"`
}

// Module is one Go module of the repository.
type Module struct {
	Path string `json:"path"` // module path from go.mod
	Dir  string `json:"dir"`  // directory relative to Repo.Root, "." for the root
}

// Tool identifies the seams build that wrote the model.
type Tool struct {
	Version string `json:"version"`
}

// Signal status values.
const (
	StatusOK          = "ok"          // the signal is complete
	StatusPartial     = "partial"     // some input could not be read; see warnings
	StatusUnavailable = "unavailable" // the signal could not be computed at all
	StatusOff         = "off"         // the signal was not requested or does not exist yet
)

// Signals reports the health of each coupling signal.
type Signals struct {
	Imports ImportsSignal `json:"imports"`
	SQL     Signal        `json:"sql"`
	History Signal        `json:"history"`
}

// Signal is the health of one signal: whether it could be computed, and
// why not where it could not.
type Signal struct {
	Status string `json:"status"`
	Detail string `json:"detail"`
}

// ImportsSignal is the health of the import graph and how it was loaded.
type ImportsSignal struct {
	Signal
	// Loader is "go/packages" when the go command listed the packages, or
	// "syntax" when seams parsed the files itself because the go command
	// could not run; FallbackReason then says why.
	Loader         string `json:"loader"`
	FallbackReason string `json:"fallbackReason,omitempty"`
	Files          int    `json:"files"`          // Go files analyzed
	ExcludedFiles  int    `json:"excludedFiles"`  // Go files left out by exclude patterns
	GeneratedFiles int    `json:"generatedFiles"` // Go files left out as generated code
	// Generated lists the generated files that were left out, by path
	// relative to Repo.Root.
	Generated []string `json:"generated"`
}

// Package is one Go package of the repository: a node of every graph.
type Package struct {
	// Path is the package directory relative to Repo.Root, slash-separated,
	// "." for the root. It is the package's identity everywhere in the model.
	Path       string `json:"path"`
	ImportPath string `json:"importPath"`
	Files      int    `json:"files"` // Go files analyzed
	// LOC counts non-blank lines that are not only comments, in the
	// analyzed files (test files only with --tests).
	LOC  int  `json:"loc"`
	Main bool `json:"main"`
	// StdImports and DepImports count the distinct standard-library and
	// third-party packages this package imports: they are not nodes.
	StdImports int `json:"stdImports"`
	DepImports int `json:"depImports"`
	// Context is the candidate bounded context the package was placed in.
	Context string `json:"context"`
}

// Import is a directed import edge between two packages of the repository.
type Import struct {
	From string `json:"from"` // importing package path
	To   string `json:"to"`   // imported package path
	// Weight is the number of files of From that import To.
	Weight int `json:"weight"`
}

// Warning is something that limited a signal without stopping the run.
type Warning struct {
	Signal  string `json:"signal"`  // "imports", "sql", "history" or "config"
	Message string `json:"message"` // what happened, in a sentence
	Where   string `json:"where"`   // file[:line[:col]] relative to Repo.Root, or empty
}
