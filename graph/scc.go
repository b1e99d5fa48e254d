package graph

import (
	"slices"

	"gonum.org/v1/gonum/graph/simple"
	"gonum.org/v1/gonum/graph/topo"
)

// Components returns the strongly connected components of the directed
// graph over nodes 0..n-1 with the given arcs: the groups of nodes that
// all reach one another, such as contexts caught in one import cycle.
// Each component is sorted, and components are sorted by their first
// node; a node on no cycle is a component of its own.
func Components(n int, arcs [][2]int) [][]int {
	d := simple.NewDirectedGraph()
	for i := range n {
		d.AddNode(simple.Node(i))
	}
	for _, a := range arcs {
		if a[0] != a[1] {
			d.SetEdge(d.NewEdge(simple.Node(a[0]), simple.Node(a[1])))
		}
	}
	var out [][]int
	for _, c := range topo.TarjanSCC(d) {
		ids := make([]int, len(c))
		for i, v := range c {
			ids[i] = int(v.ID())
		}
		slices.Sort(ids)
		out = append(out, ids)
	}
	slices.SortFunc(out, func(a, b []int) int { return a[0] - b[0] })
	return out
}
