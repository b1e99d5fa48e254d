package schema

import (
	"fmt"
	"slices"
	"strings"
)

// Signal names one kind of evidence seams extracts from a repository.
type Signal string

// The signals, in the order seams computes them.
const (
	SignalImports Signal = "imports" // code imports between packages
	SignalSQL     Signal = "sql"     // database tables packages read and write
	SignalHistory Signal = "history" // git co-change and change pressure
	// SignalVocabulary is the domain vocabulary of the code: packages whose
	// names and declarations speak of the same things.
	SignalVocabulary Signal = "vocabulary"
)

// Signals lists every signal, in the order seams computes them.
var Signals = []Signal{SignalImports, SignalSQL, SignalHistory, SignalVocabulary}

// Status is the health of a signal.
type Status string

// The statuses a signal can have.
const (
	StatusOK          Status = "ok"          // the signal is complete
	StatusPartial     Status = "partial"     // some input could not be read; see warnings
	StatusUnavailable Status = "unavailable" // the signal could not be computed at all
	StatusOff         Status = "off"         // the signal was not requested
)

// Statuses lists every status.
var Statuses = []Status{StatusOK, StatusPartial, StatusUnavailable, StatusOff}

// Layer names one layer of the fused coupling graph.
type Layer string

// The layers, in the order of package graph's layer constants.
const (
	LayerImports  Layer = "imports"  // import edges, both directions folded
	LayerData     Layer = "data"     // packages sharing tables
	LayerCoChange Layer = "cochange" // packages changing in the same commits
	// LayerVocabulary couples packages whose vocabularies are alike.
	LayerVocabulary Layer = "vocabulary"
)

// Layers lists every layer, in the order of package graph's layer
// constants: Layers[graph.Data] is "data".
var Layers = []Layer{LayerImports, LayerData, LayerCoChange, LayerVocabulary}

// Access is how a package touches a table.
type Access string

// The accesses.
const (
	AccessRead  Access = "read"
	AccessWrite Access = "write"
	AccessDDL   Access = "ddl" // defines it (CREATE, ALTER, DROP)
)

// Accesses lists every access.
var Accesses = []Access{AccessRead, AccessWrite, AccessDDL}

// Via says how a package comes to touch a table.
type Via string

// The ways a package touches a table.
const (
	ViaDirect  Via = "direct"  // its own code holds the SQL
	ViaCarried Via = "carried" // it calls a function elsewhere that does
	ViaORM     Via = "orm"     // it reads or writes a model type through an ORM
)

// ContextAccess is how a context as a whole touches a table: the accesses
// of its packages joined, as "read", "write", "read+write", with "+ddl"
// where it also defines the table ("ddl" alone where it only does).
type ContextAccess string

// JoinAccess is the ContextAccess of a context whose packages read,
// write and define a table as given.
func JoinAccess(read, write, ddl bool) ContextAccess {
	var parts []string
	if read {
		parts = append(parts, string(AccessRead))
	}
	if write {
		parts = append(parts, string(AccessWrite))
	}
	if ddl {
		parts = append(parts, string(AccessDDL))
	}
	return ContextAccess(strings.Join(parts, "+"))
}

// Has reports whether the context's access includes a.
func (c ContextAccess) Has(a Access) bool {
	return slices.Contains(strings.Split(string(c), "+"), string(a))
}

// Metric names a figure of the whole partition that seams check can hold
// to a tolerance.
type Metric string

// The metrics, in the order of package graph/metrics' constants.
const (
	MetricICP        Metric = "icp"
	MetricIFN        Metric = "ifn"
	MetricModularity Metric = "modularity"
	MetricMQ         Metric = "mq"
	MetricNED        Metric = "ned"
	MetricSM         Metric = "sm"
)

// Metrics lists every metric, in the order of package graph/metrics'
// constants.
var Metrics = []Metric{MetricICP, MetricIFN, MetricModularity, MetricMQ, MetricNED, MetricSM}

// FindingKind names what a finding of seams check is about.
type FindingKind string

// The finding kinds, in the order of package graph/baseline's constants.
const (
	FindingCrossImport FindingKind = "cross-import" // an import between two contexts
	FindingSharedWrite FindingKind = "shared-write" // a table written by several contexts
	FindingCycle       FindingKind = "cycle"        // an import cycle between contexts
	FindingMetric      FindingKind = "metric"       // a metric past its tolerance
)

// FindingKinds lists every finding kind, in the order of package
// graph/baseline's constants.
var FindingKinds = []FindingKind{FindingCrossImport, FindingSharedWrite, FindingCycle, FindingMetric}

// Parse finds name in a vocabulary's canonical list, or says which names
// it knows. what names the vocabulary in the error ("signal", "layer").
func Parse[T ~string](list []T, what, name string) (T, error) {
	for _, v := range list {
		if string(v) == name {
			return v, nil
		}
	}
	return "", fmt.Errorf("unknown %s %q (known: %s)", what, name, Join(list))
}

// Join lists a vocabulary's names, comma-separated, for help and errors.
func Join[T ~string](list []T) string {
	s := make([]string, len(list))
	for i, v := range list {
		s[i] = string(v)
	}
	return strings.Join(s, ", ")
}
