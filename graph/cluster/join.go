package cluster

import (
	"cmp"
	"slices"
	"strings"

	"github.com/seams-tool/seams/graph"
)

// The resolution that tells the domains of a repository apart also tells
// apart the variants of one subsystem: harness' artifact registry
// (registry/app/..., 157 packages) came out as six contexts, one per
// package format (cargo, nuget, huggingface...), which its ground truth,
// written from its README, calls one product. Contexts that lie in one
// directory are therefore joined while joining them raises modularity at
// a coarser resolution: the directory's authors drew that boundary, and
// the coupling between the parts says it holds. Measured on twelve ground
// truths, only harness' registry qualifies (harness 0.299 to 0.572 with
// the kernel rule's first clustering joined too; no repository down); the
// same join one segment below the layout names took stackrox's central/*
// domains together (0.384 to 0.378).
const (
	// joinDepth is the directory's depth below the layout names
	// (graph.Area): registry/app, central/compliance.
	joinDepth = 2
	// joinShare is the share of a context's packages that must lie in the
	// directory for the context to be in it.
	joinShare = 0.75
	// joinCoarser scales the resolution the joins are judged at: 0.5 to
	// 0.7 give the same joins on the ground truths (0.8 joins half of
	// harness' registry, 0.3 more than the registry: harness 0.548).
	joinCoarser = 0.5
)

// joinAreas joins the contexts that lie in one directory (areaDir) while
// a join raises the modularity of f at joinCoarser times the resolution,
// best gain first, and returns the directory each context was joined in
// ("" for one not joined). A context joined into another is left empty.
// Declared contexts are never joined, and neither are contexts in a
// technical layer's directory or below it: a layer's directory holds many
// domains' slices, not one subsystem.
func joinAreas(f *graph.Graph, members [][]string, declared []string, resolution float64) (joined []string) {
	gamma := joinCoarser * resolution
	ctx := map[int]int{}
	joined = make([]string, len(members))
	area := make([]string, len(members))
	for i, ms := range members {
		count := map[string]int{}
		for _, p := range ms {
			j, _ := f.Index(p)
			ctx[j] = i
			count[areaDir(p)]++
		}
		for d, c := range count {
			if d != "" && float64(c) >= joinShare*float64(len(ms)) && declared[i] == "" && !f.InLayer(d) {
				area[i] = d
			}
		}
	}
	deg := f.Degree()
	var m float64
	for _, d := range deg {
		m += d
	}
	m /= 2
	if m == 0 {
		return joined
	}
	for {
		dc := make([]float64, len(members))
		for j, d := range deg {
			if c, ok := ctx[j]; ok {
				dc[c] += d
			}
		}
		between := map[[2]int]float64{}
		for _, e := range f.Fused() {
			a, okA := ctx[e.A]
			b, okB := ctx[e.B]
			if okA && okB && a != b && area[a] != "" && area[a] == area[b] {
				between[[2]int{min(a, b), max(a, b)}] += e.W
			}
		}
		type join struct {
			pair [2]int
			gain float64
		}
		var joins []join
		for k, w := range between {
			if gain := w/m - gamma*dc[k[0]]*dc[k[1]]/(2*m*m); gain > 0 {
				joins = append(joins, join{k, gain})
			}
		}
		if len(joins) == 0 {
			return joined
		}
		best := slices.MinFunc(joins, func(x, y join) int {
			return cmp.Or(cmp.Compare(y.gain, x.gain), cmp.Compare(x.pair[0], y.pair[0]), cmp.Compare(x.pair[1], y.pair[1]))
		})
		a, b := best.pair[0], best.pair[1]
		members[a] = append(members[a], members[b]...)
		for _, p := range members[b] {
			j, _ := f.Index(p)
			ctx[j] = a
		}
		members[b] = nil
		joined[a], area[b] = area[a], ""
	}
}

// areaDir is the directory a package lies in, joinDepth segments below
// the layout names that lead its path (see graph.Area): registry/app for
// registry/app/pkg/cargo, app/api/controller for
// app/api/controller/pullreq; "" for a package above that depth.
func areaDir(p string) string {
	segs := strings.Split(p, "/")
	for i, s := range segs {
		if !graph.Generic(s) {
			if i+joinDepth > len(segs) {
				return ""
			}
			return strings.Join(segs[:i+joinDepth], "/")
		}
	}
	return ""
}
