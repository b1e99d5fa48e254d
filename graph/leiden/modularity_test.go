package leiden

import (
	"math"
	"math/rand/v2"
	"testing"
)

func TestModularityMatchesGonum(t *testing.T) {
	graphs := []struct {
		name string
		t    testGraph
	}{
		{"random sparse", random(1, 200, 500, uniformWeights)},
		{"random dense", random(2, 80, 2000, unitWeights)},
		{"random layer weights", random(3, 300, 1200, layerWeights)},
		{"with isolated nodes", random(4, 400, 100, uniformWeights)},
		{"planted", planted(5, 200, 5, 0.2, 0.01, uniformWeights)},
		{"fused-like", fusedLike(6, 600)},
	}
	for _, gr := range graphs {
		g, og := gr.t.graph(), newOrdered(gr.t)
		r := rand.New(rand.NewPCG(7, 7))
		for _, res := range []float64{0, 0.5, 1, 2} {
			engine, err := Run(g, res, 1)
			if err != nil {
				t.Fatal(err)
			}
			partitions := map[string][]int{
				"singletons": make([]int, g.Len()),
				"one":        make([]int, g.Len()),
				"random 7":   make([]int, g.Len()),
				"engine":     engine.Labels,
			}
			if gr.t.truth != nil {
				partitions["truth"] = gr.t.truth
			}
			for i := range g.Len() {
				partitions["singletons"][i] = i
				partitions["random 7"][i] = r.IntN(7)
			}
			for name, labels := range partitions {
				got, want := Modularity(g, labels, res), gonumQ(og, labels, res)
				if math.Abs(got-want) > 1e-9 {
					t.Errorf("%s, γ=%v, %s: Modularity = %.12f, community.Q = %.12f", gr.name, res, name, got, want)
				}
			}
			if engine.Q != Modularity(g, engine.Labels, res) {
				t.Errorf("%s, γ=%v: Run's Q %v != Modularity of its labels %v", gr.name, res, engine.Q, Modularity(g, engine.Labels, res))
			}
		}
	}
}

func TestModularityLabelValues(t *testing.T) {
	g := planted(1, 60, 3, 0.5, 0.05, uniformWeights).graph()
	dense := []int{}
	sparse := []int{}
	for i := range 60 {
		dense = append(dense, i%4)
		sparse = append(sparse, []int{-7, 1 << 40, 3, -1}[i%4])
	}
	if a, b := Modularity(g, dense, 1), Modularity(g, sparse, 1); a != b {
		t.Errorf("relabelled communities change Q: %v != %v", a, b)
	}
}

func TestModularityWithoutEdges(t *testing.T) {
	g, err := NewGraph(3, []Edge{{1, 1, 2}})
	if err != nil {
		t.Fatal(err)
	}
	if q := Modularity(g, []int{0, 0, 1}, 1); q != 0 {
		t.Errorf("Q = %v, want 0", q)
	}
}

func TestModularityPanicsOnLength(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("no panic for 2 labels on 3 nodes")
		}
	}()
	g, _ := NewGraph(3, nil)
	Modularity(g, []int{0, 1}, 1)
}
