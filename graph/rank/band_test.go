package rank

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/seams-tool/seams/graph"
	"github.com/seams-tool/seams/graph/cluster"
	"github.com/seams-tool/seams/graph/cochange"
	"github.com/seams-tool/seams/graph/internal/graphtest"
)

// plantedHistory builds contexts a..e of one package each, with the
// given number of commits in the last 100 days, each commit touching
// one context and changing 10 lines; authors rotate among three.
func plantedHistory(commits map[string]int, loc map[string]int) (*graph.Graph, *cluster.Partition, *cochange.History) {
	var in graph.Input
	var members [][]string
	var all []cochange.Commit
	day := 0
	for _, p := range []string{"a", "b", "c", "d", "e"} {
		in.Nodes = append(in.Nodes, graph.Node{Path: p, LOC: loc[p]})
		members = append(members, []string{p})
		for n := range commits[p] {
			all = append(all, cochange.Commit{When: graphtest.Day(400 + day%100), Author: fmt.Sprint("dev", n%3),
				Files: []cochange.FileChange{{Path: p + "/x.go", Churn: 10}}})
			day++
		}
	}
	// One old commit of every package, so the history spans two windows.
	old := cochange.Commit{When: graphtest.Day(0), Author: "dev0"}
	for _, p := range []string{"a", "b", "c", "d", "e"} {
		old.Files = append(old.Files, cochange.FileChange{Path: p + "/y.go", Churn: 1})
	}
	all = append(all, old)
	h := cochange.Aggregate(all, cochange.DefaultOptions(), cochange.Files{PackageOf: func(f string) (string, bool) { return path2dir(f), true }})
	// b and c import each other, so that no context is apart.
	in.Imports = []graph.Import{{From: "b", To: "c", Files: 1}, {From: "c", To: "b", Files: 1}, {From: "e", To: "d", Files: 3}, {From: "e", To: "a", Files: 1}}
	return graph.New(in, graph.DefaultWeights()), cluster.FromMembers(members, make([]string, len(members))), h
}

func byPath(cs []Context) map[string]Context {
	out := map[string]Context{}
	for _, c := range cs {
		out[c.Packages[0]] = c
	}
	return out
}

// TestBandsAndHeat plants a clear leader (a), two contexts the window
// cannot tell apart (b, c), a quiet one (d) and one with too few commits
// to judge (e).
func TestBandsAndHeat(t *testing.T) {
	loc := map[string]int{"a": 1000, "b": 1000, "c": 1000, "d": 1000, "e": 1000}
	g, part, h := plantedHistory(map[string]int{"a": 120, "b": 40, "c": 38, "d": 6, "e": 2}, loc)
	cs := Contexts(g, part, h)
	c := byPath(cs)
	for i, x := range cs {
		if x.Order != i+1 {
			t.Errorf("%s: order %d at position %d", x.Packages[0], x.Order, i)
		}
		if i > 0 && (x.Band < cs[i-1].Band || x.Band > cs[i-1].Band+1) {
			t.Errorf("bands not consecutive: %d after %d", x.Band, cs[i-1].Band)
		}
		if x.Pressure.Low > x.Pressure.Value || x.Pressure.High < x.Pressure.Value || x.Pressure.Low == x.Pressure.High {
			t.Errorf("%s: pressure %v with interval [%v, %v]", x.Packages[0], x.Pressure.Value, x.Pressure.Low, x.Pressure.High)
		}
		if x.Risk.Low != x.Risk.Value || x.Risk.High != x.Risk.Value {
			t.Errorf("%s: risk has an interval [%v, %v] though nothing samples it", x.Packages[0], x.Risk.Low, x.Risk.High)
		}
	}
	if c["a"].Order != 1 || c["a"].Band != 1 {
		t.Errorf("a: order %d band %d, want the leader alone in band 1", c["a"].Order, c["a"].Band)
	}
	if c["b"].Band != c["c"].Band || c["b"].Band == c["a"].Band {
		t.Errorf("b band %d, c band %d, a band %d: b and c (40 and 38 commits) should share a band below a", c["b"].Band, c["c"].Band, c["a"].Band)
	}
	for p, want := range map[string]string{"a": "hot", "d": "quiet", "e": "little history"} {
		if c[p].Heat != want {
			t.Errorf("%s: heat %q, want %q (reason %q)", p, c[p].Heat, want, c[p].Reason)
		}
		if !strings.HasPrefix(c[p].Reason, want+":") {
			t.Errorf("%s: reason %q does not start with %q", p, c[p].Reason, want)
		}
	}
	if !strings.Contains(c["e"].Reason, "2 commits in the window") {
		t.Errorf("e: reason %q does not say how little history it has", c["e"].Reason)
	}
	// b's and c's share intervals straddle the fair share (20%)? Either
	// way the word must agree with the interval, not the point figure.
	for _, p := range []string{"b", "c"} {
		if w := c[p].Heat; w == "hot" || w == "quiet" {
			in := input(c[p].Pressure, "commits")
			if w == "hot" && in.Raw <= 0.2 || w == "quiet" && in.Raw >= 0.2 {
				t.Errorf("%s: %q with a point share of %v", p, w, in.Raw)
			}
		}
	}
	// The bootstrap has a fixed seed: the same input, the same intervals.
	g2, part2, h2 := plantedHistory(map[string]int{"a": 120, "b": 40, "c": 38, "d": 6, "e": 2}, loc)
	if again := Contexts(g2, part2, h2); !reflect.DeepEqual(again, cs) {
		t.Error("a second ranking of the same input differs")
	}
}

// TestSmallContexts flags a context under 2% of the code and proposes
// the context it imports most as its partner; one coupled to nothing
// gets no partner.
func TestSmallContexts(t *testing.T) {
	loc := map[string]int{"a": 3000, "b": 3000, "c": 3000, "d": 3000, "e": 100}
	g, part, h := plantedHistory(map[string]int{"a": 10, "b": 10, "c": 10, "d": 10, "e": 10}, loc)
	c := byPath(Contexts(g, part, h))
	for _, p := range []string{"a", "b", "c", "d"} {
		if c[p].Small != nil {
			t.Errorf("%s (%d of 12,100 lines) flagged small: %+v", p, loc[p], *c[p].Small)
		}
	}
	s := c["e"].Small
	if s == nil {
		t.Fatal("e (100 of 12,100 lines) not flagged small")
	}
	if s.Share != 0.0083 || s.Partner != c["d"].ID {
		t.Errorf("e small %+v, want share 0.0083 and partner %s (it imports d through 3 files, a through 1)", *s, c["d"].ID)
	}
	loc["e"] = 100
	g, part, h = plantedHistory(map[string]int{"a": 10, "b": 10, "c": 10, "d": 10, "e": 10}, loc)
	g = graph.New(graph.Input{Nodes: g.Nodes()}, graph.DefaultWeights())
	if s := byPath(Contexts(g, part, h))["e"].Small; s == nil || s.Partner != "" {
		t.Errorf("e coupled to nothing: small %+v, want flagged with no partner", s)
	}
}

// TestOrderGroups: whatever their scores, contexts too small to be a
// service come after the others, and the delivery layer last, each group
// starting a band of its own.
func TestOrderGroups(t *testing.T) {
	loc := map[string]int{"a": 3000, "b": 3000, "c": 3000, "d": 3000, "e": 100}
	// e is the hottest and small; a, the next hottest, is the delivery layer.
	g, part, h := plantedHistory(map[string]int{"a": 80, "b": 20, "c": 15, "d": 10, "e": 120}, loc)
	part.Delivery = map[string]bool{"a": true}
	cs := Contexts(g, part, h)
	var order []string
	for _, c := range cs {
		order = append(order, c.Packages[0])
	}
	if order[3] != "e" || order[4] != "a" {
		t.Fatalf("order %v: want the small e fourth and the delivery layer a last", order)
	}
	c := byPath(cs)
	if !c["a"].Delivery || !strings.HasPrefix(c["a"].Reason, "delivery layer") {
		t.Errorf("a: delivery %v, reason %q", c["a"].Delivery, c["a"].Reason)
	}
	if c["e"].Band == cs[2].Band || c["a"].Band == c["e"].Band {
		t.Errorf("bands %d (third), %d (small e), %d (delivery a): each group starts its own", cs[2].Band, c["e"].Band, c["a"].Band)
	}
}

// TestDataLayer plants a context (b) that writes nine of the ten tables
// written with own SQL: it is the data layer, ordered after the small
// context and before the delivery layer; c, writing the tenth, is not.
func TestDataLayer(t *testing.T) {
	loc := map[string]int{"a": 3000, "b": 3000, "c": 3000, "d": 3000, "e": 100}
	g0, part, h := plantedHistory(map[string]int{"a": 80, "b": 90, "c": 15, "d": 10, "e": 120}, loc)
	part.Delivery = map[string]bool{"a": true}
	in := graph.Input{Nodes: g0.Nodes(), Imports: g0.Imports()}
	for i := range 9 {
		in.Tables = append(in.Tables, graph.TableUse{Package: "b", Table: fmt.Sprint("t", i), Write: true})
	}
	in.Tables = append(in.Tables,
		graph.TableUse{Package: "c", Table: "t9", Write: true},
		graph.TableUse{Package: "d", Table: "t0", Write: true, Carried: true}, // a call into b's store
		graph.TableUse{Package: "d", Table: "t1"})
	cs := Contexts(graph.New(in, graph.DefaultWeights()), part, h)
	var order []string
	for _, c := range cs {
		order = append(order, c.Packages[0])
	}
	if want := []string{"c", "d", "e", "b", "a"}; !reflect.DeepEqual(order, want) {
		t.Fatalf("order %v, want %v: the services, the small e, the data layer b, the delivery layer a", order, want)
	}
	c := byPath(cs)
	if dl := c["b"].DataLayer; dl == nil || *dl != (DataLayer{Tables: 9, Of: 10}) || !strings.HasPrefix(c["b"].Reason, "data layer (writes 9 of the 10 tables") {
		t.Errorf("b: data layer %+v, reason %q", dl, c["b"].Reason)
	}
	for _, p := range []string{"a", "c", "d", "e"} {
		if c[p].DataLayer != nil {
			t.Errorf("%s is taken for the data layer: %+v", p, c[p].DataLayer)
		}
	}
	if c["b"].Band == c["e"].Band || c["b"].Band == c["a"].Band {
		t.Errorf("bands: small e %d, data layer b %d, delivery a %d: each group starts its own", c["e"].Band, c["b"].Band, c["a"].Band)
	}
}

// TestDeliveryNamedByPath: the delivery layer's code speaks of every
// domain it wires and of its protocols; it is named by its paths, as
// other contexts are when their words do not name them.
func TestDeliveryNamedByPath(t *testing.T) {
	in := graph.Input{
		Nodes: []graph.Node{{Path: "routers/web", LOC: 900}, {Path: "routers/api", LOC: 800}, {Path: "cmd", LOC: 100, Main: true},
			{Path: "services/billing", LOC: 500}, {Path: "services/billing/store", LOC: 300},
			{Path: "routers/web/billing", LOC: 200}, {Path: "routers/api/billing", LOC: 200}, {Path: "routers/web/orders", LOC: 200}, {Path: "services/orders", LOC: 900}},
		Imports: []graph.Import{{From: "cmd", To: "routers/web", Files: 1}, {From: "routers/web", To: "routers/api", Files: 1},
			{From: "services/billing", To: "services/billing/store", Files: 1}},
		Terms: map[string][]graph.Term{
			"routers/web": {{Word: "pkt", Weight: 5}, {Word: "ecdhe", Weight: 4}}, "routers/api": {{Word: "pkt", Weight: 3}},
			"services/billing": {{Word: "invoice", Weight: 5}}, "services/billing/store": {{Word: "invoice", Weight: 4}},
		},
	}
	g := graph.New(in, graph.DefaultWeights())
	part := cluster.FromMembers([][]string{{"cmd", "routers/api", "routers/web"}, {"routers/api/billing", "routers/web/billing", "services/billing", "services/billing/store"}, {"routers/web/orders", "services/orders"}}, []string{"", "", ""})
	for _, delivery := range []bool{false, true} {
		part.Delivery = nil
		if delivery {
			part.Delivery = map[string]bool{"cmd": true, "routers/api": true, "routers/web": true}
		}
		names := map[string]string{}
		for _, c := range Contexts(g, part, nil) {
			names[c.Packages[0]] = c.Name
		}
		want := "pkt+ecdhe"
		if delivery {
			want = "routers"
		}
		if names["cmd"] != want || names["routers/api/billing"] != "billing" {
			t.Errorf("delivery %v: named %v, want %s and billing", delivery, names, want)
		}
	}
}

// TestApart: a context that nothing but the kernel ties to the others
// (no import either way, no shared table, no co-change: a tool or client
// of its own) is ranked after the small ones, however hot it is, with a
// reason that says so; the same context with one import into it is a
// candidate again, and without the history or the imports nothing is
// said to be apart.
func TestApart(t *testing.T) {
	loc := map[string]int{"a": 3000, "b": 3000, "c": 3000, "d": 3000, "e": 100}
	// d, the hottest, imports nothing and nothing imports it.
	g, part, h := plantedHistory(map[string]int{"a": 20, "b": 15, "c": 10, "d": 120, "e": 5}, loc)
	in := graph.Input{Nodes: g.Nodes()}
	for _, e := range g.Imports() {
		if e.From != "e" || e.To != "d" {
			in.Imports = append(in.Imports, e)
		}
	}
	cs := Contexts(graph.New(in, graph.DefaultWeights()), part, h)
	var order []string
	for _, c := range cs {
		order = append(order, c.Packages[0])
	}
	if want := []string{"a", "b", "c", "e", "d"}; !reflect.DeepEqual(order, want) {
		t.Fatalf("order %v, want %v: the candidates, the small e, then d, apart", order, want)
	}
	c := byPath(cs)
	if !c["d"].Apart || !strings.HasPrefix(c["d"].Reason, ApartReason) {
		t.Errorf("d: apart %v, reason %q", c["d"].Apart, c["d"].Reason)
	}
	for _, p := range []string{"a", "b", "c", "e"} {
		if c[p].Apart {
			t.Errorf("%s is apart, but imports cross its boundary", p)
		}
	}
	if c["d"].Band == c["e"].Band {
		t.Errorf("apart d shares the small e's band %d", c["e"].Band)
	}
	// With e's import of d, d is a candidate, and first.
	if cs := Contexts(g, part, h); cs[0].Packages[0] != "d" || cs[0].Apart {
		t.Errorf("with an import into d: first %s, apart %v", cs[0].Packages[0], cs[0].Apart)
	}
	// Without history, or without imports, a cut is empty for want of evidence.
	for name, cs := range map[string][]Context{
		"no history": Contexts(graph.New(in, graph.DefaultWeights()), part, nil),
		"no imports": Contexts(graph.New(graph.Input{Nodes: g.Nodes()}, graph.DefaultWeights()), part, h),
	} {
		for _, c := range cs {
			if c.Apart {
				t.Errorf("%s: %s said to be apart", name, c.Packages[0])
			}
		}
	}
}
