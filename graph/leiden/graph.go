package leiden

import (
	"cmp"
	"fmt"
	"math"
	"slices"
)

// Edge is an undirected edge of weight W between nodes U and V.
type Edge struct {
	U, V int
	W    float64
}

// Graph is an undirected weighted graph over the nodes 0..Len()-1 in
// compressed sparse row form. It is immutable once built, so any number of
// runs may read it at the same time. The zero Graph has no nodes.
//
// The engine also uses Graph for the aggregate graphs it builds between
// levels; only those have self-loops.
type Graph struct {
	start []int32   // node i's neighbours are nbr[start[i]:start[i+1]]
	nbr   []int32   // neighbour ids, ascending in input graphs
	w     []float64 // weight of each neighbour entry
	// self is A_ii of an aggregate node: the weight inside it, each
	// internal edge counted from both ends. Zero in input graphs.
	self  []float64
	deg   []float64 // k_i = self_i + the sum of node i's row
	total float64   // 2m, the sum of all degrees
}

// NewGraph builds a graph of n nodes from edges.
//
// Duplicate edges (in either direction) are summed, in the order of their
// weights, so the result does not depend on the order of edges. Self-loops
// are dropped after their weight has been checked: a node's coupling to
// itself says nothing about which community it belongs to, and seams'
// graphs have none. Weights must be positive and finite; node ids must lie
// in 0..n-1.
//
// Weights are divided by the largest edge weight, which leaves modularity and every
// partition unchanged but keeps sums of huge weights from overflowing and
// products of tiny ones from underflowing.
func NewGraph(n int, edges []Edge) (*Graph, error) {
	if n < 0 || n > math.MaxInt32-1 {
		return nil, fmt.Errorf("leiden: %d nodes: want 0..%d", n, math.MaxInt32-1)
	}
	if len(edges) > math.MaxInt32/2 {
		return nil, fmt.Errorf("leiden: %d edges: want at most %d", len(edges), math.MaxInt32/2)
	}
	type edge struct {
		uv uint64 // u<<32 | v, u < v: sorts by u, then v
		w  float64
	}
	list := make([]edge, 0, len(edges))
	maxW := 0.0
	for i, e := range edges {
		if e.U < 0 || e.U >= n || e.V < 0 || e.V >= n {
			return nil, fmt.Errorf("leiden: edge %d (%d-%d): node out of range 0..%d", i, e.U, e.V, n-1)
		}
		if !(e.W > 0) || math.IsInf(e.W, 1) {
			return nil, fmt.Errorf("leiden: edge %d (%d-%d): weight %v is not positive and finite", i, e.U, e.V, e.W)
		}
		if e.U == e.V {
			continue
		}
		list = append(list, edge{uint64(min(e.U, e.V))<<32 | uint64(max(e.U, e.V)), e.W})
		maxW = max(maxW, e.W)
	}
	for i := range list {
		list[i].w /= maxW
	}
	slices.SortFunc(list, func(a, b edge) int {
		if a.uv != b.uv {
			return cmp.Compare(a.uv, b.uv)
		}
		return cmp.Compare(a.w, b.w)
	})
	merged := list[:0]
	for _, e := range list {
		if k := len(merged) - 1; k >= 0 && merged[k].uv == e.uv {
			merged[k].w += e.w
			continue
		}
		merged = append(merged, e)
	}

	g := &Graph{
		start: make([]int32, n+1),
		nbr:   make([]int32, 2*len(merged)),
		w:     make([]float64, 2*len(merged)),
		self:  make([]float64, n),
		deg:   make([]float64, n),
	}
	for _, e := range merged {
		g.start[e.uv>>32+1]++
		g.start[uint32(e.uv)+1]++
	}
	for i := range n {
		g.start[i+1] += g.start[i]
	}
	// Edges are sorted by (u, v), so every row fills in ascending order:
	// row x first gets the edges (u, x) with u < x, then (x, v) with v > x.
	fill := slices.Clone(g.start[:n])
	put := func(x, y int32, w float64) {
		g.nbr[fill[x]] = y
		g.w[fill[x]] = w
		fill[x]++
	}
	for _, e := range merged {
		u, v := int32(e.uv>>32), int32(uint32(e.uv))
		put(u, v, e.w)
		put(v, u, e.w)
	}
	for i := range n {
		for e := g.start[i]; e < g.start[i+1]; e++ {
			g.deg[i] += g.w[e]
		}
		g.total += g.deg[i]
	}
	return g, nil
}

// Len returns the number of nodes.
func (g *Graph) Len() int {
	if g == nil || len(g.start) == 0 {
		return 0
	}
	return len(g.start) - 1
}

// row returns node i's neighbours and the weights of the edges to them.
func (g *Graph) row(i int32) ([]int32, []float64) {
	a, b := g.start[i], g.start[i+1]
	return g.nbr[a:b], g.w[a:b]
}
