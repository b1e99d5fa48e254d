package schema

// Version names the version of the JSON model. A change that removes or
// renames a field, or changes its meaning, needs a new version.
const Version = "seams/v1"

// Model is everything one run of seams found about a repository: the
// content of seams.json. Every list in it is sorted and every figure is
// deterministic, so the same repository and settings give the same bytes.
type Model struct {
	Schema   string    `json:"schema"`
	Repo     Repo      `json:"repo"`
	Tool     Tool      `json:"tool"`
	Settings Settings  `json:"settings"`
	Signals  Health    `json:"signals"`
	Packages []Package `json:"packages"`
	Imports  []Import  `json:"imports"`
	// CoChange lists package pairs that change together, sorted by A, B.
	CoChange []CoChange `json:"cochange"`
	// Tables lists the database tables the repository touches, by name.
	Tables []Table `json:"tables"`
	// Contexts are the candidate bounded contexts, in extraction order.
	Contexts []Context `json:"contexts"`
	// Links are the relations between contexts, for maps and graphs.
	Links []ContextLink `json:"links"`
	// Coupling is the fused graph's weight of each coupled package pair,
	// per layer, for the dependency structure matrix.
	Coupling []Coupling `json:"coupling"`
	// Layers are the technical layers found: directories whose children
	// are slices by domain (controller/<domain>, store/<domain>).
	Layers []Tier `json:"layers"`
	// Unplaced lists packages with no coupling at all to place them by.
	Unplaced []string  `json:"unplaced"`
	Metrics  *Figures  `json:"metrics,omitempty"`
	Warnings []Warning `json:"warnings"`
	// View is what the HTML report needs to recompute a partition in the
	// page; nil without history.
	View *View `json:"view,omitempty"`
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

// Settings are the settings that shaped the model, whether they came from
// flags, the configuration file or the defaults: with them, the same
// repository gives the same model again.
type Settings struct {
	// Signals are the signals that were asked for.
	Signals []Signal `json:"signals"`
	Exclude []string `json:"exclude"`
	Tests   bool     `json:"tests"`
	// Loader is "auto" (the go command, falling back to syntax) or "syntax".
	Loader  string          `json:"loader"`
	History HistorySettings `json:"history"`
	SQL     SQLSettings     `json:"sql"`
	// Weights are the layers' weights after normalization.
	Weights map[Layer]float64 `json:"weights"`
	// Seed, Restarts and Resolution tune the clustering.
	Seed       uint64  `json:"seed"`
	Restarts   int     `json:"restarts"`
	Resolution float64 `json:"resolution"`
	// Vocabulary tunes the domain-vocabulary signal.
	Vocabulary VocabularySettings `json:"vocabulary"`
	// Shared are the patterns pinned to the shared kernel; Declared the
	// declared contexts, name -> package patterns.
	Shared   []string            `json:"shared"`
	Declared map[string][]string `json:"declared"`
}

// HistorySettings tune the history signal.
type HistorySettings struct {
	Ref            string   `json:"ref,omitempty"`
	Since          string   `json:"since,omitempty"` // RFC 3339
	Until          string   `json:"until,omitempty"`
	WindowMonths   int      `json:"windowMonths"`
	MaxCommitFiles int      `json:"maxCommitFiles"`
	MinShared      int      `json:"minShared"`
	Bots           []string `json:"bots"`
	CodeFiles      []string `json:"codeFiles"`
}

// VocabularySettings tune the domain-vocabulary signal.
type VocabularySettings struct {
	Neighbours    int     `json:"neighbours"`    // each package's nearest neighbours kept
	MinSimilarity float64 `json:"minSimilarity"` // the cosine a pair needs
	MaxShare      float64 `json:"maxShare"`      // terms in more of the packages are dropped
	TopTerms      int     `json:"topTerms"`      // terms listed per package
}

// SQLSettings tune the table-access signal.
type SQLSettings struct {
	Dialect string   `json:"dialect,omitempty"` // empty: guessed from the driver
	Ignore  []string `json:"ignore"`
	// Generated says whether generated files' SQL was read.
	Generated bool `json:"generated"`
}

// Health reports the health of each signal.
type Health struct {
	Imports    ImportsHealth    `json:"imports"`
	SQL        SQLHealth        `json:"sql"`
	History    HistoryHealth    `json:"history"`
	Vocabulary VocabularyHealth `json:"vocabulary"`
}

// Of is the health of signal s.
func (h Health) Of(s Signal) SignalHealth {
	switch s {
	case SignalImports:
		return h.Imports.SignalHealth
	case SignalSQL:
		return h.SQL.SignalHealth
	case SignalHistory:
		return h.History.SignalHealth
	case SignalVocabulary:
		return h.Vocabulary.SignalHealth
	}
	return SignalHealth{}
}

// VocabularyHealth is the health of the domain-vocabulary signal.
type VocabularyHealth struct {
	SignalHealth
	// Terms counts the distinct terms kept; Common lists the terms left
	// out because most packages use them (they name no domain), most
	// widespread first, at most 50.
	Terms  int      `json:"terms"`
	Common []string `json:"common"`
	// Pairs counts the package pairs similar enough to couple.
	Pairs int `json:"pairs"`
}

// SignalHealth is the health of one signal: whether it could be
// computed, and why not where it could not.
type SignalHealth struct {
	Status Status `json:"status"`
	Detail string `json:"detail"`
}

// ImportsHealth is the health of the import graph and how it was loaded.
type ImportsHealth struct {
	SignalHealth
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

// SQLHealth is the health of the table-access signal.
type SQLHealth struct {
	SignalHealth
	Dialect       string `json:"dialect,omitempty"`
	DialectReason string `json:"dialectReason,omitempty"`
	Statements    int    `json:"statements"`    // SQL statements found
	Parsed        int    `json:"parsed"`        // understood by the SQL parser
	Scanned       int    `json:"scanned"`       // understood by the token scanner
	NotUnderstood int    `json:"notUnderstood"` // neither: listed in warnings
	// ORM counts the sites that touch a table through an ORM's model
	// type; Generated the statements found in generated code; Tests the
	// statements of test code, read only with --tests.
	ORM       int `json:"orm"`
	Generated int `json:"generated"`
	Tests     int `json:"tests"`
	// ByDialect counts statements per dialect they were read as.
	ByDialect map[string]int `json:"byDialect,omitempty"`
}

// HistoryHealth is the health of the git co-change signal and what its
// filters removed: code-maat's users' first complaint is empty results
// from thresholds nobody explained.
type HistoryHealth struct {
	SignalHealth
	Ref     string `json:"ref,omitempty"`     // the ref mined, as given
	Commits int    `json:"commits"`           // non-merge commits read in range
	Used    int    `json:"used"`              // commits that touched a package after filters
	Shallow bool   `json:"shallow,omitempty"` // the clone is shallow
	// Filtered counts what each filter removed.
	Filtered HistoryFilters `json:"filtered"`
	// Settings of the filters and the pressure window.
	MaxCommitFiles int    `json:"maxCommitFiles"`
	MinShared      int    `json:"minShared"`
	WindowMonths   int    `json:"windowMonths"`
	WindowStart    string `json:"windowStart,omitempty"`
	WindowEnd      string `json:"windowEnd,omitempty"`
	// Timings are present only with --timings: they differ run to run.
	Timings *Timings `json:"timings,omitempty"`
}

// HistoryFilters count what the history filters removed.
type HistoryFilters struct {
	Merges         int `json:"merges"`         // merge commits
	Bots           int `json:"bots"`           // commits by bots (dependabot, renovate, [bot] authors, history.bots)
	Bulk           int `json:"bulk"`           // commits touching more than maxCommitFiles files
	MissingObjects int `json:"missingObjects"` // commits skipped for objects the clone lacks
	SkippedFiles   int `json:"skippedFiles"`   // file changes to generated, vendored or excluded files
	OutsideOnly    int `json:"outsideOnly"`    // commits touching only files outside packages (docs, assets)
	NonCodeOnly    int `json:"nonCodeOnly"`    // commits touching only non-code files of packages (go.mod, READMEs, Makefiles)
	PairsBelowMin  int `json:"pairsBelowMin"`  // package pairs sharing fewer than minShared commits
}

// Timings report how long a signal took and what the cache saved.
type Timings struct {
	ElapsedMS int64 `json:"elapsedMs"`
	CacheHits int   `json:"cacheHits"`
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
	// Context is the id of the candidate bounded context the package was
	// placed in; empty for shared-kernel and unplaced packages.
	Context string `json:"context"`
	// Confidence is the share of clustering restarts that put the package
	// with the same context, 0..1.
	Confidence float64 `json:"confidence"`
	// Shared, when set, says why the package was taken as part of the
	// shared kernel (platform) rather than of any context.
	Shared string `json:"shared,omitempty"`
	// Tooling, when set, says why the package was taken as tooling
	// (tools, generators, test suites): in no context, never ranked.
	Tooling string `json:"tooling,omitempty"`
	// Delivery marks a package of the delivery layer: a command, or a
	// package that wires every domain together (an HTTP layer).
	Delivery bool `json:"delivery,omitempty"`
	// History is the package's change record; nil without history.
	History *PackageHistory `json:"history,omitempty"`
	// Tables lists the tables the package touches, sorted by name, access.
	Tables []PackageTable `json:"tables,omitempty"`
	// Terms are the package's heaviest domain terms, heaviest first.
	Terms []string `json:"terms,omitempty"`
	// Sources are the analyzed files, in path order, with their size and
	// their change in the pressure window: the hotspots inside a package.
	Sources []SourceFile `json:"sources,omitempty"`
	// Parts are the groups of files a package too large to place whole
	// was clustered as, each a node of its own, largest first: where each
	// went. The package itself is placed where most of their lines went.
	Parts []PackagePart `json:"parts,omitempty"`
}

// PackagePart is one group of a package's files as clustering placed it.
type PackagePart struct {
	Name  string `json:"name"`  // the group's name (SourceFile.Group); files of no group go with the largest
	Files int    `json:"files"` // the package's files in it
	LOC   int    `json:"loc"`
	// Context is the id of the context it went to; empty when it went to
	// the shared kernel, tooling or none. Shared and Tooling say why.
	Context string `json:"context,omitempty"`
	Shared  string `json:"shared,omitempty"`
	Tooling string `json:"tooling,omitempty"`
}

// SourceFile is one analyzed file of a package.
type SourceFile struct {
	Name string `json:"name"` // the file name, in the package's directory
	LOC  int    `json:"loc"`
	// Revisions and Churn count the commits of the pressure window that
	// changed the file and the lines they added and deleted (0 without
	// history).
	Revisions int `json:"revisions"`
	Churn     int `json:"churn"`
	// Group names the group of files this one belongs with, in a package
	// of 5,000 lines or more and a tenth of the code or more, too large to
	// place whole: where to cut it. The warnings name the groups of those
	// in a context.
	Group string `json:"group,omitempty"`
}

// PackageHistory is a package's change record from git.
type PackageHistory struct {
	Revisions   int    `json:"revisions"`   // commits touching the package
	Authors     int    `json:"authors"`     // distinct authors
	FirstCommit string `json:"firstCommit"` // RFC 3339 author time
	LastCommit  string `json:"lastCommit"`
	// Window counts the pressure window only (signals.history.window).
	Window WindowFigures `json:"window"`
}

// WindowFigures count a package's activity inside the pressure window.
type WindowFigures struct {
	Revisions int `json:"revisions"`
	Authors   int `json:"authors"`
	Churn     int `json:"churn"` // lines added + deleted
}

// PackageTable is one table a package touches.
type PackageTable struct {
	Name   string `json:"name"`
	Access Access `json:"access"`
	Via    Via    `json:"via"`
}

// CoChange is a pair of packages that change in the same commits.
type CoChange struct {
	A      string  `json:"a"`
	B      string  `json:"b"`
	Shared int     `json:"shared"` // commits touching both
	Degree float64 `json:"degree"` // 100 * shared / mean of the two revision counts
	// P is the chance of at least Shared common commits if the two
	// packages changed independently (one-sided Fisher exact test).
	P float64 `json:"p"`
}

// Table is a database table and the packages that touch it.
type Table struct {
	Name string `json:"name"`
	// Dropped marks a table that later migrations dropped or renamed:
	// DroppedAt is that statement (file:line), RenamedTo its new name.
	// Dropped tables couple no packages.
	Dropped   bool        `json:"dropped,omitempty"`
	DroppedAt string      `json:"droppedAt,omitempty"`
	RenamedTo string      `json:"renamedTo,omitempty"`
	Readers   []TableUser `json:"readers"`
	Writers   []TableUser `json:"writers"`
	DDL       []TableUser `json:"ddl"`
}

// TableUser is a package that touches a table.
type TableUser struct {
	Package string `json:"package"`
	Via     Via    `json:"via"`
	// At is the first statement (file:line) through which it does so;
	// Sites are all of them, in file and line order. Both are empty for
	// carried access.
	At    string      `json:"at,omitempty"`
	Sites []TableSite `json:"sites,omitempty"`
}

// TableSite is one statement through which a package touches a table.
type TableSite struct {
	At  string `json:"at"`  // file:line
	How string `json:"how"` // how it was read: parsed, scanned, builder or orm
}

// Import is a directed import edge between two packages of the repository.
type Import struct {
	From string `json:"from"` // importing package path
	To   string `json:"to"`   // imported package path
	// Weight is the number of files of From that import To.
	Weight int `json:"weight"`
	// At is the first place (file:line, by file name) where From imports To.
	At string `json:"at"`
}

// Warning is something that limited a signal without stopping the run.
type Warning struct {
	// Signal is the signal it limited ("imports", "sql", "history"), or
	// "config" or "contexts".
	Signal  string `json:"signal"`
	Message string `json:"message"` // what happened, in a sentence
	Where   string `json:"where"`   // file[:line[:col]] relative to Repo.Root, or empty
}
