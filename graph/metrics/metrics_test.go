package metrics

import (
	"math"
	"testing"

	gg "gonum.org/v1/gonum/graph"
	"gonum.org/v1/gonum/graph/community"
	"gonum.org/v1/gonum/graph/simple"

	"github.com/seams-tool/seams/graph"
	"github.com/seams-tool/seams/graph/cluster"
	"github.com/seams-tool/seams/graph/internal/graphtest"
)

func TestMeasureByHand(t *testing.T) {
	in, _, members := graphtest.Hand()
	m := Measure(graph.New(in, graph.DefaultWeights()), cluster.FromMembers(members, []string{"", ""}))
	// SM = mean(1/2², 2/3²) - 2/(2·2·3) = 0.23611 - 0.16667.
	want := Figures{Contexts: 2, SM: 0.0694, ICP: 0.5, IFN: 1, NED: 1, MQ: 1.1667, CrossContextImports: 2, SharedWriteTables: 1}
	got := m
	got.Modularity, got.LayerModularity = 0, [graph.NumLayers]float64{}
	if got != want {
		t.Errorf("metrics =\n%+v\nwant\n%+v", got, want)
	}
	// Both data edges cross the boundary, and the two contexts hold half
	// the data weight each: Q = 0 - (0.5² + 0.5²).
	if m.LayerModularity[graph.Imports] <= 0 || m.LayerModularity[graph.Data] != -0.5 {
		t.Errorf("modularity by layer = %v", m.LayerModularity)
	}
	fields := map[Metric]float64{ICP: m.ICP, IFN: m.IFN, Modularity: m.Modularity, MQ: m.MQ, NED: m.NED, SM: m.SM}
	if len(fields) != int(NumMetrics) {
		t.Fatalf("%d metrics, the test knows %d", NumMetrics, len(fields))
	}
	for metric, want := range fields {
		if got := m.Value(metric); got != want {
			t.Errorf("Value(%d) = %v, want %v", metric, got, want)
		}
	}
}

// TestModularityMatchesGonum checks the modularity figures against
// gonum's community.Q, the reference implementation, on every layer of a
// clustered input.
func TestModularityMatchesGonum(t *testing.T) {
	in, _ := graphtest.Generated(300, 6)
	g := graph.New(in, graph.DefaultWeights())
	part := cluster.Cluster(g, cluster.DefaultOptions())
	m := Measure(g, part)
	oracle := func(edges []graph.Edge) float64 {
		u := simple.NewWeightedUndirectedGraph(0, 0)
		dense := map[int]int64{}
		var comms [][]gg.Node
		for _, ms := range part.Members {
			var c []gg.Node
			for _, p := range ms {
				i, _ := g.Index(p)
				dense[i] = int64(len(dense))
				n := simple.Node(dense[i])
				u.AddNode(n)
				c = append(c, n)
			}
			comms = append(comms, c)
		}
		for _, e := range edges {
			x, okX := dense[e.A]
			y, okY := dense[e.B]
			if okX && okY {
				u.SetWeightedEdge(u.NewWeightedEdge(simple.Node(x), simple.Node(y), e.W))
			}
		}
		return community.Q(u, comms, 1)
	}
	if got, want := m.Modularity, oracle(g.Fused()); math.Abs(got-want) > 1e-4 {
		t.Errorf("fused modularity %v, gonum says %v", got, want)
	}
	for l := range graph.NumLayers {
		if got, want := m.LayerModularity[l], oracle(g.Layer(l)); math.Abs(got-want) > 1e-4 {
			t.Errorf("layer %d modularity %v, gonum says %v", l, got, want)
		}
	}
}
