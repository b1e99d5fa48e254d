package leiden

import (
	"math"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
)

func TestNewGraphRejects(t *testing.T) {
	tests := []struct {
		name  string
		n     int
		edges []Edge
		want  string
	}{
		{"negative nodes", -1, nil, "-1 nodes"},
		{"zero weight", 3, []Edge{{0, 1, 1}, {1, 2, 0}}, "edge 1 (1-2): weight 0"},
		{"negative weight", 3, []Edge{{0, 1, -2}}, "weight -2"},
		{"NaN weight", 3, []Edge{{0, 1, math.NaN()}}, "weight NaN"},
		{"infinite weight", 3, []Edge{{0, 1, math.Inf(1)}}, "weight +Inf"},
		{"negative infinite weight", 3, []Edge{{0, 1, math.Inf(-1)}}, "weight -Inf"},
		{"bad self-loop weight", 3, []Edge{{2, 2, math.NaN()}}, "weight NaN"},
		{"node too large", 3, []Edge{{0, 3, 1}}, "out of range"},
		{"negative node", 3, []Edge{{-1, 2, 1}}, "out of range"},
		{"edge in empty graph", 0, []Edge{{0, 0, 1}}, "out of range"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g, err := NewGraph(tt.n, tt.edges)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("NewGraph = %v, %v; want an error containing %q", g, err, tt.want)
			}
		})
	}
}

// The graph must not depend on the order or direction of its edges, nor
// on how a weight is split among duplicates, down to the last bit.
func TestNewGraphIgnoresEdgeOrder(t *testing.T) {
	base := random(1, 60, 400, layerWeights)
	want := base.graph()
	r := rand.New(rand.NewPCG(9, 9))
	for trial := range 5 {
		edges := append([]Edge(nil), base.edges...)
		r.Shuffle(len(edges), func(i, j int) { edges[i], edges[j] = edges[j], edges[i] })
		for i := range edges {
			if r.IntN(2) == 0 {
				edges[i].U, edges[i].V = edges[i].V, edges[i].U
			}
		}
		got, err := NewGraph(base.n, edges)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("trial %d: shuffled edges give a different graph", trial)
		}
	}
}

func TestNewGraphMergesAndDrops(t *testing.T) {
	g, err := NewGraph(4, []Edge{{0, 1, 1}, {1, 0, 3}, {2, 2, 5}, {1, 2, 4}})
	if err != nil {
		t.Fatal(err)
	}
	// The self-loop goes; weights are divided by the largest edge weight
	// left, 4, and 0-1's duplicates are summed.
	want := &Graph{
		start: []int32{0, 1, 3, 4, 4},
		nbr:   []int32{1, 0, 2, 1},
		w:     []float64{1, 1, 1, 1},
		self:  []float64{0, 0, 0, 0},
		deg:   []float64{1, 2, 1, 0},
		total: 4,
	}
	if !reflect.DeepEqual(g, want) {
		t.Errorf("NewGraph = %+v\nwant %+v", g, want)
	}
	if g.Len() != 4 {
		t.Errorf("Len = %d, want 4", g.Len())
	}
}

func TestZeroGraph(t *testing.T) {
	for _, g := range []*Graph{nil, {}} {
		if g.Len() != 0 {
			t.Errorf("Len = %d, want 0", g.Len())
		}
		p, err := Run(g, 1, 0)
		if err != nil || len(p.Labels) != 0 || p.Q != 0 {
			t.Errorf("Run = %+v, %v; want no labels, Q 0", p, err)
		}
	}
}
