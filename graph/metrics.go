package graph

import (
	"sort"

	"gonum.org/v1/gonum/graph/community"

	gg "gonum.org/v1/gonum/graph"

	"github.com/seams-tool/seams/report"
)

// Measure computes the partition's quality metrics. Shared-kernel and
// unplaced packages are left out: the kernel is a library every service
// may use, and unplaced packages belong to no one.
func Measure(in *Input, part *Partition) report.Metrics {
	m := report.Metrics{Contexts: len(part.Members), Shared: len(part.Shared), Unplaced: len(part.Unplaced)}
	f := fuse(in)
	m.Modularity = report.LayerFigures{
		Fused:    round(modularity(f, f.total, part), 4),
		Imports:  round(modularity(f, f.layers[LayerImports], part), 4),
		Data:     round(modularity(f, f.layers[LayerData], part), 4),
		CoChange: round(modularity(f, f.layers[LayerCoChange], part), 4),
	}

	k := len(part.Members)
	size := make([]int, k)
	for i, ms := range part.Members {
		size[i] = len(ms)
	}
	// Edge counts on the import layer, as the literature defines the
	// metrics on call edges: mu inside a context, sigma between two.
	mu := make([]int, k)
	eps := make([]int, k)
	sigma := map[[2]int]int{}
	crossW, allW := 0, 0
	usedFromOutside := map[string]bool{}
	for _, e := range in.Imports {
		a, okA := part.Of[e.From]
		b, okB := part.Of[e.To]
		if !okA || !okB {
			continue
		}
		allW += e.Files
		if a == b {
			mu[a]++
			continue
		}
		m.CrossContextImports++
		crossW += e.Files
		eps[a]++
		eps[b]++
		sigma[[2]int{min(a, b), max(a, b)}]++
		usedFromOutside[e.To] = true
	}
	if k > 0 {
		inner := 0.0
		for i := range mu {
			inner += float64(mu[i]) / float64(size[i]*size[i])
		}
		sm := inner / float64(k)
		if k > 1 {
			between := 0.0
			for key, s := range sigma {
				between += float64(s) / float64(2*size[key[0]]*size[key[1]])
			}
			sm -= between / float64(k*(k-1)/2)
		}
		m.SM = round(sm, 4)
		m.IFN = round(float64(len(usedFromOutside))/float64(k), 4)
		mq := 0.0
		for i := range mu {
			if mu[i] > 0 {
				mq += 2 * float64(mu[i]) / (2*float64(mu[i]) + float64(eps[i]))
			}
		}
		m.MQ = round(mq, 4)
	}
	if allW > 0 {
		m.ICP = round(float64(crossW)/float64(allW), 4)
	}
	placed, mid := 0, 0
	for _, s := range size {
		placed += s
		if s >= 5 && s <= 20 {
			mid += s
		}
	}
	if placed > 0 {
		m.NED = round(1-float64(mid)/float64(placed), 4)
	}
	writers := map[string]map[int]bool{}
	for _, u := range in.Tables {
		i, ok := part.Of[u.Package]
		if !ok || !u.Write || u.DDL || u.Carried {
			continue
		}
		if writers[u.Table] == nil {
			writers[u.Table] = map[int]bool{}
		}
		writers[u.Table][i] = true
	}
	for _, w := range writers {
		if len(w) > 1 {
			m.SharedWriteTables++
		}
	}
	return m
}

// modularity is Newman's Q of the partition on one weighted layer, over
// the placed packages.
func modularity(f *fused, w map[pair]float64, part *Partition) float64 {
	// Q's node set is the placed packages, numbered densely in order.
	dense := map[int]int64{}
	for _, ms := range part.Members {
		for _, p := range ms {
			dense[f.index[p]] = 0
		}
	}
	ids := make([]int, 0, len(dense))
	for id := range dense {
		ids = append(ids, id)
	}
	sort.Ints(ids)
	for i, id := range ids {
		dense[id] = int64(i)
	}
	g := newOrdered(len(ids))
	comms := make([][]gg.Node, len(part.Members))
	for i, ms := range part.Members {
		for _, p := range ms {
			comms[i] = append(comms[i], g.Node(dense[f.index[p]]))
		}
	}
	edges := 0
	for _, k := range sortedPairs(w) {
		x, okX := dense[k[0]]
		y, okY := dense[k[1]]
		if okX && okY && w[k] > 0 {
			g.set(x, y, w[k])
			edges++
		}
	}
	g.freeze()
	if edges == 0 {
		return 0
	}
	return community.Q(g, comms, 1)
}
