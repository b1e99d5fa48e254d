package graph_test

import (
	"reflect"
	"testing"

	"github.com/seams-tool/seams/graph"
	"github.com/seams-tool/seams/graph/cochange"
	"github.com/seams-tool/seams/graph/internal/graphtest"
)

// TestKernelEdgesDoNotReweighTheRest checks that how the shared kernel
// changes together does not change how much each layer counts among the
// other packages: each layer is normalized again once the kernel is out.
func TestKernelEdgesDoNotReweighTheRest(t *testing.T) {
	shared := map[string]string{"log": "pinned", "db": "pinned", "cfg": "pinned"}
	withHistory := func(kernelPairs ...cochange.Pair) *graph.Graph {
		in := graphtest.ShopLike()
		in.CoChange = append([]cochange.Pair{
			{A: "billing", B: "billing/store", Shared: 5, Degree: 60, P: 0.001},
			{A: "ordering", B: "ordering/rules", Shared: 4, Degree: 50, P: 0.001},
		}, kernelPairs...)
		return graph.New(in, graph.DefaultWeights())
	}
	quiet := withHistory()
	busy := withHistory(
		cochange.Pair{A: "cfg", B: "db", Shared: 9, Degree: 90, P: 0.0001},
		cochange.Pair{A: "db", B: "log", Shared: 9, Degree: 90, P: 0.0001},
	)
	isShared := func(p string) bool { return shared[p] != "" }
	outside := func(g *graph.Graph) map[[2]int]float64 {
		out := map[[2]int]float64{}
		for _, e := range g.Fused() {
			if !isShared(g.Path(e.A)) && !isShared(g.Path(e.B)) {
				out[[2]int{e.A, e.B}] = e.W
			}
		}
		return out
	}
	// The check can fail: over the whole graph, the kernel's co-change
	// takes most of the layer and shrinks the domains' share.
	if reflect.DeepEqual(outside(quiet), outside(busy)) {
		t.Fatal("kernel co-change left the other weights unchanged before renormalizing; the test proves nothing")
	}
	a, b := outside(quiet.Without(isShared)), outside(busy.Without(isShared))
	if len(a) == 0 || !reflect.DeepEqual(a, b) {
		t.Errorf("weights outside the kernel depend on the kernel's own edges:\n%v\n%v", a, b)
	}
	for _, e := range quiet.Without(isShared).Fused() {
		if isShared(quiet.Path(e.A)) || isShared(quiet.Path(e.B)) {
			t.Errorf("edge %s-%s touches the kernel", quiet.Path(e.A), quiet.Path(e.B))
		}
	}
}

// TestModuleBoundariesDiscount: between packages of different modules,
// co-change and shared words count a quarter of what they count inside
// one; imports count fully either way.
func TestModuleBoundariesDiscount(t *testing.T) {
	in := graph.Input{
		Nodes:      []graph.Node{{Path: "svc/a/x"}, {Path: "svc/a/y"}, {Path: "svc/b/z"}},
		Imports:    []graph.Import{{From: "svc/a/x", To: "svc/a/y", Files: 1}, {From: "svc/a/y", To: "svc/b/z", Files: 1}},
		CoChange:   []cochange.Pair{{A: "svc/a/x", B: "svc/a/y", Degree: 50}, {A: "svc/a/y", B: "svc/b/z", Degree: 50}},
		Vocabulary: []graph.Similar{{A: "svc/a/x", B: "svc/a/y", Similarity: 0.5}, {A: "svc/a/y", B: "svc/b/z", Similarity: 0.5}},
	}
	weight := func(g *graph.Graph, l graph.Layer, a, b string) float64 {
		i, _ := g.Index(a)
		j, _ := g.Index(b)
		for _, e := range g.Layer(l) {
			if e.A == min(i, j) && e.B == max(i, j) || e.A == i && e.B == j || e.A == j && e.B == i {
				return e.W
			}
		}
		return 0
	}
	one := graph.New(in, graph.DefaultWeights())
	in.Module = func(p string) string { return p[:len("svc/a")] }
	two := graph.New(in, graph.DefaultWeights())
	for _, l := range []graph.Layer{graph.CoChange, graph.Vocabulary} {
		inside, across := weight(one, l, "svc/a/x", "svc/a/y"), weight(one, l, "svc/a/y", "svc/b/z")
		if inside != across {
			t.Fatalf("layer %d in one module: %v inside, %v across, want equal", l, inside, across)
		}
		inside, across = weight(two, l, "svc/a/x", "svc/a/y"), weight(two, l, "svc/a/y", "svc/b/z")
		if r := across / inside; r < 0.249 || r > 0.251 {
			t.Errorf("layer %d across modules: %v of the weight inside, want 0.25", l, r)
		}
	}
	if a, b := weight(one, graph.Imports, "svc/a/y", "svc/b/z"), weight(two, graph.Imports, "svc/a/y", "svc/b/z"); a == 0 || a != b {
		t.Errorf("the import across modules weighs %v in one module, %v in two: the boundary must not discount it", a, b)
	}
}

// TestSameLayerDiscount: between two slices of one technical layer, every
// kind of evidence counts half of what it counts between a slice and a
// package of its own domain.
func TestSameLayerDiscount(t *testing.T) {
	// ctl/pull and ctl/repo are slices of the controller layer; svc/pull
	// is the pull requests' service. Each pair has the same evidence.
	in := graph.Input{
		Nodes: []graph.Node{{Path: "ctl/pull"}, {Path: "ctl/repo"}, {Path: "svc/pull"}},
		Imports: []graph.Import{
			{From: "ctl/pull", To: "ctl/repo", Files: 2}, {From: "ctl/pull", To: "svc/pull", Files: 2},
		},
		Tables: []graph.TableUse{
			{Package: "ctl/pull", Table: "a", Write: true}, {Package: "ctl/repo", Table: "a", Write: true},
			{Package: "ctl/pull", Table: "b", Write: true}, {Package: "svc/pull", Table: "b", Write: true},
			{Package: "x", Table: "c"}, // a third user, so that a and b are not in every package
		},
		CoChange:   []cochange.Pair{{A: "ctl/pull", B: "ctl/repo", Degree: 50}, {A: "ctl/pull", B: "svc/pull", Degree: 50}},
		Vocabulary: []graph.Similar{{A: "ctl/pull", B: "ctl/repo", Similarity: 0.5}, {A: "ctl/pull", B: "svc/pull", Similarity: 0.5}},
	}
	in.Nodes = append(in.Nodes, graph.Node{Path: "x"})
	weight := func(g *graph.Graph, l graph.Layer, a, b string) float64 {
		i, _ := g.Index(a)
		j, _ := g.Index(b)
		for _, e := range g.Layer(l) {
			if e.A == min(i, j) && e.B == max(i, j) {
				return e.W
			}
		}
		return 0
	}
	flat := graph.New(in, graph.DefaultWeights())
	in.SameLayer = func(a, b string) bool { return a[:4] == "ctl/" && b[:4] == "ctl/" && a != b }
	layered := graph.New(in, graph.DefaultWeights())
	for l := range graph.NumLayers {
		sibling, domain := weight(flat, l, "ctl/pull", "ctl/repo"), weight(flat, l, "ctl/pull", "svc/pull")
		if sibling == 0 || sibling != domain {
			t.Fatalf("layer %d without layers: %v to the sibling, %v to the service, want equal and not 0", l, sibling, domain)
		}
		sibling, domain = weight(layered, l, "ctl/pull", "ctl/repo"), weight(layered, l, "ctl/pull", "svc/pull")
		if r := sibling / domain; r < 0.499 || r > 0.501 {
			t.Errorf("layer %d: the sibling slice weighs %v of the service, want 0.5", l, r)
		}
	}
}
