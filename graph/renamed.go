package graph

import (
	"cmp"
	"maps"
	"slices"
)

// Renamed is the graph built from the same evidence with the packages
// moved to new paths (old path -> new path; paths not in moved stay). A
// trend measures an old commit's packages at today's paths: everything the
// graph was built from moves with them, the technical layers and modules
// too, so that the old commit is clustered on the graph an analysis of
// it would build, only under today's names. moved must be one-to-one and
// land on no path the graph keeps: two packages moved onto one path would
// be one node with the evidence of either.
func (g *Graph) Renamed(moved map[string]string) *Graph {
	if len(moved) == 0 {
		return g
	}
	to := func(p string) string {
		if q, ok := moved[p]; ok {
			return q
		}
		return p
	}
	// The old path of each new one, for the evidence that is a function of
	// paths. In sorted order, so that moves that break the rule above
	// give a wrong graph, not one that varies run to run.
	from := make(map[string]string, len(moved))
	for _, p := range slices.Sorted(maps.Keys(moved)) {
		if _, ok := from[moved[p]]; !ok {
			from[moved[p]] = p
		}
	}
	back := func(p string) string {
		if q, ok := from[p]; ok {
			return q
		}
		return p
	}

	old := g.in
	in := Input{CommonTerms: old.CommonTerms}
	for _, n := range g.nodes {
		n.Path = to(n.Path)
		in.Nodes = append(in.Nodes, n)
	}
	for _, e := range old.Imports {
		e.From, e.To = to(e.From), to(e.To)
		in.Imports = append(in.Imports, e)
	}
	for _, u := range old.Tables {
		u.Package = to(u.Package)
		in.Tables = append(in.Tables, u)
	}
	// The data layer reads a package's accesses in order.
	slices.SortStableFunc(in.Tables, func(x, y TableUse) int {
		return cmp.Or(cmp.Compare(x.Package, y.Package), cmp.Compare(x.Table, y.Table))
	})
	for _, p := range old.CoChange {
		p.A, p.B = to(p.A), to(p.B)
		if p.B < p.A {
			p.A, p.B = p.B, p.A
		}
		in.CoChange = append(in.CoChange, p)
	}
	for _, s := range old.Vocabulary {
		s.A, s.B = to(s.A), to(s.B)
		in.Vocabulary = append(in.Vocabulary, s)
	}
	if old.Terms != nil {
		in.Terms = make(map[string][]Term, len(old.Terms))
		for p, t := range old.Terms {
			in.Terms[to(p)] = t
		}
	}
	for _, u := range old.Uses {
		u.From, u.To = to(u.From), to(u.To)
		in.Uses = append(in.Uses, u)
	}
	slices.SortStableFunc(in.Uses, func(x, y SymbolUse) int {
		return cmp.Or(cmp.Compare(x.From, y.From), cmp.Compare(x.To, y.To), cmp.Compare(x.Symbol, y.Symbol))
	})
	if old.Homonyms != nil {
		in.Homonyms = make(map[string][]string, len(old.Homonyms))
		for name, pkgs := range old.Homonyms {
			ps := make([]string, len(pkgs))
			for i, p := range pkgs {
				ps[i] = to(p)
			}
			slices.Sort(ps)
			in.Homonyms[name] = ps
		}
	}
	if old.Sliced != nil {
		in.Sliced = make(map[string]bool, len(old.Sliced))
		for p, v := range old.Sliced {
			in.Sliced[to(p)] = v
		}
	}
	for _, d := range old.LayerDirs {
		in.LayerDirs = append(in.LayerDirs, to(d))
	}
	slices.Sort(in.LayerDirs)
	if old.SameLayer != nil {
		in.SameLayer = func(a, b string) bool { return old.SameLayer(back(a), back(b)) }
	}
	if old.Module != nil {
		in.Module = func(p string) string { return old.Module(back(p)) }
	}
	return New(in, g.weights)
}
