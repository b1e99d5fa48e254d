package baseline

import (
	"maps"
	"math"
	"slices"

	"github.com/seams-tool/seams/graph"
	"github.com/seams-tool/seams/graph/cluster"
	"github.com/seams-tool/seams/graph/metrics"
)

// Tolerances say how much each metric may worsen before a check fails.
// Metrics not named are not checked.
type Tolerances map[metrics.Metric]float64

// DefaultTolerances are used when the configuration names none.
func DefaultTolerances() Tolerances {
	return Tolerances{metrics.ICP: 0.02, metrics.Modularity: 0.02, metrics.SM: 0.02}
}

// Kind is what a finding is about.
type Kind int

// The finding kinds. Package report/schema names them in this order.
const (
	CrossImport Kind = iota // an import between two contexts
	SharedWrite             // a table written by several contexts
	Cycle                   // an import cycle between contexts
	Metric                  // a metric past its tolerance
)

// A Finding is one thing that got worse, or better, against the baseline.
type Finding struct {
	Kind Kind
	// Improved marks what got better, which never fails a build.
	Improved bool
	// From and To are the packages of a cross import; PackageGone is set
	// when a gone cross import went with one of its packages.
	From, To    string
	PackageGone bool
	// Contexts are the ids involved: a cross import's two sides, a
	// table's writers, a cycle's pair.
	Contexts []string
	Table    string
	// Metric, Was, Is and Tolerance describe a metric finding.
	Metric             metrics.Metric
	Was, Is, Tolerance float64
	// Where is file:line when the finding has a place in the code.
	Where string
}

// Result is a graph checked against a baseline.
type Result struct {
	Findings []Finding // regressions first, then improvements
	// Placed lists the packages the baseline does not know, with the id of
	// the context each was placed in ("" for none).
	Placed  [][2]string
	Metrics metrics.Figures // of the baseline's partition today
	// Tightened is the baseline with what got better frozen in, for
	// check --update. It never loosens, and it is nil when there are
	// regressions: a baseline is only tightened from a state that passes,
	// or the figures of what got worse would be taken for better ones.
	Tightened *Baseline
}

// Regressions counts the findings that fail a build.
func (r *Result) Regressions() int {
	n := 0
	for _, f := range r.Findings {
		if !f.Improved {
			n++
		}
	}
	return n
}

// Check compares g against a baseline under the baseline's partition.
// Packages the baseline does not know are placed with the context they
// are most coupled to in g's fused graph. A nil tol means the defaults.
func Check(b *Baseline, g *graph.Graph, tol Tolerances) *Result {
	if tol == nil {
		tol = DefaultTolerances()
	}
	a := assignmentOf(b)
	res := &Result{}
	place(g, a, res)
	st := stateOf(g, a)
	res.Findings = append(res.Findings, regressions(b, st, a)...)
	res.Metrics = metrics.Measure(g, partitionOf(b, g, a))
	for _, m := range slices.Sorted(maps.Keys(tol)) {
		was, is := b.Metrics.Value(m), res.Metrics.Value(m)
		worse := is - was
		if m.HigherIsBetter() {
			worse = was - is
		}
		if worse > tol[m]+1e-9 {
			res.Findings = append(res.Findings, Finding{Kind: Metric, Metric: m, Was: was, Is: is, Tolerance: tol[m]})
		}
	}
	res.Tightened, res.Findings = tighten(b, st, a, res)
	if res.Regressions() > 0 {
		res.Tightened = nil
	}
	return res
}

// place assigns each package the baseline does not know to the context
// it has the most fused weight to.
func place(g *graph.Graph, a assignment, res *Result) {
	// Each node's links, from one pass over the edges: a pass per package
	// made checking quadratic.
	links := make([][]graph.Edge, g.Len())
	for _, e := range g.Fused() {
		links[e.A] = append(links[e.A], e)
		links[e.B] = append(links[e.B], e)
	}
	for i, n := range g.Nodes() {
		p := n.Path
		if _, ok := a[p]; ok {
			continue
		}
		link := map[string]float64{}
		for _, e := range links[i] {
			other := e.A
			if other == i {
				other = e.B
			}
			if c := a[g.Path(other)]; c != "" {
				link[c] += e.W
			}
		}
		best, bw := "", 0.0
		for c, w := range link {
			if w > bw || w == bw && c < best {
				best, bw = c, w
			}
		}
		if best != "" {
			a[p] = best
		}
		res.Placed = append(res.Placed, [2]string{p, best})
	}
}

// partitionOf is the baseline's partition over today's packages.
func partitionOf(b *Baseline, g *graph.Graph, a assignment) *cluster.Partition {
	idx := map[string]int{}
	members := make([][]string, len(b.Contexts))
	declared := make([]string, len(b.Contexts))
	for i, c := range b.Contexts {
		idx[c.ID] = i
		declared[i] = c.Name
	}
	for _, n := range g.Nodes() {
		if c, ok := a[n.Path]; ok && c != "" {
			members[idx[c]] = append(members[idx[c]], n.Path)
		}
	}
	var ms [][]string
	var ds []string
	for i := range members {
		if len(members[i]) > 0 {
			ms = append(ms, members[i])
			ds = append(ds, declared[i])
		}
	}
	// The kernel, the tooling and the unplaced packages are set apart as
	// the analysis sets them, so that the baseline's figures are the
	// analysis's when nothing changed.
	part := cluster.FromMembers(ms, ds)
	for _, p := range b.Shared {
		part.Shared[p] = "baseline"
	}
	part.Tooling = map[string]string{}
	for _, p := range b.Tooling {
		part.Tooling[p] = "baseline"
	}
	part.Unplaced = slices.Clone(b.Unplaced)
	return part
}

// regressions lists what the state has that the baseline did not freeze.
func regressions(b *Baseline, st state, a assignment) []Finding {
	var out []Finding
	old := map[Import]bool{}
	for _, x := range b.CrossImports {
		old[x] = true
	}
	for _, x := range st.cross {
		if !old[x] {
			out = append(out, Finding{Kind: CrossImport, From: x.From, To: x.To, Contexts: []string{a[x.From], a[x.To]}, Where: st.crossAt[x]})
		}
	}
	oldT := map[string]bool{}
	for _, t := range b.SharedWrites {
		oldT[t.Table] = true
	}
	for _, t := range st.sharedWrites {
		if !oldT[t.Table] {
			out = append(out, Finding{Kind: SharedWrite, Table: t.Table, Contexts: t.Contexts, Where: st.writeAt[t.Table]})
		}
	}
	oldC := map[[2]string]bool{}
	for _, c := range b.Cycles {
		oldC[c] = true
	}
	for _, c := range st.cycles {
		if oldC[c] {
			continue
		}
		where := ""
		for _, x := range st.cross {
			between := a[x.From] == c[0] && a[x.To] == c[1] || a[x.From] == c[1] && a[x.To] == c[0]
			if between && !old[x] {
				where = st.crossAt[x]
				break
			}
		}
		out = append(out, Finding{Kind: Cycle, Contexts: []string{c[0], c[1]}, Where: where})
	}
	return out
}

// tighten reports what got better and returns the baseline with it
// frozen in; regressions stay out of it, so an update never accepts them.
func tighten(b *Baseline, st state, a assignment, res *Result) (*Baseline, []Finding) {
	findings := res.Findings
	tight := *b
	now := map[Import]bool{}
	for _, x := range st.cross {
		now[x] = true
	}
	tight.CrossImports = nil
	for _, x := range b.CrossImports {
		if now[x] {
			tight.CrossImports = append(tight.CrossImports, x)
			continue
		}
		_, fromKnown := a[x.From]
		_, toKnown := a[x.To]
		findings = append(findings, Finding{Kind: CrossImport, Improved: true, From: x.From, To: x.To, PackageGone: !fromKnown || !toKnown})
	}
	nowT := map[string]bool{}
	for _, t := range st.sharedWrites {
		nowT[t.Table] = true
	}
	tight.SharedWrites = nil
	for _, t := range b.SharedWrites {
		if nowT[t.Table] {
			tight.SharedWrites = append(tight.SharedWrites, t)
			continue
		}
		findings = append(findings, Finding{Kind: SharedWrite, Improved: true, Table: t.Table, Contexts: t.Contexts})
	}
	nowC := map[[2]string]bool{}
	for _, c := range st.cycles {
		nowC[c] = true
	}
	tight.Cycles = nil
	for _, c := range b.Cycles {
		if nowC[c] {
			tight.Cycles = append(tight.Cycles, c)
			continue
		}
		findings = append(findings, Finding{Kind: Cycle, Improved: true, Contexts: []string{c[0], c[1]}})
	}
	tight.Metrics = betterMetrics(b.Metrics, res.Metrics)
	return &tight, findings
}

// betterMetrics keeps, per figure, the better of two: a tightened
// baseline never loosens, whether or not a tolerance checks the figure
// today (a later configuration may). The counts that only describe the
// partition (contexts, shared kernel, unplaced) are today's.
func betterMetrics(was, is metrics.Figures) metrics.Figures {
	out := is
	out.ICP = math.Min(was.ICP, is.ICP)
	out.IFN = math.Min(was.IFN, is.IFN)
	out.NED = math.Min(was.NED, is.NED)
	out.Modularity = math.Max(was.Modularity, is.Modularity)
	for l := range out.LayerModularity {
		out.LayerModularity[l] = math.Max(was.LayerModularity[l], is.LayerModularity[l])
	}
	out.SM = math.Max(was.SM, is.SM)
	out.MQ = math.Max(was.MQ, is.MQ)
	out.CrossContextImports = min(was.CrossContextImports, is.CrossContextImports)
	out.SharedWriteTables = min(was.SharedWriteTables, is.SharedWriteTables)
	return out
}
