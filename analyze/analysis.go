package analyze

import (
	"github.com/seams-tool/seams/analyze/code"
	"github.com/seams-tool/seams/analyze/repo"
	"github.com/seams-tool/seams/analyze/tables"
	"github.com/seams-tool/seams/analyze/vocab"
	"github.com/seams-tool/seams/graph"
	"github.com/seams-tool/seams/graph/cluster"
	"github.com/seams-tool/seams/graph/cochange"
	"github.com/seams-tool/seams/graph/filegroups"
	"github.com/seams-tool/seams/graph/metrics"
	"github.com/seams-tool/seams/graph/rank"
	"github.com/seams-tool/seams/graph/tiers"
	"github.com/seams-tool/seams/report/schema"
)

// Analysis is what one run of seams found about a repository, in memory:
// each signal's typed result, the fused coupling graph built once from
// them with the configured weights, the partition into contexts and their
// ranking. Model turns it into the seams/v1 model, once, at the edge;
// baseline, check and trend work from it directly.
type Analysis struct {
	// Config is the configuration the analysis was made with.
	Config Config
	Repo   *repo.Repo
	// Head is the commit HEAD pointed at, "" without git history.
	Head string

	// Code is the import graph; it also defines the packages, so it is
	// there even when the imports signal is off.
	Code *code.Graph
	// SQL is the table access found, nil when the signal is off.
	SQL *tables.Result
	// History is the mined history, nil when the signal is off or
	// unavailable.
	History *History
	// Vocabulary is the domain vocabulary's coupling, nil when the signal
	// is off.
	Vocabulary *vocab.Result
	// Symbols is what the packages use of each other's exported
	// declarations, for the extraction plans; nil with NoContexts.
	Symbols *Symbols
	// Status is each signal's health.
	Status map[schema.Signal]Status
	// Warnings are what limited a signal, sorted.
	Warnings []schema.Warning

	// Graph is the fused coupling graph over the packages.
	Graph *graph.Graph
	// FileGroups are the groups of the files of each package too large to
	// place whole (see large.go): by the commits that changed them together
	// when the history was mined, and by their names.
	FileGroups map[string][]filegroups.Group
	// Layers are the repository's technical layers.
	Layers []tiers.Layer
	// Partition, Contexts and Metrics are the candidate contexts, ranked,
	// and the partition's metrics; nil with Config.NoContexts.
	Partition *cluster.Partition
	Contexts  []rank.Context
	Metrics   *metrics.Figures

	// The large packages cut into their parts (parts.go): the cut, where
	// their symbols are declared, the parts' vocabulary and the graph
	// over the parts, which clustering reads.
	parts     *fileParts
	declFile  map[string]map[string]string
	partVoc   *vocab.Result
	partGraph *graph.Graph
}

// Symbols is the part of package symbols' result the plans need.
type Symbols struct {
	Uses     []graph.SymbolUse   // hand-written uses, test files left out
	Homonyms map[string][]string // exported type name -> declaring packages
	// Calls and Unresolved count the method calls on values and those the
	// syntax could not attribute to a type.
	Calls, Unresolved int
}

// Status is the health of one signal.
type Status struct {
	Status schema.Status
	Detail string
}

// History is what the history signal found.
type History struct {
	// Mined counts what reading git found and left out.
	Commits      int // non-merge commits in range
	Merges       int // merge commits skipped
	Missing      int // commits skipped for missing objects
	Shallow      bool
	ShallowDepth int
	CacheHits    int   // commits whose changes came from the cache
	ElapsedMS    int64 // how long mining took
	// CoChange is the history aggregated to packages.
	CoChange *cochange.History
	// PartPairs are the co-change pairs with the packages too large to
	// place whole cut into their file groups (parts.go).
	PartPairs []cochange.Pair
}

// pairs are the co-change pairs, none without history.
func (h *History) pairs() []cochange.Pair {
	if h == nil {
		return nil
	}
	return h.CoChange.Pairs
}

// coChange is the aggregated history, nil without one.
func (h *History) coChange() *cochange.History {
	if h == nil {
		return nil
	}
	return h.CoChange
}
