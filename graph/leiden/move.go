package leiden

import "math"

// tolerance is how much a move must gain, relative to the largest term
// of a gain (k_i·max(1, γ)), to count: float rounding in the community
// totals must not make a node hop back and forth between two equally good
// communities.
const tolerance = 1e-12

// maxVisits bounds local moving to this many visits per node, so that no
// input can make it run for long; real and generated graphs need 2 to 4.
const maxVisits = 256

// gather sums, into r.acc, the weight from node i to each community of
// its neighbours, as comm names them, and lists those in r.touched in
// order of first appearance in i's row.
func (r *runner) gather(g *Graph, i int32, comm []int32) {
	r.touched = r.touched[:0]
	nbr, w := g.row(i)
	for e, j := range nbr {
		c := comm[j]
		if !r.seen[c] {
			r.seen[c] = true
			r.touched = append(r.touched, c)
		}
		r.acc[c] += w[e]
	}
}

// release clears what gather left in r.acc.
func (r *runner) release() {
	for _, c := range r.touched {
		r.acc[c] = 0
		r.seen[c] = false
	}
}

// moveNodes is Leiden's fast local moving: nodes are taken from a queue,
// first in a random order, and each moves to the neighbouring (or an
// empty) community that raises modularity most. Only the neighbours a move
// may concern, those outside the node's new community, are queued again.
// comm is updated in place; moveNodes returns the number of non-empty
// communities.
//
// The gain of moving node i, taken out of its community, into community C
// is k_i,C − γ k_i K_C / 2m (times 1/m), where k_i,C is the weight from i
// to C and K_C the degree sum of C. Ties go to staying, then to the lowest
// community id.
func (r *runner) moveNodes(g *Graph, comm []int32) int {
	n := g.Len()
	tot, size := r.tot[:n], r.size[:n]
	clear(tot)
	clear(size)
	for i, c := range comm {
		tot[c] += g.deg[i]
		size[c]++
	}
	empty := r.empty[:0]
	for c := n - 1; c >= 0; c-- {
		if size[c] == 0 {
			empty = append(empty, int32(c))
		}
	}
	queue, inQueue := r.order[:n], r.inQueue[:n]
	r.shuffle(queue)
	for i := range inQueue {
		inQueue[i] = true
	}
	// queue is a ring: it holds the queued nodes from head to tail, at most
	// n since none is queued twice.
	head, tail, queued := 0, 0, n
	for budget := maxVisits * n; queued > 0 && budget > 0; queued, budget = queued-1, budget-1 {
		i := queue[head]
		if head++; head == n {
			head = 0
		}
		inQueue[i] = false

		d, ki := comm[i], g.deg[i]
		scale := r.gamma * ki
		r.gather(g, i, comm)
		stay := r.acc[d] - scale*(tot[d]-ki)
		best, bestGain := int32(-1), math.Inf(-1)
		for _, c := range r.touched {
			if c == d {
				continue
			}
			if gain := r.acc[c] - scale*tot[c]; gain > bestGain || gain == bestGain && c < best {
				best, bestGain = c, gain
			}
		}
		if size[d] > 1 && len(empty) > 0 {
			// A fresh community of its own gains 0.
			if c := empty[len(empty)-1]; 0 > bestGain || 0 == bestGain && c < best {
				best, bestGain = c, 0
			}
		}
		r.release()
		if best < 0 || !(bestGain > stay+r.tol*ki) {
			continue
		}

		if size[best] == 0 {
			empty = empty[:len(empty)-1]
		}
		comm[i] = best
		tot[d] -= ki
		size[d]--
		tot[best] += ki
		size[best]++
		if size[d] == 0 {
			empty = append(empty, d)
		}
		nbr, _ := g.row(i)
		for _, j := range nbr {
			if comm[j] != best && !inQueue[j] {
				inQueue[j] = true
				queue[tail] = j
				if tail++; tail == n {
					tail = 0
				}
				queued++
			}
		}
	}
	r.empty = empty
	k := 0
	for _, s := range size {
		if s > 0 {
			k++
		}
	}
	return k
}

// refine is Leiden's refinement phase. Inside each community S of comm it
// starts from singletons and, visiting the nodes in a random order, merges
// each node that is still alone and well connected to the rest of S,
//
//	E(v, S−v) ≥ γ k_v (K_S − k_v) / 2m,
//
// into the refined community C ⊆ S that gains most, among those adjacent
// to it that are themselves well connected to the rest of S. Every merge
// joins a node to a community it has an edge to, so every refined
// community is connected. refine returns the refined community of every
// node (ids in 0..n-1, not dense) and their number.
//
// The paper draws C at random, with a probability growing with its gain;
// like leidenalg's reference implementation, refine takes the best
// (ties: the lowest id), and leaves the exploration to the restarts.
func (r *runner) refine(g *Graph, comm []int32) ([]int32, int) {
	n := g.Len()
	rc, rtot, rsize, ext, ktot := r.rc[:n], r.rtot[:n], r.rsize[:n], r.ext[:n], r.tot[:n]
	clear(ktot)
	for i := range n {
		rc[i], rtot[i], rsize[i], ext[i] = int32(i), g.deg[i], 1, 0
		ktot[comm[i]] += g.deg[i]
		nbr, w := g.row(int32(i))
		for e, j := range nbr {
			if comm[j] == comm[i] {
				ext[i] += w[e]
			}
		}
	}
	order := r.order[:n]
	r.shuffle(order)
	k := n
	for _, v := range order {
		if rsize[v] != 1 {
			continue // no longer alone: others joined it
		}
		kv, ks := g.deg[v], ktot[comm[v]]
		if ext[v] < r.gamma*kv*(ks-kv) {
			continue
		}
		r.touched = r.touched[:0]
		nbr, w := g.row(v)
		for e, j := range nbr {
			if comm[j] != comm[v] {
				continue
			}
			c := rc[j]
			if !r.seen[c] {
				r.seen[c] = true
				r.touched = append(r.touched, c)
			}
			r.acc[c] += w[e]
		}
		best, bestGain := int32(-1), r.tol*kv
		for _, c := range r.touched {
			if ext[c] < r.gamma*rtot[c]*(ks-rtot[c]) {
				continue
			}
			if gain := r.acc[c] - r.gamma*kv*rtot[c]; gain > bestGain || gain == bestGain && best >= 0 && c < best {
				best, bestGain = c, gain
			}
		}
		if best >= 0 {
			ext[best] += ext[v] - 2*r.acc[best]
			rtot[best] += kv
			rsize[best]++
			rsize[v] = 0
			rc[v] = best
			k--
		}
		r.release()
	}
	return rc, k
}
