package leiden

import (
	"math"
	"math/rand/v2"
	"slices"
)

// Test graphs: generated, so that every size can be had and the planted
// truth is known.

// testGraph is an edge list with its planted communities.
type testGraph struct {
	n     int
	edges []Edge
	truth []int // planted community per node, or nil
}

func (t testGraph) graph() *Graph {
	g, err := NewGraph(t.n, t.edges)
	if err != nil {
		panic(err)
	}
	return g
}

// weightFunc draws an edge weight.
type weightFunc func(r *rand.Rand) float64

func unitWeights(*rand.Rand) float64 { return 1 }

// uniformWeights are spread over [0.5, 1.5).
func uniformWeights(r *rand.Rand) float64 { return 0.5 + r.Float64() }

// layerWeights are spread log-uniformly over three orders of magnitude,
// as seams' normalized layers (imports, tables, co-change) are once fused.
func layerWeights(r *rand.Rand) float64 { return math.Pow(10, -3*r.Float64()) }

// planted is the planted-partition model: k groups of n/k nodes, each pair
// joined with probability pIn inside a group and pOut across.
func planted(seed uint64, n, k int, pIn, pOut float64, weight weightFunc) testGraph {
	r := rand.New(rand.NewPCG(seed, 1))
	t := testGraph{n: n, truth: make([]int, n)}
	for i := range n {
		t.truth[i] = i * k / n
	}
	for i := range n {
		for j := i + 1; j < n; j++ {
			p := pOut
			if t.truth[i] == t.truth[j] {
				p = pIn
			}
			if r.Float64() < p {
				t.edges = append(t.edges, Edge{i, j, weight(r)})
			}
		}
	}
	return t
}

// lfrParams describe an LFR-like benchmark graph (Lancichinetti, Fortunato
// & Radicchi 2008): power-law degrees and group sizes, and a mixing
// fraction mu of every node's edges leaving its group.
type lfrParams struct {
	n                int
	degExp, sizeExp  float64 // exponents of the degree and group-size laws
	minDeg, maxDeg   int
	minSize, maxSize int
	mu               float64
	weight           weightFunc
	outWeight        float64 // multiplies the weight of edges across groups (0: 1)
}

// lfr generates the graph by stub matching: a node's inside stubs are
// paired at random within its group, its outside stubs across groups.
// Self-loops and pairs inside a group among the outside stubs are dropped,
// and repeated pairs are summed by NewGraph, so degrees are approximate.
func lfr(seed uint64, p lfrParams) testGraph {
	r := rand.New(rand.NewPCG(seed, 2))
	powerLaw := func(lo, hi int, exp float64) int {
		// Inverse transform sampling of x^-exp on [lo, hi].
		a, b := math.Pow(float64(lo), 1-exp), math.Pow(float64(hi)+1, 1-exp)
		return int(math.Pow(a+(b-a)*r.Float64(), 1/(1-exp)))
	}
	t := testGraph{n: p.n, truth: make([]int, p.n)}
	for i, g := 0, 0; i < p.n; g++ {
		size := min(powerLaw(p.minSize, p.maxSize, p.sizeExp), p.n-i)
		if rest := p.n - i - size; rest > 0 && rest < p.minSize {
			size += rest // no group below the minimum size
		}
		for range size {
			t.truth[i] = g
			i++
		}
	}
	perm := r.Perm(p.n) // groups are not runs of ids
	truth := slices.Clone(t.truth)
	for i, j := range perm {
		t.truth[j] = truth[i]
	}
	groups := slices.Max(t.truth) + 1
	inside := make([][]int, groups)
	var outside []int
	for i := range p.n {
		d := powerLaw(p.minDeg, p.maxDeg, p.degExp)
		out := int(math.Round(p.mu * float64(d)))
		for range d - out {
			inside[t.truth[i]] = append(inside[t.truth[i]], i)
		}
		for range out {
			outside = append(outside, i)
		}
	}
	outW := p.outWeight
	if outW == 0 {
		outW = 1
	}
	pair := func(stubs []int, across bool) {
		r.Shuffle(len(stubs), func(i, j int) { stubs[i], stubs[j] = stubs[j], stubs[i] })
		for i := 0; i+1 < len(stubs); i += 2 {
			u, v := stubs[i], stubs[i+1]
			if u == v || across && t.truth[u] == t.truth[v] {
				continue
			}
			w := p.weight(r)
			if across {
				w *= outW
			}
			t.edges = append(t.edges, Edge{u, v, w})
		}
	}
	for _, s := range inside {
		pair(s, false)
	}
	pair(outside, true)
	return t
}

// fusedLike is a graph shaped like seams' fused coupling graphs: power-law
// degrees averaging about 8 with a few hubs, groups of 5 to 150 packages,
// a third of the coupling leaving its group, and weights over three
// orders of magnitude.
func fusedLike(seed uint64, n int) testGraph {
	return lfr(seed, lfrParams{
		n: n, degExp: 2.5, sizeExp: 1.5,
		minDeg: 4, maxDeg: max(20, n/20),
		minSize: 5, maxSize: 150,
		mu: 0.3, weight: layerWeights, outWeight: 0.5,
	})
}

// random is an Erdős–Rényi graph with about m edges.
func random(seed uint64, n, m int, weight weightFunc) testGraph {
	r := rand.New(rand.NewPCG(seed, 3))
	t := testGraph{n: n}
	for range m {
		t.edges = append(t.edges, Edge{r.IntN(n), r.IntN(n), weight(r)})
	}
	return t
}

// ari is the adjusted Rand index of two labelings (Hubert & Arabie 1985):
// 1 for equal partitions, about 0 for independent ones.
func ari(a, b []int) float64 {
	type pair struct{ x, y int }
	joint, ra, rb := map[pair]int{}, map[int]int{}, map[int]int{}
	for i := range a {
		joint[pair{a[i], b[i]}]++
		ra[a[i]]++
		rb[b[i]]++
	}
	c2 := func(n int) float64 { return float64(n) * float64(n-1) / 2 }
	var index, sa, sb float64
	for _, n := range joint {
		index += c2(n)
	}
	for _, n := range ra {
		sa += c2(n)
	}
	for _, n := range rb {
		sb += c2(n)
	}
	expected := sa * sb / c2(len(a))
	top := (sa + sb) / 2
	if top == expected {
		return 1
	}
	return (index - expected) / (top - expected)
}

// disconnectedCommunity returns a community of labels that is not
// connected in t, found by a breadth-first search inside each community
// over t's edge list, or -1 if every community is connected.
func disconnectedCommunity(t testGraph, labels []int) int {
	adj := make([][]int, t.n)
	for _, e := range t.edges {
		adj[e.U] = append(adj[e.U], e.V)
		adj[e.V] = append(adj[e.V], e.U)
	}
	size := map[int]int{}
	for _, l := range labels {
		size[l]++
	}
	done := map[int]bool{}
	reached := make([]bool, t.n)
	for s, l := range labels {
		if done[l] {
			continue
		}
		done[l] = true
		reached[s] = true
		queue, count := []int{s}, 1
		for len(queue) > 0 {
			x := queue[0]
			queue = queue[1:]
			for _, y := range adj[x] {
				if !reached[y] && labels[y] == l {
					reached[y] = true
					count++
					queue = append(queue, y)
				}
			}
		}
		if count != size[l] {
			return l
		}
	}
	return -1
}
