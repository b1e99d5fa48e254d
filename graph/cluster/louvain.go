package cluster

import (
	"math"
	"math/rand/v2"
	"runtime"
	"sort"

	"golang.org/x/sync/errgroup"
	gg "gonum.org/v1/gonum/graph"
	"gonum.org/v1/gonum/graph/community"

	"github.com/seams-tool/seams/graph"
	"github.com/seams-tool/seams/graph/internal/num"
	"github.com/seams-tool/seams/graph/internal/ordered"
)

// clustering is one Louvain result over the non-shared packages.
type clustering struct {
	communities [][]string
	declared    []string // declared name per community, or ""
	confidence  map[string]float64
	q           float64
}

// louvain runs the restarts and keeps the best modularity. Declared
// contexts are contracted into one node each, so they cannot split.
func louvain(f *graph.Graph, opt Options, shared map[string]string, declaredOf map[string]string) clustering {
	// Units are what Louvain sees: a package, or a whole declared context.
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
	g := ordered.New(len(units))
	w := map[[2]int64]float64{}
	for _, e := range f.Fused() {
		v := e.W
		a, okA := unitOf[f.Path(e.A)]
		b, okB := unitOf[f.Path(e.B)]
		if !okA || !okB || a == b {
			continue
		}
		x, y := id[a], id[b]
		if x > y {
			x, y = y, x
		}
		w[[2]int64{x, y}] += v
	}
	keys := make([][2]int64, 0, len(w))
	for k := range w {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if keys[i][0] != keys[j][0] {
			return keys[i][0] < keys[j][0]
		}
		return keys[i][1] < keys[j][1]
	})
	for _, k := range keys {
		g.Set(k[0], k[1], w[k])
	}
	g.Freeze()

	// Restarts run in parallel; each has its own seed and the graph is
	// only read, so the result does not depend on scheduling.
	runs := make([][]int, opt.Restarts) // per restart: unit -> community label
	qs := make([]float64, opt.Restarts)
	var eg errgroup.Group
	eg.SetLimit(runtime.GOMAXPROCS(0))
	for r := range opt.Restarts {
		eg.Go(func() error {
			restart(g, units, opt, r, runs, qs)
			return nil
		})
	}
	eg.Wait()
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

// restart runs Louvain once, from seed opt.Seed+r, and stores its
// canonical labels and modularity at r. Restarts share only the graph,
// which they read, so the result does not depend on scheduling.
func restart(g *ordered.Graph, units []string, opt Options, r int, runs [][]int, qs []float64) {
	seed := opt.Seed + uint64(r)
	var comms [][]gg.Node
	if len(units) > 0 {
		reduced := community.Modularize(g, opt.Resolution, rand.NewPCG(seed, seed))
		comms = reduced.Communities()
	}
	labels := make([]int, len(units))
	for c, nodes := range comms {
		for _, n := range nodes {
			labels[n.ID()] = c
		}
	}
	runs[r] = canonical(labels)
	if g.EdgeCount() > 0 {
		qs[r] = community.Q(g, comms, opt.Resolution)
	}
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
