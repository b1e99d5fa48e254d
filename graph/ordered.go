package graph

import (
	"sort"

	gg "gonum.org/v1/gonum/graph"
	"gonum.org/v1/gonum/graph/iterator"
	"gonum.org/v1/gonum/graph/simple"
)

// ordered is a weighted undirected graph whose nodes and neighbours come
// out in ID order. gonum's simple graphs keep nodes in maps, so Louvain
// visits them in a different order every run and, seed or not, finds
// different partitions; this type is what makes seams deterministic.
type ordered struct {
	nodes []gg.Node
	adj   []map[int64]float64
	nbrs  [][]gg.Node // sorted neighbours, built by freeze
}

func newOrdered(n int) *ordered {
	g := &ordered{nodes: make([]gg.Node, n), adj: make([]map[int64]float64, n)}
	for i := range g.nodes {
		g.nodes[i] = simple.Node(i)
		g.adj[i] = map[int64]float64{}
	}
	return g
}

// set adds w to the edge between x and y; self-loops are ignored.
func (g *ordered) set(x, y int64, w float64) {
	if x == y {
		return
	}
	g.adj[x][y] += w
	g.adj[y][x] += w
	g.nbrs = nil
}

func (g *ordered) freeze() {
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

func (g *ordered) edgeCount() int {
	n := 0
	for _, m := range g.adj {
		n += len(m)
	}
	return n / 2
}

func (g *ordered) valid(id int64) bool { return id >= 0 && id < int64(len(g.nodes)) }

func (g *ordered) Node(id int64) gg.Node {
	if !g.valid(id) {
		return nil
	}
	return g.nodes[id]
}

func (g *ordered) Nodes() gg.Nodes { return iterator.NewOrderedNodes(g.nodes) }

func (g *ordered) From(id int64) gg.Nodes {
	if !g.valid(id) {
		return gg.Empty
	}
	if g.nbrs == nil {
		g.freeze()
	}
	return iterator.NewOrderedNodes(g.nbrs[id])
}

func (g *ordered) HasEdgeBetween(x, y int64) bool {
	if !g.valid(x) {
		return false
	}
	_, ok := g.adj[x][y]
	return ok
}

func (g *ordered) Edge(u, v int64) gg.Edge { return g.WeightedEdge(u, v) }

func (g *ordered) EdgeBetween(x, y int64) gg.Edge { return g.WeightedEdge(x, y) }

func (g *ordered) WeightedEdgeBetween(x, y int64) gg.WeightedEdge { return g.WeightedEdge(x, y) }

func (g *ordered) WeightedEdge(u, v int64) gg.WeightedEdge {
	if !g.HasEdgeBetween(u, v) {
		return nil
	}
	return simple.WeightedEdge{F: g.nodes[u], T: g.nodes[v], W: g.adj[u][v]}
}

func (g *ordered) Weight(x, y int64) (float64, bool) {
	if x == y {
		return 0, true
	}
	if !g.valid(x) {
		return 0, false
	}
	w, ok := g.adj[x][y]
	return w, ok
}
