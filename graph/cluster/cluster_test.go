package cluster

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/seams-tool/seams/graph"
	"github.com/seams-tool/seams/graph/internal/graphtest"
)

// cluster clusters the shop-like input with the default weights.
func cluster(in graph.Input, opt Options) *Partition {
	return Cluster(graph.New(in, graph.DefaultWeights()), opt)
}

func contextsOf(p *Partition) []string {
	var out []string
	for _, ms := range p.Members {
		out = append(out, strings.Join(ms, " "))
	}
	return out
}

func TestClusterShopLike(t *testing.T) {
	part := cluster(graphtest.ShopLike(), DefaultOptions())
	want := []string{
		"billing billing/rules billing/store",
		"catalog catalog/rules catalog/store",
		// Middleware only the HTTP layer uses is part of that layer.
		"cmd/app mw web",
		"identity identity/rules identity/store",
		"ordering ordering/rules ordering/store",
	}
	if got := contextsOf(part); !reflect.DeepEqual(got, want) {
		t.Errorf("contexts:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	var shared []string
	for p := range part.Shared {
		shared = append(shared, p)
	}
	if got := slices.Sorted(slices.Values(shared)); !reflect.DeepEqual(got, []string{"cfg", "db", "log"}) {
		t.Errorf("shared = %v (%v)", got, part.Shared)
	}
	if _, ok := part.Shared["catalog"]; ok {
		t.Error("catalog, a domain used by one other domain and the HTTP layer, was taken for platform")
	}
	if !reflect.DeepEqual(part.Unplaced, []string{"lonely"}) {
		t.Errorf("unplaced = %v", part.Unplaced)
	}
	for p, c := range part.Confidence {
		if c <= 0 || c > 1 {
			t.Errorf("confidence of %s = %v", p, c)
		}
	}
}

func TestClusterPinned(t *testing.T) {
	opt := DefaultOptions()
	opt.Shared = []string{"web"}
	opt.Declared = map[string][]string{"money": {"billing/**", "ordering/**"}}
	part := cluster(graphtest.ShopLike(), opt)
	if part.Shared["web"] != "pinned by a shared pattern" {
		t.Errorf("web not pinned to the kernel: %v", part.Shared)
	}
	found := false
	for i, ms := range part.Members {
		if part.Declared[i] == "money" {
			found = true
			got := strings.Join(ms, " ")
			for _, p := range []string{"billing", "billing/rules", "billing/store", "ordering", "ordering/rules", "ordering/store"} {
				if part.Of[p] != i {
					t.Errorf("%s is not in the declared context %s", p, got)
				}
			}
			if strings.Contains(got, "catalog") || strings.Contains(got, "identity") {
				t.Errorf("declared context took another domain: %s", got)
			}
		}
	}
	if !found {
		t.Errorf("no declared context: %v", contextsOf(part))
	}
}

func TestClusterDeterministic(t *testing.T) {
	opt := DefaultOptions()
	opt.Seed = 7
	a := cluster(graphtest.ShopLike(), opt)
	for i := 0; i < 5; i++ {
		in := graphtest.ShopLike()
		r := rand.New(rand.NewPCG(uint64(i), 0))
		r.Shuffle(len(in.Nodes), func(x, y int) { in.Nodes[x], in.Nodes[y] = in.Nodes[y], in.Nodes[x] })
		r.Shuffle(len(in.Imports), func(x, y int) { in.Imports[x], in.Imports[y] = in.Imports[y], in.Imports[x] })
		b := cluster(in, opt)
		if !reflect.DeepEqual(a, b) {
			t.Fatalf("shuffled input %d gave another partition:\n%v\n%v", i, contextsOf(a), contextsOf(b))
		}
	}
}

func TestMatch(t *testing.T) {
	for _, tc := range []struct {
		pat, p string
		want   bool
	}{
		{"internal/billing/**", "internal/billing", true},
		{"internal/billing/**", "internal/billing/store/x", true},
		{"internal/billing/**", "internal/billingx", false},
		{"*/store", "billing/store", true},
		{"*/store", "a/b/store", false},
		{"platform/*", "platform/db", true},
	} {
		if got := Match(tc.pat, tc.p); got != tc.want {
			t.Errorf("Match(%q, %q) = %v", tc.pat, tc.p, got)
		}
	}
}

// BenchmarkCluster clusters generated monoliths of 1,000 to 8,000
// packages (one domain per 50) with a kernel and history: the kernel
// rounds and the final clustering, 16 restarts each.
func BenchmarkCluster(b *testing.B) {
	for _, n := range []int{1000, 2000, 4000, 8000} {
		in, _ := graphtest.Generated(n, n/50)
		g := graph.New(in, graph.DefaultWeights())
		b.Run(fmt.Sprintf("packages=%d", n), func(b *testing.B) {
			for b.Loop() {
				Cluster(g, DefaultOptions())
			}
		})
	}
}
