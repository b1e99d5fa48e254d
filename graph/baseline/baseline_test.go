package baseline

import (
	"testing"

	"github.com/seams-tool/seams/graph"
	"github.com/seams-tool/seams/graph/cluster"
	"github.com/seams-tool/seams/graph/cochange"
	"github.com/seams-tool/seams/graph/internal/graphtest"
	"github.com/seams-tool/seams/graph/metrics"
	"github.com/seams-tool/seams/graph/rank"
)

// analysis clusters and ranks an input, as analyze does.
func analysis(in graph.Input) (*graph.Graph, *cluster.Partition, []rank.Context) {
	g := graph.New(in, graph.DefaultWeights())
	part := cluster.Cluster(g, cluster.DefaultOptions())
	return g, part, rank.Contexts(g, part, nil)
}

func contextOf(cs []rank.Context, pkg string) rank.Context {
	for _, c := range cs {
		for _, p := range c.Packages {
			if p == pkg {
				return c
			}
		}
	}
	return rank.Context{}
}

// TestKeepIdentityThroughRename renames the package a context's id is
// derived from: without matching the id changes, with it the context
// keeps its id and name.
func TestKeepIdentityThroughRename(t *testing.T) {
	in := graphtest.ShopLike()
	for i := range in.Nodes {
		if in.Nodes[i].Path == "billing/store" {
			in.Nodes[i].LOC = 300 // the anchor of billing's id
		}
	}
	g, part, cs := analysis(in)
	base := Freeze(g, part, cs, "")
	was := contextOf(cs, "billing")

	renamed := graphtest.ShopLike()
	for i := range renamed.Nodes {
		if renamed.Nodes[i].Path == "billing/store" {
			renamed.Nodes[i].Path, renamed.Nodes[i].LOC = "billing/storage", 300
		}
	}
	for i := range renamed.Imports {
		for _, s := range []*string{&renamed.Imports[i].From, &renamed.Imports[i].To} {
			if *s == "billing/store" {
				*s = "billing/storage"
			}
		}
	}
	_, _, now := analysis(renamed)
	if got := contextOf(now, "billing"); got.ID == was.ID {
		t.Fatalf("the id did not change with the anchor's path (%s): the test would prove nothing", got.ID)
	}
	KeepIdentity(base.Contexts, now)
	got := contextOf(now, "billing")
	if got.ID != was.ID || got.Name != was.Name {
		t.Errorf("after a rename billing is %s %q, want %s %q", got.ID, got.Name, was.ID, was.Name)
	}
	if c := contextOf(now, "billing/storage"); c.ID != was.ID {
		t.Errorf("package billing/storage is in %s, want %s", c.ID, was.ID)
	}
	// Every other context keeps its id too, ids stay unique, and the cut
	// lists name the new ids.
	seen := map[string]bool{}
	for _, c := range now {
		if seen[c.ID] {
			t.Errorf("duplicate id %s", c.ID)
		}
		seen[c.ID] = true
	}
	for _, c := range base.Contexts {
		if !seen[c.ID] {
			t.Errorf("baseline context %s (%s) lost its id", c.ID, c.Name)
		}
	}
	for _, c := range now {
		for _, e := range append(c.Cut.Inbound, c.Cut.Outbound...) {
			if !seen[e.Context] {
				t.Errorf("context %s's cut list names %s, which no context has", c.Name, e.Context)
			}
		}
	}
}

func TestFreezeAndCheckUnchanged(t *testing.T) {
	in := graphtest.ShopLike()
	g, part, cs := analysis(in)
	b := Freeze(g, part, cs, "")
	if len(b.CrossImports) == 0 {
		t.Fatal("nothing frozen")
	}
	res := Check(b, g, nil)
	if res.Regressions() != 0 || len(res.Placed) != 0 {
		t.Errorf("an unchanged graph has findings: %+v placed %v", res.Findings, res.Placed)
	}
	if res.Metrics != b.Metrics {
		t.Errorf("an unchanged graph measures otherwise:\n%+v\n%+v", res.Metrics, b.Metrics)
	}
	// A new package that imports billing is placed in billing; its import
	// of identity is a new cross-context import.
	in.Nodes = append(in.Nodes, graph.Node{Path: "billing/loyalty"})
	in.Imports = append(in.Imports,
		graph.Import{From: "billing/loyalty", To: "billing/store", Files: 3, At: "billing/loyalty/l.go:4"},
		graph.Import{From: "billing/loyalty", To: "identity", Files: 1, At: "billing/loyalty/l.go:5"})
	res = Check(b, graph.New(in, graph.DefaultWeights()), Tolerances{})
	billing := contextOf(cs, "billing").ID
	if len(res.Placed) != 1 || res.Placed[0] != [2]string{"billing/loyalty", billing} {
		t.Errorf("placed = %v, want billing/loyalty in %s", res.Placed, billing)
	}
	if res.Regressions() != 1 || res.Findings[0].Kind != CrossImport || res.Findings[0].Where != "billing/loyalty/l.go:5" {
		t.Errorf("findings = %+v", res.Findings)
	}
}

// TestFreezeMeasuresWithTheGraphsWeights checks that the metrics a
// baseline freezes are those of the graph it is given, weights and all:
// a baseline taken with imports alone must not freeze the modularity of
// every layer fused.
func TestFreezeMeasuresWithTheGraphsWeights(t *testing.T) {
	in := graphtest.ShopLike()
	// Co-change that cuts across the domains, so that the weights matter.
	in.CoChange = []cochange.Pair{
		{A: "billing", B: "catalog", Shared: 9, Degree: 80, P: 0.001},
		{A: "identity/rules", B: "ordering/store", Shared: 7, Degree: 70, P: 0.001},
	}
	all := graph.New(in, graph.DefaultWeights())
	importsOnly := graph.New(in, graph.Weights{graph.Imports: 1})
	part := cluster.Cluster(all, cluster.DefaultOptions())
	cs := rank.Contexts(all, part, nil)
	a, b := Freeze(all, part, cs, ""), Freeze(importsOnly, part, cs, "")
	if a.Metrics.Modularity == b.Metrics.Modularity {
		t.Fatal("the partition measures alike under both weights: the test proves nothing")
	}
	for _, tc := range []struct {
		g *graph.Graph
		b *Baseline
	}{{all, a}, {importsOnly, b}} {
		if want := metrics.Measure(tc.g, partitionOf(tc.b, tc.g, assignmentOf(tc.b))); tc.b.Metrics != want {
			t.Errorf("weights %v: frozen %+v, measured %+v", tc.g.Weights(), tc.b.Metrics, want)
		}
		if got := Check(tc.b, tc.g, nil).Metrics; got != tc.b.Metrics {
			t.Errorf("weights %v: checked %+v, frozen %+v", tc.g.Weights(), got, tc.b.Metrics)
		}
	}
}

// TestTightenNeverWorsens checks every figure of a tightened baseline
// against the baseline's and today's: each must be the better of the two,
// the layer modularities too, which no default tolerance checks.
func TestTightenNeverWorsens(t *testing.T) {
	g, part, cs := analysis(graphtest.ShopLike())
	b := Freeze(g, part, cs, "")
	for _, tc := range []struct {
		name   string
		change func(m *metrics.Figures)
	}{
		{"today better everywhere", func(m *metrics.Figures) {
			m.ICP, m.IFN, m.NED = m.ICP+0.1, m.IFN+1, m.NED+0.1
			m.Modularity, m.SM, m.MQ = m.Modularity-0.1, m.SM-0.1, m.MQ-1
			for l := range m.LayerModularity {
				m.LayerModularity[l] -= 0.1
			}
		}},
		{"today worse everywhere", func(m *metrics.Figures) {
			m.ICP, m.IFN, m.NED = m.ICP-0.1, m.IFN-1, m.NED-0.1
			m.Modularity, m.SM, m.MQ = m.Modularity+0.1, m.SM+0.1, m.MQ+1
			for l := range m.LayerModularity {
				m.LayerModularity[l] += 0.1
			}
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			was := b.Metrics
			tc.change(&was)
			is := Check(b, g, Tolerances{}).Metrics
			got := betterMetrics(was, is)
			for _, m := range []metrics.Metric{metrics.ICP, metrics.IFN, metrics.NED, metrics.Modularity, metrics.SM, metrics.MQ} {
				a, c := was.Value(m), is.Value(m)
				want := min(a, c)
				if m.HigherIsBetter() {
					want = max(a, c)
				}
				if got.Value(m) != want {
					t.Errorf("metric %d: got %v from %v and %v", m, got.Value(m), a, c)
				}
			}
			for l := range got.LayerModularity {
				if want := max(was.LayerModularity[l], is.LayerModularity[l]); got.LayerModularity[l] != want {
					t.Errorf("layer %d modularity %v, want %v", l, got.LayerModularity[l], want)
				}
			}
		})
	}
}

// TestNoTighteningPastARegression: a state with a regression tightens
// nothing, or its worse figures would be frozen as if they were better.
func TestNoTighteningPastARegression(t *testing.T) {
	in := graphtest.ShopLike()
	g, part, cs := analysis(in)
	b := Freeze(g, part, cs, "")
	if res := Check(b, g, Tolerances{}); res.Tightened == nil {
		t.Fatal("an unchanged state cannot be tightened: the test would prove nothing")
	}
	in.Imports = append(in.Imports, graph.Import{From: "billing", To: "identity/rules", Files: 1, At: "billing/b.go:3"})
	res := Check(b, graph.New(in, graph.DefaultWeights()), Tolerances{})
	if res.Regressions() == 0 || res.Tightened != nil {
		t.Errorf("regressions %d, tightened %v", res.Regressions(), res.Tightened != nil)
	}
}
