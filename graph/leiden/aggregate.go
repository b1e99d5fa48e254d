package leiden

// aggregate contracts each of the k communities of part (ids in 0..n-1)
// into one node. The new nodes are numbered in order of first appearance
// over the nodes of g; aggregate returns the new graph and the new node of
// every node of g. Weight inside a community becomes the new node's
// self-loop, so degrees and 2m are kept.
func (r *runner) aggregate(g *Graph, part []int32, k int) (*Graph, []int32) {
	n := g.Len()
	ids := r.ids[:n]
	remap := r.order[:n]
	for i := range remap {
		remap[i] = -1
	}
	next := int32(0)
	for i, c := range part {
		if remap[c] < 0 {
			remap[c] = next
			next++
		}
		ids[i] = remap[c]
	}

	// Members of each new node, in node order: a counting sort.
	first := r.first[:k+1]
	clear(first)
	for _, a := range ids {
		first[a+1]++
	}
	for a := range k {
		first[a+1] += first[a]
	}
	members := r.members[:n]
	fill := r.fill[:k]
	copy(fill, first)
	for i, a := range ids {
		members[fill[a]] = int32(i)
		fill[a]++
	}

	// Aggregates alternate between two buffers sized for the input graph:
	// g is the input or one of them, and is read while the other is built.
	agg := r.spare[0]
	if agg == g {
		agg = r.spare[1]
	}
	agg.start = agg.start[:k+1]
	agg.nbr = agg.nbr[:0]
	agg.w = agg.w[:0]
	agg.self = agg.self[:k]
	agg.deg = agg.deg[:k]
	agg.total = g.total
	clear(agg.self)
	clear(agg.deg)
	for a := range int32(k) {
		r.touched = r.touched[:0]
		for _, x := range members[first[a]:first[a+1]] {
			agg.self[a] += g.self[x]
			agg.deg[a] += g.deg[x]
			nbr, w := g.row(x)
			for e, y := range nbr {
				b := ids[y]
				if b == a {
					agg.self[a] += w[e] // seen from both ends: A_ab + A_ba
					continue
				}
				if !r.seen[b] {
					r.seen[b] = true
					r.touched = append(r.touched, b)
				}
				r.acc[b] += w[e]
			}
		}
		for _, b := range r.touched {
			agg.nbr = append(agg.nbr, b)
			agg.w = append(agg.w, r.acc[b])
		}
		r.release()
		agg.start[a+1] = int32(len(agg.nbr))
	}
	return agg, ids
}

// components splits every community of comm into its connected parts.
// It returns the parts, numbered in order of first appearance, and their
// number. Splitting a disconnected community never lowers modularity: no
// edge leaves it, and the null model's penalty between the parts goes.
func components(g *Graph, comm []int32) ([]int32, int) {
	n := g.Len()
	part := make([]int32, n)
	for i := range part {
		part[i] = -1
	}
	var stack []int32
	k := int32(0)
	for s := range int32(n) {
		if part[s] >= 0 {
			continue
		}
		part[s] = k
		stack = append(stack[:0], s)
		for len(stack) > 0 {
			x := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			nbr, _ := g.row(x)
			for _, y := range nbr {
				if part[y] < 0 && comm[y] == comm[x] {
					part[y] = k
					stack = append(stack, y)
				}
			}
		}
		k++
	}
	return part, int(k)
}
