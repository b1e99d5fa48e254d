package cluster

import (
	"fmt"
	"slices"
	"testing"

	"github.com/seams-tool/seams/graph"
)

// subsystem is a graph of three formats of one subsystem under dir (six
// packages each, dense inside, each pair of formats tied by ten imports),
// beside two domains of their own (billing and orders, six packages each,
// one import between them), and the partition into those five contexts.
func subsystem(dir string, layers ...string) (*graph.Graph, [][]string) {
	in := graph.Input{LayerDirs: layers}
	var groups [][]string
	clique := func(prefix string) {
		var g []string
		for i := range 6 {
			p := fmt.Sprintf("%s/p%d", prefix, i)
			in.Nodes = append(in.Nodes, graph.Node{Path: p})
			for _, q := range g {
				in.Imports = append(in.Imports, graph.Import{From: p, To: q, Files: 1})
			}
			g = append(g, p)
		}
		groups = append(groups, g)
	}
	formats := []string{"cargo", "nuget", "pypi"}
	for _, f := range formats {
		clique(dir + "/" + f)
	}
	for a := range formats {
		for b := a + 1; b < len(formats); b++ {
			for i := range 10 {
				in.Imports = append(in.Imports, graph.Import{From: groups[a][i%6], To: groups[b][(i+1)%6], Files: 1})
			}
		}
	}
	clique("internal/billing")
	clique("internal/orders")
	in.Imports = append(in.Imports, graph.Import{From: groups[3][0], To: groups[4][0], Files: 1})
	return graph.New(in, graph.DefaultWeights()), groups
}

// TestJoinAreas checks that the contexts of one subsystem's directory are
// joined when the coupling between them holds at half the resolution,
// that nothing is joined across directories, at the full resolution, or
// inside a technical layer's directory.
func TestJoinAreas(t *testing.T) {
	joined := func(g *graph.Graph, groups [][]string, resolution float64) *Partition {
		part := FromMembers(slices.Clone(groups), make([]string, len(groups)))
		part.Joined = joinAreas(g, part.Members, part.Declared, resolution)
		part.dropEmpty()
		part.normalize()
		return part
	}
	g, groups := subsystem("registry/app")
	part := joined(g, groups, 1)
	if len(part.Members) != 3 {
		t.Fatalf("got %d contexts %v, want the three formats joined beside billing and orders", len(part.Members), part.Members)
	}
	reg := part.Of["registry/app/cargo/p0"]
	if len(part.Members[reg]) != 18 || part.Joined[reg] != "registry/app" {
		t.Errorf("the registry context holds %d packages, joined %q; want 18 and registry/app", len(part.Members[reg]), part.Joined[reg])
	}
	if b, o := part.Of["internal/billing/p0"], part.Of["internal/orders/p0"]; b == o || part.Joined[b] != "" || part.Joined[o] != "" {
		t.Errorf("billing and orders: contexts %d and %d, joined %q and %q; want apart and not joined", b, o, part.Joined[b], part.Joined[o])
	}
	// At twice the resolution the joins are judged at modularity's own:
	// the clustering's answer stands.
	if part := joined(g, groups, 2); len(part.Members) != 5 {
		t.Errorf("at resolution 2: %d contexts, want the five as found", len(part.Members))
	}
	// The same shape as a technical layer's slices is left alone.
	g, groups = subsystem("api/handlers", "api/handlers")
	if part := joined(g, groups, 1); len(part.Members) != 5 {
		t.Errorf("inside a layer's directory: %d contexts, want the five as found", len(part.Members))
	}
}

func TestAreaDir(t *testing.T) {
	for _, tc := range []struct{ path, want string }{
		{"registry/app/pkg/cargo", "registry/app"},
		{"registry/app", "registry/app"},
		{"registry", ""},
		{"app/api/controller/pullreq", "app/api/controller"},
		{"internal/billing/store", "internal/billing/store"},
		{"internal/app", ""},
	} {
		if got := areaDir(tc.path); got != tc.want {
			t.Errorf("areaDir(%q) = %q, want %q", tc.path, got, tc.want)
		}
	}
}
