package schema

// BaselineVersion names the version of the baseline file format.
const BaselineVersion = "seams-baseline/v1"

// Baseline is the accepted state of a repository's seams, committed to the
// repository (by default .seams/baseline.json) so that CI can fail a
// change that makes coupling worse. Like ArchUnit's frozen rules, it
// records what exists today, so that only new violations fail a build.
type Baseline struct {
	Schema string `json:"schema"`
	// Head is the commit the baseline was taken at, if any.
	Head string `json:"head,omitempty"`
	// Signals are the signals the baseline was measured with; check uses
	// the same ones, or its metrics would not compare.
	Signals []Signal `json:"signals"`
	// Settings are the settings the baseline was taken with; check and
	// trend measure with its signals and weights unless told otherwise.
	// Baselines written before it was recorded lack it.
	Settings *Settings `json:"settings,omitempty"`
	// Contexts is the accepted partition.
	Contexts []BaselineContext `json:"contexts"`
	// Shared lists the shared-kernel packages, Unplaced the packages with
	// no coupling at all: both are known, not new.
	Shared   []string `json:"shared"`
	Unplaced []string `json:"unplaced"`
	// CrossImports are the package imports between contexts that exist
	// today, frozen: only new ones are findings.
	CrossImports []BaselineImport `json:"crossImports"`
	// SharedWriteTables are the tables written by more than one context.
	SharedWriteTables []BaselineTable `json:"sharedWriteTables"`
	// Cycles are the pairs of contexts that import each other, directly
	// or through others.
	Cycles [][2]string `json:"cycles"`
	// Metrics are the partition's metrics when the baseline was taken.
	Metrics Figures `json:"metrics"`
}

// BaselineContext is one accepted context.
type BaselineContext struct {
	ID       string   `json:"id"`
	Name     string   `json:"name"`
	Packages []string `json:"packages"`
}

// BaselineImport is a frozen import between two contexts.
type BaselineImport struct {
	From string `json:"from"`
	To   string `json:"to"`
}

// BaselineTable is a frozen table written by several contexts.
type BaselineTable struct {
	Name     string   `json:"name"`
	Contexts []string `json:"contexts"` // ids of the contexts writing it, sorted
}

// Check is what seams check found, in every format it prints.
type Check struct {
	Baseline    string    `json:"baseline"` // the baseline file, as given
	Regressions int       `json:"regressions"`
	Findings    []Finding `json:"findings"`
	// Placed lists the packages the baseline does not know, with the id
	// of the context each was placed in ("" for none).
	Placed  [][2]string `json:"placed"`
	Metrics Figures     `json:"metrics"`
	// Prefix is prepended to every Where so that paths are relative to the
	// git work tree (what CI annotations want) rather than the Go root.
	Prefix string `json:"-"`
}

// Finding is one thing that got worse (or better) against the baseline.
type Finding struct {
	Kind FindingKind `json:"kind"`
	// Improved marks what got better, which never fails a build.
	Improved bool   `json:"improved,omitempty"`
	Message  string `json:"message"`
	// Where is file:line when the finding has a place in the code.
	Where string `json:"where,omitempty"`
}

// TrendVersion names the version of the trend file format.
const TrendVersion = "seams-trend/v1"

// Trend is the metrics replayed over a repository's history, oldest
// first; seams trend writes it as trend.json and trend.csv.
type Trend struct {
	Schema string `json:"schema"`
	// Partition is "baseline" when the points measure the baseline's
	// partition, or "recluster" when each commit was clustered afresh.
	Partition string       `json:"partition"`
	Points    []TrendPoint `json:"points"`
	// Skipped lists sampled commits with nothing to measure (no go.mod
	// yet, no Go package), with the reason.
	Skipped []TrendSkip `json:"skipped"`
}

// TrendPoint is the partition's metrics at one commit of the history.
type TrendPoint struct {
	Commit   string  `json:"commit"`
	Date     string  `json:"date"` // author time, RFC 3339
	Packages int     `json:"packages"`
	Metrics  Figures `json:"metrics"`
}

// TrendSkip is a sampled commit that could not be measured.
type TrendSkip struct {
	Commit string `json:"commit"`
	Reason string `json:"reason"`
}
