package cochange

import (
	"cmp"
	"slices"
)

// Renamed is the history with its packages moved to new paths (old path
// -> new path; paths not in moved stay), so that it can be read beside a
// graph and a partition moved the same way. moved must be one-to-one and
// land on no path the history keeps. The commits' files keep the paths
// the commits name them by: FileWindow, keyed by file, is unchanged, and
// it and the PackageHistory values are shared with h.
func (h *History) Renamed(moved map[string]string) *History {
	if h == nil || len(moved) == 0 {
		return h
	}
	to := func(p string) string {
		if q, ok := moved[p]; ok {
			return q
		}
		return p
	}
	r := *h
	r.Packages = make(map[string]*PackageHistory, len(h.Packages))
	for p, ph := range h.Packages {
		r.Packages[to(p)] = ph
	}
	r.Pairs = make([]Pair, len(h.Pairs))
	for i, p := range h.Pairs {
		p.A, p.B = to(p.A), to(p.B)
		if p.B < p.A {
			p.A, p.B = p.B, p.A
		}
		r.Pairs[i] = p
	}
	slices.SortFunc(r.Pairs, func(x, y Pair) int { return cmp.Or(cmp.Compare(x.A, y.A), cmp.Compare(x.B, y.B)) })
	r.UsedCommits = make([]UsedCommit, len(h.UsedCommits))
	for i, c := range h.UsedCommits {
		ps := make([]string, len(c.Packages))
		for j, p := range c.Packages {
			ps[j] = to(p)
		}
		slices.Sort(ps)
		c.Packages = ps
		churn := make(map[string]int, len(c.Churn))
		for p, n := range c.Churn {
			churn[to(p)] = n
		}
		c.Churn = churn
		r.UsedCommits[i] = c
	}
	return &r
}
