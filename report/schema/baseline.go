package schema

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
)

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
	// Tooling lists the packages set apart as tooling (tools/, hack/...):
	// in no context, and not new. Absent in baselines written before
	// seams knew tooling.
	Tooling []string `json:"tooling,omitempty"`
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
	Baseline    string    `json:"baseline"`          // the baseline file, as given
	Version     string    `json:"version,omitempty"` // of the seams that checked
	Regressions int       `json:"regressions"`
	Findings    []Finding `json:"findings"`
	// Placed lists the packages the baseline does not know, with the id
	// of the context each was placed in ("" for none).
	Placed  [][2]string `json:"placed"`
	Metrics Figures     `json:"metrics"`
	// BaselineMetrics are the baseline's metrics, beside today's Metrics,
	// so that a reader sees how each moved.
	BaselineMetrics Figures `json:"baselineMetrics"`
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
	// Where is file:line when the finding has a place in the code,
	// relative to the Go root.
	Where string `json:"where,omitempty"`

	// The fields below say the same as Message, for tools.

	// From and To are the packages of a cross import.
	From string `json:"from,omitempty"`
	To   string `json:"to,omitempty"`
	// Contexts are the contexts involved: a cross import's two sides (from,
	// then to), a table's writers, a cycle's pair.
	Contexts []ContextRef `json:"contexts,omitempty"`
	// Table is the table of a shared-write finding.
	Table string `json:"table,omitempty"`
	// File and Line are Where's place, the file relative to the git work
	// tree (Check.Prefix applied) when the check was printed.
	File string `json:"file,omitempty"`
	Line int    `json:"line,omitempty"`
	// Metric names the metric of a metric finding; Baseline, Current and
	// Delta (Current - Baseline) are its values, Tolerance how much it
	// may worsen. For the other kinds they are absent.
	Metric    Metric   `json:"metric,omitempty"`
	Baseline  *float64 `json:"baseline,omitempty"`
	Current   *float64 `json:"current,omitempty"`
	Delta     *float64 `json:"delta,omitempty"`
	Tolerance *float64 `json:"tolerance,omitempty"`
	// Fingerprint identifies the finding across runs, whatever line it
	// moves to: the kind and what it is about (packages, contexts, table,
	// metric), hashed. SARIF and GitLab Code Quality carry it.
	Fingerprint string `json:"fingerprint,omitempty"`
}

// Identity hashes what a finding is about, and not where it is or what
// its message says, so that it survives moved lines and reworded
// messages: code scanning and GitLab match findings across runs by it.
func (f Finding) Identity() string {
	h := sha256.New()
	fmt.Fprintf(h, "%s\x00%t\x00%s\x00%s\x00%s\x00%s", f.Kind, f.Improved, f.From, f.To, f.Table, f.Metric)
	for _, c := range f.Contexts {
		fmt.Fprintf(h, "\x00%s", c.ID)
	}
	if f.Kind != FindingMetric && f.From == "" && f.Table == "" && len(f.Contexts) == 0 {
		// A finding with nothing structured (made by hand, or read from
		// an older file) is known by its message.
		fmt.Fprintf(h, "\x00%s", f.Message)
	}
	return hex.EncodeToString(h.Sum(nil))[:32]
}

// ContextRef names a context of the baseline.
type ContextRef struct {
	ID   string `json:"id"` // "" for no context
	Name string `json:"name,omitempty"`
}

// TrendVersion names the version of the trend file format.
const TrendVersion = "seams-trend/v1"

// Trend is the metrics replayed over a repository's history, oldest
// first; seams trend writes it as trend.json and trend.csv.
type Trend struct {
	Schema string `json:"schema"`
	// Repo names the repository (its root), Head the newest commit of
	// the history replayed.
	Repo string `json:"repo,omitempty"`
	Head string `json:"head,omitempty"`
	// Partition is "baseline" when the points measure the baseline's
	// partition, or "recluster" when each commit was clustered afresh.
	Partition string       `json:"partition"`
	Points    []TrendPoint `json:"points"`
	// Skipped lists sampled commits with nothing to measure (no Go
	// package at all), with the reason.
	Skipped []TrendSkip `json:"skipped"`
	// LowCoverage is the share of a point's packages the baseline must
	// know, below which the point is flagged (Low): its metrics measure
	// little of the code. 0 in files written before it was recorded.
	LowCoverage float64 `json:"lowCoverage,omitempty"`
}

// TrendPoint is the partition's metrics at one commit of the history.
type TrendPoint struct {
	Commit   string  `json:"commit"`
	Date     string  `json:"date"` // author time, RFC 3339
	Packages int     `json:"packages"`
	Metrics  Figures `json:"metrics"`
	// Subject is the first line of the commit message, and Tags the tags
	// pointing at the commit.
	Subject string   `json:"subject,omitempty"`
	Tags    []string `json:"tags,omitempty"`
	// Coverage is the share of the point's packages the baseline knows,
	// once its paths are mapped to today's through git's renames (1
	// without a baseline). Mapped counts the packages a rename carried to
	// a path the baseline knows.
	Coverage float64 `json:"coverage"`
	Mapped   int     `json:"mapped,omitempty"`
	// Low marks a point whose coverage is under the trend's LowCoverage:
	// its metrics describe a small part of the code and compare poorly.
	Low bool `json:"low,omitempty"`
	// Module is set when the commit had no go.mod: the module path was
	// inferred from the imports, and the packages read with the syntax
	// loader.
	Module string `json:"inferredModule,omitempty"`
	// ContextIDs are, for --recluster, the ids of the point's contexts,
	// sorted: those that match a context of the baseline (by package
	// overlap, at today's paths) have its id, so that a series can follow
	// one context. Kept counts them.
	ContextIDs []string `json:"contextIds,omitempty"`
	Kept       int      `json:"keptContexts,omitempty"`
}

// TrendSkip is a sampled commit that could not be measured.
type TrendSkip struct {
	Commit string `json:"commit"`
	Date   string `json:"date,omitempty"`
	Reason string `json:"reason"`
}
