package metrics

import (
	"maps"
	"slices"

	"github.com/seams-tool/seams/graph"
	"github.com/seams-tool/seams/graph/cluster"
	"github.com/seams-tool/seams/graph/internal/num"
	"github.com/seams-tool/seams/graph/leiden"
)

// Metric is one figure of a partition that a check can hold to a
// tolerance.
type Metric int

// The metrics. Package report/schema names them in this order.
const (
	ICP        Metric = iota // share of import weight crossing contexts
	IFN                      // packages used from outside their context, per context
	Modularity               // Newman's Q on the fused graph
	MQ                       // sum over contexts of 2*inside/(2*inside+crossing)
	NED                      // share of packages in contexts of extreme size
	SM                       // structural modularity
	NumMetrics
)

// HigherIsBetter reports which way the metric improves.
func (m Metric) HigherIsBetter() bool { return m == Modularity || m == MQ || m == SM }

// Figures measure a whole partition.
type Figures struct {
	Contexts int
	Shared   int // packages in the shared kernel
	Tooling  int // tooling packages
	Unplaced int // packages with no coupling
	// Modularity is Newman's Q of the partition on the fused graph, and
	// LayerModularity on each layer alone (0 where a layer is empty).
	Modularity      float64
	LayerModularity [graph.NumLayers]float64
	// SM is structural modularity (higher is better), ICP the share of
	// edge weight that crosses contexts, IFN packages used from outside
	// their context per context, NED the share of packages in contexts
	// of extreme size (not 5..20 packages), MQ the sum over contexts of
	// 2*inside/(2*inside+crossing): all on the import layer, as the
	// literature defines them on call graphs.
	SM, ICP, IFN, NED, MQ float64
	// CrossContextImports counts import edges between packages of two
	// different contexts; SharedWriteTables the tables written by more
	// than one context with their own SQL.
	CrossContextImports int
	SharedWriteTables   int
}

// Value is the figure of metric m.
func (f Figures) Value(m Metric) float64 {
	switch m {
	case ICP:
		return f.ICP
	case IFN:
		return f.IFN
	case Modularity:
		return f.Modularity
	case MQ:
		return f.MQ
	case NED:
		return f.NED
	case SM:
		return f.SM
	}
	return 0
}

// Measure computes the partition's quality metrics on g. Shared-kernel
// and unplaced packages are left out: the kernel is a library every
// service may use, and unplaced packages belong to no one.
func Measure(g *graph.Graph, part *cluster.Partition) Figures {
	m := Figures{Contexts: len(part.Members), Shared: len(part.Shared), Tooling: len(part.Tooling), Unplaced: len(part.Unplaced)}
	m.Modularity = num.Round(modularity(g, g.Fused(), part), 4)
	for l := range graph.NumLayers {
		m.LayerModularity[l] = num.Round(modularity(g, g.Layer(l), part), 4)
	}

	k := len(part.Members)
	size := make([]int, k)
	for i, ms := range part.Members {
		size[i] = len(ms)
	}
	// Edge counts on the import layer, as the literature defines the
	// metrics on call edges: mu inside a context, sigma between two.
	mu := make([]int, k)
	eps := make([]int, k)
	sigma := map[[2]int]int{}
	crossW, allW := 0, 0
	usedFromOutside := map[string]bool{}
	for _, e := range g.Imports() {
		a, okA := part.Of[e.From]
		b, okB := part.Of[e.To]
		if !okA || !okB {
			continue
		}
		allW += e.Files
		if a == b {
			mu[a]++
			continue
		}
		m.CrossContextImports++
		crossW += e.Files
		eps[a]++
		eps[b]++
		sigma[[2]int{min(a, b), max(a, b)}]++
		usedFromOutside[e.To] = true
	}
	if k > 0 {
		inner := 0.0
		for i := range mu {
			inner += float64(mu[i]) / float64(size[i]*size[i])
		}
		sm := inner / float64(k)
		if k > 1 {
			between := 0.0
			for key, s := range sigma {
				between += float64(s) / float64(2*size[key[0]]*size[key[1]])
			}
			sm -= between / float64(k*(k-1)/2)
		}
		m.SM = num.Round(sm, 4)
		m.IFN = num.Round(float64(len(usedFromOutside))/float64(k), 4)
		mq := 0.0
		for i := range mu {
			if mu[i] > 0 {
				mq += 2 * float64(mu[i]) / (2*float64(mu[i]) + float64(eps[i]))
			}
		}
		m.MQ = num.Round(mq, 4)
	}
	if allW > 0 {
		m.ICP = num.Round(float64(crossW)/float64(allW), 4)
	}
	placed, mid := 0, 0
	for _, s := range size {
		placed += s
		if s >= 5 && s <= 20 {
			mid += s
		}
	}
	if placed > 0 {
		m.NED = num.Round(1-float64(mid)/float64(placed), 4)
	}
	writers := map[string]map[int]bool{}
	for _, u := range g.Tables() {
		i, ok := part.Of[u.Package]
		if !ok || !u.Write || u.DDL || u.Carried {
			continue
		}
		if writers[u.Table] == nil {
			writers[u.Table] = map[int]bool{}
		}
		writers[u.Table][i] = true
	}
	for _, w := range writers {
		if len(w) > 1 {
			m.SharedWriteTables++
		}
	}
	return m
}

// modularity is Newman's Q of the partition on one weighted layer, over
// the placed packages.
func modularity(g *graph.Graph, edges []graph.Edge, part *cluster.Partition) float64 {
	// Q's node set is the placed packages, numbered densely by their
	// node index; each is labelled with its context.
	dense := map[int]int{}
	for _, ms := range part.Members {
		for _, p := range ms {
			i, _ := g.Index(p)
			dense[i] = 0
		}
	}
	ids := slices.Sorted(maps.Keys(dense))
	labels := make([]int, len(ids))
	for i, id := range ids {
		dense[id] = i
	}
	for c, ms := range part.Members {
		for _, p := range ms {
			i, _ := g.Index(p)
			labels[dense[i]] = c
		}
	}
	var es []leiden.Edge
	for _, e := range edges {
		x, okX := dense[e.A]
		y, okY := dense[e.B]
		if okX && okY && e.W > 0 {
			es = append(es, leiden.Edge{U: x, V: y, W: e.W})
		}
	}
	if len(es) == 0 {
		return 0
	}
	q, err := leiden.NewGraph(len(ids), es)
	if err != nil {
		return 0 // the graph's weights are finite and positive: cannot happen
	}
	return leiden.Modularity(q, labels, 1)
}
