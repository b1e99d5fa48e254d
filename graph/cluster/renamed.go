package cluster

import "slices"

// Renamed is the partition with its packages moved to new paths (old
// path -> new path; paths not in moved stay), in the same order as a
// partition found at the new paths. moved must be one-to-one and land on
// no path the partition keeps. A trend clusters an old commit at
// its own paths, where every path rule and the engine's node order are
// the ones an analysis of that commit meets, and reports it at today's.
func (p *Partition) Renamed(moved map[string]string) *Partition {
	if len(moved) == 0 {
		return p
	}
	to := func(s string) string {
		if q, ok := moved[s]; ok {
			return q
		}
		return s
	}
	keys := func(m map[string]string) map[string]string {
		if m == nil {
			return nil
		}
		r := make(map[string]string, len(m))
		for k, v := range m {
			r[to(k)] = v
		}
		return r
	}
	q := &Partition{
		Declared: slices.Clone(p.Declared),
		Split:    slices.Clone(p.Split),
		Joined:   slices.Clone(p.Joined),
		Shared:   keys(p.Shared),
		Tooling:  keys(p.Tooling),
	}
	for _, ms := range p.Members {
		n := make([]string, len(ms))
		for i, m := range ms {
			n[i] = to(m)
		}
		q.Members = append(q.Members, n)
	}
	if p.Confidence != nil {
		q.Confidence = make(map[string]float64, len(p.Confidence))
		for k, v := range p.Confidence {
			q.Confidence[to(k)] = v
		}
	}
	for _, u := range p.Unplaced {
		q.Unplaced = append(q.Unplaced, to(u))
	}
	slices.Sort(q.Unplaced)
	if p.Delivery != nil {
		q.Delivery = make(map[string]bool, len(p.Delivery))
		for k, v := range p.Delivery {
			q.Delivery[to(k)] = v
		}
	}
	if q.Declared == nil {
		q.Declared = make([]string, len(q.Members))
	}
	q.normalize()
	return q
}
