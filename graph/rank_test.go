package graph

import (
	"math"
	"testing"

	"github.com/seams-tool/seams/report"
)

// handCase is a two-context partition small enough to compute by hand:
// A = {a1, a2}, B = {b1, b2, b3}; imports a1->a2 (2 files), b1->b2, b2->b3,
// a1->b1, b3->a2 (3 files); table t written by a1 and b2, table u written
// by a1 and read by b1.
func handCase() (*Input, *Partition) {
	in := &Input{
		Nodes: []Node{{Path: "a1", LOC: 100}, {Path: "a2", LOC: 100}, {Path: "b1", LOC: 50}, {Path: "b2", LOC: 50}, {Path: "b3", LOC: 100}},
		Imports: []ImportEdge{
			{From: "a1", To: "a2", Files: 2}, {From: "b1", To: "b2", Files: 1}, {From: "b2", To: "b3", Files: 1},
			{From: "a1", To: "b1", Files: 1}, {From: "b3", To: "a2", Files: 3},
		},
		Tables: []TableUse{
			{Package: "a1", Table: "t", Write: true}, {Package: "b2", Table: "t", Write: true},
			{Package: "a1", Table: "u", Write: true}, {Package: "b1", Table: "u"},
			{Package: "a2", Table: "t", DDL: true},
		},
	}
	// Commits on day 0..: the window is the 12 months before day 400.
	commits := []Commit{
		commit(0, "x", "a1/f.go", "b1/f.go"), // before both windows' split: previous window
		commit(10, "y", "a1/f.go"),
		commit(380, "x", "a2/f.go"),
		commit(390, "z", "b2/f.go", "b3/f.go"),
		commit(400, "x", "a1/f.go", "a2/f.go"),
	}
	in.History = CoChange(commits, HistoryOptions{PackageOf: pkgOf, MinShared: 1})
	part := &Partition{Members: [][]string{{"a1", "a2"}, {"b1", "b2", "b3"}}, Declared: []string{"", ""}}
	part.normalize()
	return in, part
}

func near(a, b float64) bool { return math.Abs(a-b) < 1e-3 }

func TestMeasureByHand(t *testing.T) {
	in, part := handCase()
	m := Measure(in, part)
	// SM = mean(1/2², 2/3²) - 2/(2·2·3) = 0.23611 - 0.16667.
	want := report.Metrics{Contexts: 2, SM: 0.0694, ICP: 0.5, IFN: 1, NED: 1, MQ: 1.1667, CrossContextImports: 2, SharedWriteTables: 1}
	got := m
	got.Modularity = report.LayerFigures{}
	if got != want {
		t.Errorf("metrics =\n%+v\nwant\n%+v", got, want)
	}
	// Both data edges cross the boundary, and the two contexts hold half
	// the data weight each: Q = 0 - (0.5² + 0.5²).
	if m.Modularity.Imports <= 0 || m.Modularity.Data != -0.5 {
		t.Errorf("modularity = %+v", m.Modularity)
	}
}

func input(s report.Score, name string) report.Input {
	for _, in := range s.Inputs {
		if in.Name == name {
			return in
		}
	}
	return report.Input{Name: "missing " + name}
}

func TestRankByHand(t *testing.T) {
	in, part := handCase()
	cs := Rank(in, part)
	byFirst := map[string]report.Context{}
	for _, c := range cs {
		byFirst[c.Packages[0]] = c
	}
	a, b := byFirst["a1"], byFirst["b1"]
	for _, tc := range []struct {
		ctx        report.Context
		score      func(report.Context) report.Score
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
		for _, s := range []report.Score{c.Pressure, c.Risk} {
			sum, w := 0.0, 0.0
			for _, in := range s.Inputs {
				sum += in.Weight * in.Value
				w += in.Weight
			}
			if !near(sum, s.Score) || !near(w, 1) || s.Score < 0 || s.Score > 1 {
				t.Errorf("%s: score %v, inputs sum to %v with weights %v", c.Name, s.Score, sum, w)
			}
		}
	}
	// The cut lists name both sides.
	if len(a.Cut.Inbound) != 1 || a.Cut.Inbound[0] != (report.CutImport{From: "b3", To: "a2", Files: 3, Context: b.ID}) {
		t.Errorf("A inbound = %+v", a.Cut.Inbound)
	}
	if len(a.Cut.Tables) != 2 || a.Cut.Tables[0].Name != "t" || a.Cut.Tables[0].Owner == "" || len(a.Cut.Tables[0].Writers) != 2 {
		t.Errorf("A tables = %+v", a.Cut.Tables)
	}
	if cs[0].Order != 1 || cs[1].Order != 2 {
		t.Errorf("orders %d %d", cs[0].Order, cs[1].Order)
	}
	d0 := cs[0].Pressure.Score - cs[0].Risk.Score
	d1 := cs[1].Pressure.Score - cs[1].Risk.Score
	if d0 < d1 {
		t.Errorf("extraction order not by pressure minus risk: %v then %v", d0, d1)
	}
}

func risk(c report.Context) report.Score  { return c.Risk }
func press(c report.Context) report.Score { return c.Pressure }

func TestNames(t *testing.T) {
	loc := map[string]int{"internal/billing": 100, "internal/billing/store": 300, "cmd/billingd": 10}
	if got := contextName([]string{"internal/billing", "internal/billing/store", "cmd/billingd"}, loc, nil); got != "billing" {
		t.Errorf("name = %q, want billing", got)
	}
	loc = map[string]int{"orders": 100, "catalog": 90}
	if got := contextName([]string{"orders", "catalog"}, loc, nil); got != "orders+catalog" {
		t.Errorf("name = %q", got)
	}
	if got := contextName([]string{"."}, nil, []string{"invoices"}); got != "invoices" {
		t.Errorf("name = %q", got)
	}
	a := contextID([]string{"x", "y"}, map[string]int{"x": 10, "y": 20})
	b := contextID([]string{"y", "z"}, map[string]int{"y": 20, "z": 5})
	if a != b {
		t.Errorf("ids of contexts anchored at the same package differ: %s %s", a, b)
	}
	names := []string{"a", "b", "a", "a"}
	uniqueNames(names)
	if names[2] != "a-2" || names[3] != "a-3" {
		t.Errorf("unique names = %v", names)
	}
}
