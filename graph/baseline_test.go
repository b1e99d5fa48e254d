package graph

import (
	"testing"

	"github.com/seams-tool/seams/report"
)

// modelOf clusters and ranks an input into a model, as analyze does.
func modelOf(in *Input) *report.Model {
	part := Cluster(in, ClusterOptions{Seed: 1})
	m := &report.Model{Contexts: Rank(in, part), Unplaced: part.Unplaced}
	ids := map[int]string{}
	for _, c := range m.Contexts {
		ids[part.Of[c.Packages[0]]] = c.ID
	}
	for _, n := range in.Nodes {
		p := report.Package{Path: n.Path, LOC: n.LOC, Shared: part.Shared[n.Path]}
		if c, ok := part.Of[n.Path]; ok {
			p.Context = ids[c]
		}
		m.Packages = append(m.Packages, p)
	}
	for _, e := range in.Imports {
		m.Imports = append(m.Imports, report.Import{From: e.From, To: e.To, Weight: e.Files})
	}
	return m
}

func contextOf(m *report.Model, pkg string) report.Context {
	for _, c := range m.Contexts {
		for _, p := range c.Packages {
			if p == pkg {
				return c
			}
		}
	}
	return report.Context{}
}

// TestKeepIdentityThroughRename renames the package a context's id is
// derived from: without matching the id changes, with it the context
// keeps its id and name.
func TestKeepIdentityThroughRename(t *testing.T) {
	in := shopLike()
	for i := range in.Nodes {
		if in.Nodes[i].Path == "billing/store" {
			in.Nodes[i].LOC = 300 // the anchor of billing's id
		}
	}
	base := Freeze(modelOf(in))
	was := contextOf(modelOf(in), "billing")

	renamed := shopLike()
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
	m := modelOf(renamed)
	if got := contextOf(m, "billing"); got.ID == was.ID {
		t.Fatalf("the id did not change with the anchor's path (%s): the test would prove nothing", got.ID)
	}
	KeepIdentity(base.Contexts, m)
	got := contextOf(m, "billing")
	if got.ID != was.ID || got.Name != was.Name {
		t.Errorf("after a rename billing is %s %q, want %s %q", got.ID, got.Name, was.ID, was.Name)
	}
	for _, p := range m.Packages {
		if p.Path == "billing/storage" && p.Context != was.ID {
			t.Errorf("package billing/storage points at %s, want %s", p.Context, was.ID)
		}
	}
	// Every other context keeps its id too, and ids stay unique.
	seen := map[string]bool{}
	for _, c := range m.Contexts {
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
}

func TestFreezeAndCheckUnchanged(t *testing.T) {
	m := modelOf(shopLike())
	b := Freeze(m)
	if len(b.CrossImports) == 0 {
		t.Fatal("nothing frozen")
	}
	res := Check(b, m, nil)
	if res.Regressions() != 0 || len(res.Placed) != 0 {
		t.Errorf("an unchanged model has findings: %+v placed %v", res.Findings, res.Placed)
	}
	// A new package that imports billing is placed in billing; its import
	// of identity is a new cross-context import.
	m.Packages = append(m.Packages, report.Package{Path: "billing/loyalty"})
	m.Imports = append(m.Imports,
		report.Import{From: "billing/loyalty", To: "billing/store", Weight: 3, At: "billing/loyalty/l.go:4"},
		report.Import{From: "billing/loyalty", To: "identity", Weight: 1, At: "billing/loyalty/l.go:5"})
	res = Check(b, m, Tolerances{})
	billing := contextOf(m, "billing").ID
	if len(res.Placed) != 1 || res.Placed[0] != [2]string{"billing/loyalty", billing} {
		t.Errorf("placed = %v, want billing/loyalty in %s", res.Placed, billing)
	}
	if res.Regressions() != 1 || res.Findings[0].Kind != "cross-import" || res.Findings[0].Where != "billing/loyalty/l.go:5" {
		t.Errorf("findings = %+v", res.Findings)
	}
}
