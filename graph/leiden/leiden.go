package leiden

import (
	"fmt"
	"math"
	"math/bits"
	"math/rand/v2"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
)

// Partition is the result of one run.
type Partition struct {
	// Labels[i] is node i's community. Communities are numbered 0, 1, ...
	// in order of first appearance over the nodes 0..n-1, so two runs that
	// found the same partition have equal Labels.
	Labels []int
	// Q is the modularity of Labels at the run's resolution.
	Q float64
}

// maxIterations bounds the Leiden iterations of one run. Each iteration
// must raise Q, and in practice the third or fourth no longer does.
const maxIterations = 32

// Run clusters g once, from one seed, maximising modularity at the given
// resolution γ (1 is Newman's modularity; larger values give smaller
// communities). The result depends only on g, resolution and seed.
// Every community of the result is connected. Run returns an error if
// resolution is negative, NaN or infinite.
func Run(g *Graph, resolution float64, seed uint64) (Partition, error) {
	if err := checkResolution(resolution); err != nil {
		return Partition{}, err
	}
	return run(g, resolution, seed), nil
}

// Restarts runs Run from the seeds seed, seed+1, ..., seed+n-1 on up to
// GOMAXPROCS goroutines and returns the n partitions in seed order. Each
// run is single-threaded and depends only on its seed, so the result
// depends neither on scheduling nor on GOMAXPROCS.
func Restarts(g *Graph, resolution float64, seed uint64, n int) ([]Partition, error) {
	if err := checkResolution(resolution); err != nil {
		return nil, err
	}
	if n < 0 {
		return nil, fmt.Errorf("leiden: %d restarts", n)
	}
	out := make([]Partition, n)
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), n) {
		wg.Go(func() {
			for {
				r := next.Add(1) - 1
				if r >= int64(n) {
					return
				}
				out[r] = run(g, resolution, seed+uint64(r))
			}
		})
	}
	wg.Wait()
	return out, nil
}

func checkResolution(resolution float64) error {
	if !(resolution >= 0) || math.IsInf(resolution, 1) {
		return fmt.Errorf("leiden: resolution %v: want a finite number >= 0", resolution)
	}
	return nil
}

// run repeats Leiden iterations, each starting from the partition the
// previous one found, for as long as they raise Q.
func run(g *Graph, resolution float64, seed uint64) Partition {
	n := g.Len()
	if n == 0 {
		return Partition{Labels: []int{}}
	}
	labels := make([]int32, n)
	for i := range labels {
		labels[i] = int32(i)
	}
	q := modularity(g, labels, resolution)
	if g.total > 0 {
		r := newRunner(g, resolution, seed)
		for range maxIterations {
			next := r.iterate(g, labels)
			nq := modularity(g, next, resolution)
			if !(nq > q+1e-12) {
				break
			}
			labels, q = next, nq
		}
	}
	out := canonical(labels)
	// Refinement keeps communities connected, except where it merged
	// nothing and iterate aggregated on the unrefined partition; splitting
	// a disconnected community can only raise Q.
	if split, k := components(g, labels); n > 0 && k > slices.Max(out)+1 {
		out, q = canonical(split), modularity(g, split, resolution)
	}
	return Partition{Labels: out, Q: q}
}

// canonical numbers communities in order of first appearance.
func canonical(labels []int32) []int {
	id := make([]int, len(labels))
	for i := range id {
		id[i] = -1
	}
	out := make([]int, len(labels))
	k := 0
	for i, l := range labels {
		if id[l] < 0 {
			id[l] = k
			k++
		}
		out[i] = id[l]
	}
	return out
}

// runner holds one run's random source and scratch space, sized for the
// input graph and reused by every (smaller) aggregate graph.
type runner struct {
	src   *rand.PCG
	gamma float64 // resolution / 2m: the factor of k_i·K_C in a gain
	tol   float64 // times k_i: the least gain that counts, see tolerance
	base  int     // node count of the input graph

	acc     []float64 // per community: weight from the current node
	seen    []bool    // per community: acc holds a value
	touched []int32   // communities with seen set
	order   []int32
	inQueue []bool
	tot     []float64 // per community: sum of degrees
	size    []int32   // per community: node count
	empty   []int32   // ids of empty communities
	rc      []int32   // refinement: community per node
	rtot    []float64
	rsize   []int32
	ext     []float64 // refinement: weight to the rest of the node's community
	ids     []int32
	first   []int32 // aggregation: counting sort of the members
	members []int32
	fill    []int32
	spare   [2]*Graph // aggregate graphs, see aggregate
}

func newRunner(g *Graph, resolution float64, seed uint64) *runner {
	n := g.Len()
	r := &runner{
		src:     rand.NewPCG(seed, seed),
		gamma:   resolution / g.total,
		base:    n,
		acc:     make([]float64, n),
		seen:    make([]bool, n),
		order:   make([]int32, n),
		inQueue: make([]bool, n),
		tot:     make([]float64, n),
		size:    make([]int32, n),
		rc:      make([]int32, n),
		rtot:    make([]float64, n),
		rsize:   make([]int32, n),
		ext:     make([]float64, n),
		ids:     make([]int32, 2*n),
		first:   make([]int32, n+1),
		members: make([]int32, n),
		fill:    make([]int32, n),
	}
	for i := range r.spare {
		r.spare[i] = &Graph{
			start: make([]int32, n+1),
			nbr:   make([]int32, 0, len(g.nbr)),
			w:     make([]float64, 0, len(g.w)),
			self:  make([]float64, n),
			deg:   make([]float64, n),
		}
	}
	return r
}

// iterate is one Leiden iteration from the partition labels of the input
// graph g: local moving, refinement and aggregation, level after level,
// until local moving leaves every node of the aggregate graph alone.
func (r *runner) iterate(g *Graph, labels []int32) []int32 {
	comm := append([]int32(nil), labels...) // partition of the current graph
	nodeOf := make([]int32, r.base)         // input node -> node of the current graph
	for i := range nodeOf {
		nodeOf[i] = int32(i)
	}
	for {
		if r.moveNodes(g, comm) == g.Len() {
			break
		}
		refined, k := r.refine(g, comm)
		if k == g.Len() {
			// Refinement merged nothing. Aggregating on the connected parts
			// of the communities still shrinks the graph and keeps every
			// aggregate node connected.
			refined, k = components(g, comm)
			if k == g.Len() {
				break
			}
		}
		agg, ids := r.aggregate(g, refined, k)
		// The aggregate starts from the unrefined partition.
		next := make([]int32, k)
		remap := r.ids[g.Len() : 2*g.Len()] // ids[:g.Len()] holds the aggregate ids
		for i := range remap {
			remap[i] = -1
		}
		c := int32(0)
		for i, a := range ids {
			if next[a] = remap[comm[i]]; next[a] < 0 {
				remap[comm[i]] = c
				next[a] = c
				c++
			}
		}
		for i, v := range nodeOf {
			nodeOf[i] = ids[v]
		}
		g, comm = agg, next
	}
	out := make([]int32, r.base)
	for i, v := range nodeOf {
		out[i] = comm[v]
	}
	return out
}

// shuffle fills p with a random permutation of 0..len(p)-1. It draws only
// on PCG's output, which is specified, and not on math/rand's Shuffle,
// whose algorithm a Go release may change: runs stay reproducible across
// Go versions.
func (r *runner) shuffle(p []int32) {
	for i := range p {
		p[i] = int32(i)
	}
	for i := len(p) - 1; i > 0; i-- {
		j, _ := bits.Mul64(r.src.Uint64(), uint64(i+1))
		p[i], p[j] = p[j], p[i]
	}
}
