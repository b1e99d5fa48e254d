package cluster

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/seams-tool/seams/graph"
	"github.com/seams-tool/seams/graph/internal/graphtest"
)

// TestToolingGroup checks that tools, their helpers and test suites form
// a group of their own, and that the rest still clusters by domain.
func TestToolingGroup(t *testing.T) {
	in := graphtest.ShopLike()
	add := func(p string, main bool, imports ...string) {
		in.Nodes = append(in.Nodes, graph.Node{Path: p, LOC: 50, Main: main})
		for _, to := range imports {
			in.Imports = append(in.Imports, graph.Import{From: p, To: to, Files: 1})
		}
	}
	add("tools/gen", true, "tools/gen/templates", "db", "billing")
	add("tools/gen/templates", false, "log")
	add("codegen/helpers", false, "log") // imported by tooling only
	in.Imports = append(in.Imports, graph.Import{From: "tools/gen", To: "codegen/helpers", Files: 1})
	add("ordering/e2etests", false, "ordering", "catalog")
	part := cluster(in, DefaultOptions())
	for _, p := range []string{"tools/gen", "tools/gen/templates", "codegen/helpers", "ordering/e2etests"} {
		if part.Tooling[p] == "" {
			t.Errorf("%s is not tooling (shared %q, context %v)", p, part.Shared[p], part.Of[p])
		}
		if _, ok := part.Of[p]; ok {
			t.Errorf("tooling package %s is in a context", p)
		}
	}
	if part.Tooling["billing"] != "" || part.Tooling["db"] != "" {
		t.Errorf("what tooling imports became tooling: %v", part.Tooling)
	}
	if got := contextsOf(part); len(got) != 5 {
		t.Errorf("contexts with tooling about: %v", got)
	}
}

// TestKernelLibraries checks the kernel's library clauses: a package under
// a library directory that two areas import, and one whose importers
// spread evenly over the contexts, join the kernel when they import only
// the kernel; a domain's own store, used by one other context, does not.
func TestKernelLibraries(t *testing.T) {
	in := graphtest.ShopLike()
	add := func(p string, imports ...string) {
		in.Nodes = append(in.Nodes, graph.Node{Path: p, LOC: 50})
		for _, to := range imports {
			in.Imports = append(in.Imports, graph.Import{From: p, To: to, Files: 1})
		}
	}
	add("util/retry", "log")
	add("money", "log")
	for _, from := range []string{"billing/rules", "ordering"} {
		in.Imports = append(in.Imports, graph.Import{From: from, To: "util/retry", Files: 1})
	}
	for _, from := range []string{"billing", "billing/rules", "catalog", "catalog/rules", "identity/rules", "ordering/rules"} {
		in.Imports = append(in.Imports, graph.Import{From: from, To: "money", Files: 1})
	}
	part := cluster(in, DefaultOptions())
	if why := part.Shared["util/retry"]; !strings.Contains(why, "library code by its directory") {
		t.Errorf("util/retry: shared %q", why)
	}
	if why := part.Shared["money"]; !strings.Contains(why, "participation") && why == "" {
		t.Errorf("money, used evenly by four contexts, is not shared")
	}
	if why := part.Shared["catalog/store"]; why != "" {
		t.Errorf("catalog/store, catalog's own store, was taken for a library: %q", why)
	}
	// The same package outside a library directory, used by one area,
	// stays with its domain.
	opt := DefaultOptions()
	opt.Libraries = nil
	if part := cluster(in, opt); strings.Contains(part.Shared["util/retry"], "by its directory") {
		t.Errorf("util/retry shared by its directory with no library names: %q", part.Shared["util/retry"])
	}
}

// TestSplitContext splits a context made of four dense groups in a ring,
// each joined to the next by one edge, and keeps a single dense group,
// and two groups (whose best split's modularity stays under minSplitQ),
// whole.
func TestSplitContext(t *testing.T) {
	var in graph.Input
	var all []string
	for grp := range 4 {
		for i := range 8 {
			p := fmt.Sprintf("g%d/p%d", grp, i)
			all = append(all, p)
			in.Nodes = append(in.Nodes, graph.Node{Path: p})
			for j := range i {
				in.Imports = append(in.Imports, graph.Import{From: p, To: fmt.Sprintf("g%d/p%d", grp, j), Files: 1})
			}
		}
	}
	for grp := range 4 {
		in.Imports = append(in.Imports, graph.Import{From: fmt.Sprintf("g%d/p0", grp), To: fmt.Sprintf("g%d/p1", (grp+1)%4), Files: 1})
	}
	g := graph.New(in, graph.DefaultWeights())
	parts := splitContext(g, all, DefaultOptions())
	if len(parts) != 4 || !strings.HasPrefix(parts[0][0], "g0/") || len(parts[0]) != 8 {
		t.Errorf("four groups split into %v", parts)
	}
	if parts := splitContext(g, all[:8], DefaultOptions()); len(parts) != 1 {
		t.Errorf("one dense group split into %v", parts)
	}
	if parts := splitContext(g, all[:16], DefaultOptions()); len(parts) != 1 {
		t.Errorf("two groups split into %v", parts)
	}
}

// TestKernelUtilities checks the utility clause: a leaf package that its
// importers' context holds by imports alone (no shared words, history or
// tables) joins the kernel, one that shares its context's words stays,
// and with no layer but imports to show the absence, nothing is untied.
func TestKernelUtilities(t *testing.T) {
	in := graphtest.ShopLike()
	for _, d := range []string{"billing", "catalog", "identity", "ordering"} {
		for _, p := range []string{d + "/store", d + "/rules"} {
			in.Vocabulary = append(in.Vocabulary, graph.Similar{A: d, B: p, Similarity: 0.5})
		}
	}
	add := func(p string, imports ...string) {
		in.Nodes = append(in.Nodes, graph.Node{Path: p, LOC: 50})
		for _, to := range imports {
			in.Imports = append(in.Imports, graph.Import{From: p, To: to, Files: 1})
		}
	}
	add("ordering/csvx", "log")
	add("ordering/pricing", "log")
	in.Imports = append(in.Imports,
		graph.Import{From: "ordering", To: "ordering/csvx", Files: 1},
		graph.Import{From: "ordering", To: "ordering/pricing", Files: 2},
		graph.Import{From: "ordering/rules", To: "ordering/pricing", Files: 1})
	in.Vocabulary = append(in.Vocabulary, graph.Similar{A: "ordering", B: "ordering/pricing", Similarity: 0.6})
	part := cluster(in, DefaultOptions())
	if why := part.Shared["ordering/csvx"]; !strings.Contains(why, "a utility") || !strings.Contains(why, "its words") {
		t.Errorf("ordering/csvx, tied to ordering by imports alone: shared %q, context %v", why, part.Of["ordering/csvx"])
	}
	if why := part.Shared["ordering/pricing"]; why != "" {
		t.Errorf("ordering/pricing shares ordering's words but was shared: %q", why)
	}
	if part.Of["ordering/pricing"] != part.Of["ordering"] {
		t.Errorf("ordering/pricing left ordering: %v", contextsOf(part))
	}
	for _, p := range []string{"billing/store", "catalog/rules", "ordering/store"} {
		if why := part.Shared[p]; why != "" {
			t.Errorf("%s, tied to its domain by words, was shared: %q", p, why)
		}
	}
	importsOnly := graph.Weights{}
	importsOnly[graph.Imports] = 1
	p2 := Cluster(graph.New(in, importsOnly), DefaultOptions())
	if why := p2.Shared["ordering/csvx"]; strings.Contains(why, "a utility") {
		t.Errorf("with imports alone, ordering/csvx was untied: %q", why)
	}
}

// TestKernelSchema checks the schema clause on a given first clustering:
// a package that defines tables that many contexts use, and that its own
// context does not mostly use, is the schema; a domain that defines its
// own tables and lets other contexts read them is not, and neither is a
// package that only calls into code that defines tables (carried DDL).
func TestKernelSchema(t *testing.T) {
	in := graphtest.ShopLike()
	in.Nodes = append(in.Nodes, graph.Node{Path: "migrations", LOC: 300})
	// It imports a domain, so that no other clause takes it first.
	in.Imports = append(in.Imports, graph.Import{From: "migrations", To: "billing", Files: 1})
	use := func(pkg, table string, ddl, carried bool) {
		in.Tables = append(in.Tables, graph.TableUse{Package: pkg, Table: table, DDL: ddl, Carried: carried})
	}
	pre := clustering{communities: [][]string{{"cmd/app"}, {"web"}, {"cfg", "db", "log", "mw"}}}
	for _, d := range []string{"billing", "catalog", "identity", "ordering"} {
		members := []string{d, d + "/rules", d + "/store"}
		if d == "billing" {
			members = append(members, "migrations")
		}
		pre.communities = append(pre.communities, members)
		use("migrations", d+"s", true, false)
		use(d+"/store", d+"s", false, false)
		// Every domain reads the accounts that identity defines.
		use(d+"/store", "accounts", false, false)
	}
	use("identity/store", "accounts", true, false)
	// billing calls the audit log's setup code, and three domains read it.
	use("billing", "audit", true, true)
	for _, d := range []string{"catalog", "identity", "ordering"} {
		use(d+"/store", "audit", false, false)
	}
	shared := map[string]string{}
	kernelRule(graph.New(in, graph.DefaultWeights()), pre, shared, map[string]string{}, map[string]string{}, nil)
	if why := shared["migrations"]; !strings.Contains(why, "the schema") {
		t.Errorf("migrations, defining every domain's tables, is not the schema: %q", why)
	}
	for _, p := range []string{"identity/store", "billing"} {
		if why := shared[p]; strings.Contains(why, "the schema") {
			t.Errorf("%s was taken for the schema: %q", p, why)
		}
	}
}

func TestTestHelper(t *testing.T) {
	for seg, want := range map[string]bool{
		"storetest": true, "plugintest": true, "httptest": true, "searchtest": true,
		"test": false, "latest": false, "contest": false, "attest": false, "store": false, "testing": false,
	} {
		if got := TestHelper(seg); got != want {
			t.Errorf("TestHelper(%q) = %v, want %v", seg, got, want)
		}
	}
}

// TestParticipationIsExact: the participation coefficient does not
// depend on the order a map gives its contexts in. Importers spread 1, 4
// and 9 over three contexts have exactly 0.5, the threshold of the
// library clause; summed as floats in map order it came out a hair
// below in some orders, and which packages joined the kernel changed
// run to run on a 1,700-package repository.
func TestParticipationIsExact(t *testing.T) {
	for i := range 200 {
		per := map[int]int{}
		for j, c := range []int{1, 4, 9} {
			per[(i+j)%3] = c // new maps, filled in varying orders
		}
		if got := participationOf(per); got != 0.5 {
			t.Fatalf("participation of 1, 4 and 9 importers = %v, want exactly 0.5", got)
		}
	}
	if got := participationOf(map[int]int{7: 3}); got != 0 {
		t.Errorf("one context: %v, want 0", got)
	}
}

// TestEntryImportedByTests: a package that wires every domain together is
// the delivery layer even when a test suite (tooling) imports it too;
// imported by a domain's package, it is that domain's library.
func TestEntryImportedByTests(t *testing.T) {
	var in graph.Input
	var members [][]string
	for _, d := range []string{"billing", "catalog", "orders", "users", "search", "mail"} {
		in.Nodes = append(in.Nodes, graph.Node{Path: d}, graph.Node{Path: d + "/store"})
		in.Imports = append(in.Imports, graph.Import{From: d, To: d + "/store", Files: 1}, graph.Import{From: "web", To: d, Files: 1})
		members = append(members, []string{d, d + "/store"})
	}
	in.Nodes = append(in.Nodes, graph.Node{Path: "web"}, graph.Node{Path: "main", Main: true}, graph.Node{Path: "tests"})
	in.Imports = append(in.Imports, graph.Import{From: "main", To: "web", Files: 1}, graph.Import{From: "tests", To: "web", Files: 1})
	members[0] = append(members[0], "web")
	for _, c := range []struct {
		name     string
		tooling  map[string]string
		delivery bool
	}{
		{"tests is tooling", map[string]string{"tests": "tooling by its directory (tests/)"}, true},
		{"tests is a domain's package", map[string]string{}, false},
	} {
		part := &Partition{Tooling: c.tooling}
		for _, ms := range members {
			part.Members = append(part.Members, slices.Clone(ms))
			part.Declared = append(part.Declared, "")
			part.Split = append(part.Split, false)
		}
		if c.name != "tests is tooling" {
			part.Members[1] = append(part.Members[1], "tests")
		}
		placeEntries(graph.New(in, graph.DefaultWeights()), part)
		if part.Delivery["web"] != c.delivery {
			t.Errorf("%s: web in the delivery layer %v, want %v", c.name, part.Delivery["web"], c.delivery)
		}
	}
}

// TestKernelHoldsWholePackages checks that a part of a package, imported
// from every context, stays in a context where the same code as a
// package of its own joins the kernel, and that a part only the kernel
// imports stays out of it too.
func TestKernelHoldsWholePackages(t *testing.T) {
	for _, tt := range []struct {
		whole  string // the node's package when it is a part
		shared bool
	}{{"", true}, {"models", false}} {
		in := graphtest.ShopLike()
		add := func(p string, imports ...string) {
			in.Nodes = append(in.Nodes, graph.Node{Path: p, LOC: 200, Whole: tt.whole})
			for _, to := range imports {
				in.Imports = append(in.Imports, graph.Import{From: p, To: to, Files: 1})
			}
		}
		add("models/#task", "log")
		add("models/#label", "log")
		for _, from := range []string{"billing", "catalog", "catalog/rules", "identity", "ordering", "ordering/rules"} {
			in.Imports = append(in.Imports, graph.Import{From: from, To: "models/#task", Files: 2})
		}
		in.Imports = append(in.Imports, graph.Import{From: "log", To: "models/#label", Files: 1})
		part := cluster(in, DefaultOptions())
		for _, p := range []string{"models/#task", "models/#label"} {
			if got := part.Shared[p] != ""; got != tt.shared {
				t.Errorf("whole %q: %s shared %v (%q), want %v", tt.whole, p, got, part.Shared[p], tt.shared)
			}
		}
	}
}
