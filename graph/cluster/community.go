package cluster

import (
	"math"
	"sort"

	"github.com/seams-tool/seams/graph"
	"github.com/seams-tool/seams/graph/internal/num"
	"github.com/seams-tool/seams/graph/leiden"
)

// clustering is one community-detection result over the non-shared
// packages.
type clustering struct {
	communities [][]string
	declared    []string // declared name per community, or ""
	confidence  map[string]float64
	q           float64
}

// communities runs the restarts of the Leiden engine and keeps the best
// modularity. Declared contexts are contracted into one node each, so
// they cannot split.
func communities(f *graph.Graph, opt Options, shared map[string]string, declaredOf map[string]string) clustering {
	// Units are what the engine sees: a package, or a whole declared context.
	unitOf := map[string]string{}
	var units []string
	seen := map[string]bool{}
	for _, n := range f.Nodes() {
		p := n.Path
		if shared[p] != "" {
			continue
		}
		u := p
		if d := declaredOf[p]; d != "" {
			u = "\x00" + d // sorts before every path
		}
		unitOf[p] = u
		if !seen[u] {
			seen[u] = true
			units = append(units, u)
		}
	}
	sort.Strings(units)
	id := map[string]int64{}
	for i, u := range units {
		id[u] = int64(i)
	}
	// Fused edges in order, summed per pair of units: a declared context's
	// members add up to one node's edges.
	w := map[[2]int64]float64{}
	var keys [][2]int64
	for _, e := range f.Fused() {
		a, okA := unitOf[f.Path(e.A)]
		b, okB := unitOf[f.Path(e.B)]
		if !okA || !okB || a == b {
			continue
		}
		x, y := id[a], id[b]
		if x > y {
			x, y = y, x
		}
		k := [2]int64{x, y}
		if _, ok := w[k]; !ok {
			keys = append(keys, k)
		}
		w[k] += e.W
	}
	edges := make([]leiden.Edge, 0, len(keys))
	for _, k := range keys {
		if v := w[k]; v > 0 && !math.IsInf(v, 0) {
			edges = append(edges, leiden.Edge{U: int(k[0]), V: int(k[1]), W: v})
		}
	}
	runs, qs := restarts(len(units), edges, opt)
	bestQ, bestRun := math.Inf(-1), -1
	for r, q := range qs {
		// Ties go to the earliest restart, so the result does not depend
		// on floating-point noise in the last bits.
		if q > bestQ+1e-12 {
			bestQ, bestRun = q, r
		}
	}
	res := clustering{confidence: map[string]float64{}, q: bestQ}
	if bestRun < 0 {
		return res
	}
	best := runs[bestRun]
	agree := make([]int, len(units))
	for _, labels := range runs {
		m := bestMatch(labels, best)
		for u := range units {
			if m[labels[u]] == best[u] {
				agree[u]++
			}
		}
	}
	byLabel := map[int][]string{}
	var order []int
	for _, n := range f.Nodes() {
		p := n.Path
		u, ok := unitOf[p]
		if !ok {
			continue
		}
		l := best[id[u]]
		if _, ok := byLabel[l]; !ok {
			order = append(order, l)
		}
		byLabel[l] = append(byLabel[l], p)
		res.confidence[p] = num.Round(float64(agree[id[u]])/float64(len(runs)), 2)
	}
	for _, l := range order {
		res.communities = append(res.communities, byLabel[l])
		name := ""
		for _, p := range byLabel[l] {
			if d := declaredOf[p]; d != "" && name == "" {
				name = d
			}
		}
		res.declared = append(res.declared, name)
	}
	return res
}

// restarts runs the engine opt.Restarts times from seeds opt.Seed on,
// in parallel, and returns each run's labels (canonical: numbered in
// order of first appearance) and modularity. The runs share only the
// graph, so the result does not depend on scheduling. Should the engine
// refuse the graph, which its construction rules out, every unit stays
// alone rather than the run failing.
func restarts(n int, edges []leiden.Edge, opt Options) ([][]int, []float64) {
	runs := make([][]int, opt.Restarts)
	qs := make([]float64, opt.Restarts)
	g, err := leiden.NewGraph(n, edges)
	var parts []leiden.Partition
	if err == nil {
		parts, err = leiden.Restarts(g, opt.Resolution, opt.Seed, opt.Restarts)
	}
	for r := range runs {
		if err != nil {
			runs[r] = make([]int, n)
			for i := range runs[r] {
				runs[r][i] = i
			}
			continue
		}
		runs[r], qs[r] = parts[r].Labels, parts[r].Q
	}
	return runs, qs
}

// canonical relabels communities in order of first appearance, so that
// two runs that found the same partition give the same labels.
func canonical(labels []int) []int {
	m := map[int]int{}
	out := make([]int, len(labels))
	for i, l := range labels {
		if _, ok := m[l]; !ok {
			m[l] = len(m)
		}
		out[i] = m[l]
	}
	return out
}

// bestMatch maps each label of a to the label of b it overlaps most.
func bestMatch(a, b []int) map[int]int {
	overlap := map[[2]int]int{}
	for i := range a {
		overlap[[2]int{a[i], b[i]}]++
	}
	m := map[int]int{}
	n := map[int]int{}
	for k, c := range overlap {
		if c > n[k[0]] || c == n[k[0]] && k[1] < m[k[0]] {
			m[k[0]], n[k[0]] = k[1], c
		}
	}
	return m
}
