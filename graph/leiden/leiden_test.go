package leiden

import (
	"fmt"
	"math"
	"reflect"
	"runtime"
	"slices"
	"sync"
	"testing"
)

// best returns the partition of highest Q, the earliest on ties.
func best(ps []Partition) Partition {
	b := ps[0]
	for _, p := range ps[1:] {
		if p.Q > b.Q {
			b = p
		}
	}
	return b
}

func restarts(t testing.TB, g *Graph, resolution float64, seed uint64, n int) []Partition {
	t.Helper()
	ps, err := Restarts(g, resolution, seed, n)
	if err != nil {
		t.Fatal(err)
	}
	return ps
}

// checkPartition checks what holds for every result: one label per node,
// canonical numbering, Q as Modularity computes it, connected communities.
func checkPartition(t *testing.T, tg testGraph, g *Graph, p Partition, resolution float64) {
	t.Helper()
	if len(p.Labels) != tg.n {
		t.Fatalf("%d labels for %d nodes", len(p.Labels), tg.n)
	}
	next := 0
	for i, l := range p.Labels {
		if l > next {
			t.Fatalf("label %d of node %d comes before label %d: not canonical", l, i, next)
		}
		if l == next {
			next++
		}
	}
	if q := Modularity(g, p.Labels, resolution); p.Q != q {
		t.Errorf("Q = %v, Modularity of the labels = %v", p.Q, q)
	}
	if c := disconnectedCommunity(tg, p.Labels); c >= 0 {
		t.Errorf("community %d is not connected", c)
	}
}

func TestRecoversPlantedGroups(t *testing.T) {
	tests := []struct {
		name   string
		t      testGraph
		minARI float64
	}{
		{"planted 200, 4 groups", planted(1, 200, 4, 0.3, 0.005, uniformWeights), 1},
		{"planted 600, 6 groups, unit weights", planted(2, 600, 6, 0.1, 0.004, unitWeights), 1},
		{"planted 1000, 10 groups", planted(3, 1000, 10, 0.1, 0.002, uniformWeights), 0.99},
		{"LFR 1000, mu 0.1", lfr(4, lfrParams{n: 1000, degExp: 2.5, sizeExp: 1.5, minDeg: 8, maxDeg: 50, minSize: 20, maxSize: 100, mu: 0.1, weight: uniformWeights}), 0.99},
		{"LFR 2000, mu 0.3", lfr(5, lfrParams{n: 2000, degExp: 2.5, sizeExp: 1.5, minDeg: 8, maxDeg: 50, minSize: 20, maxSize: 100, mu: 0.3, weight: uniformWeights}), 0.95},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := tt.t.graph()
			ps := restarts(t, g, 1, 1, 16)
			for _, p := range ps {
				checkPartition(t, tt.t, g, p, 1)
			}
			b := best(ps)
			if a := ari(b.Labels, tt.t.truth); a < tt.minARI {
				t.Errorf("ARI with the planted groups = %.4f, want >= %v (Q %.5f, planted Q %.5f)",
					a, tt.minARI, b.Q, Modularity(g, tt.t.truth, 1))
			}
		})
	}
}

// TestQualityAgainstGonum compares best-of-16 modularity with gonum's
// Louvain, fed as seams feeds it. Run with -v for the figures.
func TestQualityAgainstGonum(t *testing.T) {
	if raceEnabled {
		t.Skip("quality, not concurrency: too slow under the race detector")
	}
	sizes := []int{500, 1000, 2000, 4000}
	if testing.Short() {
		sizes = sizes[:2]
	}
	families := []struct {
		name string
		gen  func(seed uint64, n int) testGraph
	}{
		{"fused-like", fusedLike},
		{"LFR mu 0.4", func(seed uint64, n int) testGraph {
			return lfr(seed, lfrParams{n: n, degExp: 2.5, sizeExp: 1.5, minDeg: 5, maxDeg: 60, minSize: 10, maxSize: 120, mu: 0.4, weight: uniformWeights})
		}},
		{"planted, layer weights", func(seed uint64, n int) testGraph {
			return planted(seed, n, n/50, 0.2, 2/float64(n), layerWeights)
		}},
	}
	for _, f := range families {
		for _, n := range sizes {
			t.Run(fmt.Sprintf("%s/n=%d", f.name, n), func(t *testing.T) {
				tg := f.gen(uint64(n), n)
				g, og := tg.graph(), newOrdered(tg)
				ps := restarts(t, g, 1, 1, 16)
				for _, p := range ps {
					checkPartition(t, tg, g, p, 1)
				}
				engine := best(ps)
				_, gonum := parallelGonumBest(og, 1, 1, 16)
				if oracle := gonumQ(og, engine.Labels, 1); math.Abs(oracle-engine.Q) > 1e-9 {
					t.Errorf("engine Q %.12f, community.Q of its labels %.12f", engine.Q, oracle)
				}
				t.Logf("%-24s n=%5d m=%6d  engine Q %.5f  gonum Q %.5f  diff %+.5f", f.name, n, len(tg.edges), engine.Q, gonum, engine.Q-gonum)
				if engine.Q < gonum-0.005 {
					t.Errorf("best-of-16 Q %.5f < gonum's %.5f - 0.005", engine.Q, gonum)
				}
			})
		}
	}
}

// parallelGonumBest is gonumBest with the restarts spread over
// GOMAXPROCS goroutines, as seams runs them.
func parallelGonumBest(og *ordered, resolution float64, seed uint64, n int) ([]int, float64) {
	labels := make([][]int, n)
	var wg sync.WaitGroup
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	for r := range n {
		wg.Go(func() {
			sem <- struct{}{}
			defer func() { <-sem }()
			labels[r] = gonumLabels(og, resolution, seed+uint64(r))
		})
	}
	wg.Wait()
	var b []int
	bq := math.Inf(-1)
	for _, l := range labels {
		if q := gonumQ(og, l, resolution); q > bq {
			b, bq = l, q
		}
	}
	return b, bq
}

// TestRefinementKeepsCommunitiesConnected checks the Leiden guarantee on
// the iterations themselves, before run's final split into connected
// parts, which must therefore never have anything to do.
func TestRefinementKeepsCommunitiesConnected(t *testing.T) {
	graphs := []testGraph{
		fusedLike(11, 1500),
		lfr(12, lfrParams{n: 1500, degExp: 2, sizeExp: 1, minDeg: 3, maxDeg: 50, minSize: 10, maxSize: 100, mu: 0.5, weight: uniformWeights}),
		lfr(13, lfrParams{n: 1000, degExp: 3, sizeExp: 2, minDeg: 2, maxDeg: 10, minSize: 5, maxSize: 60, mu: 0.6, weight: layerWeights}),
		random(14, 800, 1600, unitWeights),
	}
	for gi, tg := range graphs {
		g := tg.graph()
		for seed := range uint64(8) {
			r := newRunner(g, 1, seed)
			labels := make([]int32, g.Len())
			for i := range labels {
				labels[i] = int32(i)
			}
			for iter := range 4 {
				labels = r.iterate(g, labels)
				l := make([]int, len(labels))
				for i, x := range labels {
					l[i] = int(x)
				}
				if c := disconnectedCommunity(tg, l); c >= 0 {
					t.Errorf("graph %d, seed %d, iteration %d: community %d is not connected", gi, seed, iter, c)
				}
			}
		}
	}
}

func TestDeterministic(t *testing.T) {
	tg := lfr(21, lfrParams{n: 1500, degExp: 2.5, sizeExp: 1.5, minDeg: 4, maxDeg: 60, minSize: 10, maxSize: 120, mu: 0.5, weight: layerWeights})
	g := tg.graph()
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	var runs [][]Partition
	for _, procs := range []int{1, 2, 1, 4} {
		runtime.GOMAXPROCS(procs)
		runs = append(runs, restarts(t, g, 1, 100, 12))
	}
	for i, ps := range runs[1:] {
		if !reflect.DeepEqual(ps, runs[0]) {
			t.Errorf("Restarts run %d differs from run 0", i+1)
		}
	}
	for r, p := range runs[0] {
		single, err := Run(g, 1, 100+uint64(r))
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(single, p) {
			t.Errorf("Run(seed %d) differs from restart %d", 100+r, r)
		}
	}
	// On a graph this mixed the seed must matter, or it is not used.
	distinct := map[string]bool{}
	for _, p := range runs[0] {
		distinct[fmt.Sprint(p.Labels)] = true
	}
	if len(distinct) < 2 {
		t.Errorf("12 seeds found %d distinct partitions, want several", len(distinct))
	}
}

func TestDegenerateGraphs(t *testing.T) {
	clique := func(nodes ...int) (edges []Edge) {
		for i, u := range nodes {
			for _, v := range nodes[i+1:] {
				edges = append(edges, Edge{u, v, 1})
			}
		}
		return edges
	}
	scaled := func(edges []Edge, f func(i int, w float64) float64) []Edge {
		out := slices.Clone(edges)
		for i := range out {
			out[i].W = f(i, out[i].W)
		}
		return out
	}
	bridged := append(append(clique(0, 1, 2, 3, 4), clique(5, 6, 7, 8, 9)...), Edge{4, 5, 1})
	var ring []Edge
	for c := range 6 {
		ring = append(ring, clique(5*c, 5*c+1, 5*c+2, 5*c+3, 5*c+4)...)
		ring = append(ring, Edge{5*c + 4, (5*c + 5) % 30, 1})
	}
	var star, path []Edge
	for i := 1; i <= 10; i++ {
		star = append(star, Edge{0, i, 1})
	}
	for i := range 19 {
		path = append(path, Edge{i, i + 1, 1})
	}
	tests := []struct {
		name   string
		n      int
		edges  []Edge
		labels []int // the expected partition, or nil
	}{
		{"one node", 1, nil, []int{0}},
		{"no edges", 4, nil, []int{0, 1, 2, 3}},
		{"only a self-loop", 2, []Edge{{0, 0, 3}}, []int{0, 1}},
		{"one edge", 2, []Edge{{0, 1, 1}}, []int{0, 0}},
		{"triangle and isolated nodes", 5, clique(1, 2, 4), []int{0, 1, 1, 2, 1}},
		{"two components", 10, append(clique(0, 2, 4, 6, 8), clique(1, 3, 5, 7, 9)...), []int{0, 1, 0, 1, 0, 1, 0, 1, 0, 1}},
		{"star", 11, star, make([]int, 11)},
		{"clique", 8, clique(0, 1, 2, 3, 4, 5, 6, 7), make([]int, 8)},
		{"bridged cliques", 10, bridged, []int{0, 0, 0, 0, 0, 1, 1, 1, 1, 1}},
		{"ring of cliques", 30, ring, []int{0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 3, 3, 3, 3, 3, 4, 4, 4, 4, 4, 5, 5, 5, 5, 5}},
		{"huge weights", 10, scaled(bridged, func(_ int, w float64) float64 { return w * 1e300 }), []int{0, 0, 0, 0, 0, 1, 1, 1, 1, 1}},
		{"tiny weights", 10, scaled(bridged, func(_ int, w float64) float64 { return w * 1e-300 }), []int{0, 0, 0, 0, 0, 1, 1, 1, 1, 1}},
		{"huge and tiny weights", 10, scaled(bridged, func(i int, w float64) float64 {
			if i%2 == 0 {
				return math.MaxFloat64
			}
			return math.SmallestNonzeroFloat64
		}), nil},
		{"path", 20, path, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tg := testGraph{n: tt.n, edges: tt.edges}
			g, err := NewGraph(tt.n, tt.edges)
			if err != nil {
				t.Fatal(err)
			}
			ps := restarts(t, g, 1, 0, 4)
			for _, p := range ps {
				checkPartition(t, tg, g, p, 1)
				singletons := make([]int, tt.n)
				for i := range singletons {
					singletons[i] = i
				}
				if !(p.Q >= Modularity(g, singletons, 1) && p.Q <= 1) {
					t.Errorf("Q = %v, below the singletons' %v or above 1", p.Q, Modularity(g, singletons, 1))
				}
				if tt.labels != nil && !slices.Equal(p.Labels, tt.labels) {
					t.Errorf("labels = %v, want %v", p.Labels, tt.labels)
				}
			}
		})
	}
}

// Scaling every weight by a power of two is exact, so it must change
// nothing at all; any other factor changes Q by rounding at most.
func TestWeightScaleInvariance(t *testing.T) {
	tg := fusedLike(31, 800)
	want := restarts(t, tg.graph(), 1, 5, 4)
	for _, tt := range []struct {
		factor float64
		exact  bool
	}{{math.Ldexp(1, 1000), true}, {math.Ldexp(1, -1000), true}, {1e300, false}, {1e-300, false}, {3, false}} {
		edges := slices.Clone(tg.edges)
		for i := range edges {
			edges[i].W *= tt.factor
		}
		g, err := NewGraph(tg.n, edges)
		if err != nil {
			t.Fatal(err)
		}
		for r, p := range restarts(t, g, 1, 5, 4) {
			if tt.exact && !reflect.DeepEqual(p, want[r]) {
				t.Errorf("weights ×%g: restart %d differs", tt.factor, r)
			}
			if math.Abs(p.Q-want[r].Q) > 1e-3 {
				t.Errorf("weights ×%g: restart %d: Q %v, unscaled %v", tt.factor, r, p.Q, want[r].Q)
			}
		}
	}
}

func TestResolution(t *testing.T) {
	// γ = 0 rewards internal weight only: the communities are the
	// connected components.
	tg := random(41, 300, 200, uniformWeights)
	g := tg.graph()
	p, err := Run(g, 0, 1)
	if err != nil {
		t.Fatal(err)
	}
	comps := make([]int, tg.n) // by union-find over the edge list
	for i := range comps {
		comps[i] = i
	}
	root := func(x int) int {
		for comps[x] != x {
			x = comps[x]
		}
		return x
	}
	for _, e := range tg.edges {
		comps[root(e.U)] = root(e.V)
	}
	for i := range comps {
		comps[i] = root(i)
	}
	if got := ari(p.Labels, comps); got != 1 {
		t.Errorf("γ=0: ARI with the connected components = %v, want 1", got)
	}

	// Raising γ splits communities.
	tg = planted(42, 400, 4, 0.2, 0.01, uniformWeights)
	g = tg.graph()
	count := func(res float64) int {
		p := best(restarts(t, g, res, 1, 8))
		return slices.Max(p.Labels) + 1
	}
	if low, one, high := count(0.2), count(1), count(8); !(low <= one && one < high) {
		t.Errorf("communities at γ 0.2, 1, 8: %d, %d, %d; want non-decreasing, more at 8", low, one, high)
	}
	// At a huge γ every merge loses: all nodes stay alone.
	if got := count(1e9); got != tg.n {
		t.Errorf("γ=1e9: %d communities, want %d singletons", got, tg.n)
	}
}

func TestBadArguments(t *testing.T) {
	g := planted(51, 40, 2, 0.5, 0.05, unitWeights).graph()
	for _, res := range []float64{-1, math.NaN(), math.Inf(1)} {
		if _, err := Run(g, res, 1); err == nil {
			t.Errorf("Run(resolution %v): no error", res)
		}
		if _, err := Restarts(g, res, 1, 2); err == nil {
			t.Errorf("Restarts(resolution %v): no error", res)
		}
	}
	if _, err := Restarts(g, 1, 1, -1); err == nil {
		t.Error("Restarts(-1 runs): no error")
	}
	if ps, err := Restarts(g, 1, 1, 0); err != nil || len(ps) != 0 {
		t.Errorf("Restarts(0 runs) = %v, %v; want none", ps, err)
	}
}
