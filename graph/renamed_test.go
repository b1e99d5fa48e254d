package graph

import (
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/seams-tool/seams/graph/cochange"
)

// TestRenamed checks that a graph moved to new paths weighs every edge as
// the graph at the old paths does: the same-layer and cross-module
// discounts follow the moved packages, and so do their terms, slices,
// tables and symbol uses.
func TestRenamed(t *testing.T) {
	sameLayer := func(a, b string) bool { // old paths: a/x and a/y are slices of layer a
		return a != b && strings.HasPrefix(a, "a/") && strings.HasPrefix(b, "a/")
	}
	module := func(p string) string { return p[:1] }
	in := Input{
		Nodes:      []Node{{Path: "a/x", LOC: 10}, {Path: "a/y", LOC: 20}, {Path: "b/z", LOC: 30}},
		Imports:    []Import{{From: "a/x", To: "a/y", Files: 2}, {From: "a/y", To: "b/z", Files: 2}},
		Tables:     []TableUse{{Package: "a/x", Table: "t", Write: true}, {Package: "b/z", Table: "t"}, {Package: "a/y", Table: "t", Write: true}},
		CoChange:   []cochange.Pair{{A: "a/x", B: "a/y", Degree: 80, P: 0.01}, {A: "a/x", B: "b/z", Degree: 80, P: 0.01}},
		Vocabulary: []Similar{{A: "a/x", B: "a/y", Similarity: 0.8}, {A: "a/y", B: "b/z", Similarity: 0.8}},
		Terms:      map[string][]Term{"a/x": {{Word: "order", Weight: 1}}},
		Uses:       []SymbolUse{{From: "a/x", To: "b/z", Symbol: "F", Kind: "func", Sites: 1}},
		Homonyms:   map[string][]string{"T": {"a/x", "b/z"}},
		Sliced:     map[string]bool{"a/x": true, "a/y": true},
		SameLayer:  sameLayer,
		Module:     module,
	}
	g := New(in, DefaultWeights())
	moved := map[string]string{"a/x": "c/x"} // c/x sorts after b/z: every index moves
	r := g.Renamed(moved)
	to := func(p string) string {
		if q, ok := moved[p]; ok {
			return q
		}
		return p
	}

	if g.Renamed(nil) != g {
		t.Error("Renamed(nil) is a new graph; want the graph itself")
	}
	for l := range NumLayers {
		want := map[[2]string]float64{}
		for _, e := range g.Layer(l) {
			a, b := to(g.Path(e.A)), to(g.Path(e.B))
			want[[2]string{min(a, b), max(a, b)}] = e.W
		}
		got := map[[2]string]float64{}
		for _, e := range r.Layer(l) {
			got[[2]string{r.Path(e.A), r.Path(e.B)}] = e.W
		}
		if len(want) < 2 {
			t.Fatalf("layer %d has %d edges; the test needs two to see a discount", l, len(want))
		}
		for k, w := range want {
			if math.Abs(got[k]-w) > 1e-12 {
				t.Errorf("layer %d, %s-%s: weight %v moved, want %v", l, k[0], k[1], got[k], w)
			}
		}
		if len(got) != len(want) {
			t.Errorf("layer %d: %d edges moved, want %d", l, len(got), len(want))
		}
	}
	if got := r.Terms("c/x"); len(got) != 1 || got[0].Word != "order" {
		t.Errorf("Terms(c/x) = %v, want a/x's", got)
	}
	if !r.Sliced("c/x") || r.Sliced("a/x") {
		t.Errorf("Sliced(c/x) = %v, Sliced(a/x) = %v; want true, false", r.Sliced("c/x"), r.Sliced("a/x"))
	}
	if u := r.Uses(); len(u) != 1 || u[0].From != "c/x" {
		t.Errorf("Uses() = %v, want one from c/x", u)
	}
	if h := r.Homonyms()["T"]; !slices.Equal(h, []string{"b/z", "c/x"}) {
		t.Errorf("Homonyms()[T] = %v, want [b/z c/x]", h)
	}
	var tables []string
	for _, u := range r.Tables() {
		tables = append(tables, u.Package)
	}
	if !slices.IsSorted(tables) || !slices.Contains(tables, "c/x") {
		t.Errorf("Tables() packages = %v, want sorted with c/x", tables)
	}
}
