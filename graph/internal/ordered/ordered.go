// Package ordered is a weighted undirected graph for gonum's community
// algorithms whose nodes and neighbours come out in ID order. gonum's
// simple graphs keep nodes in maps, so Louvain visits them in a different
// order every run and, seed or not, finds different partitions, and
// modularity sums come out different in their last bits; this type is
// what makes seams deterministic.
package ordered

import (
	"sort"

	gg "gonum.org/v1/gonum/graph"
	"gonum.org/v1/gonum/graph/iterator"
	"gonum.org/v1/gonum/graph/simple"
)

// Graph is a weighted undirected graph over nodes 0..n-1. Build it with
// Set, then Freeze it before handing it to gonum; it is then safe for
// concurrent reads.
type Graph struct {
	nodes []gg.Node
	adj   []map[int64]float64
	nbrs  [][]gg.Node // sorted neighbours, built by freeze
}

// New returns a graph of n nodes and no edges.
func New(n int) *Graph {
	g := &Graph{nodes: make([]gg.Node, n), adj: make([]map[int64]float64, n)}
	for i := range g.nodes {
		g.nodes[i] = simple.Node(i)
		g.adj[i] = map[int64]float64{}
	}
	return g
}

// Set adds w to the edge between x and y; self-loops are ignored.
func (g *Graph) Set(x, y int64, w float64) {
	if x == y {
		return
	}
	g.adj[x][y] += w
	g.adj[y][x] += w
	g.nbrs = nil
}

// Freeze sorts every node's neighbours.
func (g *Graph) Freeze() {
	g.nbrs = make([][]gg.Node, len(g.nodes))
	for i, m := range g.adj {
		ids := make([]int64, 0, len(m))
		for id := range m {
			ids = append(ids, id)
		}
		sort.Slice(ids, func(a, b int) bool { return ids[a] < ids[b] })
		for _, id := range ids {
			g.nbrs[i] = append(g.nbrs[i], g.nodes[id])
		}
	}
}

// EdgeCount is the number of edges.
func (g *Graph) EdgeCount() int {
	n := 0
	for _, m := range g.adj {
		n += len(m)
	}
	return n / 2
}

func (g *Graph) valid(id int64) bool { return id >= 0 && id < int64(len(g.nodes)) }

// Node returns the node with the id, or nil.
func (g *Graph) Node(id int64) gg.Node {
	if !g.valid(id) {
		return nil
	}
	return g.nodes[id]
}

// Nodes returns every node, in ID order.
func (g *Graph) Nodes() gg.Nodes { return iterator.NewOrderedNodes(g.nodes) }

// From returns the neighbours of id, in ID order.
func (g *Graph) From(id int64) gg.Nodes {
	if !g.valid(id) {
		return gg.Empty
	}
	if g.nbrs == nil {
		g.Freeze()
	}
	return iterator.NewOrderedNodes(g.nbrs[id])
}

// HasEdgeBetween reports whether x and y are joined.
func (g *Graph) HasEdgeBetween(x, y int64) bool {
	if !g.valid(x) {
		return false
	}
	_, ok := g.adj[x][y]
	return ok
}

// Edge returns the edge from u to v, or nil.
func (g *Graph) Edge(u, v int64) gg.Edge { return g.WeightedEdge(u, v) }

// EdgeBetween returns the edge between x and y, or nil.
func (g *Graph) EdgeBetween(x, y int64) gg.Edge { return g.WeightedEdge(x, y) }

// WeightedEdgeBetween returns the edge between x and y, or nil.
func (g *Graph) WeightedEdgeBetween(x, y int64) gg.WeightedEdge { return g.WeightedEdge(x, y) }

// WeightedEdge returns the edge from u to v, or nil.
func (g *Graph) WeightedEdge(u, v int64) gg.WeightedEdge {
	if !g.HasEdgeBetween(u, v) {
		return nil
	}
	return simple.WeightedEdge{F: g.nodes[u], T: g.nodes[v], W: g.adj[u][v]}
}

// Weight returns the weight of the edge between x and y; a node's self-weight is 0.
func (g *Graph) Weight(x, y int64) (float64, bool) {
	if x == y {
		return 0, true
	}
	if !g.valid(x) {
		return 0, false
	}
	w, ok := g.adj[x][y]
	return w, ok
}
