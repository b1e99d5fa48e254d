package rank

import (
	"github.com/seams-tool/seams/graph"
	"github.com/seams-tool/seams/graph/cluster"
	"github.com/seams-tool/seams/graph/internal/num"
)

// SmallShare is the share of the code in contexts under which a context
// is too small to be a service: its extraction would cost a deployment,
// an API and a data boundary for less than a fiftieth of the code.
const SmallShare = 0.02

// smallContexts flags the contexts under SmallShare of the code, each
// with the context the fused graph couples it to most (ties to the
// smaller id). cs holds the contexts' ids and LOC, in partition order.
func smallContexts(g *graph.Graph, part *cluster.Partition, cs []Context) []*Small {
	out := make([]*Small, len(cs))
	total := 0
	for _, c := range cs {
		total += c.LOC
	}
	if total == 0 || len(cs) < 2 {
		return out
	}
	var link map[[2]int]float64
	for i, c := range cs {
		s := float64(c.LOC) / float64(total)
		if s >= SmallShare {
			continue
		}
		if link == nil {
			link = contextCoupling(g, part)
		}
		best, bestW := -1, 0.0
		for j := range cs {
			w := link[[2]int{min(i, j), max(i, j)}]
			if j == i || w <= 0 {
				continue
			}
			if w > bestW || w == bestW && cs[j].ID < cs[best].ID {
				best, bestW = j, w
			}
		}
		out[i] = &Small{Share: num.Round(s, 4)}
		if best >= 0 {
			out[i].Partner = cs[best].ID
		}
	}
	return out
}

// contextCoupling sums the fused graph's weight between every two
// contexts, keyed by the pair of context indices, smaller first.
func contextCoupling(g *graph.Graph, part *cluster.Partition) map[[2]int]float64 {
	link := map[[2]int]float64{}
	for _, e := range g.Fused() {
		a, okA := part.Of[g.Path(e.A)]
		b, okB := part.Of[g.Path(e.B)]
		if !okA || !okB || a == b {
			continue
		}
		link[[2]int{min(a, b), max(a, b)}] += e.W
	}
	return link
}
