package cluster

import (
	"cmp"
	"maps"
	"slices"
	"strconv"

	"github.com/seams-tool/seams/graph"
)

// PartPlace is where clustering put a part of a package (a node whose
// Whole is set): a context, the shared kernel, tooling or nowhere.
type PartPlace struct {
	// With is a package of the context the part went to, "" when it
	// went to none: the context is the one that holds With.
	With    string
	Shared  string // why it is in the shared kernel, if it is
	Tooling string // why it is tooling, if it is
	LOC     int
}

// Gather returns the partition of whole packages from p, a partition of
// g, whose nodes may be parts of packages. A package goes where most of
// its parts' lines went (a context, the shared kernel, tooling or the
// unplaced), with the confidence and the reason of its largest part
// there; the other nodes keep their places. The result's Parts says
// where each part went.
func (p *Partition) Gather(g *graph.Graph) *Partition {
	parts := map[string][]graph.Node{}
	for _, n := range g.Nodes() {
		if n.Whole != "" {
			parts[n.Whole] = append(parts[n.Whole], n)
		}
	}
	q := &Partition{Of: map[string]int{}, Confidence: map[string]float64{}, Shared: map[string]string{}, Tooling: map[string]string{}, Parts: map[string]PartPlace{}}
	unplaced := map[string]bool{}
	for _, u := range p.Unplaced {
		unplaced[u] = true
	}
	place := func(x string) string {
		switch i, ok := p.Of[x]; {
		case p.Shared[x] != "":
			return "shared"
		case p.Tooling[x] != "":
			return "tooling"
		case ok && !unplaced[x]:
			return "context " + strconv.Itoa(i)
		}
		return "unplaced"
	}
	// rep speaks for each package: its largest part in the place that
	// holds most of its lines. owner is every part's package.
	rep, owner := map[string]string{}, map[string]string{}
	for _, pkg := range slices.Sorted(maps.Keys(parts)) {
		lines := map[string]int{}
		for _, n := range parts[pkg] {
			lines[place(n.Path)] += n.LOC
			owner[n.Path] = pkg
		}
		best := ""
		for _, k := range slices.Sorted(maps.Keys(lines)) {
			if best == "" || lines[k] > lines[best] {
				best = k
			}
		}
		var r graph.Node
		for _, n := range parts[pkg] { // sorted by path
			if place(n.Path) == best && (r.Path == "" || n.LOC > r.LOC) {
				r = n
			}
		}
		rep[r.Path] = pkg
	}
	// whole is what a node stands for in q, if anything: a part that does
	// not speak for its package is gone.
	whole := func(x string) (string, bool) {
		if _, ok := owner[x]; !ok {
			return x, true
		}
		pkg, ok := rep[x]
		return pkg, ok
	}
	for i, ms := range p.Members {
		var kept []string
		for _, x := range ms {
			y, ok := whole(x)
			if !ok {
				continue
			}
			kept = append(kept, y)
			if c, ok := p.Confidence[x]; ok {
				q.Confidence[y] = c
			}
			if p.Delivery[x] {
				if q.Delivery == nil {
					q.Delivery = map[string]bool{}
				}
				q.Delivery[y] = true
			}
		}
		if len(kept) > 0 {
			q.Members = append(q.Members, kept)
			q.Declared = append(q.Declared, p.Declared[i])
			q.Split = append(q.Split, p.Split[i])
			q.Joined = append(q.Joined, p.Joined[i])
		}
	}
	for x, why := range p.Shared {
		if y, ok := whole(x); ok {
			q.Shared[y] = why
		}
	}
	for x, why := range p.Tooling {
		if y, ok := whole(x); ok {
			q.Tooling[y] = why
		}
	}
	for _, x := range p.Unplaced {
		if y, ok := whole(x); ok {
			q.Unplaced = append(q.Unplaced, y)
		}
	}
	q.normalize()
	slices.Sort(q.Unplaced)
	// A part's context is named by a package that stays in it: one that
	// is no part, or the package a part there speaks for.
	with := map[int]string{}
	for i, ms := range p.Members {
		for _, x := range ms {
			if y, ok := whole(x); ok && (with[i] == "" || y < with[i]) && !unplaced[x] {
				with[i] = y
			}
		}
	}
	for _, ns := range parts {
		for _, n := range ns {
			pl := PartPlace{Shared: p.Shared[n.Path], Tooling: p.Tooling[n.Path], LOC: n.LOC}
			if i, ok := p.Of[n.Path]; ok && pl.Shared == "" && pl.Tooling == "" && !unplaced[n.Path] {
				// A context of nothing but parts that went with their
				// packages is gone: so did they.
				pl.With = cmp.Or(with[i], n.Whole)
			}
			q.Parts[n.Path] = pl
		}
	}
	return q
}
