package leiden

import (
	"math"
	"math/rand/v2"
	"slices"

	gg "gonum.org/v1/gonum/graph"
	"gonum.org/v1/gonum/graph/community"
	"gonum.org/v1/gonum/graph/iterator"
	"gonum.org/v1/gonum/graph/simple"
)

// The oracle: gonum's community package, fed the way seams feeds it today
// (graph/ordered.go): nodes and neighbours in ID order, so that Modularize
// is deterministic from its seed.

// ordered is a weighted undirected gonum graph whose nodes and neighbours
// come out in ID order.
type ordered struct {
	nodes []gg.Node
	adj   []map[int64]float64
	nbrs  [][]gg.Node
}

func newOrdered(t testGraph) *ordered {
	g := &ordered{nodes: make([]gg.Node, t.n), adj: make([]map[int64]float64, t.n), nbrs: make([][]gg.Node, t.n)}
	for i := range g.nodes {
		g.nodes[i] = simple.Node(i)
		g.adj[i] = map[int64]float64{}
	}
	for _, e := range t.edges {
		if e.U != e.V {
			g.adj[e.U][int64(e.V)] += e.W
			g.adj[e.V][int64(e.U)] += e.W
		}
	}
	for i, m := range g.adj {
		ids := slices.Sorted(func(yield func(int64) bool) {
			for id := range m {
				if !yield(id) {
					return
				}
			}
		})
		for _, id := range ids {
			g.nbrs[i] = append(g.nbrs[i], g.nodes[id])
		}
	}
	return g
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

// gonumQ is community.Q of labels.
func gonumQ(g *ordered, labels []int, resolution float64) float64 {
	var comms [][]gg.Node
	for i, l := range labels {
		for l >= len(comms) {
			comms = append(comms, nil)
		}
		comms[l] = append(comms[l], g.nodes[i])
	}
	comms = slices.DeleteFunc(comms, func(c []gg.Node) bool { return len(c) == 0 })
	return community.Q(g, comms, resolution)
}

// gonumLabels runs community.Modularize from one seed, as seams does.
func gonumLabels(g *ordered, resolution float64, seed uint64) []int {
	labels := make([]int, len(g.nodes))
	reduced := community.Modularize(g, resolution, rand.NewPCG(seed, seed))
	for c, nodes := range reduced.Communities() {
		for _, n := range nodes {
			labels[n.ID()] = c
		}
	}
	return labels
}

// gonumBest runs Modularize from the seeds seed..seed+restarts-1 and
// returns the best partition with its community.Q.
func gonumBest(g *ordered, resolution float64, seed uint64, restarts int) ([]int, float64) {
	var best []int
	bestQ := math.Inf(-1)
	for r := range restarts {
		labels := gonumLabels(g, resolution, seed+uint64(r))
		if q := gonumQ(g, labels, resolution); q > bestQ {
			best, bestQ = labels, q
		}
	}
	return best, bestQ
}
