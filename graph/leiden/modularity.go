package leiden

import "fmt"

// Modularity returns the modularity of the partition labels of g at the
// given resolution γ, as gonum's community.Q defines it:
//
//	Q = 1/2m Σ_ij (A_ij − γ k_i k_j / 2m) δ(c_i, c_j)
//
// where labels[i] is node i's community (any int values) and k_i its
// weighted degree. It is 0 for a graph without edges. It takes O(n + m)
// time. Modularity panics if len(labels) != g.Len().
func Modularity(g *Graph, labels []int, resolution float64) float64 {
	n := g.Len()
	if len(labels) != n {
		panic(fmt.Sprintf("leiden: Modularity: %d labels for %d nodes", len(labels), n))
	}
	dense := make([]int32, n)
	if !denseLabels(labels, dense) {
		ids := map[int]int32{}
		for i, l := range labels {
			id, ok := ids[l]
			if !ok {
				id = int32(len(ids))
				ids[l] = id
			}
			dense[i] = id
		}
	}
	return modularity(g, dense, resolution)
}

// denseLabels copies labels into dense if they all lie in 0..len(labels)-1.
func denseLabels(labels []int, dense []int32) bool {
	for i, l := range labels {
		if l < 0 || l >= len(labels) {
			return false
		}
		dense[i] = int32(l)
	}
	return true
}

// modularity is Modularity for labels in 0..n-1, on input and aggregate
// graphs alike: Σ_c (in_c − γ K_c²/2m) / 2m, where in_c sums A_ij over
// the ordered pairs inside c (self-loops once) and K_c the degrees.
func modularity(g *Graph, comm []int32, resolution float64) float64 {
	if g.Len() == 0 || g.total == 0 {
		return 0
	}
	in := make([]float64, g.Len())
	tot := make([]float64, g.Len())
	for i, c := range comm {
		tot[c] += g.deg[i]
		in[c] += g.self[i]
		nbr, w := g.row(int32(i))
		for e, j := range nbr {
			if comm[j] == c {
				in[c] += w[e]
			}
		}
	}
	var q float64
	for c := range in {
		q += in[c] - resolution*tot[c]*(tot[c]/g.total)
	}
	return q / g.total
}
