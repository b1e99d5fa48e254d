package rank

import (
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/seams-tool/seams/graph"
	"github.com/seams-tool/seams/graph/cluster"
	"github.com/seams-tool/seams/graph/internal/graphtest"
)

// TestRankRenamed ranks a graph, its partition and its history all moved
// to new paths: every context keeps its pressure and its risk, input by
// input. A trend ranks an old commit so, at today's paths.
func TestRankRenamed(t *testing.T) {
	in, h, members := graphtest.Hand()
	moved := map[string]string{"a1": "z/a1", "b3": "0/b3"}
	g := graph.New(in, graph.DefaultWeights())
	part := cluster.FromMembers(members, []string{"", ""})
	before := Contexts(g, part, h)
	after := Contexts(g.Renamed(moved), part.Renamed(moved), h.Renamed(moved))
	if len(after) != len(before) {
		t.Fatalf("%d contexts, want %d", len(after), len(before))
	}
	key := func(c Context, to func(string) string) string {
		ps := make([]string, len(c.Packages))
		for i, p := range c.Packages {
			ps[i] = to(p)
		}
		slices.Sort(ps)
		return strings.Join(ps, " ")
	}
	same := func(p string) string { return p }
	byMembers := map[string]Context{}
	for _, c := range before {
		byMembers[key(c, func(p string) string {
			if q, ok := moved[p]; ok {
				return q
			}
			return p
		})] = c
	}
	for _, c := range after {
		b, ok := byMembers[key(c, same)]
		if !ok {
			t.Errorf("context %v has no counterpart before the move", c.Packages)
			continue
		}
		if !reflect.DeepEqual(c.Pressure, b.Pressure) || !reflect.DeepEqual(c.Risk, b.Risk) || c.Heat != b.Heat {
			t.Errorf("context %v: pressure %+v risk %+v heat %q,\nwant %+v %+v %q", c.Packages, c.Pressure, c.Risk, c.Heat, b.Pressure, b.Risk, b.Heat)
		}
	}
	if h.Renamed(nil) != h {
		t.Error("history Renamed(nil) is a new history; want the history itself")
	}
	if r := h.Renamed(moved); r.Packages["a1"] != nil || r.Packages["z/a1"] != h.Packages["a1"] {
		t.Errorf("history packages not moved: %v", r.Packages)
	}
}
