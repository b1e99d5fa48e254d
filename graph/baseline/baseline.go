package baseline

import (
	"cmp"
	"maps"
	"slices"

	"github.com/seams-tool/seams/graph"
	"github.com/seams-tool/seams/graph/cluster"
	"github.com/seams-tool/seams/graph/metrics"
	"github.com/seams-tool/seams/graph/rank"
)

// Baseline is the accepted state of a repository's seams: its partition
// into contexts and what crosses between them today, frozen so that only
// new crossings fail a build.
type Baseline struct {
	Head     string    // the commit it was taken at, if any
	Contexts []Context // sorted by ID
	// Shared lists the shared-kernel packages, Unplaced the packages with
	// no coupling at all, Tooling the tooling set apart: all are known,
	// not new, and in no context.
	Shared, Unplaced, Tooling []string
	// CrossImports are the package imports between contexts, sorted.
	CrossImports []Import
	// SharedWrites are the tables written by more than one context,
	// sorted by table.
	SharedWrites []SharedTable
	// Cycles are the pairs of contexts that import each other, directly
	// or through others, each pair sorted, pairs sorted.
	Cycles [][2]string
	// Metrics are the partition's metrics when the baseline was taken.
	Metrics metrics.Figures
}

// Context is one accepted context.
type Context struct {
	ID, Name string
	Packages []string
}

// Import is a frozen import between two packages of different contexts.
type Import struct{ From, To string }

// SharedTable is a frozen table written by several contexts.
type SharedTable struct {
	Table    string
	Contexts []string // ids, sorted
}

// Freeze takes a baseline from a partition of g and its ranked contexts:
// the partition, and the cross-context imports, shared-write tables and
// cycles that exist today. The metrics are measured the way Check will
// measure them, so that an unchanged repository compares equal.
func Freeze(g *graph.Graph, part *cluster.Partition, contexts []rank.Context, head string) *Baseline {
	b := &Baseline{Head: head, Unplaced: slices.Clone(part.Unplaced)}
	for _, c := range contexts {
		b.Contexts = append(b.Contexts, Context{ID: c.ID, Name: c.Name, Packages: slices.Clone(c.Packages)})
	}
	slices.SortFunc(b.Contexts, func(x, y Context) int { return cmp.Compare(x.ID, y.ID) })
	b.Shared = slices.Sorted(maps.Keys(part.Shared))
	b.Tooling = slices.Sorted(maps.Keys(part.Tooling))
	st := stateOf(g, assignmentOf(b))
	b.CrossImports, b.SharedWrites, b.Cycles = st.cross, st.sharedWrites, st.cycles
	b.Metrics = Check(b, g, Tolerances{}).Metrics
	return b
}

// KeepIdentity gives today's contexts the ids and names of the
// baseline's contexts they overlap most (Jaccard similarity of their
// packages, at least 0.3, best pairs first), so that a context keeps its
// identity while it evolves. It rewrites the ids everywhere in cs.
func KeepIdentity(prev []Context, cs []rank.Context) {
	type cand struct {
		j    float64
		p, c int
	}
	var cands []cand
	for pi, p := range prev {
		in := map[string]bool{}
		for _, x := range p.Packages {
			in[x] = true
		}
		for ci, c := range cs {
			common := 0
			for _, x := range c.Packages {
				if in[x] {
					common++
				}
			}
			union := len(p.Packages) + len(c.Packages) - common
			if j := float64(common) / float64(max(union, 1)); common > 0 && j >= 0.3 {
				cands = append(cands, cand{j, pi, ci})
			}
		}
	}
	slices.SortFunc(cands, func(a, b cand) int {
		return cmp.Or(cmp.Compare(b.j, a.j), cmp.Compare(a.p, b.p), cmp.Compare(a.c, b.c))
	})
	newID := make([]string, len(cs))
	newName := make([]string, len(cs))
	usedP := map[int]bool{}
	taken := map[string]bool{}
	for _, c := range cands {
		if usedP[c.p] || newID[c.c] != "" {
			continue
		}
		usedP[c.p] = true
		newID[c.c], newName[c.c] = prev[c.p].ID, prev[c.p].Name
		taken[prev[c.p].ID] = true
	}
	rename := map[string]string{}
	names := map[string]string{}
	for i, c := range cs {
		if newID[i] == "" {
			// A new context keeps its own id, unless a matched one took it.
			newID[i], newName[i] = c.ID, c.Name
			for taken[newID[i]] {
				newID[i] += "x"
			}
			taken[newID[i]] = true
		}
		rename[c.ID] = newID[i]
		names[newID[i]] = newName[i]
	}
	rank.Rename(cs, rename, names)
}

// assignment maps packages to baseline context ids; shared-kernel and
// unplaced packages map to "".
type assignment map[string]string

func assignmentOf(b *Baseline) assignment {
	a := assignment{}
	for _, c := range b.Contexts {
		for _, p := range c.Packages {
			a[p] = c.ID
		}
	}
	for _, p := range b.Shared {
		a[p] = ""
	}
	for _, p := range b.Unplaced {
		a[p] = ""
	}
	for _, p := range b.Tooling {
		a[p] = ""
	}
	return a
}

// state is what a baseline freezes, computed for a graph under a
// partition.
type state struct {
	cross        []Import
	crossAt      map[Import]string
	sharedWrites []SharedTable
	writeAt      map[string]string // table -> a place one writer writes it
	cycles       [][2]string
}

func stateOf(g *graph.Graph, a assignment) state {
	st := state{crossAt: map[Import]string{}, writeAt: map[string]string{}}
	ids := map[string]int{}
	var names []string
	var arcs [][2]int
	id := func(c string) int {
		if _, ok := ids[c]; !ok {
			ids[c] = len(names)
			names = append(names, c)
		}
		return ids[c]
	}
	// Imports come sorted by From, To: so do the cross imports.
	for _, e := range g.Imports() {
		ca, okA := a[e.From]
		cb, okB := a[e.To]
		if !okA || !okB || ca == "" || cb == "" || ca == cb {
			continue
		}
		x := Import{From: e.From, To: e.To}
		st.cross = append(st.cross, x)
		st.crossAt[x] = e.At
		arcs = append(arcs, [2]int{id(ca), id(cb)})
	}
	writers := map[string]map[string]bool{}
	for _, u := range g.Tables() {
		// Only writes with the package's own SQL share a table; a write
		// carried through a call into another context's store is a call.
		c := a[u.Package]
		if c == "" || !u.Write || u.DDL || u.Carried {
			continue
		}
		if writers[u.Table] == nil {
			writers[u.Table] = map[string]bool{}
		}
		writers[u.Table][c] = true
		if st.writeAt[u.Table] == "" || u.At != "" && u.At < st.writeAt[u.Table] {
			st.writeAt[u.Table] = u.At
		}
	}
	for _, t := range slices.Sorted(maps.Keys(writers)) {
		if len(writers[t]) > 1 {
			st.sharedWrites = append(st.sharedWrites, SharedTable{Table: t, Contexts: slices.Sorted(maps.Keys(writers[t]))})
		}
	}
	for _, comp := range graph.Components(len(names), arcs) {
		cs := make([]string, len(comp))
		for i, c := range comp {
			cs[i] = names[c]
		}
		slices.Sort(cs)
		for i, x := range cs {
			for _, y := range cs[i+1:] {
				st.cycles = append(st.cycles, [2]string{x, y})
			}
		}
	}
	slices.SortFunc(st.cycles, func(x, y [2]string) int { return cmp.Or(cmp.Compare(x[0], y[0]), cmp.Compare(x[1], y[1])) })
	return st
}
