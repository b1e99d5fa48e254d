package cluster

import (
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/seams-tool/seams/graph"
	"github.com/seams-tool/seams/graph/internal/graphtest"
)

// TestPartitionRenamed moves a partition's packages so that its contexts
// change order: each keeps its members, its declared name and its
// confidences, and the partition is ordered as one found at the new
// paths would be.
func TestPartitionRenamed(t *testing.T) {
	opt := DefaultOptions()
	opt.Declared = map[string][]string{"money": {"billing/**"}}
	in := graphtest.ShopLike()
	in.Nodes = append(in.Nodes, graph.Node{Path: "tools/gen", LOC: 50, Main: true})
	in.Imports = append(in.Imports, graph.Import{From: "tools/gen", To: "catalog", Files: 1})
	part := cluster(in, opt)
	moved := map[string]string{
		"billing": "zz/billing", "billing/rules": "zz/billing/rules", "billing/store": "zz/billing/store",
		"cfg": "platform/cfg", "lonely": "alone", "web": "http/web", "tools/gen": "tools/codegen",
	}
	to := func(p string) string {
		if q, ok := moved[p]; ok {
			return q
		}
		return p
	}
	r := part.Renamed(moved)
	if part.Renamed(nil) != part {
		t.Error("Renamed(nil) is a new partition; want the partition itself")
	}

	var want, got []string
	declared := map[string]string{} // members -> declared name
	for i, ms := range part.Members {
		var n []string
		for _, m := range ms {
			n = append(n, to(m))
		}
		slices.Sort(n)
		want = append(want, strings.Join(n, " "))
		declared[strings.Join(n, " ")] = part.Declared[i]
	}
	slices.SortFunc(want, func(a, b string) int { return strings.Compare(strings.Fields(a)[0], strings.Fields(b)[0]) })
	for i, ms := range r.Members {
		if !slices.IsSorted(ms) {
			t.Errorf("context %d members not sorted: %v", i, ms)
		}
		k := strings.Join(ms, " ")
		got = append(got, k)
		if r.Declared[i] != declared[k] {
			t.Errorf("context %s declared %q, want %q", k, r.Declared[i], declared[k])
		}
		for _, m := range ms {
			if r.Of[m] != i {
				t.Errorf("Of[%s] = %d, want %d", m, r.Of[m], i)
			}
		}
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("contexts:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if slices.Equal(contextsOf(part), got) {
		t.Fatal("nothing moved: the test would prove little")
	}
	if len(r.Split) != len(r.Members) || len(r.Declared) != len(r.Members) {
		t.Errorf("%d contexts, %d split flags, %d declared names", len(r.Members), len(r.Split), len(r.Declared))
	}
	if r.Shared["platform/cfg"] != part.Shared["cfg"] || r.Shared["cfg"] != "" {
		t.Errorf("shared = %v", r.Shared)
	}
	if !slices.Equal(r.Unplaced, []string{"alone"}) {
		t.Errorf("unplaced = %v", r.Unplaced)
	}
	if r.Confidence["zz/billing/store"] != part.Confidence["billing/store"] || len(r.Confidence) != len(part.Confidence) {
		t.Errorf("confidence not moved: %v", r.Confidence)
	}
	// A declared context takes its packages out of the delivery layer's
	// reach: undeclared, web is an entry.
	plain := cluster(in, DefaultOptions())
	if d := plain.Renamed(moved).Delivery; !plain.Delivery["web"] || !d["http/web"] || d["web"] || len(d) != len(plain.Delivery) {
		t.Errorf("delivery = %v, was %v", d, plain.Delivery)
	}
	if part.Tooling["tools/gen"] == "" || r.Tooling["tools/codegen"] != part.Tooling["tools/gen"] || len(r.Tooling) != len(part.Tooling) {
		t.Errorf("tooling = %v, was %v", r.Tooling, part.Tooling)
	}
}
