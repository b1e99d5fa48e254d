package rank

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/seams-tool/seams/graph"
	"github.com/seams-tool/seams/graph/cluster"
	"github.com/seams-tool/seams/graph/cochange"
	"github.com/seams-tool/seams/graph/internal/graphtest"
	"github.com/seams-tool/seams/graph/metrics"
)

func near(a, b float64) bool { return math.Abs(a-b) < 1e-3 }

func input(s Score, name string) Input {
	for _, in := range s.Inputs {
		if in.Name == name {
			return in
		}
	}
	return Input{Name: "missing " + name}
}

func TestRankByHand(t *testing.T) {
	in, h, members := graphtest.Hand()
	cs := Contexts(graph.New(in, graph.DefaultWeights()), cluster.FromMembers(members, []string{"", ""}), h)
	byFirst := map[string]Context{}
	for _, c := range cs {
		byFirst[c.Packages[0]] = c
	}
	a, b := byFirst["a1"], byFirst["b1"]
	for _, tc := range []struct {
		ctx        Context
		score      func(Context) Score
		name       string
		raw, value float64
	}{
		// Risk of A: b3 imports a2 (1 package, 3 files); A imports b1.
		{a, risk, "inbound", 1, 1 - math.Pow(2, -1.0/3)},
		{a, risk, "outbound", 1, 1 - math.Pow(2, -1.0/3)},
		{a, risk, "sharedWriteTables", 1, 0.5},
		{a, risk, "sharedTables", 1, 1 - math.Pow(2, -0.5)},
		{a, risk, "cycles", 1, 0.5},
		// A's commits: days 0, 10, 380, 400; day 0 also touches B.
		{a, risk, "crossCoChange", 0.25, 0.25},
		{a, risk, "size", 200.0 / 400, 0.5 / (0.5 + 0.5)},
		// B: only b1 is read-shared (u): no shared writes for b1, but b2
		// writes t, so B has one shared-write table and one shared one.
		{b, risk, "sharedWriteTables", 1, 0.5},
		{b, risk, "crossCoChange", 0.5, 0.5},
		// Pressure of A: window = days (35, 400]: commits of days 380,
		// 390, 400; A has 2 of 3, B 1 of 3.
		{a, press, "commits", 2.0 / 3, (2.0 / 3) / (2.0/3 + 0.5)},
		{b, press, "commits", 1.0 / 3, (1.0 / 3) / (1.0/3 + 0.5)},
		{a, press, "authors", 1.0 / 2, 0.5},
		{a, press, "recency", 0, 1},
		{b, press, "recency", 10, math.Exp(-10.0 / 90)},
		// Trend: A has 2 commits in the window and 2 in the one before,
		// B 1 and 1: (n+1)/(m+1) = 1 for both, flat.
		{a, press, "trend", 1, 0.5},
		{b, press, "trend", 1, 0.5},
	} {
		in := input(tc.score(tc.ctx), tc.name)
		if !near(in.Raw, tc.raw) || !near(in.Value, tc.value) {
			t.Errorf("%s %s: raw %v value %v, want %v %v (%s)", tc.ctx.Name, tc.name, in.Raw, in.Value, tc.raw, tc.value, in.Note)
		}
	}
	for _, c := range cs {
		for _, s := range []Score{c.Pressure, c.Risk} {
			sum, w := 0.0, 0.0
			for _, in := range s.Inputs {
				sum += in.Weight * in.Value
				w += in.Weight
			}
			if !near(sum, s.Value) || !near(w, 1) || s.Value < 0 || s.Value > 1 {
				t.Errorf("%s: score %v, inputs sum to %v with weights %v", c.Name, s.Value, sum, w)
			}
		}
	}
	// The cut lists name both sides.
	if len(a.Cut.Inbound) != 1 || a.Cut.Inbound[0] != (CrossImport{From: "b3", To: "a2", Files: 3, Context: b.ID}) {
		t.Errorf("A inbound = %+v", a.Cut.Inbound)
	}
	if len(a.Cut.Tables) != 2 || a.Cut.Tables[0].Name != "t" || a.Cut.Tables[0].Owner == "" || len(a.Cut.Tables[0].Writers) != 2 {
		t.Errorf("A tables = %+v", a.Cut.Tables)
	}
	if cs[0].Order != 1 || cs[1].Order != 2 {
		t.Errorf("orders %d %d", cs[0].Order, cs[1].Order)
	}
	d0 := cs[0].Pressure.Value - cs[0].Risk.Value
	d1 := cs[1].Pressure.Value - cs[1].Risk.Value
	if d0 < d1 {
		t.Errorf("extraction order not by pressure minus risk: %v then %v", d0, d1)
	}
}

func TestSliceName(t *testing.T) {
	repo := []string{
		"models/packages", "models/packages/npm", "modules/packages/npm", "routers/api/packages/npm",
		"services/packages", "routers/api/repo", "services/repository", "models/repo",
		"models/auth", "services/auth", "routers/web/auth", "modules/log", "internal/billing", "internal/billing/store",
		"pkg/mocks/billing",
	}
	rp := newRepoPaths(repo)
	segments := rp.segments
	loc := map[string]int{"routers/api/packages/npm": 900, "modules/log": 50}
	for _, tc := range []struct {
		name    string
		members []string
		want    string
	}{
		// One domain's slices across the layers: its segment names it.
		{"slices", []string{"models/packages", "models/packages/npm", "modules/packages/npm", "routers/api/packages/npm", "services/packages", "modules/log"}, "packages"},
		// Too little of the context's code is in auth (two of five packages).
		{"minority", []string{"models/auth", "services/auth", "routers/api/repo", "services/repository", "models/repo"}, ""},
		// The context holds two of the five packages of packages: the domain is bigger than it.
		{"held", []string{"models/packages", "services/packages"}, ""},
		// Generic and noise segments (internal, mocks) name nothing.
		{"generic", []string{"internal/billing", "internal/billing/store", "pkg/mocks/billing"}, "billing"},
		// Layer names: models is in most of the code but holds 3 of 4 packages elsewhere.
		{"layer", []string{"models/packages", "models/repo"}, ""},
		{"single", []string{"models/packages"}, ""},
	} {
		if got := sliceName(tc.members, loc, segments); got != tc.want {
			t.Errorf("%s: sliceName(%v) = %q, want %q", tc.name, tc.members, got, tc.want)
		}
	}
	// It comes before the terms.
	terms := []graph.Term{{Word: "metadata", Weight: 5}, {Word: "version", Weight: 4}}
	if got := contextName([]string{"models/packages", "modules/packages/npm", "services/packages"}, loc, nil, terms, nil, rp); got != "packages" {
		t.Errorf("contextName of the packages slices = %q, want packages", got)
	}
	// Layout directories alone are named as laid out, whatever their terms.
	if got := contextName([]string{".", "cmd"}, map[string]int{".": 10, "cmd": 500}, nil, terms, nil, rp); got != "cmd" {
		t.Errorf("contextName of the root and cmd = %q, want cmd", got)
	}
	if got := contextName([]string{"."}, nil, nil, terms, nil, rp); got != "root" {
		t.Errorf("contextName of the root = %q, want root", got)
	}
}

func risk(c Context) Score  { return c.Risk }
func press(c Context) Score { return c.Pressure }

func TestNames(t *testing.T) {
	loc := map[string]int{"internal/billing": 100, "internal/billing/store": 300, "cmd/billingd": 10}
	if got := contextName([]string{"internal/billing", "internal/billing/store", "cmd/billingd"}, loc, nil, nil, nil, nil); got != "billing" {
		t.Errorf("name = %q, want billing", got)
	}
	loc = map[string]int{"orders": 100, "catalog": 90}
	if got := contextName([]string{"orders", "catalog"}, loc, nil, nil, nil, nil); got != "orders+catalog" {
		t.Errorf("name = %q", got)
	}
	if got := contextName([]string{"."}, nil, []string{"invoices"}, nil, nil, nil); got != "invoices" {
		t.Errorf("name = %q", got)
	}
	a := contextID([]string{"x", "y"}, map[string]int{"x": 10, "y": 20})
	b := contextID([]string{"y", "z"}, map[string]int{"y": 20, "z": 5})
	if a != b {
		t.Errorf("ids of contexts anchored at the same package differ: %s %s", a, b)
	}
	for _, tc := range []struct {
		members []string
		loc     map[string]int
		terms   []graph.Term
		want    string
	}{
		// Test helpers, fixtures, mocks and API versions name nothing.
		{[]string{"pkg/fixtures", "central/alert"}, map[string]int{"pkg/fixtures": 900, "central/alert": 100}, nil, "central"},
		{[]string{"server/v2.0/handler", "server/v2.0/models"}, map[string]int{"server/v2.0/handler": 100, "server/v2.0/models": 10}, nil, "handler"},
		{[]string{"app/mocks/pullreq", "app/services/pullreq"}, map[string]int{"app/mocks/pullreq": 500, "app/services/pullreq": 10}, nil, "pullreq"},
		// The path wins when it is one of the heaviest terms...
		{[]string{"app/services/pullreqs"}, nil, []graph.Term{{Word: "review", Weight: 3}, {Word: "pullreq", Weight: 2}}, "pullreqs"},
		// ...the terms when the path says something else.
		{[]string{"central/graphql"}, nil, []graph.Term{{Word: "vulnerability", Weight: 5}, {Word: "image", Weight: 3}, {Word: "node", Weight: 1}}, "vulnerability+image"},
		{[]string{"central/graphql"}, nil, []graph.Term{{Word: "vulnerability", Weight: 5}, {Word: "image", Weight: 2}}, "vulnerability"},
		// A heavy term that names directories holding a quarter of the
		// code names the context, before the heaviest terms do...
		{[]string{"adapters/gotaglib", "core/storage", "model/metadata", "scanner/metadata_old"},
			map[string]int{"adapters/gotaglib": 100, "core/storage": 400, "model/metadata": 300, "scanner/metadata_old": 200},
			[]graph.Term{{Word: "date", Weight: 9}, {Word: "pair", Weight: 8}, {Word: "tag", Weight: 5}, {Word: "metadata", Weight: 4}}, "metadata"},
		// The term whose directories hold the most code, if another
		// heavier one also names some...
		{[]string{"api/alert", "api/policy/rules", "api/policy/store"},
			map[string]int{"api/alert": 300, "api/policy/rules": 400, "api/policy/store": 300},
			[]graph.Term{{Word: "alert", Weight: 9}, {Word: "rule", Weight: 8}, {Word: "policy", Weight: 3}}, "policy"},
		// ...never a word of errors and flags, nor one a directory's name
		// only begins with (author is not auth).
		{[]string{"api/enabled", "api/author"},
			map[string]int{"api/enabled": 900, "api/author": 900},
			[]graph.Term{{Word: "enabled", Weight: 9}, {Word: "auth", Weight: 8}, {Word: "token", Weight: 5}}, "auth+token"},
		// ...but not with less.
		{[]string{"adapters/gotaglib", "core/storage", "model/metadata"},
			map[string]int{"adapters/gotaglib": 100, "core/storage": 900, "model/metadata": 200},
			[]graph.Term{{Word: "date", Weight: 9}, {Word: "pair", Weight: 8}, {Word: "tag", Weight: 5}, {Word: "metadata", Weight: 4}}, "date+pair"},
		// Words of errors and flags couple code but name nothing.
		{[]string{"internal/database"}, nil, []graph.Term{{Word: "already", Weight: 9}, {Word: "attachment", Weight: 5}, {Word: "exist", Weight: 5}, {Word: "label", Weight: 4}}, "attachment+label"},
		// Nor do a migration's directions.
		{[]string{"db/migrations"}, nil, []graph.Term{{Word: "down", Weight: 9}, {Word: "repository", Weight: 5}, {Word: "playlist", Weight: 4}}, "repository+playlist"},
	} {
		loc := tc.loc
		if loc == nil {
			loc = map[string]int{}
		}
		if got := contextName(tc.members, loc, nil, tc.terms, nil, nil); got != tc.want {
			t.Errorf("contextName(%v, terms %v) = %q, want %q", tc.members, tc.terms, got, tc.want)
		}
	}
	// A layer's name, below ten directories of the repository, names no
	// context, however much of its code it holds.
	var repo []string
	for _, d := range []string{"alert", "cve", "deployment", "image", "node", "policy", "role", "secret", "cluster", "network"} {
		repo = append(repo, "central/"+d+"/datastore", "central/"+d+"/service")
	}
	layered := []graph.Term{{Word: "store", Weight: 9}, {Word: "policy", Weight: 5}, {Word: "datastore", Weight: 4}}
	members := []string{"central/alert/datastore", "central/policy/datastore"}
	big := map[string]int{"central/alert/datastore": 500, "central/policy/datastore": 900}
	if got := contextName(members, big, nil, layered, nil, newRepoPaths(repo)); got != "policy" {
		t.Errorf("a context under a layer's directories named %q, want policy", got)
	}
	// A word the whole repository uses still names its own path.
	if got := contextName([]string{"ordering/cart"}, map[string]int{}, nil, []graph.Term{{Word: "line", Weight: 3}, {Word: "cart", Weight: 2}}, []string{"order"}, nil); got != "ordering" {
		t.Errorf("ordering named %q", got)
	}
	if a, b := contextID([]string{"pkg/fixtures", "billing"}, map[string]int{"pkg/fixtures": 900, "billing": 1}), contextID([]string{"billing"}, nil); a != b {
		t.Errorf("a fixture package anchors the id: %s, want %s", a, b)
	}
	names := []string{"a", "b", "a", "a"}
	uniqueNames(names)
	if names[2] != "a-2" || names[3] != "a-3" {
		t.Errorf("unique names = %v", names)
	}
}

// BenchmarkClusterAndRank runs the whole model on a generated monolith of
// 2,000 packages in 40 domains with a kernel and history.
func BenchmarkClusterAndRank(b *testing.B) {
	in, h := graphtest.Generated(2000, 40)
	for b.Loop() {
		g := graph.New(in, graph.DefaultWeights())
		part := cluster.Cluster(g, cluster.DefaultOptions())
		Contexts(g, part, h)
		metrics.Measure(g, part)
	}
}

// TestScoresAlwaysFinite ranks random small repositories and histories,
// including contexts no counted commit touches and histories of one
// commit: every figure must be a finite number, or the model cannot be
// written.
func TestScoresAlwaysFinite(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 11))
	for trial := range 300 {
		var in graph.Input
		n := 2 + r.IntN(12)
		path := func(i int) string { return fmt.Sprintf("d%d/p%d", i%3, i) }
		for i := range n {
			in.Nodes = append(in.Nodes, graph.Node{Path: path(i), LOC: r.IntN(300)})
		}
		for range r.IntN(3 * n) {
			a, b := r.IntN(n), r.IntN(n)
			if a != b {
				in.Imports = append(in.Imports, graph.Import{From: path(a), To: path(b), Files: 1 + r.IntN(3)})
			}
		}
		var commits []cochange.Commit
		for c := range r.IntN(8) {
			cm := cochange.Commit{When: graphtest.Day(r.IntN(900)), Author: fmt.Sprint("a", c%3)}
			files := 1 + r.IntN(4)
			if r.IntN(4) == 0 {
				files = 60 // a bulk commit: dropped from counting
			}
			for f := range files {
				cm.Files = append(cm.Files, cochange.FileChange{Path: fmt.Sprintf("%s/f%d.go", path(r.IntN(n)), f), Churn: r.IntN(40)})
			}
			commits = append(commits, cm)
		}
		opt := cochange.DefaultOptions()
		opt.MinShared = 1
		h := cochange.Aggregate(commits, opt, cochange.Files{PackageOf: func(f string) (string, bool) { return path2dir(f), true }})
		in.CoChange = h.Pairs
		g := graph.New(in, graph.DefaultWeights())
		// Every package its own context, and one context of all: the
		// extremes of what clustering can hand over.
		var each [][]string
		for i := range n {
			each = append(each, []string{path(i)})
		}
		var all []string
		for i := range n {
			all = append(all, path(i))
		}
		for _, members := range [][][]string{each, {all}} {
			part := cluster.FromMembers(members, make([]string, len(members)))
			for _, c := range Contexts(g, part, h) {
				for _, s := range []Score{c.Pressure, c.Risk} {
					if s.Low > s.Value || s.Value > s.High {
						t.Fatalf("trial %d: context %s: %v outside its interval [%v, %v]", trial, c.Name, s.Value, s.Low, s.High)
					}
					for _, in := range append(s.Inputs, Input{Name: "score", Raw: s.Value, Value: s.Value}, Input{Name: "interval", Raw: s.Low, Value: s.High}) {
						if math.IsNaN(in.Raw) || math.IsInf(in.Raw, 0) || math.IsNaN(in.Value) || math.IsInf(in.Value, 0) {
							t.Fatalf("trial %d: context %s input %s = %v, %v", trial, c.Name, in.Name, in.Raw, in.Value)
						}
					}
				}
			}
		}
	}
}

func path2dir(f string) string { return f[:strings.LastIndexByte(f, '/')] }

// TestTellApart renames contexts that share a name without making them
// collide with a third.
func TestTellApart(t *testing.T) {
	members := [][]string{
		{"central/alert", "central/alert/store"},               // alert: already its own name
		{"central/policy/a", "central/policy/b"},               // speaks of alerts, lies in policy
		{"central/compliance", "central/compliance/standards"}, // speaks of standards, lies in compliance
		{"central/search/x", "central/search/y"},               // speaks of alerts only
		{"web/alert/a", "web/alert/b"},                         // lies in alert, which is taken; speaks of audits
		{"x/f1", "x/f2"},                                       // speaks of billing...
		{"y/g1", "y/g2"},                                       // ...as does this one, after it
	}
	loc := map[string]int{"central/compliance": 900, "central/compliance/standards": 300}
	terms := [][]graph.Term{
		{{Word: "alert", Weight: 9}},
		{{Word: "alert", Weight: 9}, {Word: "policy", Weight: 3}},
		{{Word: "standard", Weight: 9}, {Word: "cm", Weight: 8}, {Word: "compliance", Weight: 2}},
		{{Word: "alert", Weight: 9}},
		{{Word: "audit", Weight: 9}, {Word: "alert", Weight: 3}},
		{{Word: "billing", Weight: 9}},
		{{Word: "billing", Weight: 9}},
	}
	var paths []string
	for _, ms := range members {
		paths = append(paths, ms...)
	}
	names := []string{"alert", "central", "central", "central", "central", "central", "central"}
	// FromMembers sorts the contexts by their first member: keep the
	// names and terms beside theirs.
	byFirst := map[string]int{}
	for i, ms := range members {
		byFirst[ms[0]] = i
	}
	part := cluster.FromMembers(slices.Clone(members), make([]string, len(members)))
	n, tm := make([]string, len(names)), make([][]graph.Term, len(names))
	for i, ms := range part.Members {
		n[i], tm[i] = names[byFirst[ms[0]]], terms[byFirst[ms[0]]]
	}
	tellApart(n, part, tm, make([]bool, len(n)), loc, newRepoPaths(paths))
	got := map[string]string{}
	for i, ms := range part.Members {
		got[ms[0]] = n[i]
	}
	want := map[string]string{
		"central/alert":      "alert",
		"central/policy/a":   "policy",         // its directory's term, before its heaviest
		"central/compliance": "compliance",     // the same, though its heaviest terms are free
		"central/search/x":   "central/search", // every term taken: the deeper path
		"web/alert/a":        "audit",          // its directory's term taken: its heaviest
		"x/f1":               "billing",        // the first to ask for a free term gets it
	}
	for first, name := range want {
		if got[first] != name {
			t.Errorf("context at %s named %q, want %q", first, got[first], name)
		}
	}
	if got["y/g1"] == "billing" || got["y/g1"] == "" {
		t.Errorf("the second context speaking of billing named %q", got["y/g1"])
	}
}

// TestTellApartKeepsTheSlice checks that of two contexts named after one
// segment, the one holding most of the packages below it keeps the name,
// and the other is told apart: a joined subsystem (registry/app/*) beside
// a few of its packages that clustered elsewhere.
func TestTellApartKeepsTheSlice(t *testing.T) {
	var big []string
	for _, f := range []string{"cargo", "nuget", "pypi", "npm"} {
		big = append(big, "registry/app/pkg/"+f, "registry/app/api/"+f)
	}
	small := []string{"registry/app/pkg/huggingface", "app/huggingface"}
	part := cluster.FromMembers([][]string{slices.Clone(small), slices.Clone(big)}, []string{"", ""})
	names := make([]string, 2)
	terms := make([][]graph.Term, 2)
	for i, ms := range part.Members {
		names[i] = "registry"
		if ms[0] == "app/huggingface" {
			terms[i] = []graph.Term{{Word: "huggingface", Weight: 5}}
		} else {
			terms[i] = []graph.Term{{Word: "blob", Weight: 5}}
		}
	}
	tellApart(names, part, terms, make([]bool, 2), map[string]int{}, newRepoPaths(append(slices.Clone(big), small...)))
	for i, ms := range part.Members {
		want := "registry"
		if ms[0] == "app/huggingface" {
			want = "huggingface"
		}
		if names[i] != want {
			t.Errorf("context at %s named %q, want %q", ms[0], names[i], want)
		}
	}
}

func TestNamesWord(t *testing.T) {
	for _, tc := range []struct {
		seg, word string
		want      bool
	}{
		{"metadata", "metadata", true},
		{"metadata_old", "metadata", true},
		{"a-b.c", "b", true},
		{"standards", "standard", true},
		{"Policies", "policy", true},
		{"networkpolicies", "networkpolicy", true},
		{"matches", "match", true},
		{"warning", "warnings", true},
		{"cmplx64", "cmplx", true},
		{"oauth2", "oauth", true},
		{"author", "auth", false},
		{"login", "log", false},
		{"report", "repo", false},
		{"v2", "v", false},
	} {
		if got := namesWord(tc.seg, tc.word); got != tc.want {
			t.Errorf("namesWord(%q, %q) = %v, want %v", tc.seg, tc.word, got, tc.want)
		}
	}
}

// TestLayerWords checks where a directory name turns from a domain's into
// a layer's: below layerParents directories.
func TestLayerWords(t *testing.T) {
	var paths []string
	for i := range layerParents {
		paths = append(paths, fmt.Sprintf("d%d/datastore", i))
		if i < layerParents-1 {
			paths = append(paths, fmt.Sprintf("l%d/billing", i))
		}
	}
	rp := newRepoPaths(paths)
	if !rp.layer("datastore") || rp.layer("billing") {
		t.Errorf("datastore below %d directories is a layer: %v; billing below %d: %v", layerParents, rp.layer("datastore"), layerParents-1, rp.layer("billing"))
	}
	var none *repoPaths
	if none.layer("datastore") {
		t.Error("no repository has layers")
	}
}
