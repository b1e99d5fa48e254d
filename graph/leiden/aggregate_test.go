package leiden

import (
	"slices"
	"testing"
)

func TestComponents(t *testing.T) {
	// Two triangles and a pendant node, all in one community but 3; the
	// pendant hangs off the second triangle.
	tg := testGraph{n: 7, edges: []Edge{{0, 1, 1}, {1, 2, 1}, {0, 2, 1}, {3, 4, 1}, {4, 5, 1}, {3, 5, 1}, {5, 6, 1}}}
	g := tg.graph()
	comm := []int32{0, 0, 0, 0, 0, 0, 3}
	parts, k := components(g, comm)
	if want := []int32{0, 0, 0, 1, 1, 1, 2}; k != 3 || !slices.Equal(parts, want) {
		t.Errorf("components = %v, %d; want %v, 3", parts, k, want)
	}
	if before, after := modularity(g, comm, 1), modularity(g, parts, 1); !(after > before) {
		t.Errorf("splitting a disconnected community: Q %v -> %v, want a rise", before, after)
	}
}

// An aggregate keeps the degrees and 2m, and puts the weight inside each
// community on its self-loop, so modularity is the same on both levels.
func TestAggregateKeepsModularity(t *testing.T) {
	tg := lfr(61, lfrParams{n: 500, degExp: 2.5, sizeExp: 1.5, minDeg: 3, maxDeg: 40, minSize: 5, maxSize: 60, mu: 0.3, weight: layerWeights})
	g := tg.graph()
	r := newRunner(g, 1, 1)
	comm := make([]int32, g.Len())
	for i := range comm {
		comm[i] = int32(i)
	}
	r.moveNodes(g, comm)
	refined, k := r.refine(g, comm)
	agg, ids := r.aggregate(g, refined, k)
	if agg.Len() != k {
		t.Fatalf("aggregate has %d nodes, want %d", agg.Len(), k)
	}
	// Any partition of the aggregate, read back on g, has the same Q.
	for _, part := range [][]int32{comm, refined} {
		dense := canonical(part) // labels below the aggregate's node count
		up := make([]int32, agg.Len())
		for i, a := range ids {
			up[a] = int32(dense[i])
			part[i] = int32(dense[i])
		}
		if a, b := modularity(g, part, 1), modularity(agg, up, 1); a-b > 1e-12 || b-a > 1e-12 {
			t.Errorf("Q %v on the graph, %v on the aggregate", a, b)
		}
	}
}
